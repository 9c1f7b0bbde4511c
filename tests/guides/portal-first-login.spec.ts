// Guide portal-first-login (guides/en/portal-first-login.md): the Customer Portal's invitation, the first
// password, two-step verification set up on the way in (the portal requires it), and signing in on later
// visits with the authenticator code, or by SMS after "Try another way". One `guide.step` per guide step;
// the guide's quoted words are checked by the guide fixture, the person's inbox and phone are fixtures.
import { expect, test } from '../../fixtures/index.ts';
import { enrolWithAuthenticatorApp, signInWithPassword } from './two-step.ts';

test.use({ guideId: 'portal-first-login' });

test('new account: invitation mail, password, authenticator app, SMS backup, emergency code, portal @en', async ({
  page,
  guide,
  users,
  mailbox,
  sms,
  authenticator,
  mails,
  setPassword,
  twoStepPrompt,
  appChoice,
  enableTwoStep,
  smsEnrolment,
  emergencyCode,
  portal,
}) => {
  const person = await users.invite({ app: 'portal', phone: true });
  const phone = person.phone!;

  await guide.step('1', async () => {
    const mail = await mailbox.waitFor({ to: person.email, subject: mails.activation.subject });
    await mails.activation.activate(mail, page);
    await expect(setPassword.newPasswordField).toBeVisible();
  });

  await guide.step('2', async () => {
    await setPassword.setPassword(person.password);
    await expect(twoStepPrompt.heading).toBeVisible();
  });

  // The portal requires two-step verification: the set-up starts right after the password.
  await guide.step('3', async () => {
    await expect(twoStepPrompt.heading).toBeVisible();
    await twoStepPrompt.enable();
    await appChoice.useDifferentApp();
    const entry = await authenticator.scan(enableTwoStep.qrCode, { shownKey: enableTwoStep.key });
    await enableTwoStep.scanned();
    await enableTwoStep.enterCode(entry.code());
    await expect(smsEnrolment.heading).toBeVisible();
  });

  await guide.step('4', async () => {
    await smsEnrolment.fillPhone(phone);
    await smsEnrolment.next();
    const message = await sms.waitFor({ to: phone });
    await smsEnrolment.enterCode(message.code);
    await expect(emergencyCode.heading).toBeVisible();
  });

  await guide.step('5', async () => {
    await emergencyCode.readCode();
    await emergencyCode.saveAndContinue();
    // The wizard ends with a congratulation and "Done" before the portal (the guide does not mention it).
    await emergencyCode.done();
    await expect(portal.heading).toBeVisible();
  });

  await expect(portal.signedInName(person.name)).toBeVisible();
});

// The guide's first path: a person who already has an account from another Visma product, with two-step
// verification set up there, activates the portal's invitation and sets a password; the portal then asks
// for the code their authenticator app already shows, instead of setting it up again.
test('existing account: invitation mail, password, the code from the app they already use, portal @en', async ({
  page,
  guide,
  users,
  mailbox,
  authenticator,
  mails,
  setPassword,
  twoStepChallenge,
  portal,
}) => {
  const person = await users.invite({ app: 'portal', authenticator: true });
  const app = authenticator.existing(person.totpSecret!, person.email);

  await guide.step('1', async () => {
    const mail = await mailbox.waitFor({ to: person.email, subject: mails.activation.subject });
    await mails.activation.activate(mail, page);
    await expect(setPassword.newPasswordField).toBeVisible();
  });

  // The account has two-step verification already: the password leads to the code, not to the set-up.
  await guide.step('2', async () => {
    await setPassword.setPassword(person.password);
    await expect(twoStepChallenge.codeField).toBeVisible();
  });

  await twoStepChallenge.enterCode(app.code());
  await expect(portal.signedInName(person.name)).toBeVisible();
});

// "If you already use another Visma product …, simply skip the screens you do not see": an account that
// has two-step verification already goes from "Set password" to the code, not through the set-up.
test('later visits: email address (saved for next time), password, code from the authenticator app @en', async ({
  guide,
  users,
  authenticator,
  screens,
  signInEmail,
  signInPassword,
  twoStepChallenge,
  portal,
}) => {
  const person = await users.create({ app: 'portal' });
  // The first visit (the guide's steps 1–5) is done: the account has two-step verification.
  await portal.open();
  await signInWithPassword(screens, person);
  const { entry } = await enrolWithAuthenticatorApp(screens, authenticator, person);
  await expect(portal.signedInName(person.name)).toBeVisible();
  await portal.signOut();
  await expect(portal.signedOutMessage).toBeVisible();

  // "Open the Customer Portal": its address, typed, sends a signed-out person to sign in.
  await guide.step('6', async () => {
    await portal.open();
    await signInEmail.fillEmail(person.email);
    await signInEmail.rememberEmail();
    await signInEmail.next();
    await expect(signInPassword.shownEmail(person.email)).toBeVisible();
  });

  await guide.step('7', async () => {
    await expect(signInPassword.shownEmail(person.email)).toBeVisible();
    await signInPassword.fillPassword(person.password);
    await signInPassword.signIn();
    await expect(twoStepChallenge.codeField).toBeVisible();
  });

  // "The portal asks for the code from your authenticator app."
  await twoStepChallenge.enterCode(entry.code());
  await expect(portal.signedInName(person.name)).toBeVisible();

  // "Save my email address for next time": after signing out, the next sign-in starts at the password.
  await portal.signOut();
  await expect(portal.signedOutMessage).toBeVisible();
  await portal.signIn();
  await expect(signInPassword.shownEmail(person.email)).toBeVisible();
  await expect(signInPassword.passwordField).toBeEmpty();
});

test('later visits: "Try another way", the code by SMS, "Verify" @en', async ({
  guide,
  users,
  sms,
  authenticator,
  screens,
  signInEmail,
  signInPassword,
  twoStepChallenge,
  tryAnotherWay,
  portal,
}) => {
  const person = await users.create({ app: 'portal', phone: true });
  const phone = person.phone!;
  await portal.open();
  await signInWithPassword(screens, person);
  await enrolWithAuthenticatorApp(screens, authenticator, person, { sms });
  await expect(portal.signedInName(person.name)).toBeVisible();
  await portal.signOut();
  await expect(portal.signedOutMessage).toBeVisible();

  await guide.step('6', async () => {
    await portal.open();
    await signInEmail.fillEmail(person.email);
    await signInEmail.next();
    await expect(signInPassword.shownEmail(person.email)).toBeVisible();
  });

  await guide.step('7', async () => {
    await signInPassword.fillPassword(person.password);
    await signInPassword.signIn();
    await expect(twoStepChallenge.codeField).toBeVisible();
  });

  await guide.step('8', async () => {
    await expect(twoStepChallenge.codeField).toBeVisible();
    await twoStepChallenge.tryAnotherWay();
    await tryAnotherWay.sendSms();
  });

  await guide.step('9', async () => {
    const message = await sms.waitFor({ to: phone });
    await twoStepChallenge.enterSmsCode(message.code);
    await expect(portal.heading).toBeVisible();
  });

  await expect(portal.signedInName(person.name)).toBeVisible();
});
