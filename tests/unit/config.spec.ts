import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { ConfigError, parseConfig } from '../../lib/config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

test('defaults describe the sandbox', () => {
  const config = parseConfig({});
  expect(config.target).toBe('sandbox');
  expect(config.urls.connect).toBe('http://connect.localhost:4400');
  expect(config.mailpit.url).toBe('http://localhost:8025');
  expect(config.scim?.url).toBe('http://connect.localhost:4400/scim/v2');
});

test('every problem is listed at once, each naming its setting', () => {
  const found = problems({ TARGET: 'nonsense', MAILPIT_URL: 'not-a-url', WORKERS: 'many' });
  expect(found).toHaveLength(3);
  expect(found[0]).toMatch(/^TARGET \(got "nonsense"\): must be one of: sandbox, remote/);
  expect(found.join('\n')).toMatch(/MAILPIT_URL \(got "not-a-url"\): must be an http\(s\) URL/);
  expect(found.join('\n')).toMatch(/WORKERS .*whole number/);
});

test('a remote target must say where the login service and Mailpit are', () => {
  const found = problems({ TARGET: 'remote' });
  expect(found).toEqual([
    'CONNECT_URL: is required when TARGET=remote',
    'MAILPIT_URL: is required when TARGET=remote',
  ]);
  const ok = parseConfig({
    TARGET: 'remote',
    CONNECT_URL: 'https://connect.test.example',
    MAILPIT_URL: 'https://mail.test.example',
  });
  expect(ok.urls.connect).toBe('https://connect.test.example');
  expect(ok.scim).toBeUndefined();
});

test('secret values are never echoed in the message', () => {
  const found = problems({
    TARGET: 'remote',
    CONNECT_URL: 'https://c.example',
    MAILPIT_URL: 'https://m.example',
    MAILPIT_PASSWORD: 'hunter2',
  });
  expect(found.join('\n')).toContain('MAILPIT_USERNAME and MAILPIT_PASSWORD go together');
  expect(found.join('\n')).not.toContain('hunter2');
});

test('the enterprise URL needs its {tenant} placeholder', () => {
  expect(problems({ ENTERPRISE_URL: 'http://sokndal.enterprise.localhost:4400' })[0]).toMatch(
    /\{tenant\} placeholder/,
  );
});

test('a bad configuration stops the run before any test, with no stack trace', () => {
  const run = spawnSync('npx', ['playwright', 'test', '--project=unit', '--list'], {
    env: { ...process.env, TARGET: 'nonsense', MAILPIT_URL: 'not-a-url' },
    encoding: 'utf8',
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('TARGET (got "nonsense")');
  expect(run.stderr).toContain('MAILPIT_URL (got "not-a-url")');
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stdout).not.toContain('Listing tests');
});

test('users and SMS settings: defaults, and the combinations that cannot work', () => {
  const config = parseConfig({});
  expect(config.users).toEqual({ provisioning: 'auto', poolFile: undefined });
  expect(config.sms).toEqual({ sink: 'mailpit', url: undefined, mailDomain: 'sms.localhost' });
  expect(parseConfig({ SMS_SINK: 'http', SMS_URL: 'http://sms.test/api' }).sms.url).toBe(
    'http://sms.test/api',
  );
  expect(problems({ SMS_SINK: 'http' })).toEqual([
    'SMS_URL: is required when SMS_SINK=http (the sink that lists the SMS sent to a number)',
  ]);
  expect(problems({ SMS_SINK: 'pigeon' })[0]).toMatch(/^SMS_SINK \(got "pigeon"\): must be mailpit or http/);
  expect(problems({ USERS_PROVISIONING: 'ldap' })[0]).toMatch(/must be one of: auto, scim, pool, none/);
  expect(problems({ USERS_PROVISIONING: 'pool' })).toEqual([
    'USERS_POOL_FILE: is required when USERS_PROVISIONING=pool',
  ]);
  expect(problems({ USERS_POOL_FILE: '/nowhere/pool.json' })[0]).toMatch(/USERS_POOL_FILE .*does not exist/);
});

test('the guide check and step screenshots are on unless switched off; a typo is an error', () => {
  expect(parseConfig({})).toMatchObject({ guideCheck: true, stepScreenshots: true });
  expect(parseConfig({ GUIDEWRIGHT_CHECK: '0', GUIDEWRIGHT_SCREENSHOTS: 'off' })).toMatchObject({
    guideCheck: false,
    stepScreenshots: false,
  });
  expect(problems({ GUIDEWRIGHT_CHECK: 'maybe' })[0]).toMatch(
    /^GUIDEWRIGHT_CHECK \(got "maybe"\): must be 1\/true/,
  );
});
