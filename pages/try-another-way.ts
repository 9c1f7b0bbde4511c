// Two-step verification at sign-in: "Try another way" lists the methods the account has (push to Visma
// Authenticator, the app's code, SMS to the masked number, security key, emergency code).
import type { Locator, Page } from '@playwright/test';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const tryAnotherWayWords = {
  en: {
    heading: 'Try another way',
    push: 'Send a notification to Visma Authenticator',
    app: 'Use the security code from your Authenticator app',
    sms: 'Get the security code sent as an SMS',
    key: 'Use your security key or biometrics',
    emergency: 'Use your one-time emergency code',
  },
  nb: {
    heading: 'Prøv en annen måte',
    push: 'Send et varsel til Visma Authenticator',
    app: 'Bruk sikkerhetskoden fra autentiseringsappen',
    sms: 'Få sikkerhetskoden sendt som SMS',
    key: 'Bruk sikkerhetsnøkkel eller biometri',
    emergency: 'Bruk engangskoden (beredskapskode)',
  },
} satisfies Words<string>;

type Key = keyof (typeof tryAnotherWayWords)['en'];

export class TryAnotherWayPage extends Screen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, tryAnotherWayWords, options);
  }

  get heading(): Locator {
    return this.get('heading', 'heading');
  }
  /** "Get the security code sent as an SMS to +47 ••• •• 123" (the number is part of the name). */
  get smsOption(): Locator {
    return this.get('link', 'sms', false);
  }

  async sendSms(): Promise<void> {
    await this.press('sms', 'link', false);
  }
  async useAppCode(): Promise<void> {
    await this.press('app', 'link');
  }
  async sendPush(): Promise<void> {
    await this.press('push', 'link');
  }
  async useEmergencyCode(): Promise<void> {
    await this.press('emergency', 'link');
  }
}
