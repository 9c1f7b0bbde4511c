// A guide step's picture for the report: the screen the step describes, masked before anyone sees it.
//
// A step usually ends on the next screen already ("Start the set-up" ends on the password prompt), so the
// camera also takes a picture whenever one of the step's quoted words first appears during the step, and
// keeps the picture that shows the most of them (the final screen when it shows as many). Each picture is
// masked (lib/guide/mask.ts: every registered secret, every QR code) and records which quoted words it shows.
import type { Locator, Page, TestInfo } from '@playwright/test';
import { devtools } from '../devtools.ts';
import type { Secrets } from '../secrets.ts';
import { maskPicture, pageState, secretBoxes, type PageState } from './mask.ts';
import { containsNormalized, normalize } from './match.ts';

interface Candidate {
  png: Buffer;
  state: PageState;
  shows: string[];
}

export interface StepPicture {
  /** The attachment's name. */
  name: string;
  /** The step's quoted words the picture shows. */
  shows: string[];
}

export class StepCamera {
  private quotes: string[] = [];
  private best?: Candidate;
  private pending: Promise<void> = Promise.resolve();
  private inFlight = false;
  private again = false;
  private seenQuotes = new Set<string>();

  constructor(
    private readonly testInfo: TestInfo,
    private readonly secrets: Secrets,
    private readonly currentPage: () => Page | undefined,
  ) {}

  /**
   * A step starts: these are the words its picture should show. When the screen it starts on (`shown`) shows
   * some already, that screen is pictured before the step's first action can leave it.
   */
  async begin(quotes: string[], shown: Iterable<string> = []): Promise<void> {
    this.quotes = quotes;
    this.best = undefined;
    this.seenQuotes = new Set();
    this.seen([...shown]);
    await this.pending;
  }

  /** Texts that appeared during the step: a quoted word seen for the first time asks for a picture. */
  seen(texts: string[]): void {
    const fresh = this.quotes.filter(
      (q) => !this.seenQuotes.has(q) && texts.some((t) => containsNormalized(normalize(t), normalize(q))),
    );
    if (fresh.length === 0) return;
    for (const q of fresh) this.seenQuotes.add(q);
    this.request();
  }

  /** The step ends: one more picture of the final screen, then the best one is masked and attached. */
  async finish(name: string, mask: Locator[] = []): Promise<StepPicture | undefined> {
    await this.pending;
    // The final screen can only do better when the best picture so far misses some of the step's words.
    if (!this.best || this.best.shows.length < this.quotes.length || mask.length > 0) await this.snap(mask);
    const best = this.best;
    this.best = undefined;
    if (!best) return undefined;
    // Masked now, with every secret registered by the end of the step.
    const png = await masked(best, this.secrets);
    await this.testInfo.attach(name, { body: png, contentType: 'image/png' });
    return { name, shows: best.shows };
  }

  private request(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    this.pending = (async () => {
      do {
        this.again = false;
        await this.snap([]);
      } while (this.again);
      this.inFlight = false;
    })();
  }

  /** One picture, kept when it shows more of the step's words than the best so far (or as many, later). */
  private async snap(mask: Locator[]): Promise<void> {
    const page = this.currentPage();
    if (!page || page.isClosed() || page.url() === 'about:blank') return;
    const picture = await unmasked(page, mask);
    if (!picture) return;
    const text = normalize(picture.state.text);
    const shows = this.quotes.filter((q) => containsNormalized(text, normalize(q)));
    if (!this.best || shows.length >= this.best.shows.length) this.best = { ...picture, shows };
  }
}

/**
 * The page's picture with its state read before and after it was taken (a piece that appeared meanwhile
 * is masked too); undefined when the page moved on to another document while the picture was taken.
 */
async function unmasked(page: Page, mask: Locator[]): Promise<{ png: Buffer; state: PageState } | undefined> {
  const before = await pageState(page);
  if (!before) return undefined;
  const png = await capture(page, mask).catch(() => undefined);
  const after = png ? await pageState(page) : undefined;
  if (!png || !after || after.document !== before.document) return undefined;
  const state = {
    ...before,
    pieces: [...before.pieces, ...after.pieces],
    graphics: [...(before.graphics ?? []), ...(after.graphics ?? [])],
  };
  return { png, state };
}

/** The picture with every element holding a registered secret, and every QR code, painted over. */
async function masked(picture: { png: Buffer; state: PageState }, secrets: Secrets): Promise<Buffer> {
  const { state } = picture;
  return (await maskPicture(picture.png, secretBoxes(state, secrets.values()), state.graphics)).png;
}

/**
 * The viewport as PNG straight from Chromium's DevTools protocol: page.screenshot is traced as a test action
 * (DOM snapshots before and after), which made the picture cost more than all the checking. Masks given by a
 * spec, other browsers, or a failure here use page.screenshot.
 */
async function capture(page: Page, mask: Locator[]): Promise<Buffer> {
  const masks = mask.filter((l) => l.page() === page);
  if (masks.length > 0) return page.screenshot({ timeout: 5_000, mask: masks });
  try {
    const { data } = (await (
      await devtools(page)
    ).send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true })) as { data: string };
    return Buffer.from(data, 'base64');
  } catch {
    return page.screenshot({ timeout: 5_000 });
  }
}

/**
 * A picture of the page as it is now, masked like a step picture (every registered secret, every QR code):
 * what a failed test keeps instead of Playwright's own failure screenshot. Undefined when the page is gone.
 */
export async function maskedScreenshot(page: Page, secrets: Secrets): Promise<Buffer | undefined> {
  const picture = await unmasked(page, []).catch(() => undefined);
  return picture && masked(picture, secrets);
}
