// Release gate, two-step codes: a code from the authenticator app works once and only in its time window,
// wrong codes in a row lock the method, and the one-time emergency code is one-time and replaced after
// use. Every account sets up two-step verification in the Customer Portal's wizard, so any target with
// the portal and a way to provide users runs these.
import { expect, test } from '../../fixtures/index.ts';
import { codeForStep, timeStep } from '../../lib/totp.ts';
import { expectRequirement, assertRequirement } from './support/claim.ts';
import { enrolInPortal, signInAgain } from './support/flows.ts';

// Each check walks several screens (often the whole set-up first): more than the default minute on a busy machine.
test.slow();

test(
  'a code from the authenticator app is accepted once; replayed at the next sign-in it is refused',
  { tag: ['@asvs-6.5.1', '@nist-3.1.4.2'] },
  async ({ page, users, authenticator, screens }) => {
    const person = await users.create({ app: 'portal', changesAccount: true });
    const { app } = await enrolInPortal(screens, authenticator, person);
    await signInAgain(screens, person);
    const used = app.fresh();
    await screens.twoStepChallenge.enterCode(used.code);
    await expect(screens.portal.signedInName(person.name)).toBeVisible();

    await signInAgain(screens, person);
    await screens.twoStepChallenge.enterCode(app.again().code);
    await expectRequirement(page, {
      req: 'ASVS 6.5.1, NIST 3.1.4.2',
      did: `entered the TOTP code of step ${used.step} a second time, at the next sign-in`,
      expected: 'the code refused',
      held: screens.twoStepChallenge.problem,
      broken: screens.portal.signedInAs,
      broke: 'accepted it a second time and signed the person in',
    });
  },
);

test(
  'a code two time steps old is refused; the current one is accepted',
  { tag: ['@asvs-6.5.5'] },
  async ({ page, users, authenticator, screens }) => {
    const person = await users.create({ app: 'portal', changesAccount: true });
    const { app } = await enrolInPortal(screens, authenticator, person);
    await signInAgain(screens, person);
    // Two steps behind, not ahead: should the clock tick meanwhile, the code only gets older.
    const old = app.stale(2);
    await screens.twoStepChallenge.enterCode(old.code);
    await expectRequirement(page, {
      req: 'ASVS 6.5.5',
      did: `entered the TOTP code of step ${old.step}, two 30-second steps before the current one`,
      expected: 'the code refused (a TOTP code lives one step, plus at most one step of clock drift)',
      held: screens.twoStepChallenge.problem,
      broken: screens.portal.signedInAs,
      broke: 'accepted it and signed the person in',
    });
    await screens.twoStepChallenge.enterCode(app.fresh().code);
    await expect(screens.portal.signedInName(person.name)).toBeVisible();
  },
);

test(
  'after 10 wrong codes in a row the right code is refused too',
  { tag: ['@nist-3.2.2', '@asvs-6.3.1'] },
  async ({ page, users, authenticator, screens }) => {
    const person = await users.create({ app: 'portal', changesAccount: true });
    const { app } = await enrolInPortal(screens, authenticator, person);
    await signInAgain(screens, person);
    // Codes of long-gone time steps: wrong now, and six digits like a real code.
    const now = timeStep(app.auth);
    for (let i = 0; i < 10; i++) {
      await screens.twoStepChallenge.enterCode(codeForStep(app.auth, now - 20 - i));
      await expect(screens.twoStepChallenge.problem).toBeVisible();
    }
    await screens.twoStepChallenge.enterCode(app.fresh().code);
    await expectRequirement(page, {
      req: 'NIST 3.2.2, ASVS 6.3.1',
      did: 'entered 10 wrong authenticator codes in a row, then the right one',
      expected: 'the right code refused while the method is locked',
      held: screens.twoStepChallenge.problem,
      broken: screens.portal.signedInAs,
      broke: 'accepted it and signed the person in',
    });
  },
);

test(
  'the emergency code works once, is replaced by a new one, and the used one is refused later',
  { tag: ['@asvs-6.5.1', '@nist-3.1.4.2', '@nist-4.2.1.1'] },
  async ({ page, users, authenticator, secrets, screens }) => {
    const person = await users.create({ app: 'portal', changesAccount: true });
    const { emergencyCode } = await enrolInPortal(screens, authenticator, person);
    await signInAgain(screens, person);
    await screens.twoStepChallenge.tryAnotherWay();
    await screens.tryAnotherWay.useEmergencyCode();
    await screens.emergencySignIn.enterCode(emergencyCode);
    await screens.emergencySignIn.stillHaveApp();
    const replacement = await screens.emergencyCode.readCode();
    secrets.add(replacement, 'emergency code');
    assertRequirement(
      replacement.replace(/\W/g, '') !== emergencyCode.replace(/\W/g, ''),
      {
        req: 'NIST 4.2.1.1',
        did: 'signed in with the emergency code',
        expected: 'a new emergency code in its place',
      },
      'showed the used code again as the new one',
    );
    await screens.emergencyCode.saveAndContinue();
    await screens.emergencyCode.done();
    await expect(screens.portal.signedInName(person.name)).toBeVisible();

    await signInAgain(screens, person);
    await screens.twoStepChallenge.tryAnotherWay();
    await screens.tryAnotherWay.useEmergencyCode();
    await screens.emergencySignIn.enterCode(emergencyCode);
    await expectRequirement(page, {
      req: 'ASVS 6.5.1, NIST 3.1.4.2',
      did: 'entered the emergency code a second time, at the next sign-in',
      expected: 'the used code refused',
      held: screens.emergencySignIn.problem,
      broken: screens.portal.signedInAs.or(screens.emergencySignIn.lostHeading),
      broke: 'accepted it again',
    });
  },
);
