import os from 'node:os';
import { defineConfig, devices } from '@playwright/test';
import { loadConfigOrExit } from './lib/config.ts';
import { resolveBrowser } from './lib/browser.ts';
import { BROWSER_LOCALE, LOCALES } from './lib/locale.ts';

// Bad settings stop here, before any test, with one message listing every problem.
const config = loadConfigOrExit();

let browser;
try {
  browser = resolveBrowser(config.chromiumPath);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const CI = !!process.env.CI;

const use = {
  ...devices['Desktop Chrome'],
  headless: !config.headed,
  launchOptions: { executablePath: browser.executablePath },
  trace: 'retain-on-failure' as const,
  screenshot: 'only-on-failure' as const,
};

export default defineConfig({
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
  reporter: [
    ['list'],
    ['html', { outputFolder: 'reports/html', open: 'never' }],
    ['junit', { outputFile: 'reports/junit.xml' }],
    // The doc writers' report: only runs that walk guide specs write it (see docs/guide-report.md).
    ['./reporters/guide.ts', { outputDir: 'reports/guides' }],
    // The release gate's coverage table (requirement → test → last result): reports/release-gate.md/.json.
    ['./reporters/release-gate.ts', { outputDir: 'reports' }],
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
      use: { ...use, locale: BROWSER_LOCALE[locale] },
    })),
    // Negative paths and security properties of the target.
    { name: 'regression', testDir: './tests/regression' },
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
