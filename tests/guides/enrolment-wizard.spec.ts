// Guide enrolment-wizard (guides/en/enrolment-wizard.md): the two-step verification wizard at the first
// sign-in to an app that requires it (the Customer Portal). Paths: Visma Authenticator (the phone app
// pairs from the QR code; later sign-ins are approved by push), and any other authenticator app after
// "I use a different Authenticator app" or "Try another way", by QR code or by the key under "Can't scan
// QR code?"; the SMS backup added or skipped; the emergency code. The troubleshooting advice about the
// phone's clock is checked with authenticators whose clocks are off: one time step either way is
// accepted, two are not.
import type { Page } from '@playwright/test';
import type { AuthenticatorEntry } from '../../lib/authenticator.ts';
import { expect, test, type Person } from '../../fixtures/index.ts';
import { timeStep } from '../../lib/totp.ts';
import type { PageObjects } from '../../pages/index.ts';
import { addToAuthenticatorApp, enrolWithAuthenticatorApp, signInWithPassword } from './two-step.ts';

test.use({ guideId: 'enrolment-wizard' });

/** Signs out of the portal and signs in again up to the second step. */
async function signInAgain(s: PageObjects, person: Person): Promise<void> {
  await s.portal.signOut();
  await expect(s.portal.signedOutMessage).toBeVisible();
  await s.portal.signIn();
  await signInWithPassword(s, person);
}

for (const how of ['QR code', 'key typed by hand'] as const) {
  const withSms = how === 'QR code';

  test(`another authenticator app, ${how}, SMS ${withSms ? 'added' : 'skipped'}, recovery code @en`, async ({
    guide,
    users,
    sms,
    authenticator,
    screens,
    portal,
    twoStepPrompt,
    appChoice,
    enableTwoStep,
    smsEnrolment,
    emergencyCode,
    twoStepChallenge,
  }) => {
    const person = await users.create({ app: 'portal', ...(withSms ? { phone: true } : {}) });
    await portal.open();
    await signInWithPassword(screens, person);

    await guide.step('1', async () => {
      await expect(twoStepPrompt.heading).toBeVisible();
      await twoStepPrompt.enable();
    });

    await guide.step('2', async () => {
      await expect(appChoice.heading).toBeVisible();
      // Both ways to another app: "I use a different Authenticator app", or "Try another way".
      if (how === 'QR code') await appChoice.useDifferentApp();
      else await appChoice.tryAnotherWay();
    });

    const entry = await guide.step('3', async () => {
      const added = await addToAuthenticatorApp(screens, authenticator, person, how);
      await enableTwoStep.enterCode(added.code());
      // The code accepted: the wizard goes on to the optional phone number.
      await expect(smsEnrolment.heading).toBeVisible();
      return added;
    });

    await guide.step('4', async () => {
      await expect(smsEnrolment.heading).toBeVisible();
      if (withSms) {
        await smsEnrolment.fillPhone(person.phone!);
        await smsEnrolment.next();
        await smsEnrolment.enterCode((await sms.waitFor({ to: person.phone! })).code);
      } else {
        await expect(smsEnrolment.numberField).toBeEmpty();
        await smsEnrolment.next();
      }
      await expect(emergencyCode.heading).toBeVisible();
    });

    await guide.step('5', async () => {
      await emergencyCode.readCode();
      await expect(emergencyCode.nextButton).toBeDisabled();
      await emergencyCode.saveAndContinue();
      await expect(emergencyCode.finishedHeading).toBeVisible();
    });

    await emergencyCode.done();
    await expect(portal.signedInName(person.name)).toBeVisible();

    // "Every Visma application you use with the same account asks for your second factor".
    await signInAgain(screens, person);
    await twoStepChallenge.enterCode(entry.code());
    await expect(portal.signedInName(person.name)).toBeVisible();
  });
}

test('Visma Authenticator: the app pairs from the QR code, later sign-ins are approved on the phone @en', async ({
  guide,
  users,
  vismaAuthenticator,
  screens,
  portal,
  twoStepPrompt,
  appChoice,
  smsEnrolment,
  emergencyCode,
  pushWaiting,
}) => {
  const person = await users.create({ app: 'portal' });
  await portal.open();
  await signInWithPassword(screens, person);

  await guide.step('1', async () => {
    await twoStepPrompt.enable();
    await expect(appChoice.qrCode).toBeVisible();
  });

  await guide.step('2', async () => {
    const phone = await vismaAuthenticator.scan(appChoice.qrCode);
    expect(phone.account).toBe(person.email);
    await appChoice.next();
    await expect(smsEnrolment.heading).toBeVisible();
  });

  await guide.step('4', async () => {
    await smsEnrolment.next();
    await expect(emergencyCode.heading).toBeVisible();
  });

  await guide.step('5', async () => {
    await emergencyCode.readCode();
    await emergencyCode.saveAndContinue();
    await expect(emergencyCode.finishedHeading).toBeVisible();
  });
  await emergencyCode.done();
  await expect(portal.signedInName(person.name)).toBeVisible();

  // The next sign-in waits for the phone; approving the notification lets the person in.
  await signInAgain(screens, person);
  await expect(pushWaiting.heading).toBeVisible();
  const request = await vismaAuthenticator.phones[0]!.approve();
  expect(request.account).toBe(person.email);
  await expect(portal.signedInName(person.name)).toBeVisible();
});

test('Visma Authenticator not paired: "Next" says so, and "I use a different Authenticator app" still works @en', async ({
  users,
  screens,
  portal,
  twoStepPrompt,
  appChoice,
  enableTwoStep,
}) => {
  const person = await users.create({ app: 'portal' });
  await portal.open();
  await signInWithPassword(screens, person);
  await twoStepPrompt.enable();
  await appChoice.next();
  await expect(appChoice.problem).toBeVisible();
  await appChoice.useDifferentApp();
  await expect(enableTwoStep.qrCode).toBeVisible();
});

/**
 * Types the code a phone shows and says whether it was accepted. `stable` is false when the clock moved
 * to the next time step between reading the code and the answer: then the outcome says nothing about
 * the phone's skew and the attempt must be repeated.
 */
async function tryCode(
  page: Page,
  s: PageObjects,
  phone: AuthenticatorEntry,
): Promise<{ accepted: boolean; stable: boolean }> {
  const before = timeStep(phone.auth);
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.request().isNavigationRequest(),
  );
  await s.twoStepChallenge.enterCode(phone.code());
  const response = await answered;
  const stable = timeStep(phone.auth) === before;
  const accepted = response.status() < 400;
  if (accepted) await expect(s.portal.signedInAs).toBeVisible();
  else await expect(s.twoStepChallenge.wrongCodeMessage).toBeVisible();
  return { accepted, stable };
}

test('troubleshooting: a phone clock off by one time step still works, off by two it does not @en', async ({
  page,
  users,
  authenticator,
  screens,
  portal,
  twoStepChallenge,
}) => {
  // The wizard is walked by the tests above: here the app was set up earlier (seeded when the target can).
  const person = await users.create({ app: 'portal', earlier: { twoStepEnrolled: true } });
  await portal.open();
  await signInWithPassword(screens, person);
  let entry: AuthenticatorEntry;
  if (person.seeded.twoStepEnrolled && person.totpSecret) {
    entry = authenticator.existing(person.totpSecret, person.email);
  } else {
    ({ entry } = await enrolWithAuthenticatorApp(screens, authenticator, person));
    await expect(portal.signedInName(person.name)).toBeVisible();
    await signInAgain(screens, person);
  }

  // Refused first, then accepted (a refused code never uses up a step; an accepted one does).
  const cases: Array<[skewSteps: number, accepted: boolean]> = [
    [-2, false],
    [-1, true],
    [1, true],
    [2, false],
  ];
  for (const [skewSteps, expected] of cases) {
    const phone = authenticator.onSkewedPhone(entry, skewSteps);
    for (let attempt = 1; ; attempt++) {
      await expect(twoStepChallenge.codeField).toBeVisible();
      const outcome = await tryCode(page, screens, phone);
      if (outcome.accepted) await signInAgain(screens, person);
      if (outcome.stable || attempt === 3) {
        expect(outcome.accepted, `a phone clock off by ${skewSteps} time step(s)`).toBe(expected);
        break;
      }
    }
  }
});
