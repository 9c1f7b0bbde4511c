// What the release-gate specs do on the way to the property they check: sign in up to the second step,
// set up two-step verification in the Customer Portal's wizard (which every target with the portal asks
// for at the first sign-in, so no seed is needed), and an authenticator app that remembers which time step
// it used last. Built from the page objects only; the specs own the assertions.
import { expect } from '@playwright/test';
import type { Authenticator } from '../../../lib/authenticator.ts';
import type { SmsPort } from '../../../lib/sms.ts';
import type { Person } from '../../../lib/users/index.ts';
import { codeForStep, timeStep, type OtpAuth } from '../../../lib/totp.ts';
import type { PageObjects } from '../../../pages/index.ts';

/** The person's authenticator app, keeping track of the time steps it has handed out. */
export class CodeApp {
  private last: number | null = null;
  constructor(readonly auth: OtpAuth) {}

  /** A code no one has used: the current step's, or the next one when the current step was used already. */
  fresh(): { step: number; code: string } {
    const now = timeStep(this.auth);
    const step = this.last !== null && this.last >= now ? this.last + 1 : now;
    this.last = step;
    return { step, code: codeForStep(this.auth, step) };
  }

  /** The code handed out last, again (to replay it). */
  again(): { step: number; code: string } {
    if (this.last === null) throw new Error('the authenticator app has not handed out a code yet');
    return { step: this.last, code: codeForStep(this.auth, this.last) };
  }

  /** The code of `steps` time steps ago: a phone whose clock is that far behind. */
  stale(steps: number): { step: number; code: string } {
    const step = timeStep(this.auth) - steps;
    return { step, code: codeForStep(this.auth, step) };
  }
}

export interface Enrolment {
  app: CodeApp;
  /** The one-time emergency code the wizard showed (a secret). */
  emergencyCode: string;
}

/** Email, "Next", password, "Sign in" (the app must already show its sign-in). */
export async function signInWithPassword(s: PageObjects, person: Person, password = person.password) {
  await s.signInEmail.fillEmail(person.email);
  await s.signInEmail.next();
  await s.signInPassword.fillPassword(password);
  await s.signInPassword.signIn();
}

/**
 * First sign-in to the Customer Portal: password, then the wizard ("Enable" → another authenticator app
 * → QR code → code → SMS added when `sms` is given and the person has a phone, else skipped → emergency
 * code → "Done"). Ends signed in to the portal. The authenticator and the emergency-code screen register their secrets themselves.
 */
export async function enrolInPortal(
  s: PageObjects,
  authenticator: Authenticator,
  person: Person,
  o: { sms?: SmsPort; afterPassword?: () => void } = {},
): Promise<Enrolment> {
  await s.portal.open();
  await signInWithPassword(s, person);
  await expect(s.twoStepPrompt.heading).toBeVisible();
  o.afterPassword?.();
  await s.twoStepPrompt.enable();
  await s.appChoice.useDifferentApp();
  const entry = await authenticator.scan(s.enableTwoStep.qrCode, { shownKey: s.enableTwoStep.key });
  await s.enableTwoStep.scanned();
  const app = new CodeApp(entry.auth);
  await s.enableTwoStep.enterCode(app.fresh().code);
  if (o.sms && person.phone) {
    await s.smsEnrolment.fillPhone(person.phone);
    await s.smsEnrolment.next();
    await s.smsEnrolment.enterCode((await o.sms.waitFor({ to: person.phone })).code);
  } else {
    await s.smsEnrolment.next();
  }
  const emergencyCode = await s.emergencyCode.readCode();
  await s.emergencyCode.saveAndContinue();
  await s.emergencyCode.done();
  await expect(s.portal.signedInName(person.name)).toBeVisible();
  return { app, emergencyCode };
}

/** Signs out of the portal and signs in again up to the second step. */
export async function signInAgain(s: PageObjects, person: Person, password = person.password) {
  await signOutOfPortal(s);
  await s.portal.signIn();
  await signInWithPassword(s, person, password);
}

export async function signOutOfPortal(s: PageObjects) {
  await s.portal.signOut();
  await expect(s.portal.signedOutMessage).toBeVisible();
}

/**
 * From an app's sign-in: email, "Next", "Forgot your password?", robot check, then "Reset password" (or,
 * with `oneTimeLink`, the button that mails a one-time sign-in link instead).
 */
export async function requestReset(
  s: PageObjects,
  email: string,
  app: { open(): Promise<void> } = s.accountSettings,
  o: { oneTimeLink?: boolean } = {},
) {
  await app.open();
  await s.signInEmail.fillEmail(email);
  await s.signInEmail.next();
  await s.signInPassword.forgotPassword();
  await s.forgotPassword.fillEmail(email);
  await s.forgotPassword.confirmNotRobot();
  if (o.oneTimeLink) await s.forgotPassword.requestOneTimeLink();
  else await s.forgotPassword.resetPassword();
  await expect(s.forgotPassword.sentHeading).toBeVisible();
}
