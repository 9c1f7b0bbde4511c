// What several guide specs do outside their guide's steps: set up two-step verification for a fresh
// person (so a guide about later sign-ins starts from an enrolled account), and sign in up to the
// second step. Built from the page objects only; the guide specs own their assertions.
import { expect } from '../../fixtures/index.ts';
import type { Authenticator, AuthenticatorEntry } from '../../lib/authenticator.ts';
import type { SmsPort } from '../../lib/sms.ts';
import type { PageObjects } from '../../pages/index.ts';
import type { Person } from '../../lib/users/index.ts';

export interface Enrolled {
  /** The authenticator app's entry for the account. */
  entry: AuthenticatorEntry;
  /** The one-time emergency code the wizard showed (a secret). */
  emergencyCode: string;
}

/** How the person adds the account to the authenticator app. */
export type AddedBy = 'QR code' | 'key typed by hand';

/**
 * On "Enable two-step verification": the authenticator app takes the account, from the QR code
 * (cross-checked with the key shown under "Can't scan QR code?") or from that key typed by hand; then
 * "Next". The authenticator registers the key as a secret the moment it reads it.
 */
export async function addToAuthenticatorApp(
  s: PageObjects,
  authenticator: Authenticator,
  person: Person,
  how: AddedBy,
): Promise<AuthenticatorEntry> {
  const entry =
    how === 'QR code'
      ? await authenticator.scan(s.enableTwoStep.qrCode, { shownKey: s.enableTwoStep.key })
      : await authenticator.typeKey(s.enableTwoStep.key, person.email);
  await s.enableTwoStep.scanned();
  return entry;
}

/**
 * From "Add an extra layer of security" to the end of the wizard: "Enable" → "I use a different
 * Authenticator app" → QR code (cross-checked with the key shown) → code → SMS (when the person has a
 * phone and `sms` is given) or skipped → emergency code ticked → "Done".
 */
export async function enrolWithAuthenticatorApp(
  s: PageObjects,
  authenticator: Authenticator,
  person: Person,
  o: { sms?: SmsPort } = {},
): Promise<Enrolled> {
  await s.twoStepPrompt.enable();
  await s.appChoice.useDifferentApp();
  const entry = await addToAuthenticatorApp(s, authenticator, person, 'QR code');
  await s.enableTwoStep.enterCode(entry.code());
  if (o.sms && person.phone) {
    await s.smsEnrolment.fillPhone(person.phone);
    await s.smsEnrolment.next();
    await s.smsEnrolment.enterCode((await o.sms.waitFor({ to: person.phone })).code);
  } else {
    await expect(s.smsEnrolment.numberField).toBeEmpty();
    await s.smsEnrolment.next();
  }
  const emergencyCode = await s.emergencyCode.readCode();
  await s.emergencyCode.saveAndContinue();
  await s.emergencyCode.done();
  return { entry, emergencyCode };
}

/** Email, "Next", password, "Sign in" (the app must already show its sign-in). */
export async function signInWithPassword(s: PageObjects, person: Person): Promise<void> {
  await s.signInEmail.fillEmail(person.email);
  await s.signInEmail.next();
  await s.signInPassword.fillPassword(person.password);
  await s.signInPassword.signIn();
}
