// `npm run sandbox`: starts the whole local stand-in for the login service in one process: the mail sink
// (SMTP + Mailpit's REST API) and the web hosts on *.localhost. Playwright's webServer runs the same.
import { existsSync } from 'node:fs';
import http from 'node:http';
import dotenv from 'dotenv';
import { loadSandboxConfig } from './config.ts';
import { startMailSink } from './mail/index.ts';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`Usage: npm run sandbox

Starts the sandbox: the login service and its apps on http://*.localhost:4400 and the mail sink
(SMTP on :1025, Mailpit-compatible web/API on :8025). Settings come from the environment and .env
(see .env.example). Stop with Ctrl+C.`);
  process.exit(0);
}

if (existsSync('.env')) dotenv.config({ quiet: true });

let config;
try {
  config = loadSandboxConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const closers: Array<() => Promise<void>> = [];

if (config.MAIL_SINK) {
  const sink = await startMailSink({
    host: config.SANDBOX_HOST,
    smtpPort: config.MAIL_SMTP_PORT,
    httpPort: config.MAIL_HTTP_PORT,
    dbFile: config.MAIL_DB,
    maxMessages: config.MAIL_MAX_MESSAGES,
    maxMessageBytes: config.MAIL_MAX_MESSAGE_BYTES,
  });
  closers.push(() => sink.close());
  console.log(
    `sandbox: mail sink on smtp://localhost:${sink.smtpPort} and http://localhost:${sink.httpPort}`,
  );
}

const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
});
await new Promise<void>((resolve) => server.listen(config.SANDBOX_PORT, config.SANDBOX_HOST, resolve));
closers.push(() => new Promise((resolve) => server.close(() => resolve())));
console.log(`sandbox: web hosts on http://*.localhost:${config.SANDBOX_PORT} (health: /healthz)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void Promise.allSettled(closers.map((close) => close())).then(() => process.exit(0));
  });
}
