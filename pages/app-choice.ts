// Two-step verification, the app choice: "Download Visma Authenticator" with a QR code the Visma
// Authenticator app scans to pair itself (push sign-in), or "I use a different Authenticator app" (or
// "Try another way") for any other authenticator app.
import type { Locator, Page } from '@playwright/test';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const appChoiceWords = {
  en: {
    heading: 'Download Visma Authenticator',
    qrCode: 'QR code to download Visma Authenticator and add your account',
    otherApp: 'I use a different Authenticator app',
    otherWay: 'Try another way',
    next: 'Next',
    back: 'Back',
  },
  nb: {
    heading: 'Last ned Visma Authenticator',
    qrCode: 'QR-kode for å laste ned Visma Authenticator og legge til kontoen din',
    otherApp: 'Jeg bruker en annen autentiseringsapp',
    otherWay: 'Prøv en annen måte',
    next: 'Neste',
    back: 'Tilbake',
  },
} satisfies Words<string>;

type Key = keyof (typeof appChoiceWords)['en'];

export class AppChoicePage extends Screen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, appChoiceWords, options);
  }

  get heading(): Locator {
    return this.get('heading', 'heading');
  }
  /** The QR code Visma Authenticator scans (it pairs the app with the account). */
  get qrCode(): Locator {
    return this.get('img', 'qrCode');
  }
  /** Shown when "Next" is pressed before the Visma Authenticator app has paired. */
  get problem(): Locator {
    return this.page.getByRole('alert');
  }

  /** "I use a different Authenticator app" (Google, Microsoft, ...). */
  async useDifferentApp(): Promise<void> {
    await this.press('otherApp', 'link');
  }
  /** "Try another way": also leads to another authenticator app. */
  async tryAnotherWay(): Promise<void> {
    await this.press('otherWay', 'link');
  }
  /** "Next" after Visma Authenticator has scanned the QR code. */
  async next(): Promise<void> {
    await this.press('next');
  }
}
