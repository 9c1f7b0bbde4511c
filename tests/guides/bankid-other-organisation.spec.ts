// Guide bankid-other-organisation (guides/nb/bankid-other-organisation.md): BankID is registered with an
// account at another organisation; the person takes over the account the employer registered (password
// reset), links BankID to it in Account Settings and picks it under "Sign in as".
//
// Walked now: steps 1–10 (fresh browser → Account Settings → «E-postadresse» → «Neste» → «Glemt ditt
// passord?» → «Jeg er ikke en robot» + «Tilbakestill passord» → the mail → «Angi ditt nye passord» →
// «Endre passord» → back to Account Settings → «Passord» + «Logg inn»). Waiting for Account Settings'
// sections and eID in the sandbox (issue 6): steps 11–17; see PENDING_STEPS.
import { expect, notWalkedYet, test } from '../../fixtures/index.ts';
import { generatePassword } from '../../fixtures/users.ts';

/** Guide steps no test walks yet, and what the target must offer first. */
export const PENDING_STEPS = {
  '11': 'Account Settings shows the sections «Konto» and «Elektronisk ID» (issue 6)',
  '12': '«Legg til elektronisk ID» in Account Settings (issue 6)',
  '13': 'choosing «BankID» and signing in at the eID provider with a test person (issue 6)',
  '14': 'the question to link BankID, «Koble konto og fortsett» (issue 6)',
  '15': '«BankID er koblet til din Vismakonto» on the account page (issue 6)',
  '16': 'Visma Enterprise sign-in with «Logg på med ID-porten» (issue 6)',
  '17': 'the "Sign in as" account chooser after BankID (issue 6)',
} as const;

test.use({ guideId: 'bankid-other-organisation' });
notWalkedYet(PENDING_STEPS);

test('take over the registered account and sign in to Account Settings @nb', async ({
  page,
  context,
  guide,
  users,
  mailbox,
  mails,
  config,
  signInEmail,
  signInPassword,
  forgotPassword,
  newPassword,
  accountSettings,
}) => {
  // The account the employer registered (in HRM): the person has never chosen its password.
  const person = await users.create({ app: 'accountsettings', changesAccount: true });
  const chosen = generatePassword();
  guide.secret(chosen);

  await guide.step('1', async () => {
    // Every test starts in a fresh browser: no earlier sign-in can linger.
    expect(await context.cookies()).toEqual([]);
  });

  await guide.step('2', () => accountSettings.open());

  await guide.step('3', () => signInEmail.fillEmail(person.email));

  await guide.step('4', () => signInEmail.next());

  await guide.step('5', async () => {
    await expect(signInPassword.shownEmail(person.email)).toBeVisible();
    await signInPassword.forgotPassword();
  });

  await guide.step('6', async () => {
    await forgotPassword.confirmNotRobot();
    await forgotPassword.resetPassword();
    await expect(forgotPassword.sentHeading).toBeVisible();
  });

  await guide.step('7', async () => {
    const mail = await mailbox.waitFor({ to: person.email, subject: mails.reset.subject });
    await mails.reset.follow(mail, page);
    await expect(newPassword.heading).toBeVisible();
  });

  await guide.step('8', async () => {
    await newPassword.changePassword(chosen);
    await expect(newPassword.changedHeading).toBeVisible();
  });

  await guide.step('9', async () => {
    await accountSettings.open();
    await expect(page).toHaveURL((url) => url.origin === new URL(config.urls.connect).origin);
  });

  await guide.step('10', async () => {
    await signInEmail.fillEmail(person.email);
    await signInEmail.next();
    await signInPassword.fillPassword(chosen);
    await signInPassword.signIn();
  });

  await expect(accountSettings.heading).toBeVisible();
  await expect(accountSettings.signedInName(person.name)).toBeVisible();
});
