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
  /** Words that announce a mock-up of a screen on the lines right after them, lower case. */
  mockup: string[];
  /** Bold notes that are not names of things on screen ("MERK: …"). */
  note: string[];
  /** Joins alternatives: "Enter code manually" or "Can't scan QR code?". */
  or: string[];
  /**
   * A quote that names what an earlier step did: words just before it ("after selecting “X”") or just
   * after it ("«X» in the previous step"), lower case.
   */
  earlier: { before: string[]; after: string[] };
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
    mockup: ['the following window', 'the following screen', 'the following page', 'the following dialog'],
    note: ['note', 'tip', 'tips', 'important', 'warning'],
    or: ['or'],
    earlier: {
      before: [
        'after selecting',
        'after clicking',
        'after pressing',
        'after choosing',
        'after tapping',
        'after you selected',
        'after you clicked',
        'after you pressed',
        'once you have selected',
        'once you have clicked',
        'once you have pressed',
      ],
      after: ['in the previous step', 'in the step before', 'on the previous screen'],
    },
  },
  nb: {
    step: ['steg', 'trinn'],
    intro: 'Innledning',
    optional: ['valgfritt', 'valgfri'],
    picture: ['skjermbildet viser', 'bildet viser', 'skjermbilde:'],
    mockup: ['følgende vindu', 'følgende skjermbilde', 'følgende side', 'følgende dialog'],
    note: ['merk', 'nb', 'obs', 'tips', 'viktig', 'advarsel'],
    or: ['eller'],
    earlier: {
      before: [
        'etter å ha trykket på',
        'etter å ha trykket',
        'etter å ha valgt',
        'etter at du har trykket på',
        'etter at du har trykket',
        'etter at du har valgt',
        'når du har trykket på',
        'når du har trykket',
      ],
      after: ['i forrige steg', 'i steget før', 'på forrige skjermbilde'],
    },
  },
};
