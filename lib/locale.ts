// The suite's one place for languages. Every locale decision (page words, guide step words, the browser's
// locale per project, the people a test creates, the guides runner's --locale) reads this module. Adding a
// language is: add it to LOCALES and BROWSER_LOCALE here, then fill in the word lists the compiler asks for
// (every `Record<Locale, …>`), then write the guides. An unknown language is an error, never English.
//
// The sandbox keeps its own list (sandbox/i18n): the suite and the sandbox share no code.

export const LOCALES = ['en', 'nb'] as const;
export type Locale = (typeof LOCALES)[number];

/** The BCP 47 tag the browser runs with for each locale (Playwright's `locale` option). */
export const BROWSER_LOCALE: Record<Locale, string> = { en: 'en-GB', nb: 'nb-NO' };

/** Other language subtags that read one of our locales' words: Norwegian (no) and Nynorsk readers get bokmål. */
const ALIASES: Record<string, Locale> = { no: 'nb', nn: 'nb' };

export class UnknownLocaleError extends Error {
  constructor(
    readonly value: string,
    where: string,
  ) {
    super(`${where}: unknown language "${value}"; guidewright knows ${LOCALES.join(', ')}`);
    this.name = 'UnknownLocaleError';
  }
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The locale a BCP 47 tag reads ('nb-NO' → 'nb', 'en_GB' → 'en', 'no' → 'nb'), or undefined if none. */
export function localeFromTag(tag: string | undefined): Locale | undefined {
  if (!tag) return undefined;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (isLocale(base)) return base;
  return ALIASES[base];
}

/**
 * The locale of `tag`, or an error naming where it came from (`where`, e.g. "guides/en/x.md front matter")
 * and the known ones.
 */
export function parseLocale(tag: string | undefined, where: string): Locale {
  const locale = localeFromTag(tag);
  if (!locale) throw new UnknownLocaleError(tag ?? '(none)', where);
  return locale;
}
