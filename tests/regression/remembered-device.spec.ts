// Release gate, "Remember this device for 30 days" (NIST SP 800-63B 5.1 / 2.2.3): a remembered browser
// skips the code but never the password, only for its own account, and not after a password change or
// once its 30 days are over (on the target's test clock).
import { expect, test, type Person } from '../../fixtures/index.ts';
import type { PageObjects } from '../../pages/index.ts';
import { expectRequirement } from './support/claim.ts';
import { testClock } from './support/clock.ts';
import {
  enrolInPortal,
  requestReset,
  signInAgain,
  signOutOfPortal,
  type Enrolment,
} from './support/flows.ts';

// Each check walks several screens (often the whole set-up first): more than the default minute on a busy machine.
test.slow();

/** Signs in again with the app's code, ticking "Remember this device for 30 days". */
async function remember(s: PageObjects, person: Person, { app }: Enrolment) {
  await signInAgain(s, person);
  await s.twoStepChallenge.rememberDevice();
  await s.twoStepChallenge.enterCode(app.fresh().code);
  await expect(s.portal.signedInName(person.name)).toBeVisible();
}

test(
  'a remembered device still asks for the password, skips the code, and only for its own account',
  { tag: ['@nist-5.1', '@nist-2.2.3'] },
  async ({ page, users, authenticator, screens: s }) => {
    const person = await users.create({ app: 'portal', changesAccount: true });
    const enrolled = await enrolInPortal(s, authenticator, person);
    await remember(s, person, enrolled);
    await signOutOfPortal(s);
    await s.portal.signIn();
    await s.signInEmail.fillEmail(person.email);
    await s.signInEmail.next();
    await expectRequirement(page, {
      req: 'NIST 5.1',
      did: 'signed out on a remembered device and signed in again',
      expected: 'the password asked for',
      held: s.signInPassword.passwordField,
      broken: s.portal.signedInAs,
      broke: 'signed the person in without it',
    });
    await s.signInPassword.fillPassword(person.password);
    await s.signInPassword.signIn();
    await expect(s.portal.signedInName(person.name)).toBeVisible();

    // Someone else on the same browser is not remembered.
    const other = await users.create({ app: 'portal', changesAccount: true });
    await signOutOfPortal(s);
    await enrolInPortal(s, authenticator, other);
    await signInAgain(s, other);
    await expectRequirement(page, {
      req: 'NIST 5.1',
      did: 'signed in as another person on a browser remembered for the first',
      expected: 'the code asked for',
      held: s.twoStepChallenge.heading,
      broken: s.portal.signedInAs,
      broke: 'signed the other person in without a code',
    });
  },
);

test(
  'a password change ends every remembered device',
  { tag: ['@nist-5.1', '@nist-2.2.3'] },
  async ({ page, users, authenticator, screens: s, mailbox, mails }) => {
    const person = await users.create({ app: 'portal', changesAccount: true });
    const enrolled = await enrolInPortal(s, authenticator, person);
    await remember(s, person, enrolled);
    await signOutOfPortal(s);
    await requestReset(s, person.email, s.portal);
    const mail = await mailbox.waitFor({ to: person.email, subject: mails.reset.subject });
    await mails.reset.follow(mail, page);
    const chosen = users.newPassword();
    await s.newPassword.changePassword(chosen);
    await expect(s.newPassword.changedHeading).toBeVisible();
    await s.portal.open();
    await s.signInEmail.fillEmail(person.email);
    await s.signInEmail.next();
    await s.signInPassword.fillPassword(chosen);
    await s.signInPassword.signIn();
    await expectRequirement(page, {
      req: 'NIST 5.1, ASVS 6.4.3',
      did: 'changed the password through the reset link, then signed in on the remembered device',
      expected: 'the code asked for (the device forgotten)',
      held: s.twoStepChallenge.heading,
      broken: s.portal.signedInAs,
      broke: 'signed the person in without a code',
    });
  },
);

test(
  'a remembered device is forgotten after 30 days',
  { tag: ['@nist-5.1', '@nist-2.2.3'] },
  async ({ page, users, authenticator, screens: s, config }, testInfo) => {
    const person = await users.create({ app: 'portal', changesAccount: true });
    const clock = await testClock(config, person, testInfo);
    const enrolled = await enrolInPortal(s, authenticator, person);
    await remember(s, person, enrolled);
    await clock.advance(30 * 24 * 3600 + 60);
    await signInAgain(s, person);
    await expectRequirement(page, {
      req: 'NIST 5.1',
      did: 'signed in on a remembered device 30 days and a minute after it was remembered (test clock)',
      expected: 'the code asked for',
      held: s.twoStepChallenge.heading,
      broken: s.portal.signedInAs,
      broke: 'signed the person in without a code',
    });
  },
);
