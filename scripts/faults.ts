// Fault injection as a test of the release gate: each fault of scripts/faults/catalogue.ts is applied to
// a throwaway copy of sandbox/, the copy is started on ports of its own, and the target-facing projects
// run against it. A fault is caught when a test that passes against the unchanged copy fails against the
// faulty one. Prints a line per fault as it goes, then the table and the mutation score; exits 1 unless
// every fault is caught. `npx tsx scripts/faults.ts --help`.
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FAULTS, type Fault } from './faults/catalogue.ts';
import { freeSandboxPorts, runNested, startSandbox, type Outcome } from '../tests/regression/nested-run.ts';

const HELP = `Usage: npx tsx scripts/faults.ts [options]

Applies each fault of scripts/faults/catalogue.ts to a throwaway copy of sandbox/, runs the target-facing
projects against it, and prints which faults the release gate catches (the mutation score) and the
regression project's wall time against the unchanged copy.

Options:
  --only <ids>       comma-separated fault ids (default: all; --list shows them)
  --quick            per fault, run only the regression tests tagged with the fault's requirement
                     (the default runs regression, guides-en and guides-nb in full for every fault)
  --projects <list>  comma-separated projects (default: regression,guides-en,guides-nb)
  --workers <n>      Playwright workers per run (default: WORKERS from the environment, else 1)
  --list             list the faults and check every anchor, run nothing
  -h, --help         this text

Tests tagged @nested (they start sandboxes of their own from sandbox/, not from the copy) never run here.
Exit code: 0 when every fault is caught, 1 when one is not or a run breaks, 2 on bad options or anchors.`;

class UsageError extends Error {}

function options() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      projects: { type: 'string', default: 'regression,guides-en,guides-nb' },
      workers: { type: 'string' },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const known = new Set(FAULTS.map((f) => f.id));
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only?.filter((id) => !known.has(id)) ?? [];
  if (unknown.length)
    throw new UsageError(`--only: no fault named ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  const workersText = values.workers ?? process.env.WORKERS ?? '1';
  const workers = Number(workersText);
  if (!Number.isInteger(workers) || workers < 1)
    throw new UsageError(`--workers must be a whole number ≥ 1, not "${workersText}"`);
  const projects = values.projects
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!projects.length) throw new UsageError('--projects: name at least one project');
  return { ...values, only, workers, projects };
}

const ROOT = process.cwd();

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** A copy of sandbox/ that runs on its own: package.json (ESM), tsconfig, node_modules linked. */
function copySandbox(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-fault-'));
  cpSync(path.join(ROOT, 'sandbox'), path.join(dir, 'sandbox'), { recursive: true });
  for (const file of ['package.json', 'tsconfig.json']) cpSync(path.join(ROOT, file), path.join(dir, file));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Applies the fault's edits to the copy; a missing or repeated anchor is an error naming the fault. */
function plant(fault: Fault, dir: string): void {
  const files = sources(path.join(dir, 'sandbox'));
  for (const edit of fault.edits) {
    const hits = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const count = text.split(edit.anchor).length - 1;
      return count ? [{ file, text, count }] : [];
    });
    const total = hits.reduce((n, h) => n + h.count, 0);
    if (total !== 1) {
      const where = hits.map((h) => `${path.relative(dir, h.file)} (${h.count})`).join(', ');
      throw new UsageError(
        `fault ${fault.id}: its anchor ${JSON.stringify(edit.anchor)} is ${total === 0 ? 'not in the sandbox any more' : `found ${total} times: ${where}`}; update scripts/faults/catalogue.ts`,
      );
    }
    writeFileSync(
      hits[0]!.file,
      hits[0]!.text.replace(edit.anchor, () => edit.replacement),
    );
  }
}

interface Run {
  outcomes: Outcome[];
  wallMs: number;
}

/** Starts the copy in `dir` on ports of its own and runs the projects against it. */
async function runAgainst(dir: string, args: string[], workers: number): Promise<Run> {
  const ports = await freeSandboxPorts();
  const db = path.join(dir, 'sandbox.db');
  const sandbox = await startSandbox({ ...ports, SANDBOX_TEST_MODE: '1', SANDBOX_DB: db }, dir);
  const started = Date.now();
  try {
    // TARGET=sandbox on the copy's ports: Playwright's webServer finds it running and uses it (CI unset).
    const env = { ...process.env, ...ports, TARGET: 'sandbox', CI: '' };
    const outcomes = await runNested([...args, '--grep-invert', '@nested'], env, { workers });
    return { outcomes, wallMs: Date.now() - started };
  } finally {
    await sandbox.stop();
  }
}

const key = (o: Outcome) => `${o.project} › ${o.file ?? ''} › ${o.title}`;
const passed = (o: Outcome) => o.status === 'passed';
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  let o: ReturnType<typeof options>;
  try {
    o = options();
  } catch (error) {
    console.error(`faults: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (o.help) {
    console.log(HELP);
    return 0;
  }
  const faults = FAULTS.filter((f) => !o.only || o.only.includes(f.id));

  // Every anchor is checked before anything runs, so a stale catalogue fails at once.
  for (const fault of faults) {
    const dir = copySandbox();
    try {
      plant(fault, dir);
    } catch (error) {
      console.error(`faults: ${(error as Error).message}`);
      return 2;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (o.list) {
    for (const f of faults) console.log(`${f.id.padEnd(44)} ${f.tags.join(' ').padEnd(16)} ${f.what}`);
    console.log(`\n${faults.length} faults; every anchor found exactly once.`);
    return 0;
  }

  const argsFor = (projects: string[], tags?: string[]) => [
    ...projects.map((p) => `--project=${p}`),
    ...(tags ? ['--grep', tags.map((t) => t.replace(/[.]/g, '\\.') + '\\b').join('|')] : []),
  ];
  const quickProjects = ['regression'];
  const projects = o.quick ? quickProjects : o.projects;
  const allTags = [...new Set(faults.flatMap((f) => f.tags))];

  console.log(
    `faults: ${faults.length} fault(s); projects ${projects.join(', ')}${o.quick ? " (only the tests tagged with each fault's requirement)" : ''}; ${o.workers} worker(s)`,
  );
  console.log('faults: baseline, the unchanged copy …');
  const clean = copySandbox();
  let baseline: Outcome[];
  let regressionWallMs: number;
  try {
    const regression = await runAgainst(
      clean,
      argsFor(['regression'], o.quick ? allTags : undefined),
      o.workers,
    );
    regressionWallMs = regression.wallMs;
    const others = projects.filter((p) => p !== 'regression');
    const rest = others.length
      ? await runAgainst(clean, argsFor(others), o.workers)
      : { outcomes: [], wallMs: 0 };
    baseline = [...regression.outcomes, ...rest.outcomes];
  } finally {
    rmSync(clean, { recursive: true, force: true });
  }
  const good = new Set(baseline.filter(passed).map(key));
  const bad = baseline.filter((x) => !passed(x) && x.status !== 'skipped');
  console.log(
    `faults: baseline: ${good.size} passed, ${bad.length} failed, ${baseline.length - good.size - bad.length} skipped; regression project wall time ${seconds(regressionWallMs)}`,
  );
  for (const b of bad)
    console.log(`faults:   failing already (cannot catch a fault): ${key(b)}: ${b.message.split('\n')[0]}`);

  const rows: Array<{ fault: Fault; caughtBy: string[]; wallMs: number; error?: string }> = [];
  for (const [i, fault] of faults.entries()) {
    const dir = copySandbox();
    const label = `[${i + 1}/${faults.length}] ${fault.id}`;
    console.log(`faults: ${label}: ${fault.what} …`);
    try {
      plant(fault, dir);
      const run = await runAgainst(dir, argsFor(projects, o.quick ? fault.tags : undefined), o.workers);
      const caughtBy = run.outcomes
        .filter((x) => good.has(key(x)) && !passed(x) && x.status !== 'skipped')
        .map((x) => x.title);
      rows.push({ fault, caughtBy, wallMs: run.wallMs });
      console.log(
        `faults: ${label}: ${caughtBy.length ? `caught by ${caughtBy.length} test(s): ${caughtBy.join(' | ')}` : 'NOT CAUGHT'} (${seconds(run.wallMs)})`,
      );
    } catch (error) {
      rows.push({ fault, caughtBy: [], wallMs: 0, error: (error as Error).message });
      console.log(`faults: ${label}: the run broke: ${(error as Error).message}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const caught = rows.filter((r) => r.caughtBy.length > 0).length;
  console.log('\n| fault | requirement | caught | by | run |\n| --- | --- | --- | --- | --- |');
  for (const r of rows)
    console.log(
      `| ${r.fault.id} | ${r.fault.tags.join(' ')} | ${r.caughtBy.length ? 'yes' : r.error ? 'run broke' : 'NO'} | ${r.caughtBy[0] ?? r.error ?? ''}${r.caughtBy.length > 1 ? ` (+${r.caughtBy.length - 1})` : ''} | ${seconds(r.wallMs)} |`,
    );
  const score = rows.length ? Math.round((1000 * caught) / rows.length) / 10 : 0;
  console.log(`\nmutation score: ${caught}/${rows.length} faults caught (${score} %)`);
  console.log(
    `regression project wall time (unchanged copy${o.quick ? ', tagged tests only' : ''}): ${seconds(regressionWallMs)}`,
  );
  return caught === rows.length ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`faults: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
