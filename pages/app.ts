// A relying app after sign-in: the Customer Portal, Visma Home, Account Settings' start page and a
// municipality's Visma Enterprise. Each shows who is signed in and lets the person sign out.
import type { Locator, Page } from '@playwright/test';
import { Screen, type Locale, type ScreenOptions, type Words } from './screen.ts';

export const appWords = {
  en: {
    signedInAs: 'Signed in as',
    signOut: 'Sign out',
    signedOut: 'You are signed out.',
    signIn: 'Sign in',
  },
  nb: {
    signedInAs: 'Logget inn som',
    signOut: 'Logg ut',
    signedOut: 'Du er logget ut.',
    signIn: 'Logg inn',
  },
} satisfies Words<string>;

type Key = keyof (typeof appWords)['en'];

export interface AppInfo {
  /** Where the app is (the configured URL; for Visma Enterprise with the tenant filled in). */
  url: string;
  /** The app's name as it shows it (a name, the same in every language). */
  title: string;
}

/** The apps' names, as they show them. */
export const APP_TITLES = {
  portal: 'Customer Portal',
  home: 'Visma Home',
  accountSettings: 'Account Settings',
  enterprise: 'Visma Enterprise',
} as const;

export class AppPage extends Screen<Key> {
  constructor(
    page: Page,
    locale: Locale,
    readonly app: AppInfo,
    options?: ScreenOptions,
  ) {
    super(page, locale, appWords, options);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { name: this.app.title, exact: true });
  }
  /** The part of the page that says who is signed in. */
  get signedInAs(): Locator {
    return this.get('region', 'signedInAs');
  }
  /** The signed-in person's name where the app shows who is signed in. */
  signedInName(name: string): Locator {
    return this.signedInAs.getByText(name, { exact: true });
  }
  get signedOutMessage(): Locator {
    return this.page.getByRole('status').filter({ hasText: this.word('signedOut') });
  }

  /** Opens the app as a person would: typing its address (it sends a signed-out person to sign in). */
  async open(): Promise<void> {
    await this.page.goto(this.app.url);
  }
  async signOut(): Promise<void> {
    await this.press('signOut');
  }
  /** On the signed-out page: "Sign in". */
  async signIn(): Promise<void> {
    await this.press('signIn', 'link');
  }
}
