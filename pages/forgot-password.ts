// "Forgot your password?": the address, the "I'm not a robot" check, and the two kinds of mail to ask for.
import type { Locator, Page } from '@playwright/test';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const forgotPasswordWords = {
  en: {
    email: 'Email address',
    robot: "I'm not a robot",
    reset: 'Reset password',
    oneTimeLink: 'One-time sign in link',
    back: 'Back to sign in',
    sent: 'Check your email',
    robotMissing: 'Confirm that you are not a robot first.',
  },
  nb: {
    email: 'E-postadresse',
    robot: 'Jeg er ikke en robot',
    reset: 'Tilbakestill passord',
    oneTimeLink: 'Engangs innloggingslenke',
    back: 'Tilbake til innlogging',
    sent: 'Sjekk e-posten din',
    robotMissing: 'Bekreft først at du ikke er en robot.',
  },
} satisfies Words<string>;

type Key = keyof (typeof forgotPasswordWords)['en'];

export class ForgotPasswordPage extends Screen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, forgotPasswordWords, options);
  }

  get emailField(): Locator {
    return this.get('textbox', 'email');
  }
  get robotCheckbox(): Locator {
    return this.get('checkbox', 'robot');
  }
  get resetButton(): Locator {
    return this.get('button', 'reset');
  }
  get oneTimeLinkButton(): Locator {
    return this.get('button', 'oneTimeLink');
  }
  /** "Check your email", shown once a mail was asked for. */
  get sentHeading(): Locator {
    return this.get('heading', 'sent');
  }

  async fillEmail(email: string): Promise<void> {
    await this.type('email', email);
  }
  /** Ticks "I'm not a robot" (the buttons wait until the check has passed). */
  async confirmNotRobot(): Promise<void> {
    await this.tick('robot');
  }
  async resetPassword(): Promise<void> {
    await this.press('reset');
  }
  async requestOneTimeLink(): Promise<void> {
    await this.press('oneTimeLink');
  }
  /** "← Back to sign in" (the arrow is part of the link's name). */
  async backToSignIn(): Promise<void> {
    await this.press('back', 'link', false);
  }
}
