// The error page of the login service ("Something went wrong" with the reason, e.g. «En intern feil har
// oppstått», the message guide wrong-email-bankid opens with).
import type { Locator, Page } from '@playwright/test';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const errorWords = {
  en: {
    heading: 'Something went wrong',
    internal: 'An internal error has occurred',
    notFound: 'Page not found',
  },
  nb: {
    heading: 'Noe gikk galt',
    internal: 'En intern feil har oppstått',
    notFound: 'Siden finnes ikke',
  },
} satisfies Words<string>;

type Key = keyof (typeof errorWords)['en'];

export class ErrorPage extends Screen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, errorWords, options);
  }

  get heading(): Locator {
    return this.get('heading', 'heading');
  }
  /** The reason shown under the heading. */
  get message(): Locator {
    return this.page.getByRole('alert');
  }
  /** An app that shows «En intern feil har oppstått» as its page heading (a refused sign-in). */
  get internalErrorHeading(): Locator {
    return this.page.getByRole('heading', { name: this.word('internal'), exact: true });
  }
  get internalError(): Locator {
    return this.message.filter({ hasText: this.word('internal') });
  }
}
