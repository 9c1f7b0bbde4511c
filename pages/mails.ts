// The service's mails, as a person recognises them in the inbox: by subject, and by the button to press.
// Like the page objects, they hold their own words per language.
import type { Page } from '@playwright/test';
import type { Mail } from '../lib/mail/mailbox.ts';
import type { Locale, Words } from './screen.ts';

export const mailWords = {
  en: {
    activationSubject: 'Welcome to',
    activationButton: 'Activate account',
    resetSubject: 'Change password request',
    resetButton: 'Set new password',
    oneTimeSubject: 'One-time sign in link',
    oneTimeButton: 'Sign in',
    changedSubject: 'Your password has been changed',
    twoStepOnSubject: 'Two-step verification is turned on',
  },
  nb: {
    activationSubject: 'Velkommen til',
    activationButton: 'Aktiver konto',
    resetSubject: 'Forespørsel om å endre passord',
    resetButton: 'Angi nytt passord',
    oneTimeSubject: 'Engangs innloggingslenke',
    oneTimeButton: 'Logg inn',
    changedSubject: 'Passordet ditt er endret',
    twoStepOnSubject: 'Totrinnsverifisering er slått på',
  },
} satisfies Words<string>;

type Key = keyof (typeof mailWords)['en'];

abstract class ServiceMail {
  constructor(
    readonly locale: Locale,
    private readonly subjectKey: Key,
  ) {}

  protected word(key: Key): string {
    return mailWords[this.locale][key];
  }
  /** What the subject contains (for mailbox.waitFor({ subject })). */
  get subject(): string {
    return this.word(this.subjectKey);
  }
}

/** "Welcome to <app>" with the green "Activate account" button. */
export class ActivationEmail extends ServiceMail {
  constructor(locale: Locale) {
    super(locale, 'activationSubject');
  }
  get button(): string {
    return this.word('activationButton');
  }
  /** Presses "Activate account": its link opens in the browser. */
  async activate(mail: Mail, page: Page): Promise<void> {
    await mail.open(page, this.button);
  }
}

/** The mail "Forgot password → Reset password" sends, with a link to choose a new password. */
export class PasswordResetEmail extends ServiceMail {
  constructor(locale: Locale) {
    super(locale, 'resetSubject');
  }
  get button(): string {
    return this.word('resetButton');
  }
  async follow(mail: Mail, page: Page): Promise<void> {
    await mail.open(page, this.button);
  }
}

/** The mail with a one-time sign-in link. */
export class OneTimeLinkEmail extends ServiceMail {
  constructor(locale: Locale) {
    super(locale, 'oneTimeSubject');
  }
  get button(): string {
    return this.word('oneTimeButton');
  }
  async follow(mail: Mail, page: Page): Promise<void> {
    await mail.open(page, this.button);
  }
}

/** The confirmation that the password was changed. */
export class PasswordChangedEmail extends ServiceMail {
  constructor(locale: Locale) {
    super(locale, 'changedSubject');
  }
}

/** The notice that two-step verification was set up on the account. */
export class TwoStepOnEmail extends ServiceMail {
  constructor(locale: Locale) {
    super(locale, 'twoStepOnSubject');
  }
}
