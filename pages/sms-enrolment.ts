// Two-step verification by SMS in the enrolment wizard: "Enable SMS as Two-step verification" asks for the
// phone number (country code + number, optional), then for the six-digit code the SMS brought.
import type { Locator, Page } from '@playwright/test';
import { act } from './find.ts';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const smsEnrolmentWords = {
  en: {
    heading: 'Enable SMS as Two-step verification',
    countryCode: 'Country code',
    number: 'Phone number',
    code: 'SMS code',
    resend: 'Send a new code',
    next: 'Next',
  },
  nb: {
    heading: 'Aktiver SMS som totrinnsverifisering',
    countryCode: 'Landskode',
    number: 'Telefonnummer',
    code: 'SMS-kode',
    resend: 'Send en ny kode',
    next: 'Neste',
  },
} satisfies Words<string>;

type Key = keyof (typeof smsEnrolmentWords)['en'];

export class SmsEnrolmentPage extends Screen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, smsEnrolmentWords, options);
  }

  get heading(): Locator {
    return this.get('heading', 'heading');
  }
  get countryCodeField(): Locator {
    return this.get('combobox', 'countryCode');
  }
  get numberField(): Locator {
    return this.get('textbox', 'number');
  }
  get codeField(): Locator {
    return this.get('textbox', 'code');
  }
  get problem(): Locator {
    return this.page.getByRole('alert');
  }

  /**
   * Picks the country code the E.164 number starts with (the longest offered one that fits) and types
   * the rest as the phone number.
   */
  async fillPhone(e164: string): Promise<void> {
    const select = await act(this.page, this.target('combobox', 'countryCode'), async (e) => e, {
      timeoutMs: this.timeoutMs,
    });
    const offered = (await select.locator('option').allTextContents()).map((o) => o.trim());
    const prefix = offered
      .filter((o) => o.startsWith('+') && e164.startsWith(o))
      .sort((a, b) => b.length - a.length)[0];
    if (!prefix) {
      throw new Error(
        `the drop-down «${this.word('countryCode')}» offers no country code the phone number starts with (offered: ${offered.join(', ')})`,
      );
    }
    await select.selectOption({ label: prefix });
    await this.type('number', e164.slice(prefix.length));
  }
  /** Leaves the phone number empty (the SMS step is optional). */
  async clearPhone(): Promise<void> {
    await this.type('number', '');
  }
  async next(): Promise<void> {
    await this.press('next');
  }
  /** Types the code from the SMS and presses "Next". */
  async enterCode(code: string): Promise<void> {
    await this.typeSecret('code', code);
    await this.press('next');
  }
}
