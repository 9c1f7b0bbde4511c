// Release gate, changing how a person signs in (ASVS 7.5.1): removing the BankID link, or setting up
// two-step verification, from Account Settings asks for the password again first, and a wrong password
// changes nothing. The BankID link is made in the test's own browser just before, through the test BankID.
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

test(
  'setting up two-step verification from Account Settings asks for the password again; a wrong one goes no further',
  { tag: ['@asvs-7.5.1'] },
  async ({ page, users, screens: s }) => {
    const person = await users.create({ app: 'accountsettings', changesAccount: true });
    await s.accountSettings.open();
    await signInWithPassword(s, person);
    await s.accountSections.enableTwoStep();
    await expectRequirement(page, {
      req: 'ASVS 7.5.1',
      did: 'pressed "Enable two-step verification" in Account Settings, signed in a moment before',
      expected: 'the password asked for again before the set-up starts',
      held: s.confirmPassword.heading,
      broken: s.twoStepPrompt.heading,
      broke: 'started the set-up without asking for the password',
    });
    await s.confirmPassword.confirm(users.newPassword());
    await expectRequirement(page, {
      req: 'ASVS 7.5.1',
      did: 'gave a wrong password when asked for it before the two-step set-up',
      expected: 'the password refused, the set-up not started',
      held: s.confirmPassword.wrongPasswordMessage,
      broken: s.twoStepPrompt.heading,
      broke: 'started the set-up anyway',
    });
  },
);
