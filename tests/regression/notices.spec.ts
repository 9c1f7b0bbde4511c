// Release gate, notices: when a sign-in factor is added to an account, its owner is told by mail, so a
// factor someone else added does not go unnoticed (ASVS 6.3.7, NIST 4.1.2.1). Two-step verification is
// set up in the Customer Portal's wizard, so any target with the portal and Mailpit runs this.
import { expect, test } from '../../fixtures/index.ts';
import { RequirementBroken } from './support/claim.ts';
import { enrolInPortal } from './support/flows.ts';

// The whole set-up runs first: more than the default minute on a busy machine.
test.slow();

test(
  'setting up two-step verification sends the account a notice mail',
  { tag: ['@asvs-6.3.7', '@nist-4.1.2.1'] },
  async ({ users, authenticator, screens, mailbox, mails }) => {
    const person = await users.create({ app: 'portal', changesAccount: true });
    const started = new Date();
    await enrolInPortal(screens, authenticator, person);
    await expect(screens.portal.signedInName(person.name)).toBeVisible();

    await mailbox
      .waitFor({ to: person.email, subject: mails.twoStepOn.subject, after: started, timeoutMs: 15_000 })
      .catch((error: unknown) => {
        throw new RequirementBroken(
          {
            req: 'ASVS 6.3.7, NIST 4.1.2.1',
            did: 'set up two-step verification with an authenticator app in the Customer Portal',
            expected: `a notice mail («${mails.twoStepOn.subject}») to the account's address`,
          },
          `sent none: ${(error as Error).message.split('\n')[0]}`,
        );
      });
  },
);
