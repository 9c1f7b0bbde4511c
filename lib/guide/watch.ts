// Watching what a browser context shows, for the guide check: an init script in every page and frame reports
// the visible texts and accessible names that appear (lib/guide/observer.ts), and the watcher can read every
// frame on demand. It knows which frames are on their way to a new document (reading those would wait for
// the navigation) and which page the person looked at last.
import type { BrowserContext, Frame, Page, Request } from '@playwright/test';
import { devtools } from '../devtools.ts';
import { COLLECT_EXPRESSION, OBSERVER_SCRIPT, SEEN_BINDING } from './observer.ts';

export interface WatchEvents {
  /** Texts a page reported by itself (it appeared, or changed). */
  seen(texts: string[]): void;
  /** A frame started navigating to `url`. */
  navigation(url: string): void;
}

export interface Reading {
  texts: string[];
  /** Some frame could not be read (navigating, or its document went away while being read). */
  skipped: boolean;
}

export class ScreenWatcher {
  private installed = false;
  private lastPage?: Page;
  private readonly navigating = new Set<Frame>();

  constructor(private readonly context: BrowserContext) {}

  /** The page the person looked at last (it navigated, opened, or reported texts), else the newest one. */
  get currentPage(): Page | undefined {
    if (this.lastPage && !this.lastPage.isClosed()) return this.lastPage;
    const open = this.context.pages().filter((p) => !p.isClosed());
    return open[open.length - 1];
  }

  /** Starts watching (once per context). */
  async install(events: WatchEvents): Promise<void> {
    if (this.installed) return;
    this.installed = true;
    await this.context.exposeBinding(SEEN_BINDING, ({ page }: { page: Page }, texts: unknown) => {
      if (!Array.isArray(texts)) return;
      this.lastPage = page;
      events.seen(texts.filter((t): t is string => typeof t === 'string'));
    });
    await this.context.addInitScript({ content: OBSERVER_SCRIPT });
    const watch = (page: Page) => {
      page.on('framenavigated', (frame) => {
        this.navigating.delete(frame);
        if (frame === page.mainFrame()) this.lastPage = page;
      });
    };
    this.context.pages().forEach(watch);
    this.context.on('page', (page) => {
      this.lastPage = page;
      watch(page);
    });
    this.context.on('request', (request) => {
      if (!request.isNavigationRequest()) return;
      events.navigation(request.url());
      const frame = frameOf(request);
      if (frame) this.navigating.add(frame);
    });
    const settled = (request: Request) => {
      const frame = request.isNavigationRequest() ? frameOf(request) : undefined;
      if (frame) this.navigating.delete(frame);
    };
    this.context.on('requestfailed', settled);
    this.context.on('requestfinished', settled);
  }

  /** What every frame of every page shows right now (also installs the observer in pages opened earlier). */
  async read(): Promise<Reading> {
    const all = this.context.pages().flatMap((p) => (p.isClosed() ? [] : p.frames()));
    const frames = all.filter((f) => !this.navigating.has(f));
    const results = await Promise.all(frames.map((f) => readFrame(f)));
    const texts: string[] = [];
    for (const found of results) {
      if (Array.isArray(found)) for (const t of found) if (typeof t === 'string') texts.push(t);
    }
    return { texts, skipped: frames.length < all.length || results.some((r) => !Array.isArray(r)) };
  }

  /** Accessible names only the accessibility tree computes: the last look before calling a word missing. */
  async readAria(): Promise<string[]> {
    const texts: string[] = [];
    for (const page of this.context.pages()) {
      if (page.isClosed()) continue;
      const snapshot = await page
        .locator('body')
        .ariaSnapshot({ timeout: 2_000 })
        .catch(() => '');
      texts.push(...ariaTexts(snapshot));
    }
    return texts;
  }
}

/**
 * The names and texts in Playwright's ARIA snapshot: quoted names ("- button \"Next\"") and the text after
 * a role's colon on the same line ("- paragraph: Visma Home"). A colon that ends its line opens the
 * children below it; the next line is never read as its text.
 */
export function ariaTexts(snapshot: string): string[] {
  const texts: string[] = [];
  for (const m of snapshot.matchAll(/"((?:[^"\\]|\\.)*)"|:[ \t]+(.+)$/gm)) {
    const text = (m[1] ?? m[2] ?? '').trim();
    if (text) texts.push(text);
  }
  return texts;
}

/** Service worker requests have no frame. */
function frameOf(request: Request): Frame | undefined {
  try {
    return request.frame();
  } catch {
    return undefined;
  }
}

/**
 * One frame's visible texts. Main frames are read over the DevTools protocol: frame.evaluate is a traced test
 * action (DOM snapshots before and after), which cost more than the read itself.
 */
async function readFrame(frame: Frame): Promise<unknown> {
  const page = frame.page();
  if (frame === page.mainFrame()) {
    try {
      const result = (await (
        await devtools(page)
      ).send('Runtime.evaluate', { expression: COLLECT_EXPRESSION, returnByValue: true })) as {
        result?: { value?: unknown };
        exceptionDetails?: unknown;
      };
      if (!result.exceptionDetails) return result.result?.value;
    } catch {
      // Not Chromium, or the page is going away: fall back below.
    }
  }
  return frame.evaluate(COLLECT_EXPRESSION).catch(() => undefined);
}
