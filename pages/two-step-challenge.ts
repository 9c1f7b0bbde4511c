// Two-step verification at sign-in, after the password: the code from the authenticator app (or, after
// "Try another way", from an SMS), "Remember this device for 30 days", "Verify".
import type { Locator, Page } from '@playwright/test';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const twoStepChallengeWords = {
  en: {
    heading: 'Two-step verification',
    code: 'Security code',
    smsCode: 'SMS code',
    remember: 'Remember this device for 30 days',
    verify: 'Verify',
    otherWay: 'Try another way',
    resend: 'Send a new code',
    wrong: 'The code is not correct.',
  },
  nb: {
    heading: 'Totrinnsverifisering',
    code: 'Sikkerhetskode',
    smsCode: 'SMS-kode',
    remember: 'Husk denne enheten i 30 dager',
    verify: 'Bekreft',
    otherWay: 'Prøv en annen måte',
    resend: 'Send en ny kode',
    wrong: 'Koden er ikke riktig.',
  },
} satisfies Words<string>;

type Key = keyof (typeof twoStepChallengeWords)['en'];

export class TwoStepChallengePage extends Screen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, twoStepChallengeWords, options);
  }

  get heading(): Locator {
    return this.get('heading', 'heading');
  }
  get codeField(): Locator {
    return this.get('textbox', 'code');
  }
  get smsCodeField(): Locator {
    return this.get('textbox', 'smsCode');
  }
  /** Its label carries a hint ("Not recommended for public or shared computers"): matched in part. */
  get rememberCheckbox(): Locator {
    return this.get('checkbox', 'remember', false);
  }
  /** "The code is not correct. …" */
  get wrongCodeMessage(): Locator {
    return this.page.getByRole('alert').filter({ hasText: this.word('wrong') });
  }
  get problem(): Locator {
    return this.page.getByRole('alert');
  }

  /** Types the authenticator app's code. */
  async fillCode(code: string): Promise<void> {
    await this.typeSecret('code', code);
  }
  /** Types the code from the SMS. */
  async fillSmsCode(code: string): Promise<void> {
    await this.typeSecret('smsCode', code);
  }
  /** Ticks "Remember this device for 30 days". */
  async rememberDevice(): Promise<void> {
    await this.tick('remember', false);
  }
  async verify(): Promise<void> {
    await this.press('verify');
  }
  /** Types the authenticator app's code and presses "Verify". */
  async enterCode(code: string): Promise<void> {
    await this.fillCode(code);
    await this.verify();
  }
  /** Types the SMS code and presses "Verify". */
  async enterSmsCode(code: string): Promise<void> {
    await this.fillSmsCode(code);
    await this.verify();
  }
  /** "Try another way": the list of the account's other methods. */
  async tryAnotherWay(): Promise<void> {
    await this.press('otherWay', 'link');
  }
}
