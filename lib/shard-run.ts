// Runs the guides the way CI does on many machines, on this one: n shards side by side, each with a
// sandbox, reports and blob report of its own, then `npm run guides -- --merge` over the blobs; or one
// ordinary run for comparison. Used by scripts/bench-shards.ts and the shards regression test.
import { spawn } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PNG } from 'pngjs';

export interface RunResult {
  /** What ran, e.g. "shard 1/2". */
  label: string;
  exitCode: number;
  wallMs: number;
  /** Its REPORTS_DIR: html/, junit.xml, guides/ (and blob/ for a shard). */
  reportsDir: string;
  /** Its combined stdout and stderr. */
  log: string;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A sandbox's ports of its own, so runs side by side do not share one (or stop each other's). */
export async function ownSandboxPorts(): Promise<Record<string, string>> {
  return {
    SANDBOX_PORT: String(await freePort()),
    MAIL_SMTP_PORT: String(await freePort()),
    MAIL_HTTP_PORT: String(await freePort()),
  };
}

/** `npm run guides -- <args>` (through tsx directly) with `env` added; output goes to <reportsDir>.log. */
export async function runGuides(
  label: string,
  args: string[],
  env: Record<string, string>,
  reportsDir: string,
): Promise<RunResult> {
  mkdirSync(reportsDir, { recursive: true });
  const logFile = `${reportsDir}.log`;
  const out = createWriteStream(logFile);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/guides.ts', ...args], {
    env: { ...process.env, ...env, REPORTS_DIR: reportsDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  const exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  const wallMs = performance.now() - started;
  await new Promise((resolve) => out.end(resolve));
  return { label, exitCode, wallMs, reportsDir, log: readFileSync(logFile, 'utf8') };
}

export interface ShardedRun {
  shards: RunResult[];
  merge: RunResult;
  /** From the first shard's start to the merge's end. */
  wallMs: number;
}

/**
 * `total` shards of `args` side by side (each `--workers=1`, its own sandbox ports and reports under
 * `workDir`), then the merge of their blob reports into `<workDir>/merged`.
 */
export async function runSharded(args: string[], total: number, workDir: string): Promise<ShardedRun> {
  const started = performance.now();
  const shards = await Promise.all(
    Array.from({ length: total }, async (_, i) => {
      const ports = await ownSandboxPorts();
      const dir = path.join(workDir, `shard-${i + 1}`);
      return runGuides(
        `shard ${i + 1}/${total}`,
        [...args, `--shard=${i + 1}/${total}`, '--workers=1', `--output=${dir}/test-results`],
        ports,
        dir,
      );
    }),
  );
  // What CI's download step does: every shard's blob in one folder.
  const blobs = path.join(workDir, 'blobs');
  mkdirSync(blobs, { recursive: true });
  for (const shard of shards) {
    const dir = path.join(shard.reportsDir, 'blob');
    let zips: string[] = [];
    try {
      zips = readdirSync(dir).filter((f) => f.endsWith('.zip'));
    } catch {
      // No blob: the merge below says so.
    }
    for (const zip of zips) copyFileSync(path.join(dir, zip), path.join(blobs, zip));
  }
  const merge = await runGuides('merge', ['--merge', blobs], {}, path.join(workDir, 'merged'));
  return { shards, merge, wallMs: performance.now() - started };
}

/** The parts of a guide report (reports/guides/results.json) that two runs of the same guides share. */
interface ReportLike {
  guides: { id: string; locale: string; steps: { id: string; status: string; screenshot?: string }[] }[];
}

export interface StepPicture {
  width: number;
  height: number;
  /** Share of pixels that differ between the two pictures (0..1); run-specific text (addresses) differs. */
  differing: number;
}

export interface ReportComparison {
  /** "<locale>/<guide> step <id>: …" for every difference in status or in having a picture. */
  differences: string[];
  /** "<locale>/<guide> step <id>" → the pictures compared, for steps both runs have one of. */
  pictures: Map<string, StepPicture>;
}

function readPng(file: string): PNG {
  return PNG.sync.read(readFileSync(file));
}

/**
 * Compares the guide reports in two folders (each with results.json and shots/): the status of every step
 * of every guide, and the step's picture (both or neither, the same size, and how many pixels differ).
 */
export function compareGuideReports(aDir: string, bDir: string): ReportComparison {
  const read = (dir: string) =>
    JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as ReportLike;
  const a = read(aDir);
  const b = read(bDir);
  const differences: string[] = [];
  const pictures = new Map<string, StepPicture>();
  const key = (g: { id: string; locale: string }) => `${g.locale}/${g.id}`;
  const bGuides = new Map(b.guides.map((g) => [key(g), g]));
  for (const ga of a.guides) {
    const gb = bGuides.get(key(ga));
    bGuides.delete(key(ga));
    if (!gb) {
      differences.push(`${key(ga)}: only in ${aDir}`);
      continue;
    }
    const bSteps = new Map(gb.steps.map((s) => [s.id, s]));
    for (const sa of ga.steps) {
      const where = `${key(ga)} step ${sa.id}`;
      const sb = bSteps.get(sa.id);
      if (!sb) {
        differences.push(`${where}: only in ${aDir}`);
        continue;
      }
      if (sa.status !== sb.status) differences.push(`${where}: ${sa.status} against ${sb.status}`);
      if (!!sa.screenshot !== !!sb.screenshot) {
        differences.push(`${where}: a picture in ${sa.screenshot ? aDir : bDir} only`);
        continue;
      }
      if (!sa.screenshot || !sb.screenshot) continue;
      const pa = readPng(path.join(aDir, sa.screenshot));
      const pb = readPng(path.join(bDir, sb.screenshot));
      if (pa.width !== pb.width || pa.height !== pb.height) {
        differences.push(`${where}: picture ${pa.width}×${pa.height} against ${pb.width}×${pb.height}`);
        continue;
      }
      let differing = 0;
      for (let i = 0; i < pa.data.length; i += 4) {
        if (
          pa.data[i] !== pb.data[i] ||
          pa.data[i + 1] !== pb.data[i + 1] ||
          pa.data[i + 2] !== pb.data[i + 2]
        )
          differing++;
      }
      pictures.set(where, {
        width: pa.width,
        height: pa.height,
        differing: differing / (pa.width * pa.height),
      });
    }
  }
  for (const k of bGuides.keys()) differences.push(`${k}: only in ${bDir}`);
  return { differences, pictures };
}
