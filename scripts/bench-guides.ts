// `npm run bench:guides`: how long walking the guides takes, and what each layer of the guide check costs.
//  1. every guide path (one test in tests/guides) N times on one worker, in rounds that alternate four
//     settings, so a busy spell of the machine hits all alike: bare (no check, no pictures, no axe), the
//     check (observation and matching), + the step pictures (taken and masked), + axe on every step
//     (GUIDEWRIGHT_AXE=report): median wall time per path, and each layer's cost per step walked;
//  2. one whole `npm run guides` (default workers, default settings), wall time.
// Each Playwright run starts its own sandbox (TARGET=sandbox), as `npm run guides` does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfigOrExit } from '../lib/config.ts';
import { STEPS_ATTACHMENT } from '../lib/guide/index.ts';

const HELP = `Usage: npm run bench:guides [-- --runs N]

Walks every guide path N times (default 3) on one worker, in rounds that alternate four settings:
  bare      GUIDEWRIGHT_CHECK=0 GUIDEWRIGHT_SCREENSHOTS=0 GUIDEWRIGHT_AXE=off
  check     the guide check on (observation, matching), no pictures, no axe
  pictures  the check and the step pictures (taken and masked): the default
  axe       all of that and axe on each step's screen (GUIDEWRIGHT_AXE=report)
prints the median wall time of each path per setting and what each layer costs per step walked and as a
share of a path, then times one whole \`npm run guides\` with the default settings.
Targets: pictures, masking and axe together ≤ 10 % of a guide path; ≤ 6 s per path; ≤ 90 s for everything.`;

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`bench:guides: --runs needs a whole number greater than 0\n\n${HELP}`);
  process.exit(2);
}
const config = loadConfigOrExit();

interface JsonSuite {
  title: string;
  file: string;
  suites?: JsonSuite[];
  specs: Array<{
    title: string;
    file: string;
    tests: Array<{
      projectName: string;
      results: Array<{
        duration: number;
        status: string;
        attachments?: Array<{ name: string; body?: string }>;
      }>;
    }>;
  }>;
}

interface Variant {
  name: string;
  env: Record<string, string>;
}
const VARIANTS: Variant[] = [
  { name: 'bare', env: { GUIDEWRIGHT_CHECK: '0', GUIDEWRIGHT_SCREENSHOTS: '0', GUIDEWRIGHT_AXE: 'off' } },
  { name: 'check', env: { GUIDEWRIGHT_CHECK: '1', GUIDEWRIGHT_SCREENSHOTS: '0', GUIDEWRIGHT_AXE: 'off' } },
  { name: 'pictures', env: { GUIDEWRIGHT_CHECK: '1', GUIDEWRIGHT_SCREENSHOTS: '1', GUIDEWRIGHT_AXE: 'off' } },
  { name: 'axe', env: { GUIDEWRIGHT_CHECK: '1', GUIDEWRIGHT_SCREENSHOTS: '1', GUIDEWRIGHT_AXE: 'report' } },
];
/** Guide steps each path walks (from its guide-step attachment), the same in every setting. */
const stepsOf = new Map<string, number>();

/** Runs the guide projects with the JSON reporter; returns the durations of each path (file › title). */
function walk(variant: Variant, round: number): Map<string, number[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-bench-'));
  const out = path.join(dir, 'results.json');
  const label = variant.name;
  console.log(`bench:guides: round ${round} of ${runs}: every guide path, 1 worker, ${label} …`);
  const run = spawnSync(
    'npx',
    [
      'playwright',
      'test',
      '--project=guides-en',
      '--project=guides-nb',
      '--repeat-each=1',
      '--workers=1',
      '--retries=0',
      '--reporter=json',
      `--output=${path.join(dir, 'test-results')}`,
    ],
    {
      env: { ...process.env, ...variant.env, GUIDEWRIGHT_TRACE: 'off', PLAYWRIGHT_JSON_OUTPUT_NAME: out },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const durations = new Map<string, number[]>();
  try {
    const report = JSON.parse(readFileSync(out, 'utf8')) as { suites: JsonSuite[] };
    const visit = (suite: JsonSuite) => {
      for (const spec of suite.specs) {
        for (const t of spec.tests) {
          for (const r of t.results) {
            if (r.status !== 'passed') {
              throw new Error(
                `${spec.file} › ${spec.title} did not pass (${r.status}); fix it before timing it`,
              );
            }
            const key = `${path.basename(spec.file, '.spec.ts')} › ${spec.title}`;
            durations.set(key, [...(durations.get(key) ?? []), r.duration]);
            const steps = r.attachments?.find((a) => a.name === STEPS_ATTACHMENT)?.body;
            if (steps) {
              const run = JSON.parse(Buffer.from(steps, 'base64').toString('utf8')) as { steps: unknown[] };
              stepsOf.set(key, run.steps.length);
            }
          }
        }
      }
      suite.suites?.forEach(visit);
    };
    report.suites.forEach(visit);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (run.status !== 0) throw new Error(`the guide run (${label}) failed with exit code ${run.status}`);
  return durations;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Appends each path's durations of one round to the totals. */
function add(into: Map<string, number[]>, round: Map<string, number[]>): void {
  for (const [key, times] of round) into.set(key, [...(into.get(key) ?? []), ...times]);
}
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

try {
  console.log(`bench:guides: load average (1/5/15 min) at the start: ${load()} on ${os.cpus().length} cores`);
  const times = VARIANTS.map(() => new Map<string, number[]>());
  for (let round = 1; round <= runs; round++) {
    VARIANTS.forEach((variant, v) => add(times[v]!, walk(variant, round)));
  }
  const bare = times[0]!;
  if (bare.size === 0) {
    console.log('bench:guides: there are no guide specs to time (tests/guides/*.spec.ts).');
    process.exit(0);
  }
  const width = Math.max(...[...bare.keys()].map((k) => k.length)) + 4;
  console.log(
    `\nGuide path (median of ${runs}, 1 worker)`.padEnd(width) +
      `${'steps'.padEnd(7)}${VARIANTS.map((v) => v.name.padEnd(11)).join('')}`,
  );
  const totals = VARIANTS.map(() => 0);
  let steps = 0;
  for (const key of [...bare.keys()].sort()) {
    const medians = times.map((t) => median(t.get(key) ?? []));
    medians.forEach((m, v) => (totals[v]! += m));
    steps += stepsOf.get(key) ?? 0;
    const slow = medians[2]! > 6000 ? '   (over 6 s)' : '';
    console.log(
      `  ${key}`.padEnd(width) +
        `${String(stepsOf.get(key) ?? '?').padEnd(7)}${medians.map((m) => secs(m).padEnd(11)).join('')}${slow}`,
    );
  }
  const [tBare, tCheck, tPictures, tAxe] = totals as [number, number, number, number];
  const layer = (name: string, ms: number) =>
    console.log(
      `bench:guides: ${name.padEnd(34)} ${(ms / Math.max(1, steps)).toFixed(0).padStart(5)} ms a step, ` +
        `${((ms / tBare) * 100).toFixed(1).padStart(5)} % of a path`,
    );
  console.log(`bench:guides: sums of the medians over ${bare.size} paths, ${steps} steps:`);
  layer('the check (observation, matching)', tCheck - tBare);
  layer('step pictures (taken and masked)', tPictures - tCheck);
  layer('axe on every step', tAxe - tPictures);
  const extra = (tAxe - tCheck) / tBare;
  console.log(
    `bench:guides: pictures, masking and axe together: ${(extra * 100).toFixed(1)} % of a path ` +
      `(target ≤ 10 %: ${extra <= 0.1 ? 'met' : 'MISSED'}); the check with pictures (the default): ` +
      `${(((tPictures - tBare) / tBare) * 100).toFixed(1)} %`,
  );

  console.log('bench:guides: one whole `npm run guides` …');
  const start = performance.now();
  const whole = spawnSync('npm', ['run', '--silent', 'guides'], { stdio: 'ignore' });
  const wall = performance.now() - start;
  console.log(
    `bench:guides: npm run guides took ${secs(wall)} wall time (exit ${whole.status}; target ≤ 90 s) ` +
      `against ${config.target}`,
  );
  console.log(`bench:guides: load average at the end: ${load()}`);
} catch (error) {
  console.error(`bench:guides: ${(error as Error).message}`);
  process.exit(1);
}
