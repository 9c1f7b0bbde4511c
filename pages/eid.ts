// Electronic ID (BankID through ID-porten): Account Settings' «Konto» and «Elektronisk ID» sections with
// the link's trash can and its two dialogs, the eID provider's method choice and test BankID page, the
// question to link BankID to the account, "Logg på med ID-porten" on a sign-in page, and "Sign in as".
import type { Locator, Page } from '@playwright/test';
import { act } from './find.ts';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const eidSectionWords = {
  en: {
    account: 'Account',
    eid: 'Electronic ID',
    add: 'Add electronic ID',
    remove: 'Remove',
    linked: 'BankID is linked to your Visma account',
    provider: 'BankID Norge',
    removeHeading: 'Remove electronic ID',
    yes: 'Yes',
    passwordHeading: 'Enter your password',
    password: 'Password',
    continue: 'Continue',
  },
  nb: {
    account: 'Konto',
    eid: 'Elektronisk ID',
    add: 'Legg til elektronisk ID',
    remove: 'Fjern',
    linked: 'BankID er koblet til din Vismakonto',
    provider: 'BankID Norge',
    removeHeading: 'Fjern elektronisk ID',
    yes: 'Ja',
    passwordHeading: 'Angi ditt passord',
    password: 'Passord',
    continue: 'Fortsett',
  },
} satisfies Words<string>;

type SectionKey = keyof (typeof eidSectionWords)['en'];

/** Account Settings' «Konto» and «Elektronisk ID», and the dialogs that remove the link. */
export class EidSection extends Screen<SectionKey> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, eidSectionWords, options);
  }

  get accountSection(): Locator {
    return this.get('region', 'account');
  }
  get eidSection(): Locator {
    return this.get('region', 'eid');
  }
  /** «BankID er koblet til din Vismakonto …» in the «Elektronisk ID» section. */
  get linkedText(): Locator {
    return this.eidSection.getByText(this.word('linked'));
  }
  get addLink(): Locator {
    return this.eidSection.getByRole('link', { name: this.word('add'), exact: true });
  }
  /** The trash can next to the BankID link. */
  get removeButton(): Locator {
    return this.eidSection.getByRole('button', { name: this.word('remove'), exact: true });
  }
  get removeDialog(): Locator {
    return this.get('dialog', 'removeHeading');
  }
  get passwordDialog(): Locator {
    return this.get('dialog', 'passwordHeading');
  }

  /** «Legg til elektronisk ID». */
  async addEid(): Promise<void> {
    await this.press('add', 'link');
  }
  /** The trash can at the BankID link. */
  async remove(): Promise<void> {
    await this.press('remove');
  }
  /** «Ja» in the dialog that asks whether to remove the national identity number. */
  async confirmRemove(): Promise<void> {
    await act(
      this.page,
      this.target('dialog', 'removeHeading'),
      (d, timeout) => d.getByRole('button', { name: this.word('yes'), exact: true }).click({ timeout }),
      { timeoutMs: this.timeoutMs },
    );
  }
  /** The password in «Angi ditt passord», then «Fortsett». */
  async confirmWithPassword(password: string): Promise<void> {
    await this.typeSecret('password', password);
    await this.press('continue');
  }
}

export const idPortenWords = {
  en: {
    heading: 'Choose your electronic ID',
    bankId: 'BankID',
    nationalId: 'National identity number',
    signIn: 'Sign in',
  },
  nb: {
    heading: 'Velg elektronisk ID',
    bankId: 'BankID',
    nationalId: 'Fødselsnummer',
    signIn: 'Logg inn',
  },
} satisfies Words<string>;

type IdPortenKey = keyof (typeof idPortenWords)['en'];

/** The eID provider (ID-porten): the method choice and the test BankID page. */
export class IdPortenPage extends Screen<IdPortenKey> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, idPortenWords, options);
  }

  get heading(): Locator {
    return this.get('heading', 'heading');
  }
  /** «BankID» (not «BankID på mobil»). */
  async chooseBankId(): Promise<void> {
    await this.press('bankId', 'link');
  }
  /** The test person's national identity number (a secret), then «Logg inn». */
  async signInWithBankId(nationalId: string): Promise<void> {
    await this.typeSecret('nationalId', nationalId);
    await this.press('signIn');
  }
  /** «BankID», then the test BankID sign-in. */
  async bankId(nationalId: string): Promise<void> {
    await this.chooseBankId();
    await this.signInWithBankId(nationalId);
  }
}

export const eidLinkWords = {
  en: {
    heading: 'Link BankID to your account',
    confirm: 'Link account and continue',
    idPorten: 'Sign in with ID-porten',
    chooser: 'Sign in as',
  },
  nb: {
    heading: 'Koble BankID til kontoen din',
    confirm: 'Koble konto og fortsett',
    idPorten: 'Logg på med ID-porten',
    chooser: 'Sign in as',
  },
} satisfies Words<string>;

type LinkKey = keyof (typeof eidLinkWords)['en'];

/** Linking and signing in with eID on the login service: the link question, the button, "Sign in as". */
export class EidSignInPage extends Screen<LinkKey> {
  constructor(page: Page, locale: Locale, options?: ScreenOptions) {
    super(page, locale, eidLinkWords, options);
  }

  get linkHeading(): Locator {
    return this.get('heading', 'heading');
  }
  get chooserHeading(): Locator {
    return this.get('heading', 'chooser');
  }
  /** The accounts "Sign in as" offers (each button names the person and the address). */
  get choices(): Locator {
    return this.page.getByRole('button', { name: /@/ });
  }
  /** «Koble konto og fortsett». */
  async linkAccount(): Promise<void> {
    await this.press('confirm');
  }
  /** «Logg på med ID-porten» on an app's sign-in page. */
  async signInWithIdPorten(): Promise<void> {
    await this.press('idPorten');
  }
  /** Under "Sign in as": the account with this email address. */
  async chooseAccount(email: string): Promise<void> {
    await act(
      this.page,
      { role: 'button', name: email, exact: false },
      (e, timeout) => e.click({ timeout }),
      { timeoutMs: this.timeoutMs },
    );
  }
}
