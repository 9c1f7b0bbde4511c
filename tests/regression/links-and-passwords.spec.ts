// Negative paths around the guides' first screens, against any target: an activation link works once,
// a wrong password keeps the person on the password step, the reset buttons wait for the robot check,
// and a refused new password says why. Driven through the same page objects as the guide specs.
import { expect, test } from '../../fixtures/index.ts';

test('an activation link works once; the second time it says the link is invalid', async ({
  page,
  users,
  mailbox,
  mails,
  setPassword,
  invalidLink,
  forgotPassword,
  accountSettings,
}) => {
  // Account Settings, not the portal: the portal would go on to set up two-step verification first.
  const person = await users.invite({ app: 'accountsettings' });
  const mail = await mailbox.waitFor({ to: person.email, subject: mails.activation.subject });
  await mails.activation.activate(mail, page);
  await setPassword.setPassword(person.password);
  await expect(accountSettings.signedInName(person.name)).toBeVisible();

  await mails.activation.activate(mail, page);
  await expect(invalidLink.heading).toBeVisible();
  await expect(invalidLink.explanation).toBeVisible();
  await expect(setPassword.submitButton).toHaveCount(0);
  await invalidLink.requestNewLink();
  await expect(forgotPassword.emailField).toBeVisible();
});

test('a wrong password keeps the person on the password step with a message', async ({
  users,
  portal,
  signInEmail,
  signInPassword,
}) => {
  const person = await users.create({ app: 'portal' });
  await portal.open();
  await signInEmail.fillEmail(person.email);
  await signInEmail.next();
  await signInPassword.fillPassword(`${person.password}-wrong`);
  await signInPassword.signIn();
  await expect(signInPassword.wrongPasswordMessage).toBeVisible();
  await expect(signInPassword.shownEmail(person.email)).toBeVisible();
  await expect(portal.signedInAs).toHaveCount(0);
});

test('the reset buttons stay disabled until "I\'m not a robot" is ticked', async ({
  users,
  portal,
  signInEmail,
  signInPassword,
  forgotPassword,
}) => {
  const person = await users.create({ app: 'portal' });
  await portal.open();
  await signInEmail.fillEmail(person.email);
  await signInEmail.next();
  await signInPassword.forgotPassword();
  await expect(forgotPassword.resetButton).toBeDisabled();
  await expect(forgotPassword.oneTimeLinkButton).toBeDisabled();
  await forgotPassword.confirmNotRobot();
  await expect(forgotPassword.resetButton).toBeEnabled();
  await expect(forgotPassword.oneTimeLinkButton).toBeEnabled();
});

test('a new password that breaks the policy is refused with the reason, and the link still works', async ({
  page,
  users,
  mailbox,
  mails,
  setPassword,
  accountSettings,
}) => {
  const person = await users.invite({ app: 'accountsettings' });
  const mail = await mailbox.waitFor({ to: person.email, subject: mails.activation.subject });
  await mails.activation.activate(mail, page);
  await setPassword.setPassword('short');
  await expect(setPassword.problems).toBeVisible();
  await expect(setPassword.heading).toBeVisible();
  await setPassword.setPassword(person.password);
  await expect(accountSettings.signedInName(person.name)).toBeVisible();
});
