// The shapes a parsed guide takes. Framework-free: used by the fixture, the reporter and unit tests.
import type { Locale } from '../locale.ts';

/** What a quoted string names: only `ui` must be shown on a screen; the rest have their own surface. */
export type QuoteKind = 'ui' | 'email' | 'url' | 'date' | 'app-name' | 'picture' | 'earlier' | 'other';
// 'picture': words in the guide's own pictures (alt text, captions, screenshot descriptions, mock-ups of a
// screen, example data): reported, never demanded on screen.
// 'earlier': UI words a step names as done in an earlier step ("After selecting “Enable”, …", "«Glemt
// ditt passord» i forrige steg"): checked where that step showed them, not demanded again.

/** How the writer marked the string; kept so the report can show it the way the guide does. */
export type QuoteStyle =
  | 'double' // "…"
  | 'curly-double' // “…”
  | 'guillemets' // «…»
  | 'curly-single' // ‘…’
  | 'single' // '…'
  | 'bold' // **…**
  | 'link' // [text](href)
  | 'kbd' // <kbd>…</kbd>
  | 'alt' // an image's alt text or caption
  | 'bare-url'; // https://… written in the text

export interface Quote {
  /** The string as the guide writes it, without the quote marks. */
  text: string;
  kind: QuoteKind;
  style: QuoteStyle;
  /** 1-based line in the guide file (in a PDF: counted over all pages). */
  line: number;
  /** In a PDF: the 1-based page. */
  page?: number;
  /** Quotes joined by "or"/"eller" share a group: showing any one of them is enough. */
  group?: number;
  /** For links: where the link points. */
  href?: string;
  /** Why the quote is not checked (kind 'other', from the manifest). */
  note?: string;
}

export interface GuideLink {
  text: string;
  href: string;
  line: number;
}

export interface GuideStep {
  /** The guide's own number for the step, as a string ("3"); what `guide.step('3', …)` binds to. */
  id: string;
  /** "Step 3: Link your account" / "Steg 8: Trykk på søppelbøtten ved BankID" — used as the test step title. */
  title: string;
  /** The step's text, Markdown removed, whitespace kept readable. */
  text: string;
  /** 1-based line where the step starts. */
  line: number;
  /** Last line of the step (inclusive). */
  endLine: number;
  /** "(optional)"/"(valgfritt)" in the step's heading, or the word in its title. */
  optional: boolean;
  quotes: Quote[];
  links: GuideLink[];
  /** 'section': a part after the steps (troubleshooting, FAQ), bindable by its id like a step. */
  kind?: 'step' | 'section';
  /** Why no spec walks this step (from the manifest): the report shows it instead of plain "uncovered". */
  uncovered?: string;
  /** The step's own id in the document, when a manifest bound it under another id. */
  sourceId?: string;
}

/** Where the document came from; decides the reader. */
export type GuideFormat = 'markdown' | 'text' | 'html' | 'zendesk' | 'pdf';

/** Something in a guide a writer should fix; the rest of the guide is still read. */
export interface GuideFinding {
  /** File or URL. */
  file: string;
  line: number;
  page?: number;
  message: string;
}

/** A heading-delimited part of the guide, as the document has it. */
export interface GuideSection {
  title: string;
  line: number;
  endLine: number;
  /** 'intro' before the first step, 'steps', or 'after' (troubleshooting, FAQ, notes). */
  role: 'intro' | 'steps' | 'after';
}

/** Which app the guide starts in: maps to a configured URL (see `startUrl`). */
export type StartApp = 'connect' | 'accountsettings' | 'portal' | 'home' | `enterprise:${string}`;

export type StepStyle = 'marker' | 'list' | 'paragraph';

export interface Guide {
  id: string;
  title: string;
  locale: Locale;
  start?: StartApp;
  format?: GuideFormat;
  /** The file it came from (as given to the parser). */
  file: string;
  /** Whether the file had front matter; a writer's raw guide may not. */
  hasFrontMatter: boolean;
  /** How steps were recognised: "Step N"/"Steg N" markers, a numbered list, or (fallback) paragraphs. */
  stepStyle: StepStyle;
  steps: GuideStep[];
  /** Headed sections after the steps (troubleshooting, FAQ, notes): bindable by their id like a step. */
  after: GuideStep[];
  /** Quotes before the first step (e.g. the error message a guide opens with). */
  intro: { text: string; quotes: Quote[] };
  /** All links of the file, in or out of steps. */
  links: GuideLink[];
  /** Notes about guesses the parser made (no front matter, paragraphs taken as steps, …). */
  warnings: string[];
  /** Problems at file:line (a bad quote, a repeated step number, …); the guide is still read. */
  findings: GuideFinding[];
  /** Heading-delimited parts, in document order. */
  sections: GuideSection[];
  /** The raw file text; the lint reads dates from it. */
  source: string;
  /** Other front matter keys, as written. */
  meta: Record<string, string>;
  /** Why no spec binds the introduction (from the manifest). */
  introUncovered?: string;
  /**
   * 'report': a step whose quoted words were not shown is recorded as doc drift and the walk goes on
   * (real articles known to disagree with the product); default 'fail' stops the test.
   */
  onDrift?: 'fail' | 'report';
}

/** A guide file that cannot be used, with the file and line to fix. */
export class GuideError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    // Line 0: the problem is with the file or URL as a whole (missing, 404, no answer).
    super(line > 0 ? `${file}:${line}: ${problem}` : `${file}: ${problem}`);
    this.name = 'GuideError';
  }
}
