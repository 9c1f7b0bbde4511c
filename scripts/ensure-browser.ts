// postinstall: makes sure there is a Chromium to drive. In order: one that is already there (Playwright's,
// CHROMIUM_PATH, or a system one), Playwright's installer, and, as root with apt-get, Debian's `chromium`
// and `chromium-headless-shell`.
// Otherwise it prints how to get one. It never fails the install: the test run stops with the same advice.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { HOW_TO_GET_A_BROWSER, resolveBrowser } from '../lib/browser.ts';

if (process.argv.includes('--help')) {
  console.log(`Usage: tsx scripts/ensure-browser.ts   (runs as npm's postinstall)

Makes sure a Chromium exists for the tests. Skipped when GUIDEWRIGHT_SKIP_BROWSER_INSTALL=1.`);
  process.exit(0);
}

const say = (line: string) => console.log(`guidewright: ${line}`);

function found(): string | undefined {
  try {
    const choice = resolveBrowser();
    return choice.executablePath ?? "Playwright's own Chromium";
  } catch {
    return undefined;
  }
}

function run(command: string, args: string[]): boolean {
  say(`running: ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', timeout: 10 * 60_000 }).status === 0;
}

if (process.env.GUIDEWRIGHT_SKIP_BROWSER_INSTALL === '1') {
  say('browser check skipped (GUIDEWRIGHT_SKIP_BROWSER_INSTALL=1).');
  process.exit(0);
}

let browser = found();
if (!browser) {
  say("no Chromium found; trying Playwright's installer.");
  run('npx', ['playwright', 'install', 'chromium']);
  browser = found();
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!browser && isRoot && existsSync('/usr/bin/apt-get')) {
  say("Playwright's installer could not get a browser; installing Debian's chromium with apt-get.");
  // The headless shell is what headless runs use (lib/browser.ts); the whole browser serves headed runs.
  if (run('apt-get', ['update'])) run('apt-get', ['install', '-y', 'chromium', 'chromium-headless-shell']);
  browser = found();
}
if (browser) say(`browser: ${browser}`);
else console.warn(HOW_TO_GET_A_BROWSER);
