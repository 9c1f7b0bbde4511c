// Word catalogues (en, nb) and the language choice: an explicit switch (cookie) first, then the account's
// own setting, then the browser's Accept-Language, then English.
// Each feature keeps its words in its own pair of catalogues (core, two-step verification, eID); nb must
// have every key of en (the types say so), and keys are prefixed by feature so they never collide.
import { en as coreEn } from './en.ts';
import { nb as coreNb } from './nb.ts';
import { twofactorEn, twofactorNb } from './twofactor.ts';
import { eidEn, eidNb } from './eid.ts';

const en = { ...coreEn, ...twofactorEn, ...eidEn };
export type MessageKey = keyof typeof en;
const nb: Record<MessageKey, string> = { ...coreNb, ...twofactorNb, ...eidNb };

export type Lang = 'en' | 'nb';
export const LANGS: readonly Lang[] = ['en', 'nb'];

const catalogues: Record<Lang, Record<MessageKey, string>> = { en, nb };

/** Every word of one language, e.g. for tests that look for English left on a Norwegian page. */
export const catalogue = (lang: Lang): Readonly<Record<MessageKey, string>> => catalogues[lang];

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const catalogue = catalogues[lang];
  return (key, vars) => {
    const text = catalogue[key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
  };
}

export const isLang = (v: unknown): v is Lang => v === 'en' || v === 'nb';

/** Maps an Accept-Language pick (nb, no, nn, en, ...) onto a catalogue. */
export function langFromTag(tag: string | false | undefined): Lang | undefined {
  if (!tag) return undefined;
  const base = tag.toLowerCase().split('-')[0];
  if (base === 'nb' || base === 'no' || base === 'nn') return 'nb';
  if (base === 'en') return 'en';
  return undefined;
}

/**
 * Replaces words at start-up (test mode's SANDBOX_WORDS). Unknown keys are refused by name, so a typo in a
 * demo cannot pass silently.
 */
export function overrideWords(words: Partial<Record<Lang, Record<string, string>>>): void {
  for (const lang of LANGS) {
    for (const [key, text] of Object.entries(words[lang] ?? {})) {
      if (!(key in catalogues[lang]))
        throw new Error(`SANDBOX_WORDS: no word "${key}" in the ${lang} catalogue`);
      catalogues[lang][key as MessageKey] = text;
    }
  }
}
