// Starts the sandbox mail sink as a child process on free ports (for contract tests and the benchmark)
// and reads where it listens from its first stdout line. It is spawned, never imported: the suite talks
// to the sandbox over SMTP and HTTP only.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface SpawnedSink {
  smtpPort: number;
  httpPort: number;
  /** Base URL of the Mailpit-compatible API and web page. */
  url: string;
  stop(): Promise<void>;
}

export interface SpawnSinkOptions {
  /** Keep at most this many messages (--max); default 0 = no limit. */
  max?: number;
  /** Largest accepted message in bytes (--max-size). */
  maxSize?: number;
  /** SQLite file (--db); default a temporary one. */
  db?: string;
  startupTimeoutMs?: number;
}

const CLI = path.join('sandbox', 'mail', 'cli.ts');

export async function spawnMailSink(o: SpawnSinkOptions = {}): Promise<SpawnedSink> {
  const args = ['--import', 'tsx', CLI, '--smtp-port', '0', '--http-port', '0', '--max', String(o.max ?? 0)];
  if (o.maxSize !== undefined) args.push('--max-size', String(o.maxSize));
  if (o.db !== undefined) args.push('--db', o.db);
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: path.resolve(import.meta.dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout! });
  const signal = AbortSignal.timeout(o.startupTimeoutMs ?? 20_000);
  let started = false;
  try {
    const first = await Promise.race([
      once(lines, 'line', { signal }).then(([line]) => String(line)),
      exited.then(([code]) => {
        if (started) return '';
        throw new Error(`mail sink exited (code ${String(code)}) before it was ready:\n${stderr}`);
      }),
    ]);
    started = true;
    const ready = JSON.parse(first) as { smtpPort: number; httpPort: number };
    return {
      smtpPort: ready.smtpPort,
      httpPort: ready.httpPort,
      url: `http://127.0.0.1:${ready.httpPort}`,
      async stop() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        await exited;
      },
    };
  } catch (error) {
    started = true;
    child.kill('SIGKILL');
    throw new Error(`could not start the mail sink: ${(error as Error).message}\n${stderr}`, {
      cause: error,
    });
  }
}
