// The words the step and quote rules read in a guide, per language. A new language in lib/locale.ts makes
// the compiler ask for its list here.
import type { Locale } from '../locale.ts';

export interface GuideWords {
  /** Words that start a numbered step ("Step 3", "Steg 3:"), lower case. */
  step: string[];
  /** The label of a step made from the text before the first step. */
  intro: string;
  /** A step whose heading says so may be left out. */
  optional: string[];
  /** How a writer starts the description of a screenshot: its words are the picture's, not the screen's. */
  picture: string[];
  /** Bold notes that are not names of things on screen ("MERK: …"). */
  note: string[];
  /** Joins alternatives: "Enter code manually" or "Can't scan QR code?". */
  or: string[];
}

export const GUIDE_WORDS: Record<Locale, GuideWords> = {
  en: {
    step: ['step'],
    intro: 'Introduction',
    optional: ['optional'],
    picture: [
      'the screenshot shows',
      'the image shows',
      'the picture shows',
      'the screen shows',
      'screenshot:',
    ],
    note: ['note', 'tip', 'tips', 'important', 'warning'],
    or: ['or'],
  },
  nb: {
    step: ['steg', 'trinn'],
    intro: 'Innledning',
    optional: ['valgfritt', 'valgfri'],
    picture: ['skjermbildet viser', 'bildet viser', 'skjermbilde:'],
    note: ['merk', 'nb', 'obs', 'tips', 'viktig', 'advarsel'],
    or: ['eller'],
  },
};
