// Sign-in, step 2: the address chosen on step 1 at the top, the password, "Forgot your password?".
import type { Locator, Page } from '@playwright/test';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const signInPasswordWords = {
  en: {
    password: 'Password',
    signIn: 'Sign in',
    forgot: 'Forgot your password?',
    changeEmail: 'Back, use another email address',
    wrong: 'The email address or password is incorrect.',
  },
  nb: {
    password: 'Passord',
    signIn: 'Logg inn',
    forgot: 'Glemt ditt passord?',
    changeEmail: 'Tilbake, bruk en annen e-postadresse',
    wrong: 'E-postadressen eller passordet er feil.',
  },
} satisfies Words<string>;

type Key = keyof (typeof signInPasswordWords)['en'];

export class SignInPasswordPage extends Screen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, signInPasswordWords, options);
  }

  get passwordField(): Locator {
    return this.get('textbox', 'password');
  }
  get signInButton(): Locator {
    return this.get('button', 'signIn');
  }
  get forgotPasswordLink(): Locator {
    return this.get('link', 'forgot');
  }
  get wrongPasswordMessage(): Locator {
    return this.page.getByRole('alert').filter({ hasText: this.word('wrong') });
  }
  /** The address the person typed on step 1, shown at the top of this step. */
  shownEmail(email: string): Locator {
    return this.page.getByText(email, { exact: true });
  }

  async fillPassword(password: string): Promise<void> {
    await this.typeSecret('password', password);
  }
  async signIn(): Promise<void> {
    await this.press('signIn');
  }
  async forgotPassword(): Promise<void> {
    await this.press('forgot', 'link');
  }
  async useAnotherEmail(): Promise<void> {
    await this.press('changeEmail', 'link');
  }
}
