// Two-step verification at sign-in with the one-time emergency code ("Try another way" → "Use your
// one-time emergency code"), and the question that follows a used code: is the authenticator app still
// there? (keep it, set up a new one, or turn two-step verification off).
import type { Locator, Page } from '@playwright/test';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const emergencySignInWords = {
  en: {
    heading: 'Use your one-time emergency code',
    code: 'One-time emergency code',
    verify: 'Verify',
    lostHeading: 'Do you still have your Authenticator app?',
    keep: 'I still have access to my Authenticator app',
    lost: 'I have permanently lost access to my Authenticator app',
  },
  nb: {
    heading: 'Bruk engangskoden (beredskapskode)',
    code: 'Beredskapskode',
    verify: 'Bekreft',
    lostHeading: 'Har du fortsatt autentiseringsappen?',
    keep: 'Jeg har fortsatt tilgang til autentiseringsappen',
    lost: 'Jeg har permanent mistet tilgang til autentiseringsappen',
  },
} satisfies Words<string>;

type Key = keyof (typeof emergencySignInWords)['en'];

export class EmergencySignInPage extends Screen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, emergencySignInWords, options);
  }

  get heading(): Locator {
    return this.get('heading', 'heading');
  }
  get lostHeading(): Locator {
    return this.get('heading', 'lostHeading');
  }
  get problem(): Locator {
    return this.page.getByRole('alert');
  }

  /** Types the emergency code and presses "Verify". */
  async enterCode(code: string): Promise<void> {
    await this.typeSecret('code', code);
    await this.press('verify');
  }
  /** After a used code: "I still have access to my Authenticator app". */
  async stillHaveApp(): Promise<void> {
    await this.press('keep');
  }
}
