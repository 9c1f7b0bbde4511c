// `npm run bench:shards`: wall time of the guides as n shards side by side on this machine (each one
// worker, its own sandbox), merge-reports included, against one run with n workers. Prints both and the
// load average, which says how much else the machine was doing.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  compareGuideReports,
  ownSandboxPorts,
  runGuides,
  runSharded,
  type RunResult,
} from '../lib/shard-run.ts';

const HELP = `Usage: npm run bench:shards [-- --shards <n>] [-- <guides options>]

Runs the guides twice and prints the wall time of each:
  1. as <n> shards side by side (--shard=i/n, one worker each, a sandbox each), then the merge of
     their blob reports into one report (npm run guides -- --merge);
  2. as one run with <n> workers.
Options:
  --shards <n>   how many shards / workers (default 2)
  --keep         keep the reports (printed at the end) instead of deleting them
  --help         this text
Anything else goes to npm run guides, e.g. --locale nb or --guide portal-first-login.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
let total = 2;
let keep = false;
const rest: string[] = [];
for (let i = 0; i < args.length; i++) {
  const [flag, inline] = args[i]!.split('=', 2) as [string, string | undefined];
  if (flag === '--shards') {
    const value = Number(inline ?? args[++i]);
    if (!Number.isInteger(value) || value < 1) {
      console.error(`bench:shards: --shards needs a whole number of at least 1.\n\n${HELP}`);
      process.exit(2);
    }
    total = value;
  } else if (flag === '--keep') keep = true;
  else rest.push(args[i]!);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const failed = (r: RunResult) => {
  if (r.exitCode === 0) return false;
  console.error(
    `bench:shards: ${r.label} exited ${r.exitCode}; the end of its output:\n${r.log.slice(-3000)}`,
  );
  return true;
};

const work = mkdtempSync(path.join(os.tmpdir(), 'gw-bench-shards-'));
console.log(`bench:shards: ${os.availableParallelism()} cores, load average before ${load()}`);

const sharded = await runSharded(rest, total, path.join(work, 'sharded'));
for (const s of sharded.shards) console.log(`  ${s.label}: ${seconds(s.wallMs)} (exit ${s.exitCode})`);
console.log(`  merge: ${seconds(sharded.merge.wallMs)} (exit ${sharded.merge.exitCode})`);
console.log(`${total} shards side by side + merge: ${seconds(sharded.wallMs)}   (load average ${load()})`);

const single = await runGuides(
  `one run, ${total} workers`,
  [...rest, `--workers=${total}`, `--output=${path.join(work, 'single', 'test-results')}`],
  await ownSandboxPorts(),
  path.join(work, 'single'),
);
console.log(`one run with ${total} workers: ${seconds(single.wallMs)}   (load average ${load()})`);

// The merged report against the single run's: the same status per step, the same pictures.
try {
  const { differences, pictures } = compareGuideReports(
    path.join(sharded.merge.reportsDir, 'guides'),
    path.join(single.reportsDir, 'guides'),
  );
  const worst = Math.max(0, ...[...pictures.values()].map((p) => p.differing));
  console.log(
    `merged report vs one run: ${differences.length} difference(s) in step status or pictures; ` +
      `${pictures.size} pictures of the same size, at most ${(worst * 100).toFixed(1)}% of a picture's pixels differ`,
  );
  for (const d of differences) console.log(`  ${d}`);
} catch (error) {
  console.error(`bench:shards: could not compare the reports: ${(error as Error).message}`);
}

const bad = [...sharded.shards, sharded.merge, single].filter(failed);
if (keep) console.log(`reports kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
process.exit(bad.length ? 1 : 0);
