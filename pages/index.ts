// Every page object, and one place that builds them for a page in a language.
import type { Page } from '@playwright/test';
import { AppPage, APP_TITLES } from './app.ts';
import { ErrorPage } from './error.ts';
import { ForgotPasswordPage } from './forgot-password.ts';
import { InvalidLinkPage } from './invalid-link.ts';
import { ActivationEmail, OneTimeLinkEmail, PasswordChangedEmail, PasswordResetEmail } from './mails.ts';
import { NewPasswordPage } from './new-password.ts';
import type { Locale, ScreenOptions } from './screen.ts';
import { SetPasswordPage } from './set-password.ts';
import { SignInEmailPage } from './sign-in-email.ts';
import { SignInPasswordPage } from './sign-in-password.ts';

export * from './app.ts';
export * from './error.ts';
export * from './find.ts';
export * from './forgot-password.ts';
export * from './invalid-link.ts';
export * from './mails.ts';
export * from './new-password.ts';
export * from './screen.ts';
export * from './set-password.ts';
export * from './sign-in-email.ts';
export * from './sign-in-password.ts';

/** Where the apps are (lib/config's urls has this shape). */
export interface AppUrls {
  portal: string;
  home: string;
  accountSettings: string;
  /** Template with `{tenant}`. */
  enterprise: string;
}

/** The page objects a guide spec uses, for one page and language. */
export function pageObjects(page: Page, locale: Locale, urls: AppUrls, options: ScreenOptions = {}) {
  return {
    signInEmail: new SignInEmailPage(page, locale, options),
    signInPassword: new SignInPasswordPage(page, locale, options),
    setPassword: new SetPasswordPage(page, locale, options),
    newPassword: new NewPasswordPage(page, locale, options),
    forgotPassword: new ForgotPasswordPage(page, locale, options),
    invalidLink: new InvalidLinkPage(page, locale, options),
    errorPage: new ErrorPage(page, locale, options),
    portal: new AppPage(page, locale, { url: urls.portal, title: APP_TITLES.portal }, options),
    home: new AppPage(page, locale, { url: urls.home, title: APP_TITLES.home }, options),
    accountSettings: new AppPage(
      page,
      locale,
      { url: urls.accountSettings, title: APP_TITLES.accountSettings },
      options,
    ),
    /** A municipality's Visma Enterprise, e.g. enterprise('sokndal'). */
    enterprise: (tenant: string) =>
      new AppPage(
        page,
        locale,
        { url: urls.enterprise.replace('{tenant}', tenant), title: APP_TITLES.enterprise },
        options,
      ),
    mails: {
      activation: new ActivationEmail(locale),
      reset: new PasswordResetEmail(locale),
      oneTime: new OneTimeLinkEmail(locale),
      changed: new PasswordChangedEmail(locale),
    },
  };
}

export type PageObjects = ReturnType<typeof pageObjects>;
