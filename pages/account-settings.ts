// Account Settings' sections ("Password & 2FA", "Passkeys"), the password asked again before a security
// change, and Visma Home's account menu (the person's name → "My Account").
import type { Locator, Page } from '@playwright/test';
import { act } from './find.ts';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const accountSettingsWords = {
  en: {
    security: 'Password & 2FA',
    changePassword: 'Change password',
    enable: 'Enable two-step verification',
    on: 'Two-step verification is on.',
    off: 'Two-step verification is off.',
    passkeys: 'Passkeys',
  },
  nb: {
    security: 'Passord og 2FA',
    changePassword: 'Endre passord',
    enable: 'Aktiver totrinnsverifisering',
    on: 'Totrinnsverifisering er på.',
    off: 'Totrinnsverifisering er av.',
    passkeys: 'Passnøkler',
  },
} satisfies Words<string>;

type SettingsKey = keyof (typeof accountSettingsWords)['en'];

export class AccountSettingsSections extends Screen<SettingsKey> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, accountSettingsWords, options);
  }

  /** The section "Password & 2FA". */
  get security(): Locator {
    return this.get('region', 'security');
  }
  get passkeys(): Locator {
    return this.get('region', 'passkeys');
  }
  /** "Two-step verification is on." in the section "Password & 2FA". */
  get twoStepOn(): Locator {
    return this.security.getByRole('status').filter({ hasText: this.word('on') });
  }
  get twoStepOff(): Locator {
    return this.security.getByRole('status').filter({ hasText: this.word('off') });
  }

  /** Scrolls to "Password & 2FA" and chooses "Enable two-step verification". */
  async enableTwoStep(): Promise<void> {
    await act(
      this.page,
      this.target('region', 'security'),
      (e, timeout) => e.scrollIntoViewIfNeeded({ timeout }),
      {
        timeoutMs: this.timeoutMs,
      },
    );
    await this.press('enable', 'link');
  }
}

export const confirmPasswordWords = {
  en: {
    heading: 'Enter your password',
    password: 'Password',
    continue: 'Continue',
    wrong: 'The password is not correct.',
  },
  nb: {
    heading: 'Angi ditt passord',
    password: 'Passord',
    continue: 'Fortsett',
    wrong: 'Passordet er ikke riktig.',
  },
} satisfies Words<string>;

type ConfirmKey = keyof (typeof confirmPasswordWords)['en'];

/** The password once more before a security change ("Enter your password"). */
export class ConfirmPasswordPage extends Screen<ConfirmKey> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, confirmPasswordWords, options);
  }

  get heading(): Locator {
    return this.get('heading', 'heading');
  }
  get wrongPasswordMessage(): Locator {
    return this.page.getByRole('alert').filter({ hasText: this.word('wrong') });
  }
  /** Types the password and presses "Continue". */
  async confirm(password: string): Promise<void> {
    await this.typeSecret('password', password);
    await this.press('continue');
  }
}

export const accountMenuWords = {
  en: { menu: 'Account menu', myAccount: 'My Account' },
  nb: { menu: 'Kontomeny', myAccount: 'Min konto' },
} satisfies Words<string>;

type MenuKey = keyof (typeof accountMenuWords)['en'];

/** Visma Home's menu behind the person's name in the top right. */
export class AccountMenu extends Screen<MenuKey> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, accountMenuWords, options);
  }

  get menu(): Locator {
    return this.page.getByRole('navigation', { name: this.word('menu'), exact: true });
  }
  /** The person's name that opens the menu. */
  nameButton(name: string): Locator {
    return this.menu.getByText(name, { exact: true });
  }
  /** Clicks the person's name. */
  async open(name: string): Promise<void> {
    await act(
      this.page,
      this.target('navigation', 'menu'),
      (e, timeout) => e.getByText(name, { exact: true }).click({ timeout }),
      {
        timeoutMs: this.timeoutMs,
      },
    );
  }
  /** "My Account" in the opened menu. */
  async myAccount(): Promise<void> {
    await this.press('myAccount', 'link');
  }
}
