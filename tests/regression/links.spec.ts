// Release gate, links in mail: an activation or reset link is single use, short-lived (on the target's
// test clock) and bound to its own token; a new password ends every other way in.
import { expect, test } from '../../fixtures/index.ts';

import { expectRequirement } from './support/claim.ts';
import { testClock } from './support/clock.ts';
import { enrolInPortal, requestReset, signOutOfPortal } from './support/flows.ts';

// Each check walks several screens (often the whole set-up first): more than the default minute on a busy machine.
test.slow();

const DAY = 24 * 3600;

test(
  'an activation link no longer works 24 hours after it was sent',
  { tag: ['@asvs-6.4.1'] },
  async ({ page, users, mailbox, mails, config, setPassword, invalidLink }, testInfo) => {
    const person = await users.invite({ app: 'accountsettings' });
    const clock = await testClock(config, person, testInfo);
    const mail = await mailbox.waitFor({ to: person.email, subject: mails.activation.subject });
    await clock.advance(DAY + 60);
    await mails.activation.activate(mail, page);
    await expectRequirement(page, {
      req: 'ASVS 6.4.1',
      did: 'opened the activation link 24 hours and a minute after it was sent (test clock)',
      expected: 'the link refused as invalid',
      held: invalidLink.heading,
      broken: setPassword.submitButton,
      broke: 'offered to set a password',
    });
  },
);

test(
  'a reset link works once; opened again it is refused',
  { tag: ['@wstg-athn-09'] },
  async ({ page, users, mailbox, mails, screens, newPassword, invalidLink }) => {
    const person = await users.create({ app: 'accountsettings', changesAccount: true });
    await requestReset(screens, person.email);
    const mail = await mailbox.waitFor({ to: person.email, subject: mails.reset.subject });
    await mails.reset.follow(mail, page);
    const chosen = users.newPassword();
    await newPassword.changePassword(chosen);
    await expect(newPassword.changedHeading).toBeVisible();
    await mails.reset.follow(mail, page);
    await expectRequirement(page, {
      req: 'WSTG-ATHN-09',
      did: 'opened the reset link a second time, after the password was changed with it',
      expected: 'the link refused as invalid',
      held: invalidLink.heading,
      broken: newPassword.heading,
      broke: 'offered to set a new password again',
    });
  },
);

test(
  'a reset link with its token changed is refused',
  { tag: ['@wstg-athn-09'] },
  async ({ page, users, mailbox, mails, screens, newPassword, invalidLink }) => {
    const person = await users.create({ app: 'accountsettings', changesAccount: true });
    await requestReset(screens, person.email);
    const mail = await mailbox.waitFor({ to: person.email, subject: mails.reset.subject });
    const link = new URL(mail.link(mails.reset.button));
    // Change one character of every query value (the token): a guessed or tampered link.
    for (const [name, value] of [...link.searchParams])
      link.searchParams.set(name, value.slice(0, -1) + (value.endsWith('A') ? 'B' : 'A'));
    await page.goto(link.href);
    await expectRequirement(page, {
      req: 'WSTG-ATHN-09',
      did: 'opened the reset link with the last character of its token changed',
      expected: 'the link refused as invalid',
      held: invalidLink.heading,
      broken: newPassword.heading,
      broke: 'offered to set a new password',
    });
  },
);

test(
  'a reset link no longer works 24 hours after it was sent',
  { tag: ['@wstg-athn-09', '@asvs-6.4.1'] },
  async ({ page, users, mailbox, mails, screens, config, newPassword, invalidLink }, testInfo) => {
    const person = await users.create({ app: 'accountsettings', changesAccount: true });
    const clock = await testClock(config, person, testInfo);
    await requestReset(screens, person.email);
    const mail = await mailbox.waitFor({ to: person.email, subject: mails.reset.subject });
    await clock.advance(DAY + 60);
    await mails.reset.follow(mail, page);
    await expectRequirement(page, {
      req: 'WSTG-ATHN-09, ASVS 6.4.1',
      did: 'opened the reset link 24 hours and a minute after it was sent (test clock)',
      expected: 'the link refused as invalid',
      held: invalidLink.heading,
      broken: newPassword.heading,
      broke: 'offered to set a new password',
    });
  },
);

test(
  'a one-time sign-in link stands in for the password only: the second step is still asked',
  { tag: ['@asvs-6.3.6'] },
  async ({ page, users, authenticator, mailbox, mails, screens: s }) => {
    const person = await users.create({ app: 'portal', changesAccount: true });
    await enrolInPortal(s, authenticator, person);
    await signOutOfPortal(s);
    await requestReset(s, person.email, s.portal, { oneTimeLink: true });
    const mail = await mailbox.waitFor({ to: person.email, subject: mails.oneTime.subject });
    await mails.oneTime.follow(mail, page);
    await expectRequirement(page, {
      req: 'ASVS 6.3.6',
      did: 'signed in with the one-time link from the mail, two-step verification being set up',
      expected: 'the second step asked for (a mail is not a second factor)',
      held: s.twoStepChallenge.heading,
      broken: s.portal.signedInAs,
      broke: 'signed the person in to the portal on the link alone',
    });
  },
);
