// Which Chromium the suite drives. One place decides, in this order:
//   1. Playwright's own Chromium, when it is installed (`npx playwright install chromium`);
//   2. CHROMIUM_PATH, when set;
//   3. a system Chromium or Chrome at the usual paths (Debian's `chromium` is /usr/bin/chromium); for a
//      headless run, first the old headless shell (Debian's `chromium-headless-shell`), as Playwright itself
//      does with its own browsers: the full browser's headless mode composites every frame in a GPU process
//      and made the guides take 1.6 times as long with two workers on a 2-core machine;
//   4. otherwise a clear message saying how to get one.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const SYSTEM_BROWSER_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** Chromium's old headless shell: what a headless run takes first when it is there. */
export const SYSTEM_HEADLESS_SHELL_PATHS = [
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chrome-headless-shell',
];

export const HOW_TO_GET_A_BROWSER = [
  'guidewright found no Chromium to drive. Get one of these:',
  "  - Playwright's own:   npx playwright install chromium",
  '  - Debian/Ubuntu:      sudo apt-get install -y chromium chromium-headless-shell',
  '  - any other Chromium or Chrome: set CHROMIUM_PATH=/path/to/chrome in .env',
].join('\n');

export interface BrowserChoice {
  /** undefined = Playwright's own Chromium (Playwright finds it itself). */
  executablePath: string | undefined;
  source: 'playwright' | 'CHROMIUM_PATH' | 'system';
}

export class NoBrowserError extends Error {
  constructor() {
    super(HOW_TO_GET_A_BROWSER);
    this.name = 'NoBrowserError';
  }
}

function playwrightChromiumPath(): string | undefined {
  try {
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

export function resolveBrowser(
  chromiumPath: string | undefined = process.env.CHROMIUM_PATH || undefined,
  exists: (p: string) => boolean = existsSync,
  ownPath: () => string | undefined = playwrightChromiumPath,
  /** A headless run takes the headless shell when there is one; a headed run needs the whole browser. */
  headless = true,
): BrowserChoice {
  if (ownPath()) return { executablePath: undefined, source: 'playwright' };
  if (chromiumPath) {
    if (!exists(chromiumPath))
      throw new Error(`CHROMIUM_PATH=${chromiumPath} does not exist.\n${HOW_TO_GET_A_BROWSER}`);
    return { executablePath: chromiumPath, source: 'CHROMIUM_PATH' };
  }
  const found = [...(headless ? SYSTEM_HEADLESS_SHELL_PATHS : []), ...SYSTEM_BROWSER_PATHS].find((p) =>
    exists(p),
  );
  if (found) return { executablePath: found, source: 'system' };
  throw new NoBrowserError();
}
