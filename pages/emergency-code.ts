// Two-step verification, the wizard's end: "Save your one-time emergency code" (tick "I have safely copied
// and stored this code." and "Next"), then the congratulations with "Done".
import type { Locator, Page } from '@playwright/test';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const emergencyCodeWords = {
  en: {
    heading: 'Save your one-time emergency code',
    code: 'One-time emergency code',
    stored: 'I have safely copied and stored this code.',
    next: 'Next',
    finished: 'Congratulations - you have now secured your account with 2FA.',
    done: 'Done',
  },
  nb: {
    heading: 'Ta vare på engangskoden for nødstilfeller',
    code: 'Beredskapskode (engangskode)',
    stored: 'Jeg har kopiert og lagret denne koden på et trygt sted.',
    next: 'Neste',
    finished: 'Gratulerer - kontoen din er nå sikret med totrinnsverifisering.',
    done: 'Ferdig',
  },
} satisfies Words<string>;

type Key = keyof (typeof emergencyCodeWords)['en'];

export class EmergencyCodePage extends Screen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, emergencyCodeWords, options);
  }

  get heading(): Locator {
    return this.get('heading', 'heading');
  }
  /** The emergency code itself (a secret: mask it in screenshots, never print it). */
  get code(): Locator {
    return this.page.getByLabel(this.word('code'), { exact: true });
  }
  get storedCheckbox(): Locator {
    return this.get('checkbox', 'stored');
  }
  get nextButton(): Locator {
    return this.get('button', 'next');
  }
  get finishedHeading(): Locator {
    return this.get('heading', 'finished');
  }

  /** Reads the code as the person copies it down (and registers it as a secret). */
  async readCode(): Promise<string> {
    await this.code.waitFor({ state: 'visible', timeout: this.timeoutMs });
    const code = (await this.code.innerText()).trim();
    this.secrets?.add(code, 'emergency code');
    return code;
  }
  /** Ticks "I have safely copied and stored this code." */
  async confirmStored(): Promise<void> {
    await this.tick('stored');
  }
  async next(): Promise<void> {
    await this.press('next');
  }
  /** Ticks the box and presses "Next". */
  async saveAndContinue(): Promise<void> {
    await this.confirmStored();
    await this.next();
  }
  /** "Done" on the congratulations screen. */
  async done(): Promise<void> {
    await this.press('done');
  }
}
