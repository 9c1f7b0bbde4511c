import { expect, test } from '@playwright/test';
import { NoBrowserError, resolveBrowser } from '../../lib/browser.ts';

const none = () => undefined;
const only =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

test("Playwright's own Chromium comes first", () => {
  const choice = resolveBrowser(
    '/opt/chrome',
    only('/opt/chrome', '/usr/bin/chromium'),
    () => '/ms-playwright/chrome',
  );
  expect(choice).toEqual({ executablePath: undefined, source: 'playwright' });
});

test('then CHROMIUM_PATH', () => {
  expect(resolveBrowser('/opt/chrome', only('/opt/chrome', '/usr/bin/chromium'), none)).toEqual({
    executablePath: '/opt/chrome',
    source: 'CHROMIUM_PATH',
  });
});

test('a CHROMIUM_PATH that does not exist is an error, not a silent fallback', () => {
  expect(() => resolveBrowser('/nope/chrome', only('/usr/bin/chromium'), none)).toThrow(
    /CHROMIUM_PATH=\/nope\/chrome does not exist/,
  );
});

test("then a system browser at the usual paths (Debian's chromium)", () => {
  expect(resolveBrowser(undefined, only('/usr/bin/google-chrome', '/usr/bin/chromium'), none)).toEqual({
    executablePath: '/usr/bin/chromium',
    source: 'system',
  });
});

test('a headless run takes the headless shell first; a headed run needs the whole browser', () => {
  const both = only('/usr/bin/chromium', '/usr/bin/chromium-headless-shell');
  expect(resolveBrowser(undefined, both, none).executablePath).toBe('/usr/bin/chromium-headless-shell');
  expect(resolveBrowser(undefined, both, none, false).executablePath).toBe('/usr/bin/chromium');
  // CHROMIUM_PATH still wins: what the user names is what runs.
  expect(resolveBrowser('/usr/bin/chromium', both, none).executablePath).toBe('/usr/bin/chromium');
});

test('otherwise one clear message on how to get one', () => {
  expect(() => resolveBrowser(undefined, only(), none)).toThrow(NoBrowserError);
  expect(() => resolveBrowser(undefined, only(), none)).toThrow(
    /npx playwright install chromium[\s\S]*apt-get install -y chromium chromium-headless-shell[\s\S]*CHROMIUM_PATH/,
  );
});
