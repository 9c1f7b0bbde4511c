// `npm run sandbox`: starts the whole local stand-in for the login service in one process: the mail sink
// (SMTP + Mailpit's REST API) and the web hosts on *.localhost. Playwright's webServer runs the same.
import { existsSync } from 'node:fs';
import dotenv from 'dotenv';
import { loadSandboxConfig } from './config.ts';
import { composeSandbox } from './compose.ts';
import { overrideWords } from './i18n/index.ts';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`Usage: npm run sandbox

Starts the sandbox: the login service and its apps on http://*.localhost:4400 and the mail sink
(SMTP on :1025, Mailpit-compatible web/API on :8025). Settings come from the environment and .env
(see .env.example). Stop with Ctrl+C.

Hosts: connect (sign-in, OIDC, SCIM at /scim/v2, control API at /control/v1 in test mode),
accountsettings.connect, portal, home, sokndal.enterprise, askoy.enterprise, eid (simulated
ID-porten with a BankID test page). GET /healthz on any host.

Main settings: SANDBOX_PORT (4400), SANDBOX_DB (SQLite file; empty = temporary), SANDBOX_TEST_MODE (1),
SCIM_TOKEN, SMTP_URL (smtp://localhost:MAIL_SMTP_PORT), MAIL_SINK (1), MAIL_FROM, SANDBOX_ADFS_DOMAINS,
SANDBOX_SCRYPT_N (8192), SANDBOX_EID_PEOPLE.`);
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

if (config.SANDBOX_WORDS) {
  if (!config.SANDBOX_TEST_MODE) {
    console.error('sandbox: SANDBOX_WORDS changes the screens and is only allowed with SANDBOX_TEST_MODE=1');
    process.exit(1);
  }
  try {
    overrideWords(config.SANDBOX_WORDS);
  } catch (error) {
    console.error(`sandbox: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(
    `sandbox: words replaced for this run (SANDBOX_WORDS): ${JSON.stringify(config.SANDBOX_WORDS)}`,
  );
}

// Everything is put together in compose.ts; this file only starts and stops it.
const sandbox = await composeSandbox(config);
if (sandbox.mail) {
  console.log(
    `sandbox: mail sink on smtp://localhost:${sandbox.mail.smtpPort} and http://localhost:${sandbox.mail.httpPort}`,
  );
}
const { server } = sandbox;
await new Promise<void>((resolve, reject) => {
  server.once('error', reject);
  server.listen(config.SANDBOX_PORT, config.SANDBOX_HOST, resolve);
});
const closers: Array<() => Promise<void>> = [
  () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  () => sandbox.close(),
];
console.log(
  `sandbox: state in ${sandbox.dbFile}${config.SANDBOX_TEST_MODE ? ' (test mode: control API on)' : ''}`,
);
console.log(
  `sandbox: web hosts on ${sandbox.hosts.map((h) => `http://${h}:${config.SANDBOX_PORT}`).join(', ')} (health: /healthz)`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void Promise.allSettled(closers.map((close) => close())).then(() => process.exit(0));
  });
}
