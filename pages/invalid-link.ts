// The page an expired or used activation/reset link opens.
import type { Locator, Page } from '@playwright/test';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const invalidLinkWords = {
  en: {
    heading: 'Invalid verification link',
    text: 'This link has expired or has already been used.',
    requestNew: 'Click here to request a new valid link',
  },
  nb: {
    heading: 'Ugyldig verifiseringslenke',
    text: 'Denne lenken er utløpt eller allerede brukt.',
    requestNew: 'Klikk her for å be om en ny gyldig lenke',
  },
} satisfies Words<string>;

type Key = keyof (typeof invalidLinkWords)['en'];

export class InvalidLinkPage extends Screen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, invalidLinkWords, options);
  }

  get heading(): Locator {
    return this.get('heading', 'heading');
  }
  get explanation(): Locator {
    return this.page.getByText(this.word('text'), { exact: true });
  }

  async requestNewLink(): Promise<void> {
    await this.press('requestNew', 'link');
  }
}
