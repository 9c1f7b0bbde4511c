// Activation: the person chooses a password ("Set password") after following the invitation mail.
import type { Locator, Page } from '@playwright/test';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

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

export class SetPasswordPage extends Screen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, setPasswordWords, options);
  }

  get heading(): Locator {
    return this.get('heading', 'heading');
  }
  get newPasswordField(): Locator {
    return this.get('textbox', 'newPassword');
  }
  get confirmPasswordField(): Locator {
    return this.get('textbox', 'confirmPassword');
  }
  get submitButton(): Locator {
    return this.get('button', 'submit');
  }
  /** The policy messages shown when a password is refused. */
  get problems(): Locator {
    return this.page.getByRole('alert');
  }

  async fillNewPassword(password: string): Promise<void> {
    await this.typeSecret('newPassword', password);
  }
  async fillConfirmPassword(password: string): Promise<void> {
    await this.typeSecret('confirmPassword', password);
  }
  async submit(): Promise<void> {
    await this.press('submit');
  }
  /** Types the password in both fields and presses "Set password". */
  async setPassword(password: string): Promise<void> {
    await this.fillNewPassword(password);
    await this.fillConfirmPassword(password);
    await this.submit();
  }
  /** "← Back to Sign in" (the arrow is part of the link's name). */
  async backToSignIn(): Promise<void> {
    await this.press('backToSignIn', 'link', false);
  }
}
