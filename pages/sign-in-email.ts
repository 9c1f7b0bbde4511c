// Sign-in, step 1: the email address (and "save my email"), before the password.
import type { Locator, Page } from '@playwright/test';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const signInEmailWords = {
  en: {
    email: 'Email address',
    next: 'Next',
    remember: 'Save my email address for next time',
    securityKey: 'Sign in with security key or biometrics',
  },
  nb: {
    email: 'E-postadresse',
    next: 'Neste',
    remember: 'Lagre min e-postadresse til neste gang',
    securityKey: 'Logg inn med sikkerhetsnøkkel eller biometri',
  },
} satisfies Words<string>;

type Key = keyof (typeof signInEmailWords)['en'];

export class SignInEmailPage extends Screen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, signInEmailWords, options);
  }

  get emailField(): Locator {
    return this.get('textbox', 'email');
  }
  get nextButton(): Locator {
    return this.get('button', 'next');
  }
  /** Its label carries a hint ("not recommended on shared computers"), so the name is matched in part. */
  get rememberCheckbox(): Locator {
    return this.get('checkbox', 'remember', false);
  }
  get securityKeyLink(): Locator {
    return this.get('link', 'securityKey');
  }

  async fillEmail(email: string): Promise<void> {
    await this.type('email', email);
  }
  /** Ticks "Save my email address for next time". */
  async rememberEmail(): Promise<void> {
    await this.tick('remember', false);
  }
  async next(): Promise<void> {
    await this.press('next');
  }
  /** "Sign in with security key or biometrics" (passkey sign-in). */
  async useSecurityKey(): Promise<void> {
    await this.press('securityKey', 'link');
  }
}
