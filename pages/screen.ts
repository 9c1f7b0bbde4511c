// The base of every page object: a page, the language its words are in, and the actions every screen has
// (press a button, follow a link, type in a field, tick a box), each one thing a person does. Getters
// return lazy Locators; specs own the assertions. Words come from the page object's own list per
// language, never from the target's code: the same page objects drive the sandbox and the real service.
import type { Locator, Page } from '@playwright/test';
import { act, fillSecret, locate, type Role, type Target } from './find.ts';

import { parseLocale, type Locale } from '../lib/locale.ts';
import type { Secrets } from '../lib/secrets.ts';

export { LOCALES, type Locale } from '../lib/locale.ts';

/** 'nb-NO' → 'nb', 'en-GB' → 'en' (no, nn read bokmål); a tag of a language the page words lack is an error. */
export function localeOf(tag: string | undefined): Locale {
  return parseLocale(tag ?? 'en', "the test project's browser locale");
}

/** One word list per page: the same keys in every language. */
export type Words<K extends string> = Record<Locale, Record<K, string>>;

export interface ScreenOptions {
  /** How long an element may take to appear before the action fails listing what is shown. */
  timeoutMs?: number;
  /** The test's secrets registry: a screen that reads a secret off the page registers it there. */
  secrets?: Secrets;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export abstract class Screen<K extends string> {
  protected readonly timeoutMs: number;
  protected readonly secrets: Secrets | undefined;

  constructor(
    readonly page: Page,
    readonly locale: Locale,
    private readonly words: Words<K>,
    options: ScreenOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.secrets = options.secrets;
  }

  /** The screen's word for `key` in its language. */
  word(key: K): string {
    return this.words[this.locale][key];
  }

  protected target(role: Role, key: K, exact = true): Target {
    return { role, name: this.word(key), exact };
  }

  protected get(role: Role, key: K, exact = true): Locator {
    return locate(this.page, this.target(role, key, exact));
  }

  protected async press(key: K, role: 'button' | 'link' = 'button', exact = true): Promise<void> {
    await act(this.page, this.target(role, key, exact), (e, timeout) => e.click({ timeout }), {
      timeoutMs: this.timeoutMs,
      actionWaits: true,
    });
  }

  protected async type(key: K, value: string): Promise<void> {
    await act(this.page, this.target('textbox', key), (e, timeout) => e.fill(value, { timeout }), {
      timeoutMs: this.timeoutMs,
      actionWaits: true,
    });
  }

  /** Types a password or code: the value never shows in Playwright's step titles, report or trace. */
  protected async typeSecret(key: K, value: string): Promise<void> {
    await act(this.page, this.target('textbox', key), (e, timeout) => fillSecret(e, value, timeout), {
      timeoutMs: this.timeoutMs,
      actionWaits: true,
    });
  }

  protected async tick(key: K, exact = true): Promise<void> {
    await act(this.page, this.target('checkbox', key, exact), (e, timeout) => e.check({ timeout }), {
      timeoutMs: this.timeoutMs,
      actionWaits: true,
    });
  }
}
