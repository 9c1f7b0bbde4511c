// `npm run guides`: walks every guide spec (tests/guides/<guide-id>.spec.ts) against the configured target
// and writes the reports under reports/. Options pick a subset; anything else goes to Playwright as is.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { loadConfigOrExit } from '../lib/config.ts';
import { isLocale, LOCALES } from '../lib/locale.ts';

const HELP = `Usage: npm run guides [-- options]

Walks each help guide step by step in a real browser against the target in .env (the sandbox by
default), checks the words every step quotes, and writes reports/html, reports/junit.xml and
reports/guides/ (REPORTS_DIR moves them).

Options:
  --guide <id>      only this guide (repeatable); ids are the spec names in tests/guides/
  --locale <${LOCALES.join('|')}>  only the guides in this language
  --shard <i/n>     run part i of n (Playwright's sharding, one part per machine); the part also
                    writes its blob report to reports/blob/
  --merge <dir>     walk nothing: merge the blob reports of every shard, collected in <dir>, into
                    the reports a single run would write, and fail when a guide drifted or broke
  --manifest <file> walk the guides a guide manifest lists (real articles in their own format, bound
                    to the specs; see guides.config.ts) instead of guides/ (same as GUIDES_MANIFEST)
  --help            this text
Anything else is passed to Playwright, e.g. --headed, --workers=1, --repeat-each=3.

The run fails (exit 1) when a guide step drifts or breaks, when the filters match no test, and when
every guide test was skipped: a run that tested nothing is not green.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}

const config = loadConfigOrExit();

const mergeAt = args.findIndex((a) => a === '--merge' || a.startsWith('--merge='));
if (mergeAt >= 0) process.exit(merge(args[mergeAt]!.split('=', 2)[1] ?? args[mergeAt + 1]));

const specDir = path.resolve('tests/guides');
const specs = existsSync(specDir) ? readdirSync(specDir).filter((f) => f.endsWith('.spec.ts')) : [];
const known = specs.map((f) => f.replace(/\.spec\.ts$/, ''));

const guides: string[] = [];
const locales: string[] = [];
let manifest: string | undefined;
const rest: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
  if (flag === '--manifest') {
    manifest = inline ?? args[++i];
    if (!manifest || !existsSync(manifest)) {
      console.error(
        `guidewright: --manifest needs a guide manifest file (got "${manifest ?? ''}").\n\n${HELP}`,
      );
      process.exit(2);
    }
    manifest = path.resolve(manifest);
  } else if (flag === '--guide' || flag === '--locale') {
    const value = inline ?? args[++i];
    if (!value) {
      console.error(`guidewright: ${flag} needs a value.\n\n${HELP}`);
      process.exit(2);
    }
    (flag === '--guide' ? guides : locales).push(value);
  } else rest.push(arg);
}

for (const locale of locales) {
  if (!isLocale(locale)) {
    console.error(`guidewright: unknown --locale "${locale}"; the guides exist in: ${LOCALES.join(', ')}.`);
    process.exit(2);
  }
}
for (const id of guides) {
  if (!known.includes(id)) {
    console.error(`guidewright: no guide spec "${id}". Known guides: ${known.join(', ') || '(none yet)'}.`);
    process.exit(2);
  }
}

if (specs.length === 0) {
  console.log(
    'guidewright: there are no guide specs yet (tests/guides/*.spec.ts); the run will report 0 guides.',
  );
}

const projects = (locales.length ? locales : LOCALES).map((l) => `--project=guides-${l}`);
const files = guides.map((id) => path.join('tests', 'guides', `${id}.spec.ts`));
console.log(
  `guidewright: walking ${guides.length ? guides.join(', ') : 'all guides'} ` +
    `(${(locales.length ? locales : LOCALES).join(', ')})${manifest ? ` from ${path.relative(process.cwd(), manifest)}` : ''} against ${config.target} (${config.urls.connect})`,
);

// No --pass-with-no-tests: filters that match nothing fail the run ("No tests found").
const result = spawnSync('npx', ['playwright', 'test', ...projects, ...files, ...rest], {
  stdio: 'inherit',
  ...(manifest ? { env: { ...process.env, GUIDES_MANIFEST: manifest } } : {}),
});
const r = config.reportsDir;
console.log(`guidewright: reports in ${r}/html (Playwright), ${r}/junit.xml and ${r}/guides/.`);
process.exit(result.status ?? 1);

/**
 * `--merge <dir>`: Playwright's merge-reports over the shards' blob reports, with this project's reporters
 * (the guide report, the HTML report, JUnit); the exit code says whether the whole run was good.
 */
function merge(dir: string | undefined): number {
  if (!dir || dir.startsWith('--')) {
    console.error(`guidewright: --merge needs the folder that holds the shards' blob reports.\n\n${HELP}`);
    return 2;
  }
  const blobs = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.zip')) : [];
  if (blobs.length === 0) {
    console.error(`guidewright: no blob reports (*.zip) in ${dir}: did the shards run with --shard?`);
    return 1;
  }
  console.log(`guidewright: merging ${blobs.length} blob report(s) from ${dir}`);
  // A report left by an earlier run must not stand in for this merge.
  const file = path.join(config.reportsDir, 'guides', 'results.json');
  rmSync(file, { force: true });
  const merged = spawnSync('npx', ['playwright', 'merge-reports', '-c', 'playwright.config.ts', dir], {
    stdio: 'inherit',
  });
  if (merged.status !== 0) return merged.status ?? 1;
  let report: { runStatus: string; totals: Record<string, number>; guides: unknown[] };
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as typeof report;
  } catch {
    console.error(`guidewright: the merged run walked no guide (no ${file}).`);
    return 1;
  }
  const { drift = 0, broken = 0 } = report.totals;
  if (report.runStatus !== 'passed' || drift + broken > 0) {
    console.error(
      `guidewright: the merged run ${report.runStatus}: ${drift} step(s) with doc drift, ${broken} broken flow.`,
    );
    return 1;
  }
  return 0;
}
