// Standalone start of the mail sink: `npx tsx sandbox/mail/cli.ts --smtp-port 0 --http-port 0`.
// Prints one JSON line on stdout once listening ({"smtpPort":…,"httpPort":…,…}) so that a test or a
// benchmark can spawn it on free ports and read where it ended up; human notes go to stderr.
import { parseArgs } from 'node:util';
import { startMailSink } from './index.ts';

const HELP = `Usage: npx tsx sandbox/mail/cli.ts [options]

Starts the sandbox mail sink on its own: SMTP in, Mailpit-compatible REST API v1 and web page out.

Options:
  --host <addr>        address to listen on (default 127.0.0.1)
  --smtp-port <n>      SMTP port; 0 = pick a free one (default 1025)
  --http-port <n>      HTTP port for the API and web page; 0 = pick a free one (default 8025)
  --db <file>          SQLite file to keep messages in (default: a temporary file, removed on exit)
  --max <n>            keep at most n messages, oldest deleted first; 0 = no limit (default 500)
  --max-size <bytes>   largest message accepted over SMTP (default 10485760 = 10 MiB)
  -h, --help           show this help

Once listening it prints one JSON line on stdout: {"smtpPort":…,"httpPort":…,"db":…}.
Stop with Ctrl+C (SIGINT) or SIGTERM.`;

function fail(message: string): never {
  console.error(`mail sink: ${message}\n\n${HELP}`);
  process.exit(2);
}

function whole(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    fail(`--${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

let args;
try {
  args = parseArgs({
    options: {
      host: { type: 'string' },
      'smtp-port': { type: 'string' },
      'http-port': { type: 'string' },
      db: { type: 'string' },
      max: { type: 'string' },
      'max-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  fail((error as Error).message);
}

if (args.help) {
  console.log(HELP);
  process.exit(0);
}

const options = {
  host: args.host ?? '127.0.0.1',
  smtpPort: whole('smtp-port', args['smtp-port'], 1025, 0, 65535),
  httpPort: whole('http-port', args['http-port'], 8025, 0, 65535),
  dbFile: args.db,
  maxMessages: whole('max', args.max, 500, 0, Number.MAX_SAFE_INTEGER),
  maxMessageBytes: whole('max-size', args['max-size'], 10 * 1024 * 1024, 1, Number.MAX_SAFE_INTEGER),
};

let sink;
try {
  sink = await startMailSink(options);
} catch (error) {
  console.error(`mail sink: could not start: ${(error as Error).message}`);
  process.exit(1);
}

console.log(JSON.stringify({ smtpPort: sink.smtpPort, httpPort: sink.httpPort, db: options.dbFile ?? null }));
console.error(
  `mail sink: SMTP on ${options.host}:${sink.smtpPort}, web/API on http://${options.host}:${sink.httpPort}/`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void sink.close().then(() => process.exit(0));
  });
}
