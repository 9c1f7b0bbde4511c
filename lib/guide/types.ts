// The shapes a parsed guide takes. Framework-free: used by the fixture, the reporter and unit tests.

/** What a quoted string names: only `ui` must be shown on a screen; the rest have their own surface. */
export type QuoteKind = 'ui' | 'email' | 'url' | 'date' | 'app-name';

/** How the writer marked the string; kept so the report can show it the way the guide does. */
export type QuoteStyle =
  | 'double' // "…"
  | 'curly-double' // “…”
  | 'guillemets' // «…»
  | 'curly-single' // ‘…’
  | 'single' // '…'
  | 'bold' // **…**
  | 'link' // [text](href)
  | 'bare-url'; // https://… written in the text

export interface Quote {
  /** The string as the guide writes it, without the quote marks. */
  text: string;
  kind: QuoteKind;
  style: QuoteStyle;
  /** 1-based line in the guide file. */
  line: number;
  /** Quotes joined by "or"/"eller" share a group: showing any one of them is enough. */
  group?: number;
  /** For links: where the link points. */
  href?: string;
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
}

/** Which app the guide starts in: maps to a configured URL (see `startUrl`). */
export type StartApp = 'connect' | 'accountsettings' | 'portal' | 'home' | `enterprise:${string}`;

export type StepStyle = 'marker' | 'list' | 'paragraph';

export interface Guide {
  id: string;
  title: string;
  locale: string;
  start?: StartApp;
  /** The file it came from (as given to the parser). */
  file: string;
  /** Whether the file had front matter; a writer's raw guide may not. */
  hasFrontMatter: boolean;
  /** How steps were recognised: "Step N"/"Steg N" markers, a numbered list, or (fallback) paragraphs. */
  stepStyle: StepStyle;
  steps: GuideStep[];
  /** Quotes before the first step (e.g. the error message a guide opens with). */
  intro: { text: string; quotes: Quote[] };
  /** All links of the file, in or out of steps. */
  links: GuideLink[];
  /** Notes about guesses the parser made (no front matter, paragraphs taken as steps, …). */
  warnings: string[];
  /** The raw file text; the lint reads dates from it. */
  source: string;
  /** Other front matter keys, as written. */
  meta: Record<string, string>;
}

/** A guide file that cannot be used, with the file and line to fix. */
export class GuideError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'GuideError';
  }
}
