// Guide wrong-email-bankid (guides/nb/wrong-email-bankid.md): BankID is linked to the wrong (private)
// address; the person takes over that account with a password reset and removes the BankID link.
//
// Before step 1, BankID is linked to the private account, as the mistake was made earlier (seeded by the
// target, or else linked in a browser of its own: tests/guides/eid.ts); the introduction's symptom («En intern feil har oppstått» at the employer's Visma
// Enterprise after BankID) is checked first. Steps 8–11 remove the link in Account Settings' «Elektronisk ID».
import { expect, test } from '../../fixtures/index.ts';
import { linkBankIdEarlier } from './eid.ts';

test.use({ guideId: 'wrong-email-bankid' });

test('reset the password of the private account, sign in to Account Settings and remove the BankID link @nb', async ({
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
  enterprise,
  eidSignIn,
  idPorten,
  errorPage,
  eidSection,
  browser,
  config,
  language,
  eid,
}, testInfo) => {
  // The account BankID was linked to by mistake; the person does not know its password.
  const bankIdPerson = eid.person();
  const person = await users.create({
    app: 'accountsettings',
    changesAccount: true,
    earlier: { linkedEid: bankIdPerson.nationalId },
  });
  const chosen = users.newPassword();
  await linkBankIdEarlier(
    browser,
    { locale: testInfo.project.use.locale, language, urls: config.urls },
    person,
    bankIdPerson.nationalId,
  );

  // The symptom: BankID at the employer's Visma Enterprise lands on the private account, which the
  // municipality does not know.
  const sokndal = enterprise('sokndal');
  await guide.step('intro', async () => {
    await sokndal.open();
    await eidSignIn.signInWithIdPorten();
    await idPorten.bankId(bankIdPerson.nationalId);
    await expect(errorPage.internalErrorHeading).toBeVisible();
  });
  await sokndal.signOut();
  await expect(sokndal.signedOutMessage).toBeVisible();

  await guide.step('1', async () => {
    await accountSettings.open();
    await expect(signInEmail.emailField).toBeVisible();
  });

  await guide.step('2', async () => {
    await signInEmail.fillEmail(person.email);
    await signInEmail.next();
    await expect(signInPassword.shownEmail(person.email)).toBeVisible();
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

  // The step is the confirmation mail: waiting for it (to this account, with its subject) is the check.
  await guide.step('6', async () => {
    await mailbox.waitFor({ to: person.email, subject: mails.changed.subject });
  });

  await guide.step('7', async () => {
    await newPassword.goToSignIn();
    await signInEmail.fillEmail(person.email);
    await signInEmail.next();
    await signInPassword.fillPassword(chosen);
    await signInPassword.signIn();
    await expect(accountSettings.heading).toBeVisible();
    await expect(accountSettings.signedInName(person.name)).toBeVisible();
  });

  await guide.step('8', async () => {
    await expect(eidSection.linkedText).toBeVisible();
    await eidSection.remove();
  });

  await guide.step('9', async () => {
    await expect(eidSection.removeDialog).toBeVisible();
    await eidSection.confirmRemove();
  });

  await guide.step('10', async () => {
    await expect(eidSection.passwordDialog).toBeVisible();
    await eidSection.confirmWithPassword(chosen);
  });

  await guide.step('11', async () => {
    await expect(eidSection.addLink).toBeVisible();
    await expect(eidSection.linkedText).toBeHidden();
  });
});
