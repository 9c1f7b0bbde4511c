// The guide session of one test: binds spec code to the steps of a help guide and checks the guide's words.
//
//   await guide.step('3', async () => { … });   // test step titled "Step 3: Connect an authenticator app"
//   guide.sawMail(mail);                        // the mail read in this step counts as shown
//
// During a step, everything shown in any page of the context is observed (ScreenWatcher: visible text and
// accessible names, across navigations, including dialogs that come and go); at the end, every UI string the
// guide quotes for the step must have been shown, else the step fails with "doc drift: …" naming the closest
// strings that were shown. Steps whose actions fail are "broken flow", and their error names the guide and
// the step. Messages and records are redacted with the test's secrets registry. `attachment()` is the JSON
// the reporter reads (STEPS_ATTACHMENT).
import { test, type BrowserContext, type Locator, type TestInfo } from '@playwright/test';
import type { MailCheck } from '../mail/links.ts';
import type { Secrets } from '../secrets.ts';
import { checkStep, driftMessage, DocDriftError } from './check.ts';
import { bindableSteps } from './parse.ts';
import { StepCamera, type StepPicture } from './pictures.ts';
import { failing, scanStep, type AxeScan, type AxeViolation } from './axe.ts';
import { loadGuide } from './load.ts';
import { redact } from './redact.ts';
import {
  STEPS_SCHEMA,
  type GuideRunAttachment,
  type QuoteResult,
  type StepRecord,
  type Surface,
} from './results.ts';
import type { Guide, GuideStep } from './types.ts';
import { ScreenWatcher } from './watch.ts';

export interface StepOptions {
  /** Parts of the screen to black out in the step's screenshot (codes, keys, QR codes). */
  mask?: Locator[];
  /** When the screenshot is taken: at the end of the step (default), or not at all. */
  screenshot?: 'end' | false;
}

export interface SawOptions {
  source?: Exclude<Surface, 'url'> | 'url';
}

/** A mail as lib/mail's Mail has it (duck-typed, so any mail client works). */
export interface MailLike {
  from?: string;
  subject?: string;
  text?: string;
  html?: string;
}

export class UnknownStepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownStepError';
  }
}

interface Observations {
  page: Set<string>;
  mail: Set<string>;
  sms: Set<string>;
  urls: Set<string>;
}
const newBuffer = (): Observations => ({ page: new Set(), mail: new Set(), sms: new Set(), urls: new Set() });

export interface GuideSessionOptions {
  guideId?: string;
  locale?: string;
  dir: string;
  hostMap: Record<string, string>;
  /** The guide check (observation and the quoted-word check); off only to measure its cost. */
  checking: boolean;
  /** Step pictures for the report. */
  screenshots: boolean;
  /** The test's secrets: kept out of every message, record and suggestion. */
  secrets: Secrets;
  /** axe on each step's final screen: off, listed in the report, or serious violations fail the step. */
  accessibility?: 'off' | 'report' | 'fail';
}

export class GuideSession {
  private loaded?: Guide;
  private current?: Observations;
  private pending = newBuffer();
  /** Shown since the last step ended (its final screen included); seeds the next step. */
  private shownBetween = new Set<string>();
  private primed = false;
  /** Reported while a step's final screen is being read. */
  private closing?: Set<string>;
  private readonly watcher: ScreenWatcher;
  private readonly camera: StepCamera;
  private readonly records: StepRecord[] = [];
  private readonly unknownSteps: { id: string; message: string }[] = [];
  private readonly mailChecks: MailCheck[] = [];
  /** Documents axe has scanned in this test → the step that scanned them. */
  private readonly axeSeen = new Map<string, string>();

  constructor(
    context: BrowserContext,
    private readonly testInfo: TestInfo,
    private readonly options: GuideSessionOptions,
  ) {
    this.watcher = new ScreenWatcher(context);
    this.camera = new StepCamera(testInfo, options.secrets, () => this.watcher.currentPage);
  }

  /** The guide this test walks (from the `guideId` option or `load`). */
  get guide(): Guide {
    if (this.loaded) return this.loaded;
    if (!this.options.guideId) {
      throw new Error(
        'no guide chosen for this test: use test.use({ guideId: "<id>" }) or call guide.load("<id>") first',
      );
    }
    return this.load(this.options.guideId);
  }

  /** Chooses the guide by id; the locale comes from the project (use.locale) unless given. */
  load(id: string, locale = this.options.locale): Guide {
    this.loaded = loadGuide(id, { dir: this.options.dir, ...(locale ? { locale } : {}) });
    this.testInfo.annotations.push({ type: 'guide', description: `${this.loaded.locale}/${this.loaded.id}` });
    return this.loaded;
  }

  /** Text the person was shown outside the browser in this step: a mail, an SMS, or a URL. */
  saw(text: string, options: SawOptions = {}): void {
    const buffer = this.current ?? this.pending;
    const source = options.source ?? 'page';
    if (source === 'url') buffer.urls.add(text);
    else buffer[source].add(text);
  }

  /** A mail read in this step: its sender, subject and text count as shown (for "Activate account" …). */
  sawMail(mail: MailLike): void {
    const html = (mail.html ?? '').replace(/<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ' ');
    const parts = [mail.from, mail.subject, mail.text, decodeEntities(html)].filter((p): p is string => !!p);
    for (const part of parts) this.saw(part, { source: 'mail' });
  }

  /** The link and HTML check of a mail read in this step, for the step's record. */
  mailChecked(check: MailCheck): void {
    this.mailChecks.push(check);
  }

  /** An SMS read in this step. */
  sawSms(text: string): void {
    this.saw(text, { source: 'sms' });
  }

  /**
   * Runs `fn` as the guide's step `id`, then checks the step's quoted words against what was shown. A failure
   * inside names the guide and the step.
   */
  async step<T>(id: string | number, fn: () => Promise<T> | T, options: StepOptions = {}): Promise<T> {
    const guide = this.guide;
    const steps = bindableSteps(guide);
    const step = steps.find((s) => s.id === String(id));
    if (!step) {
      const message = `guide "${guide.id}" (${guide.file}) has no step "${id}"; its steps are ${steps.map((s) => s.id).join(', ')}. Was the step renumbered or removed?`;
      this.unknownSteps.push({ id: String(id), message });
      throw new UnknownStepError(message);
    }
    try {
      if (!this.options.checking)
        return await test.step(step.title, () => this.runUnchecked(step, fn, options));
      await this.watcher.install({
        seen: (texts) => this.seen(texts),
        navigation: (url) => this.current?.urls.add(url),
      });
      return await test.step(step.title, () => this.run(guide, step, fn, options));
    } catch (error) {
      throw this.named(error, step);
    }
  }

  /** Prefixes a failure of the step's own actions with the guide and the step, so the message alone says where. */
  private named(error: unknown, step: GuideStep): unknown {
    // A drift already names both; a skip (testInfo.skip inside the step) is not a failure.
    if (!(error instanceof Error) || error instanceof DocDriftError) return error;
    if (this.testInfo.expectedStatus === 'skipped') return error;
    const prefix = `guide "${this.guide.id}", ${step.title}: `;
    const original = error.message;
    error.message = prefix + original;
    if (error.stack?.includes(original)) error.stack = error.stack.replace(original, error.message);
    return error;
  }

  /** Texts a page reported by itself. */
  private seen(texts: string[]): void {
    if (this.current && this.options.screenshots) this.camera.seen(texts);
    if (this.closing) for (const t of texts) this.closing.add(t);
    const into = this.current?.page ?? this.shownBetween;
    if (!this.current && into.size > 20_000) return;
    for (const t of texts) into.add(t);
  }

  /** GUIDEWRIGHT_CHECK=0: a plain test step that still leaves its picture and an "unchecked" record. */
  private async runUnchecked<T>(step: GuideStep, fn: () => Promise<T> | T, options: StepOptions): Promise<T> {
    const started = Date.now();
    const record: StepRecord = {
      id: step.id,
      title: step.title,
      status: 'unchecked',
      startedAt: new Date(started).toISOString(),
      durationMs: 0,
      quotes: [],
    };
    this.records.push(record);
    await this.camera.begin([]);
    try {
      return await fn();
    } finally {
      // Pictures are the report's, not part of the check: they stay, so the benchmark compares checking alone.
      const picture = this.wantsPicture(options) ? await this.picture(step, options) : undefined;
      if (picture) record.screenshot = picture.name;
      record.durationMs = Date.now() - started;
    }
  }

  private async run<T>(
    guide: Guide,
    step: GuideStep,
    fn: () => Promise<T> | T,
    options: StepOptions,
  ): Promise<T> {
    const started = Date.now();
    const timer = overheadTimer();
    const buffer = this.pending;
    this.pending = newBuffer();
    this.current = buffer;
    // What the screen shows as the step starts: known from the last step's end plus what appeared since (the
    // observer never stops); the pages are read only when that end could not read them all.
    for (const t of this.shownBetween) buffer.page.add(t);
    if (this.wantsPicture(options)) {
      const words = step.quotes.filter((q) => q.kind === 'ui').map((q) => q.text);
      await this.camera.begin(words, this.shownBetween);
    }
    if (!this.primed) await timer.time(() => this.collect(buffer));
    this.shownBetween = new Set();
    let result: T | undefined;
    let failure: unknown;
    try {
      result = await fn();
    } catch (error) {
      failure = error;
    }
    const picture = await this.readFinalScreen(buffer, step, options, timer.time);
    const quotes = await this.check(step, buffer, timer.time);
    const missing = quotes.filter((q) => q.status === 'missing');
    const record: StepRecord = {
      id: step.id,
      title: step.title,
      status: failure !== undefined ? 'broken' : missing.length > 0 ? 'drift' : 'passed',
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      overheadMs: Math.round(timer.total()),
      quotes,
      ...(picture ? { screenshot: picture.name, pictureShows: picture.shows } : {}),
      ...(this.mailChecks.length > 0 ? { mails: this.mailChecks.splice(0) } : {}),
    };
    if (this.wantsPicture(options)) {
      const note = pictureNote(
        quotes,
        picture?.shows,
        (record.mails?.length ?? 0) > 0 || buffer.mail.size > 0,
      );
      if (note) record.pictureNote = note;
    }
    this.records.push(record);
    if (failure !== undefined) {
      record.error = redact(errorText(failure), this.options.secrets.values());
      throw failure;
    }
    const accessibility = await this.scanAccessibility(step, timer.time);
    if (accessibility) record.accessibility = accessibility;
    if (missing.length > 0) {
      const message = driftMessage(guide, step, missing);
      record.error = message;
      // Articles known to disagree with the product (manifest onDrift: 'report'): recorded, walk goes on.
      if (guide.onDrift === 'report')
        this.testInfo.annotations.push({ type: 'doc drift', description: message });
      else throw new DocDriftError(guide.id, step.id, missing, message);
    }
    const serious = accessibility?.violations.filter(failing) ?? [];
    if (this.options.accessibility === 'fail' && serious.length > 0) {
      record.status = 'broken';
      record.error = accessibilityMessage(accessibility!.url, serious);
      throw new Error(record.error);
    }
    return result as T;
  }

  /** axe on the screen the step ended on (each document once a test), its findings redacted. */
  private async scanAccessibility(step: GuideStep, time: Timed): Promise<AxeScan | undefined> {
    const page = this.watcher.currentPage;
    if (!page || (this.options.accessibility ?? 'off') === 'off') return undefined;
    const scan = await time(() => scanStep(page, step.id, this.axeSeen));
    if (!scan) return undefined;
    const secrets = this.options.secrets;
    return {
      ...scan,
      violations: scan.violations.map((v) => ({ ...v, targets: v.targets.map((t) => secrets.redact(t)) })),
    };
  }

  /** The final screen: its words are read and its picture taken at the same time. */
  private async readFinalScreen(
    buffer: Observations,
    step: GuideStep,
    options: StepOptions,
    time: Timed,
  ): Promise<StepPicture | undefined> {
    this.closing = new Set();
    const [finalTexts, screenshot] = await Promise.all([
      time(() => this.collect(buffer)),
      this.wantsPicture(options) ? this.picture(step, options) : undefined,
    ]);
    this.current = undefined;
    // The final screen, plus whatever a page that loaded during that last read reported meanwhile.
    this.shownBetween = new Set([...finalTexts.texts, ...this.closing]);
    this.closing = undefined;
    // A page that was still navigating was not read: the next step reads the screen afresh.
    this.primed = !finalTexts.skipped;
    return screenshot;
  }

  private async check(step: GuideStep, buffer: Observations, time: Timed) {
    const check = () =>
      checkStep(step, buffer, { hostMap: this.options.hostMap, secrets: this.options.secrets.values() });
    const quotes = await time(check);
    if (!quotes.some((q) => q.status === 'missing' && q.kind === 'ui')) return quotes;
    // Last look before calling it drift: accessible names that only the accessibility tree computes.
    await time(async () => {
      for (const t of await this.watcher.readAria()) buffer.page.add(t);
    });
    return time(check);
  }

  private async collect(buffer: Observations) {
    const reading = await this.watcher.read();
    for (const t of reading.texts) buffer.page.add(t);
    return reading;
  }

  private wantsPicture(options: StepOptions): boolean {
    return options.screenshot !== false && this.options.screenshots;
  }

  private picture(step: GuideStep, options: StepOptions): Promise<StepPicture | undefined> {
    return this.camera.finish(`guide step ${step.id}`, options.mask);
  }

  /** The JSON attached for the reporter. */
  attachment(): GuideRunAttachment | undefined {
    const guide = this.loaded;
    if (!guide) return undefined;
    return {
      schema: STEPS_SCHEMA,
      guide: { id: guide.id, locale: guide.locale, title: guide.title, file: guide.file },
      checking: this.options.checking,
      steps: this.records,
      unknownSteps: this.unknownSteps,
    };
  }
}

type Timed = <R>(work: () => Promise<R> | R) => Promise<R>;

/** Adds up the time spent in the check's own work (observation and matching), apart from the step's actions. */
function overheadTimer(): { time: Timed; total: () => number } {
  let total = 0;
  const time: Timed = async (work) => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      total += performance.now() - t0;
    }
  };
  return { time, total: () => total };
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').slice(0, 4_000);
}

function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'");
}

/**
 * Why a step's picture shows none of its quoted words (or why it has no picture), for the report: a step
 * about a mail or an address has no screen words to show; anything else is said as it is. `quotes` are the
 * step's checked quotes: a UI word found in a mail or an SMS (the mail's button) is not a screen's word.
 */
export function pictureNote(
  quotes: Pick<QuoteResult, 'kind' | 'surface'>[],
  shows: string[] | undefined,
  readMail: boolean,
): string | undefined {
  if (shows && shows.length > 0) return undefined;
  if (!shows) return 'no picture: no page was open during the step';
  const elsewhere = (q: Pick<QuoteResult, 'surface'>) => q.surface === 'mail' || q.surface === 'sms';
  if (quotes.some((q) => q.kind === 'ui' && !elsewhere(q)))
    return 'none of the quoted words was on screen when the step was pictured';
  if (readMail || quotes.some(elsewhere))
    return 'the step is about a mail: its words are checked in the mail (listed with the step)';
  const kinds = [...new Set(quotes.map((q) => q.kind))];
  if (kinds.length > 0) return `the step quotes no words of a screen, only: ${kinds.join(', ')}`;
  return 'the step quotes no words of a screen';
}

/** A step failed for accessibility (GUIDEWRIGHT_AXE=fail): the serious and critical axe findings. */
export function accessibilityMessage(url: string, serious: AxeViolation[]): string {
  const lines = serious.map(
    (v) =>
      `  - ${v.id} (${v.impact}): ${v.help}; ${v.nodes} element(s), e.g. ${v.targets[0] ?? '?'} (${v.helpUrl})`,
  );
  return `accessibility: ${serious.length} serious or critical axe finding(s) on ${url}:\n${lines.join('\n')}`;
}
