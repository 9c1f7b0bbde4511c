// Every page object, and one place that builds them for a page in a language.
import type { Page } from '@playwright/test';
import { AccountMenu, AccountSettingsSections, ConfirmPasswordPage } from './account-settings.ts';
import { AppChoicePage } from './app-choice.ts';
import { AppPage, APP_TITLES } from './app.ts';
import { EidSection, EidSignInPage, IdPortenPage } from './eid.ts';
import { EmergencyCodePage } from './emergency-code.ts';
import { EmergencySignInPage } from './emergency-sign-in.ts';
import { EnableTwoStepPage } from './enable-two-step.ts';
import { ErrorPage } from './error.ts';
import { ForgotPasswordPage } from './forgot-password.ts';
import { InvalidLinkPage } from './invalid-link.ts';
import {
  ActivationEmail,
  OneTimeLinkEmail,
  PasswordChangedEmail,
  PasswordResetEmail,
  TwoStepOnEmail,
} from './mails.ts';
import { NewPasswordPage } from './new-password.ts';
import type { Locale, ScreenOptions } from './screen.ts';
import { SetPasswordPage } from './set-password.ts';
import { SignInEmailPage } from './sign-in-email.ts';
import { SignInPasswordPage } from './sign-in-password.ts';
import { SmsEnrolmentPage } from './sms-enrolment.ts';
import { PushWaitingPage } from './push-waiting.ts';
import { TryAnotherWayPage } from './try-another-way.ts';
import { TwoStepChallengePage } from './two-step-challenge.ts';
import { TwoStepPromptPage } from './two-step-prompt.ts';

export * from './account-settings.ts';
export * from './app-choice.ts';
export * from './app.ts';
export * from './eid.ts';
export * from './emergency-code.ts';
export * from './emergency-sign-in.ts';
export * from './enable-two-step.ts';
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
export * from './sms-enrolment.ts';
export * from './push-waiting.ts';
export * from './try-another-way.ts';
export * from './two-step-challenge.ts';
export * from './two-step-prompt.ts';

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
    twoStepPrompt: new TwoStepPromptPage(page, locale, options),
    appChoice: new AppChoicePage(page, locale, options),
    enableTwoStep: new EnableTwoStepPage(page, locale, options),
    smsEnrolment: new SmsEnrolmentPage(page, locale, options),
    emergencyCode: new EmergencyCodePage(page, locale, options),
    emergencySignIn: new EmergencySignInPage(page, locale, options),
    twoStepChallenge: new TwoStepChallengePage(page, locale, options),
    tryAnotherWay: new TryAnotherWayPage(page, locale, options),
    pushWaiting: new PushWaitingPage(page, locale, options),
    confirmPassword: new ConfirmPasswordPage(page, locale, options),
    accountSections: new AccountSettingsSections(page, locale, options),
    accountMenu: new AccountMenu(page, locale, options),
    eidSection: new EidSection(page, locale, options),
    idPorten: new IdPortenPage(page, locale, options),
    eidSignIn: new EidSignInPage(page, locale, options),
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
      twoStepOn: new TwoStepOnEmail(locale),
    },
  };
}

export type PageObjects = ReturnType<typeof pageObjects>;
