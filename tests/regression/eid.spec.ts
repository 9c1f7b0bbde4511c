// Release gate, electronic ID: removing the BankID link from an account is a change of how the person
// signs in, so the service asks for the password again first (ASVS 7.5.1), and a wrong password leaves
// the link in place. The link is made in the test's own browser just before, through the test BankID.
import { expect, test } from '../../fixtures/index.ts';
import { assertRequirement, expectRequirement } from './support/claim.ts';
import { signInWithPassword } from './support/flows.ts';

test.slow();

test(
  'removing the BankID link asks for the password again; a wrong one leaves the link',
  { tag: ['@asvs-7.5.1'] },
  async ({ page, users, eid, screens: s }) => {
    const person = await users.create({ app: 'accountsettings', changesAccount: true });
    await s.accountSettings.open();
    await signInWithPassword(s, person);
    await s.eidSection.addEid();
    await s.idPorten.bankId(eid.person().nationalId);
    await s.eidSignIn.linkAccount();
    await expect(s.eidSection.linkedText).toBeVisible();

    await s.eidSection.remove();
    await s.eidSection.confirmRemove();
    await expectRequirement(page, {
      req: 'ASVS 7.5.1',
      did: 'removed the BankID link in Account Settings, signed in a minute before',
      expected: 'the password asked for again before the link goes',
      held: s.eidSection.passwordDialog,
      broken: s.eidSection.addLink,
      broke: 'removed the link without asking for the password',
    });

    await s.eidSection.confirmWithPassword(users.newPassword());
    await s.accountSettings.open();
    await expect(s.eidSection.eidSection).toBeVisible();
    assertRequirement(
      await s.eidSection.linkedText.isVisible(),
      {
        req: 'ASVS 7.5.1',
        did: 'gave a wrong password when asked for it to remove the BankID link, then opened Account Settings again',
        expected: 'the link still there',
      },
      'removed the link anyway',
    );
  },
);
