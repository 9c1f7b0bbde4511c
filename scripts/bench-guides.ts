// `npm run bench:guides`: how long walking the guides takes, and what the guide check costs.
//  1. every guide path (one test in tests/guides) 5 times on one worker, with the check on and off
//     (GUIDEWRIGHT_CHECK=0) in alternating rounds, so a busy spell of the machine hits both alike:
//     median wall time per path, and the ratio of the two totals;
//  2. one whole `npm run guides` (default workers), wall time.
// Each Playwright run starts its own sandbox (TARGET=sandbox), as `npm run guides` does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfigOrExit } from '../lib/config.ts';

const HELP = `Usage: npm run bench:guides [-- --runs N]

Walks every guide path N times (default 5) on one worker, in rounds that alternate the guide check
on and off (GUIDEWRIGHT_CHECK=0), prints the median wall time of each path and the check's overhead,
then times one whole \`npm run guides\`. Targets: ≤ 6 s per guide path, ≤ 90 s for everything, overhead ≤ 15 %.`;

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5;
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
    tests: Array<{ projectName: string; results: Array<{ duration: number; status: string }> }>;
  }>;
}

/** Runs the guide projects with the JSON reporter; returns the durations of each path (file › title). */
function walk(check: boolean, round: number): Map<string, number[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-bench-'));
  const out = path.join(dir, 'results.json');
  const label = check ? 'check on' : 'check off';
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
      env: { ...process.env, GUIDEWRIGHT_CHECK: check ? '1' : '0', PLAYWRIGHT_JSON_OUTPUT_NAME: out },
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
  const on = new Map<string, number[]>();
  const off = new Map<string, number[]>();
  for (let round = 1; round <= runs; round++) {
    add(on, walk(true, round));
    add(off, walk(false, round));
  }
  if (on.size === 0) {
    console.log('bench:guides: there are no guide specs to time (tests/guides/*.spec.ts).');
    process.exit(0);
  }
  const width = Math.max(...[...on.keys()].map((k) => k.length)) + 4;
  console.log(`\nGuide path (median of ${runs}, 1 worker)`.padEnd(width) + 'check on   check off');
  let totalOn = 0;
  let totalOff = 0;
  for (const [key, times] of [...on].sort(([a], [b]) => a.localeCompare(b))) {
    const a = median(times);
    const b = median(off.get(key) ?? []);
    totalOn += a;
    totalOff += b;
    console.log(
      `  ${key}`.padEnd(width) + `${secs(a).padEnd(11)}${secs(b)}${a > 6000 ? '   (over 6 s)' : ''}`,
    );
  }
  const ratio = totalOn / totalOff;
  console.log(
    `bench:guides: sum of medians ${secs(totalOn)} with the check, ${secs(totalOff)} without: ` +
      `the check costs ${((ratio - 1) * 100).toFixed(1)} % (ratio ${ratio.toFixed(3)}; target ≤ 15 %)`,
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
