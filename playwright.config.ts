import os from 'node:os';
import { defineConfig, devices } from '@playwright/test';
import { loadConfigOrExit } from './lib/config.ts';
import { resolveBrowser } from './lib/browser.ts';
import { BROWSER_LOCALE, LOCALES } from './lib/locale.ts';
import type { TraceOptions } from './fixtures/trace.ts';

// Bad settings stop here, before any test, with one message listing every problem.
const config = loadConfigOrExit();

const CI = !!process.env.CI;
const argv = process.argv.slice(2);
/** `--list` only lists: no reporter may replace the reports of the last real run. */
const listing = argv.includes('--list');
/** `--shard=i/n`: this machine runs one part; its blob report is merged with the others' afterwards. */
const sharded = argv.some((a) => a === '--shard' || a.startsWith('--shard='));
/** `playwright merge-reports -c playwright.config.ts`: only the reporters run, no browser is needed. */
const merging = argv.includes('merge-reports');

// The browser: a local one (lib/browser.ts picks it), or one a browser server elsewhere launches
// (PW_TEST_CONNECT_WS_ENDPOINT), where CHROMIUM_PATH, when set, names the server machine's browser.
let executablePath: string | undefined = config.chromiumPath;
if (!config.remoteBrowser && !merging) {
  try {
    executablePath = resolveBrowser(config.chromiumPath, undefined, undefined, !config.headed).executablePath;
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

/** REPORTS_DIR (default reports): html/, junit.xml, guides/ and, in a shard, blob/. */
const reports = config.reportsDir;

const use = {
  ...devices['Desktop Chrome'],
  headless: !config.headed,
  launchOptions: { executablePath },
  ...(config.remoteBrowser ? { connectOptions: config.remoteBrowser } : {}),
  // A trace records every action with DOM snapshots, about a quarter of a browser test's time on a 2-core
  // machine. On CI (one retry) only the retry of a failed test records one; locally a failed test keeps its.
  trace: CI ? ('on-first-retry' as const) : ('retain-on-failure' as const),
  screenshot: 'only-on-failure' as const,
};

// The projects whose tests have a secrets registry (fixtures/index.ts) keep a failed test's trace and
// picture through fixtures/trace.ts instead: redacted and masked, so the reports CI uploads hold no secret.
const guarded = {
  ...use,
  trace: 'off' as const,
  screenshot: 'off' as const,
  secretTrace: config.trace ?? use.trace,
  secretScreenshot: 'only-on-failure' as const,
};

export default defineConfig<TraceOptions>({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // Half the cores, as Playwright would, but never fewer than 2: the guides wait on the sandbox and the
  // mail sink often enough that two workers finish sooner even on a 2-core machine.
  workers: config.workers ?? Math.max(2, Math.floor(os.availableParallelism() / 2)),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalSetup: './tests/global-setup.ts',
  reporter: listing
    ? [['list']]
    : [
        ['list'],
        // Refuses a green run that tested nothing (every test skipped, every guide test skipped); first,
        // so the reports after it show the status it sets.
        ['./reporters/run-guard.ts'],
        ['html', { outputFolder: `${reports}/html`, open: 'never' }],
        ['junit', { outputFile: `${reports}/junit.xml` }],
        // The doc writers' report: only runs that walk guide specs write it (see docs/guide-report.md).
        // In a shard it covers that shard and says so; `npm run guides -- --merge` makes the whole one.
        ['./reporters/guide.ts', { outputDir: `${reports}/guides` }],
        // A shard's whole result, for `npm run guides -- --merge` (Playwright's merge-reports).
        // The release gate's coverage table (requirement → test → last result): release-gate.md/.json.
        ['./reporters/release-gate.ts', { outputDir: reports }],
        ...(sharded ? [['blob', { outputDir: `${reports}/blob` }] as const] : []),
      ],
  use,
  projects: [
    // Framework-free helpers: no browser, no target.
    { name: 'unit', testDir: './tests/unit' },
    // The suite's own machinery in a browser on set-content pages: no target needed.
    { name: 'suite', testDir: './tests/suite' },
    // The sandbox's own behaviour, over HTTP and the browser.
    { name: 'sandbox', testDir: './tests/sandbox' },
    // One spec per guide, in the guide's language.
    ...LOCALES.map((locale) => ({
      name: `guides-${locale}`,
      testDir: './tests/guides',
      grep: new RegExp(`@${locale}\\b`),
      use: { ...guarded, locale: BROWSER_LOCALE[locale] },
    })),
    // Negative paths and security properties of the target.
    { name: 'regression', testDir: './tests/regression', use: guarded },
  ],
  webServer:
    config.target === 'sandbox'
      ? {
          command: 'npm run sandbox',
          url: `http://localhost:${config.sandbox.port}/healthz`,
          reuseExistingServer: !CI,
          timeout: 60_000,
          stdout: 'ignore',
          stderr: 'pipe',
          env: { SANDBOX_TEST_MODE: '1' },
        }
      : undefined,
});
