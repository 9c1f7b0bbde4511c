// Password reset: the page the reset mail links to ("Enter your new password" / «Angi ditt nye passord»),
// and the confirmation it leads to.
import type { Locator, Page } from '@playwright/test';
import { PasswordPairScreen } from './password-pair.ts';
import type { Locale, ScreenOptions, Words } from './screen.ts';

export const newPasswordWords = {
  en: {
    heading: 'Enter your new password',
    newPassword: 'New password',
    confirmPassword: 'Confirm password',
    submit: 'Change password',
    changed: 'Your password has been changed',
    goToSignIn: 'Go to sign in',
  },
  nb: {
    heading: 'Angi ditt nye passord',
    newPassword: 'Nytt passord',
    confirmPassword: 'Bekreft passord',
    submit: 'Endre passord',
    changed: 'Passordet ditt er endret',
    goToSignIn: 'Gå til innlogging',
  },
} satisfies Words<string>;

type Key = keyof (typeof newPasswordWords)['en'];

export class NewPasswordPage extends PasswordPairScreen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, newPasswordWords, options);
  }

  /** The confirmation's heading once the password is changed. */
  get changedHeading(): Locator {
    return this.get('heading', 'changed');
  }

  /** Types the password in both fields and presses "Change password". */
  async changePassword(password: string): Promise<void> {
    await this.choose(password);
  }
  /** On the confirmation: "Go to sign in". */
  async goToSignIn(): Promise<void> {
    await this.press('goToSignIn', 'link');
  }
}
