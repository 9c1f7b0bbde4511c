// Release gate, notices: when a sign-in factor is added to an account or its password is reset, its owner
// is told by mail, so a change someone else made does not go unnoticed (ASVS 6.3.7, NIST 4.1.2.1). Two-step
// verification is set up in the Customer Portal's wizard and the password reset through "Forgot password",
// so any target with the portal, Account Settings and Mailpit runs these.
import { expect, test } from '../../fixtures/index.ts';
import type { Mailbox } from '../../lib/mail/mailbox.ts';
import { RequirementBroken, type Claim } from './support/claim.ts';
import { enrolInPortal, requestReset } from './support/flows.ts';

// The whole set-up runs first: more than the default minute on a busy machine.
test.slow();

/**
 * Waits for the notice; when none comes, the failure names the requirement and what did arrive. Each test
 * makes a new account, so any such mail to it comes from what the test did (no clock is compared: the
 * target's Mailpit may keep other time than this machine).
 */
async function expectNotice(mailbox: Mailbox, to: string, subject: string, claim: Claim) {
  await mailbox.waitFor({ to, subject, timeoutMs: 15_000 }).catch((error: unknown) => {
    throw new RequirementBroken(claim, `sent none: ${(error as Error).message.split('\n')[0]}`);
  });
}

test(
  'setting up two-step verification sends the account a notice mail',
  { tag: ['@asvs-6.3.7', '@nist-4.1.2.1'] },
  async ({ users, authenticator, screens, mailbox, mails }) => {
    const person = await users.create({ app: 'portal', changesAccount: true });
    await enrolInPortal(screens, authenticator, person);
    await expect(screens.portal.signedInName(person.name)).toBeVisible();

    await expectNotice(mailbox, person.email, mails.twoStepOn.subject, {
      req: 'ASVS 6.3.7, NIST 4.1.2.1',
      did: 'set up two-step verification with an authenticator app in the Customer Portal',
      expected: `a notice mail («${mails.twoStepOn.subject}») to the account's address`,
    });
  },
);

test(
  'resetting the password sends the account a notice mail',
  { tag: ['@asvs-6.3.7', '@nist-4.1.2.1'] },
  async ({ page, users, mailbox, mails, screens, newPassword }) => {
    const person = await users.create({ app: 'accountsettings', changesAccount: true });
    await requestReset(screens, person.email);
    const mail = await mailbox.waitFor({ to: person.email, subject: mails.reset.subject });
    await mails.reset.follow(mail, page);
    await newPassword.changePassword(users.newPassword());
    await expect(newPassword.changedHeading).toBeVisible();

    await expectNotice(mailbox, person.email, mails.changed.subject, {
      req: 'ASVS 6.3.7, NIST 4.1.2.1',
      did: 'reset the password through "Forgot password" and the link in the mail',
      expected: `a notice mail («${mails.changed.subject}») to the account's address`,
    });
  },
);
