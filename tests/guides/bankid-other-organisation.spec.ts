// Guide bankid-other-organisation (guides/nb/bankid-other-organisation.md): BankID is registered with an
// account at another organisation; the person takes over the account the employer registered (password
// reset), links BankID to it in Account Settings and picks it under "Sign in as".
//
// Before step 1, the same BankID is linked to an account at another organisation (seeded by the target,
// or else linked in a browser of its own: tests/guides/eid.ts). Steps 11–15 link it to the work account too; steps 16–17 sign in to the work municipality's Visma
// Enterprise with ID-porten and pick the work account under "Sign in as".
import { expect, test } from '../../fixtures/index.ts';
import { linkBankIdEarlier } from './eid.ts';

test.use({ guideId: 'bankid-other-organisation' });

test('take over the registered account, link BankID to it and pick it under "Sign in as" @nb', async ({
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
  enterprise,
  eidSection,
  eidSignIn,
  idPorten,
  browser,
  language,
  eid,
}, testInfo) => {
  // The account the employer registered (in HRM): the person has never chosen its password.
  const person = await users.create({ app: 'accountsettings', tenants: ['sokndal'], changesAccount: true });
  const chosen = users.newPassword();
  // The BankID is registered with the account at another organisation (another municipality).
  const bankIdPerson = eid.person();
  const other = await users.create({
    app: 'accountsettings',
    tenants: ['askoy'],
    changesAccount: true,
    earlier: { linkedEid: bankIdPerson.nationalId },
  });
  await linkBankIdEarlier(
    browser,
    { locale: testInfo.project.use.locale, language, urls: config.urls },
    other,
    bankIdPerson.nationalId,
  );

  await guide.step('1', async () => {
    // Every test starts in a fresh browser: no earlier sign-in can linger.
    expect(await context.cookies()).toEqual([]);
  });

  await guide.step('2', async () => {
    await accountSettings.open();
    await expect(signInEmail.emailField).toBeVisible();
  });

  await guide.step('3', async () => {
    await signInEmail.fillEmail(person.email);
    await expect(signInEmail.emailField).toHaveValue(person.email);
  });

  await guide.step('4', async () => {
    await signInEmail.next();
    await expect(signInPassword.shownEmail(person.email)).toBeVisible();
  });

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
    await expect(accountSettings.heading).toBeVisible();
  });

  await guide.step('11', async () => {
    await expect(accountSettings.heading).toBeVisible();
    await expect(accountSettings.signedInName(person.name)).toBeVisible();
    await expect(eidSection.accountSection).toBeVisible();
    await expect(eidSection.eidSection).toBeVisible();
  });

  await guide.step('12', async () => {
    await eidSection.addEid();
    await expect(idPorten.heading).toBeVisible();
  });

  await guide.step('13', async () => {
    await expect(idPorten.heading).toBeVisible();
    await idPorten.bankId(bankIdPerson.nationalId);
  });

  await guide.step('14', async () => {
    await expect(eidSignIn.linkHeading).toBeVisible();
    await eidSignIn.linkAccount();
  });

  await guide.step('15', async () => {
    await expect(eidSection.linkedText).toBeVisible();
  });

  // Done in Account Settings: sign out, so Visma Enterprise asks how to sign in.
  await accountSettings.signOut();
  await expect(accountSettings.signedOutMessage).toBeVisible();
  const sokndal = enterprise('sokndal');

  await guide.step('16', async () => {
    await sokndal.open();
    await eidSignIn.signInWithIdPorten();
    await expect(idPorten.heading).toBeVisible();
  });

  await guide.step('17', async () => {
    await idPorten.bankId(bankIdPerson.nationalId);
    await expect(eidSignIn.chooserHeading).toBeVisible();
    await expect(eidSignIn.choices).toHaveCount(2);
    await eidSignIn.chooseAccount(person.email);
  });

  await expect(sokndal.heading).toBeVisible();
  await expect(sokndal.signedInAs).toContainText(person.email);
});
