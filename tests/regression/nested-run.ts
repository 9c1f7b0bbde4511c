// What the regression specs share: a nested Playwright run of guide specs, with a sandbox of its own, so
// the outer run's sandbox and reports stay untouched. Each test's outcome (status, error, skip reason) is
// read from the nested run's JSON report.
import { STEPS_ATTACHMENT, type GuideRunAttachment } from '../../lib/guide/index.ts';
import { ownSandboxPorts } from '../../lib/shard-run.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Outcome {
  title: string;
  project: string;
  status: string;
  message: string;
  /** Why the test was skipped, when it was. */
  skipReason?: string;
  /** The file the test is in, relative to the test folder. */
  file?: string;
  durationMs?: number;
  /** Which try this is (0 the first, 1 the retry …). */
  retry: number;
  /** The guide steps the test walked (its guide-step attachment), when it walked a guide. */
  guideRun?: GuideRunAttachment;
}

/** Ports for a sandbox of its own, as the environment variables the config and the sandbox read. */
export const freeSandboxPorts = ownSandboxPorts;

/** The outer run's environment minus the settings that would point a nested run at the outer target. */
export function outerEnvWithoutTarget(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      (/_URL$/.test(key) && key !== 'SMS_URL') ||
      /^(TARGET|SCIM_TOKEN|SANDBOX_PORT|MAIL_\w+_PORT)$/.test(key)
    )
      delete env[key];
  }
  return env;
}

/**
 * Starts the sandbox with `env` (its ports, SANDBOX_DB …) and resolves once it says it listens; `stop()`
 * ends it. Its output is kept to explain a failed start.
 */
export async function startSandbox(
  env: Record<string, string>,
  /** The folder holding sandbox/ (default: this project; the fault script passes a throwaway copy). */
  cwd?: string,
): Promise<{ stop(): Promise<void> }> {
  // One process (node with tsx's loader, not npx → tsx → node), so stop() reaches the sandbox itself.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
    ...(cwd ? { cwd } : {}),
    env: { ...outerEnvWithoutTarget(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('(health: /healthz)')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`the sandbox exited (${code}) before listening:\n${output}`)),
    );
  });
  return {
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface JsonSuite {
  suites?: JsonSuite[];
  specs?: Array<{
    title: string;
    file?: string;
    tags?: string[];
    tests: Array<{
      projectName: string;
      annotations?: Array<{ type: string; description?: string }>;
      results: Array<{
        status: string;
        retry?: number;
        duration?: number;
        error?: { message?: string };
        annotations?: Array<{ type: string; description?: string }>;
        attachments?: Array<{ name: string; body?: string; path?: string }>;
      }>;
    }>;
  }>;
}

export interface NestedOptions {
  /** Workers of the nested run (default 1). */
  workers?: number;
  /** Retries of a failed test (default 0). */
  retries?: number;
  /**
   * Step pictures (default off): the nested run's reports are thrown away, so only a test that looks at
   * pictures pays for them. Traces are always off for the same reason.
   */
  pictures?: boolean;
}

/**
 * Runs Playwright with `args` (projects, files, -g …) and `env`; returns every try of every test with its
 * outcome and the guide steps it walked.
 */
export async function runNested(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: NestedOptions = {},
): Promise<Outcome[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-nested-'));
  const json = path.join(dir, 'results.json');
  const child = spawn(
    'npx',
    [
      'playwright',
      'test',
      ...args,
      '--reporter=json',
      `--retries=${options.retries ?? 0}`,
      `--workers=${options.workers ?? 1}`,
      '--trace=off',
      `--output=${dir}/out`,
    ],
    {
      env: {
        ...(options.pictures ? {} : { GUIDEWRIGHT_SCREENSHOTS: '0' }),
        GUIDEWRIGHT_TRACE: 'off',
        ...env,
        PLAYWRIGHT_JSON_OUTPUT_NAME: json,
      },
      stdio: 'ignore',
    },
  );
  await new Promise((resolve) => child.on('exit', resolve));
  try {
    const report = JSON.parse(readFileSync(json, 'utf8')) as { suites: JsonSuite[] };
    const outcomes: Outcome[] = [];
    const visit = (suite: JsonSuite) => {
      for (const spec of suite.specs ?? [])
        for (const t of spec.tests)
          for (const r of t.results) {
            const skip = [...(r.annotations ?? []), ...(t.annotations ?? [])].find((a) => a.type === 'skip');
            const steps = r.attachments?.find((a) => a.name === STEPS_ATTACHMENT);
            outcomes.push({
              title: spec.title,
              project: t.projectName,
              status: r.status,
              message: r.error?.message ?? '',
              retry: r.retry ?? 0,
              ...(skip?.description ? { skipReason: skip.description } : {}),
              ...(spec.file ? { file: spec.file } : {}),
              ...(r.duration !== undefined ? { durationMs: r.duration } : {}),
              ...(steps ? { guideRun: readAttachment(steps) } : {}),
            });
          }
      suite.suites?.forEach(visit);
    };
    report.suites.forEach(visit);
    return outcomes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readAttachment(a: { body?: string; path?: string }): GuideRunAttachment {
  const body = a.body ? Buffer.from(a.body, 'base64').toString() : readFileSync(a.path!, 'utf8');
  return JSON.parse(body) as GuideRunAttachment;
}
