// Activation: the person chooses a password ("Set password") after following the invitation mail.
import type { Page } from '@playwright/test';
import { PasswordPairScreen } from './password-pair.ts';
import type { Locale, ScreenOptions, Words } from './screen.ts';

export const setPasswordWords = {
  en: {
    heading: 'Please, enter your new password',
    newPassword: 'New password',
    confirmPassword: 'Confirm password',
    submit: 'Set password',
    passkey: 'Sign in with passkey',
    backToSignIn: 'Back to Sign in',
  },
  nb: {
    heading: 'Vennligst angi ditt nye passord',
    newPassword: 'Nytt passord',
    confirmPassword: 'Bekreft passord',
    submit: 'Angi passord',
    passkey: 'Logg inn med passnøkkel',
    backToSignIn: 'Tilbake til innlogging',
  },
} satisfies Words<string>;

type Key = keyof (typeof setPasswordWords)['en'];

export class SetPasswordPage extends PasswordPairScreen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, setPasswordWords, options);
  }

  /** Types the password in both fields and presses "Set password". */
  async setPassword(password: string): Promise<void> {
    await this.choose(password);
  }
  /** "← Back to Sign in" (the arrow is part of the link's name). */
  async backToSignIn(): Promise<void> {
    await this.press('backToSignIn', 'link', false);
  }
}
