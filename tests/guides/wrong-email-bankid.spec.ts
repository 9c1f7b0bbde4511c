// Guide wrong-email-bankid (guides/nb/wrong-email-bankid.md): BankID is linked to the wrong (private)
// address; the person takes over that account with a password reset and removes the BankID link.
//
// Walked now: steps 1–7 (Account Settings → «Glemt ditt passord?» → «Jeg er ikke en robot» →
// «Tilbakestill passord» → mail → «Endre passord» → confirmation mail → «Logg inn»). Waiting for eID in
// the sandbox (issue 6): the account must start with BankID linked (and the intro's error «En intern feil
// har oppstått» when signing in with it), and steps 8–11 need Account Settings' «Elektronisk ID» section
// (trash can, «Ja», «Angi ditt passord» + «Fortsett», «Legg til elektronisk ID»); see PENDING_STEPS.
import { expect, notWalkedYet, test } from '../../fixtures/index.ts';
import { generatePassword } from '../../fixtures/users.ts';

/** Guide steps no test walks yet, and what the target must offer first. */
export const PENDING_STEPS = {
  '8': 'Account Settings «Elektronisk ID» section with the linked BankID and its trash can (issue 6)',
  '9': 'the «Ja» dialog that removes the eID link (issue 6)',
  '10': 'the «Angi ditt passord» box with «Fortsett» (issue 6)',
  '11': '«Legg til elektronisk ID» offered again once the link is gone (issue 6)',
} as const;

test.use({ guideId: 'wrong-email-bankid' });
notWalkedYet(PENDING_STEPS);

test('reset the password of the private account and sign in to Account Settings @nb', async ({
  page,
  guide,
  users,
  mailbox,
  mails,
  signInEmail,
  signInPassword,
  forgotPassword,
  newPassword,
  accountSettings,
}) => {
  // The account BankID was linked to by mistake; the person does not know its password.
  const person = await users.create({ app: 'accountsettings', changesAccount: true });
  const chosen = generatePassword();
  guide.secret(chosen);

  await guide.step('1', async () => {
    await accountSettings.open();
    await expect(signInEmail.emailField).toBeVisible();
  });

  await guide.step('2', async () => {
    await signInEmail.fillEmail(person.email);
    await signInEmail.next();
  });

  await guide.step('3', async () => {
    await expect(signInPassword.shownEmail(person.email)).toBeVisible();
    await signInPassword.forgotPassword();
  });

  await guide.step('4', async () => {
    await expect(forgotPassword.emailField).toHaveValue(person.email);
    await forgotPassword.confirmNotRobot();
    await forgotPassword.resetPassword();
    await expect(forgotPassword.sentHeading).toBeVisible();
    const mail = await mailbox.waitFor({ to: person.email, subject: mails.reset.subject });
    await mails.reset.follow(mail, page);
  });

  await guide.step('5', async () => {
    await newPassword.changePassword(chosen);
    await expect(newPassword.changedHeading).toBeVisible();
  });

  await guide.step('6', async () => {
    await mailbox.waitFor({ to: person.email, subject: mails.changed.subject });
  });

  await guide.step('7', async () => {
    await newPassword.goToSignIn();
    await signInEmail.fillEmail(person.email);
    await signInEmail.next();
    await signInPassword.fillPassword(chosen);
    await signInPassword.signIn();
  });

  await expect(accountSettings.heading).toBeVisible();
  await expect(accountSettings.signedInName(person.name)).toBeVisible();
});
