// Never green on nothing, from the outside: each bad configuration, given in a .env file, stops both entry
// points (`npm run guides`, and `playwright test` as `npm test` runs it) with a non-zero exit and a message
// naming the setting, and no stack trace. So do filters that match no test and a run whose guide tests were
// all skipped. A misspelt name in .env is not an error but gets a warning naming the known one. And --list
// leaves the reports alone.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { KNOWN_SETTINGS } from '../../lib/config.ts';

interface Run {
  code: number;
  output: string;
}

function run(command: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn(command[0]!, command.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, output })));
}

const dir = mkdtempSync(path.join(tmpdir(), 'gw-bad-config-'));
let files = 0;

/** The environment with no setting of the outer run's, reading `lines` as its .env file. */
function envWith(lines: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of [...KNOWN_SETTINGS, 'GUIDEWRIGHT_ENV_CHECKED']) delete env[key];
  const file = path.join(dir, `case-${++files}.env`);
  writeFileSync(file, lines);
  return { ...env, GUIDEWRIGHT_ENV_FILE: file };
}

const guides = (...args: string[]) => [process.execPath, '--import', 'tsx', 'scripts/guides.ts', ...args];
const playwright = (...args: string[]) => [
  process.execPath,
  'node_modules/@playwright/test/cli.js',
  'test',
  ...args,
];
const noStackTrace = (r: Run) => expect(r.output, r.output).not.toMatch(/^\s+at .+[:(]\d+/m);

const remote = 'TARGET=remote\nCONNECT_URL=http://127.0.0.1:9\nMAILPIT_URL=http://127.0.0.1:9\n';
const CASES: { name: string; env: string; setting: string }[] = [
  { name: 'an unknown target', env: 'TARGET=staging\n', setting: 'TARGET' },
  {
    name: 'remote without the login service',
    env: 'TARGET=remote\nMAILPIT_URL=http://m.test\n',
    setting: 'CONNECT_URL',
  },
  {
    name: 'remote without Mailpit',
    env: 'TARGET=remote\nCONNECT_URL=http://c.test\n',
    setting: 'MAILPIT_URL',
  },
  {
    name: 'remote, SCIM chosen without its URL',
    env: `${remote}USERS_PROVISIONING=scim\nSCIM_TOKEN=t\n`,
    setting: 'SCIM_URL',
  },
  {
    name: 'remote, SCIM chosen without its token',
    env: `${remote}USERS_PROVISIONING=scim\nSCIM_URL=http://c.test/scim/v2\n`,
    setting: 'SCIM_TOKEN',
  },
  { name: 'remote, a SCIM token without its URL', env: `${remote}SCIM_TOKEN=t\n`, setting: 'SCIM_URL' },
  {
    name: 'a Mailpit user without a password',
    env: `${remote}MAILPIT_USERNAME=qa\n`,
    setting: 'MAILPIT_PASSWORD',
  },
  { name: 'an SMS sink over HTTP without its URL', env: 'SMS_SINK=http\n', setting: 'SMS_URL' },
  { name: 'a user pool without its file', env: 'USERS_PROVISIONING=pool\n', setting: 'USERS_POOL_FILE' },
  { name: 'no workers', env: 'WORKERS=0\n', setting: 'WORKERS' },
  { name: 'a port out of range', env: 'SANDBOX_PORT=99999\n', setting: 'SANDBOX_PORT' },
  {
    name: 'a browser that does not exist',
    env: 'CHROMIUM_PATH=/nowhere/chromium\n',
    setting: 'CHROMIUM_PATH',
  },
  { name: 'a guides folder that does not exist', env: 'GUIDES_DIR=/nowhere/guides\n', setting: 'GUIDES_DIR' },
  {
    name: 'a tenant URL without {tenant}',
    env: 'ENTERPRISE_URL=http://askoy.test\n',
    setting: 'ENTERPRISE_URL',
  },
  {
    name: 'a browser server that is not ws://',
    env: 'PW_TEST_CONNECT_WS_ENDPOINT=http://grid.test\n',
    setting: 'PW_TEST_CONNECT_WS_ENDPOINT',
  },
  {
    name: 'a guide check switch that is neither on nor off',
    env: 'GUIDEWRIGHT_CHECK=maybe\n',
    setting: 'GUIDEWRIGHT_CHECK',
  },
];

for (const c of CASES) {
  test(`bad configuration: ${c.name} stops npm run guides and playwright test, naming ${c.setting}`, async () => {
    const env = envWith(c.env);
    const [viaGuides, viaTest] = await Promise.all([
      run(guides('--list'), env),
      run(playwright('--project=unit', '--list'), env),
    ]);
    for (const r of [viaGuides, viaTest]) {
      expect(r.code, r.output).not.toBe(0);
      expect(r.output).toMatch(new RegExp(`^\\s+- ${c.setting}\\b`, 'm'));
      expect(r.output).not.toContain('Listing tests');
      noStackTrace(r);
    }
  });
}

test('filters that match no test fail both entry points with one line', async () => {
  // A remote target (never reached): no sandbox to start for a run that finds nothing to run.
  const env = envWith(remote);
  const [viaGuides, viaTest] = await Promise.all([
    run(guides('--locale', 'en', '-g', 'no test is called this'), env),
    run(playwright('--project=unit', '-g', 'no test is called this'), env),
  ]);
  for (const r of [viaGuides, viaTest]) {
    expect(r.code, r.output).not.toBe(0);
    expect(r.output.match(/^Error: No tests found\.?$/gm), r.output).toHaveLength(1);
    noStackTrace(r);
  }
});

test('a remote target that cannot give users skips every guide test, and the run fails saying so', async () => {
  test.setTimeout(5 * 60_000);
  // Valid settings, but no way to provision a user: every guide spec needs one.
  const r = await run(
    guides('--guide', 'enrolment-wizard', '--locale', 'en', '--workers=1', `--output=${dir}/out`),
    { ...envWith(`${remote}USERS_PROVISIONING=none\nREPORTS_DIR=${dir}/reports\n`) },
  );
  expect(r.code, r.output).toBe(1);
  expect(r.output).toMatch(
    /^guidewright: failing the run: all \d+ tests were skipped, so nothing was tested \(first reason: needs a test user the target cannot provide/m,
  );
  noStackTrace(r);
});

test('a misspelt name in .env is a warning naming the setting it resembles, once per run', async () => {
  const r = await run(playwright('--project=unit', '--list'), envWith('CONECT_URL=http://c.test\n'));
  expect(r.code, r.output).toBe(0);
  expect(
    r.output.match(/\.env sets CONECT_URL, which guidewright does not read; did you mean CONNECT_URL\?/g),
  ).toHaveLength(1);
});

test('--list leaves every report of the last run as it was', async () => {
  const reports = path.join(dir, 'listed-reports');
  mkdirSync(path.join(reports, 'guides', 'shots'), { recursive: true });
  writeFileSync(path.join(reports, 'guides', 'results.json'), '{"last":"run"}');
  writeFileSync(path.join(reports, 'guides', 'shots', 'step.png'), 'png');
  writeFileSync(path.join(reports, 'junit.xml'), '<testsuites/>');
  const r = await run(
    playwright('--project=guides-en', '--project=guides-nb', '--list'),
    envWith(`${remote}REPORTS_DIR=${reports}\n`),
  );
  expect(r.code, r.output).toBe(0);
  expect(r.output).toMatch(/^Total: \d+ tests? in \d+ files?$/m);
  expect(readdirSync(reports).sort()).toEqual(['guides', 'junit.xml']);
  expect(readFileSync(path.join(reports, 'guides', 'results.json'), 'utf8')).toBe('{"last":"run"}');
  expect(readFileSync(path.join(reports, 'guides', 'shots', 'step.png'), 'utf8')).toBe('png');
  expect(readFileSync(path.join(reports, 'junit.xml'), 'utf8')).toBe('<testsuites/>');
});
