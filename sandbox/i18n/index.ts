// Word catalogues (en, nb) and the language choice: an explicit switch (cookie) first, then the account's
// own setting, then the browser's Accept-Language, then English.
import { en, type MessageKey } from './en.ts';
import { nb } from './nb.ts';

export type Lang = 'en' | 'nb';
export const LANGS: readonly Lang[] = ['en', 'nb'];
export type { MessageKey };

const catalogues: Record<Lang, Record<MessageKey, string>> = { en, nb };

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
