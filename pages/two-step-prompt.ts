// Two-step verification, first screen of the enrolment wizard: "Add an extra layer of security", with
// "Enable" and (where the app lets the person postpone it) "Remind me later".
import type { Locator, Page } from '@playwright/test';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const twoStepPromptWords = {
  en: {
    heading: 'Add an extra layer of security',
    enable: 'Enable',
    later: 'Remind me later',
  },
  nb: {
    heading: 'Legg til et ekstra sikkerhetslag',
    enable: 'Aktiver',
    later: 'Minn meg på det senere',
  },
} satisfies Words<string>;

type Key = keyof (typeof twoStepPromptWords)['en'];

export class TwoStepPromptPage extends Screen<Key> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, twoStepPromptWords, options);
  }

  get heading(): Locator {
    return this.get('heading', 'heading');
  }
  get laterButton(): Locator {
    return this.get('button', 'later');
  }
  /** "Enable": starts the set-up. */
  async enable(): Promise<void> {
    await this.press('enable');
  }
  /** "Remind me later": postpones the set-up (only where the app allows it). */
  async remindMeLater(): Promise<void> {
    await this.press('later');
  }
}
