// Settings added for CI on many machines: SCIM on a remote target must be whole, a remote browser server,
// REPORTS_DIR, and the warning for a .env name guidewright does not read.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ConfigError, KNOWN_SETTINGS, parseConfig, unknownSettingWarnings } from '../../lib/config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const remote = { TARGET: 'remote', CONNECT_URL: 'https://c.example', MAILPIT_URL: 'https://m.example' };

test('SCIM chosen for a remote target needs both its URL and its token', () => {
  expect(problems({ ...remote, USERS_PROVISIONING: 'scim' })).toEqual([
    'SCIM_URL: is required when USERS_PROVISIONING=scim and TARGET=remote (the SCIM 2.0 endpoint)',
    'SCIM_TOKEN: is required when USERS_PROVISIONING=scim and TARGET=remote (its bearer token)',
  ]);
  expect(problems({ ...remote, USERS_PROVISIONING: 'scim', SCIM_URL: 'https://c.example/scim/v2' })).toEqual([
    'SCIM_TOKEN: is required when USERS_PROVISIONING=scim and TARGET=remote (its bearer token)',
  ]);
  // Half a SCIM setup under "auto" would quietly fall back to no users: an error too, token not echoed.
  const half = problems({ ...remote, SCIM_TOKEN: 's3cret' });
  expect(half).toEqual([
    'SCIM_URL: is required as well: SCIM_URL and SCIM_TOKEN go together (the SCIM 2.0 endpoint)',
  ]);
  const whole = parseConfig({ ...remote, SCIM_URL: 'https://c.example/scim/v2', SCIM_TOKEN: 't' });
  expect(whole.scim).toEqual({ url: 'https://c.example/scim/v2', token: 't' });
  // The sandbox lends its own SCIM: choosing it there needs nothing more.
  expect(parseConfig({ USERS_PROVISIONING: 'scim' }).scim?.token).toBe('sandbox-scim-token');
});

test('a remote browser server: a ws URL, optional exposed network and headers; CHROMIUM_PATH is then its', () => {
  const config = parseConfig({
    PW_TEST_CONNECT_WS_ENDPOINT: 'ws://grid.example:3000/',
    PW_TEST_CONNECT_EXPOSE_NETWORK: '<loopback>,*.localhost',
    PW_TEST_CONNECT_HEADERS: '{"x-api-key":"k"}',
    CHROMIUM_PATH: '/on/the/server/chromium',
  });
  expect(config.remoteBrowser).toEqual({
    wsEndpoint: 'ws://grid.example:3000/',
    exposeNetwork: '<loopback>,*.localhost',
    headers: { 'x-api-key': 'k' },
  });
  expect(config.chromiumPath).toBe('/on/the/server/chromium');
  expect(parseConfig({}).remoteBrowser).toBeUndefined();
  expect(problems({ PW_TEST_CONNECT_WS_ENDPOINT: 'http://grid.example:3000' })[0]).toMatch(
    /^PW_TEST_CONNECT_WS_ENDPOINT \(got "http:\/\/grid.example:3000"\): must be a ws:\/\/ or wss:\/\/ URL/,
  );
  expect(problems({ PW_TEST_CONNECT_HEADERS: '["x"]' })[0]).toMatch(/^PW_TEST_CONNECT_HEADERS .*JSON object/);
  // Without a server the browser is local and must exist.
  expect(problems({ CHROMIUM_PATH: '/on/the/server/chromium' })).toEqual([
    'CHROMIUM_PATH (got "/on/the/server/chromium"): points to a file that does not exist',
  ]);
});

test('REPORTS_DIR moves the reports; it defaults to reports', () => {
  expect(parseConfig({}).reportsDir).toBe('reports');
  expect(parseConfig({ REPORTS_DIR: 'out/shard-1' }).reportsDir).toBe('out/shard-1');
  expect(problems({ REPORTS_DIR: '  ' })[0]).toMatch(/^REPORTS_DIR .*must name a folder/);
});

test('a .env name guidewright does not read gets a warning naming the closest known one', () => {
  expect(unknownSettingWarnings(['CONECT_URL', 'SANDBOX_PROT', 'TARGET', 'PWDEBUG', 'CI'])).toEqual([
    'guidewright: warning: .env sets CONECT_URL, which guidewright does not read; did you mean CONNECT_URL?',
    'guidewright: warning: .env sets SANDBOX_PROT, which guidewright does not read; did you mean SANDBOX_PORT?',
  ]);
  expect(unknownSettingWarnings(['FAVOURITE_COLOUR'], 'ci.env')).toEqual([
    'guidewright: warning: ci.env sets FAVOURITE_COLOUR, which guidewright does not read; see .env.example for the settings there are',
  ]);
});

test('every setting .env.example documents is one guidewright knows', () => {
  const documented = [...readFileSync('.env.example', 'utf8').matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map(
    (m) => m[1]!,
  );
  expect(documented.length).toBeGreaterThan(30);
  expect(documented.filter((name) => !KNOWN_SETTINGS.includes(name))).toEqual([]);
});
