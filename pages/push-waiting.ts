// Two-step verification at sign-in with a paired Visma Authenticator: the page waits for the person to
// approve the notification on the phone, then continues by itself.
import type { Locator, Page } from '@playwright/test';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const pushWaitingWords = {
  en: {
    heading: '2FA verification - We are waiting for your response',
    denied: 'The sign-in was denied in Visma Authenticator.',
    again: 'Try push again',
    otherWay: 'Try another way',
  },
  nb: {
    heading: '2FA-verifisering - Vi venter på svaret ditt',
    denied: 'Innloggingen ble avvist i Visma Authenticator.',
    again: 'Prøv varsel på nytt',
    otherWay: 'Prøv en annen måte',
  },
} satisfies Words<string>;

type Key = keyof (typeof pushWaitingWords)['en'];

export class PushWaitingPage extends Screen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, pushWaitingWords, options);
  }

  get heading(): Locator {
    return this.get('heading', 'heading');
  }
  get deniedMessage(): Locator {
    return this.page.getByRole('alert').filter({ hasText: this.word('denied') });
  }
  async tryPushAgain(): Promise<void> {
    await this.press('again');
  }
  async tryAnotherWay(): Promise<void> {
    await this.press('otherWay', 'link');
  }
}
