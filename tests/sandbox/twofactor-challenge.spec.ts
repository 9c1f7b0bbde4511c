// The second step of sign-in for accounts that have two-step verification (seeded through SCIM, so no
// enrolment is repeated): TOTP step rules, SMS codes and their expiry, throttling, the one-time emergency
// code and re-enrolment, and the remembered device. Expiries use the account's clock (control API).
import { test as base, expect, type Page } from '@playwright/test';
import { mailboxFixtures, type Mailbox } from '../../fixtures/mailbox.ts';
import { codeForStep, timeStep } from '../../lib/totp.ts';
import { signOut, typeNewPassword, typeSecret } from './browser-support.ts';
import { deleteUser, strongPassword, urls } from './identity-support.ts';
import {
  addAuthenticatorApp,
  advanceClock,
  confirmEmergencyCode,
  createTotpUser,
  newEmergencyCode,
  newPhone,
  signInWithPassword,
} from './twofactor-support.ts';

const test = base.extend<{ mailbox: Mailbox }>(mailboxFixtures);
test.use({ locale: 'en-GB' });

async function enterCode(page: Page, code: string, remember = false) {
  await typeSecret(page.getByPlaceholder('enter your 6-digit code'), code);
  if (remember) await page.getByLabel('Remember this device for 30 days').check();
  await page.getByRole('button', { name: 'Verify' }).click();
}

test('TOTP: a used step is refused, the next step is accepted at once, a code two steps away is refused', async ({
  page,
  mailbox,
}) => {
  const email = mailbox.address('totp');
  const { user, auth } = await createTotpUser(email);
  const step = timeStep(auth);

  await signInWithPassword(page, urls.portal, email, user.password);
  await expect(page.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Try another way' })).toBeVisible();
  await enterCode(page, codeForStep(auth, step));
  await expect(page).toHaveURL(`${urls.portal}/`);
  await signOut(page);

  await signInWithPassword(page, urls.portal, email, user.password);
  await enterCode(page, codeForStep(auth, step));
  await expect(page.getByRole('alert')).toContainText('code already used');
  await enterCode(page, codeForStep(auth, timeStep(auth) - 2));
  await expect(page.getByRole('alert')).toContainText('not correct');
  await enterCode(page, codeForStep(auth, step + 1));
  await expect(page).toHaveURL(`${urls.portal}/`);
  await deleteUser(user.id);
});

test('5 wrong codes lock the authenticator code for 15 minutes (account clock) with a clear message', async ({
  page,
  mailbox,
}) => {
  const email = mailbox.address('throttle');
  const { user, auth, device } = await createTotpUser(email);
  await signInWithPassword(page, urls.portal, email, user.password);
  // A code from long ago: well-formed, but wrong now.
  const wrong = codeForStep(auth, timeStep(auth) - 20);
  for (let i = 1; i <= 4; i++) {
    await enterCode(page, wrong);
    await expect(page.getByRole('alert')).toContainText('not correct');
  }
  await enterCode(page, wrong);
  await expect(page.getByRole('alert')).toContainText('locked for 15 minutes');
  // Even the right code is refused while locked.
  await enterCode(page, device.code());
  await expect(page.getByRole('alert')).toContainText('locked for 15 minutes');
  await advanceClock(user.id, 15 * 60 + 5);
  await enterCode(page, device.code());
  await expect(page).toHaveURL(`${urls.portal}/`);
  await deleteUser(user.id);
});

test('SMS via "Try another way": masked number, single use, 10-minute expiry, a new code replaces the old', async ({
  page,
  mailbox,
}) => {
  const email = mailbox.address('sms');
  const phone = newPhone();
  const { user } = await createTotpUser(email, { phone, emergencyCode: newEmergencyCode() });
  const smsAddress = `${phone.slice(1)}@sms.localhost`;

  await signInWithPassword(page, urls.portal, email, user.password);
  await page.getByRole('link', { name: 'Try another way' }).click();
  await expect(
    page.getByRole('link', { name: 'Use the security code from your Authenticator app' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Use your one-time emergency code' })).toBeVisible();
  await expect(page.getByRole('link', { name: /security key/ })).toHaveCount(0);
  const smsLink = page.getByRole('link', { name: /^Get the security code sent as an SMS/ });
  await expect(smsLink).toContainText(phone.slice(-3));
  await expect(smsLink).not.toContainText(phone.slice(3, -3));
  const before = new Date(Date.now() - 1000);
  await smsLink.click();
  const first = await mailbox.waitFor({ to: smsAddress, after: before });
  const firstCode = first.code();

  // After 10 minutes (account clock) the code is refused.
  await advanceClock(user.id, 10 * 60 + 5);
  await enterCode(page, firstCode);
  await expect(page.getByRole('alert')).toContainText('expired');

  // A new code; the one before it no longer works even if it had not expired.
  const t1 = new Date();
  await page.getByRole('button', { name: 'Send a new code' }).click();
  const second = await mailbox.waitFor({ to: smsAddress, after: t1 });
  const t2 = new Date();
  await page.getByRole('button', { name: 'Send a new code' }).click();
  const third = await mailbox.waitFor({ to: smsAddress, after: t2 });
  if (second.code() !== third.code()) {
    await enterCode(page, second.code());
    await expect(page.getByRole('alert')).toBeVisible();
  }
  await enterCode(page, third.code());
  await expect(page).toHaveURL(`${urls.portal}/`);
  await deleteUser(user.id);
});

test('emergency code works once; "I have permanently lost access" re-enrols and shows a new code; the old one is refused', async ({
  page,
  mailbox,
}) => {
  const email = mailbox.address('emergency');
  const code = newEmergencyCode();
  const { user } = await createTotpUser(email, { emergencyCode: code });

  await signInWithPassword(page, urls.portal, email, user.password);
  await page.getByRole('link', { name: 'Try another way' }).click();
  await page.getByRole('link', { name: 'Use your one-time emergency code' }).click();
  await typeSecret(page.getByPlaceholder('XXXX-XXXX-XXXX-XXXX-XXXX'), code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('button', { name: 'I have permanently lost access to my Authenticator app' }).click();
  const device = await addAuthenticatorApp(page);
  await expect(page.getByRole('heading', { name: 'Save your one-time emergency code' })).toBeVisible();
  const shown = page.getByLabel('One-time emergency code');
  await expect(shown).toHaveText(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/);
  await expect(shown).not.toHaveText(code);
  const fresh = await shown.innerText();
  await confirmEmergencyCode(page);
  await expect(page).toHaveURL(`${urls.portal}/`);
  await signOut(page);

  // The used code is refused; the new key and the new emergency code work.
  await signInWithPassword(page, urls.portal, email, user.password);
  await page.getByRole('link', { name: 'Try another way' }).click();
  await page.getByRole('link', { name: 'Use your one-time emergency code' }).click();
  await typeSecret(page.getByPlaceholder('XXXX-XXXX-XXXX-XXXX-XXXX'), code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert')).toContainText('not valid');
  await typeSecret(page.getByPlaceholder('XXXX-XXXX-XXXX-XXXX-XXXX'), fresh.toLowerCase());
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('button', { name: 'I still have access to my Authenticator app' }).click();
  await expect(page.getByRole('heading', { name: 'Save your one-time emergency code' })).toBeVisible();
  await confirmEmergencyCode(page);
  await expect(page).toHaveURL(`${urls.portal}/`);
  await signOut(page);
  await signInWithPassword(page, urls.portal, email, user.password);
  await enterCode(page, device.code());
  await expect(page).toHaveURL(`${urls.portal}/`);
  await deleteUser(user.id);
});

test('remembered device: skips the code for 30 days on that account only; expires; a password change revokes it', async ({
  page,
  mailbox,
}) => {
  const email = mailbox.address('remember');
  const other = mailbox.address('remember-other');
  const { user, device } = await createTotpUser(email);
  const { user: otherUser } = await createTotpUser(other);

  await signInWithPassword(page, urls.portal, email, user.password);
  await enterCode(page, device.code(), true);
  await expect(page).toHaveURL(`${urls.portal}/`);
  await signOut(page);

  await signInWithPassword(page, urls.portal, email, user.password);
  await expect(page).toHaveURL(`${urls.portal}/`);
  await signOut(page);

  // Another account in the same browser is still asked.
  await signInWithPassword(page, urls.portal, other, otherUser.password);
  await expect(page.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
  await page.goto(`${urls.portal}/signed-out`);

  // 29 days later: still remembered; after 30 days: asked again.
  await advanceClock(user.id, 29 * 24 * 3600);
  await signInWithPassword(page, urls.portal, email, user.password);
  await expect(page).toHaveURL(`${urls.portal}/`);
  await signOut(page);
  await advanceClock(user.id, 24 * 3600 + 60);
  await signInWithPassword(page, urls.portal, email, user.password);
  await expect(page.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
  await enterCode(page, device.code(), true);
  await expect(page).toHaveURL(`${urls.portal}/`);
  await signOut(page);

  // A password change ("Forgot your password?" → reset mail → new password) revokes the remembered device.
  await page.goto(`${urls.portal}/login`);
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel("I'm not a robot").check();
  const asked = new Date(Date.now() - 1000);
  await page.getByRole('button', { name: 'Reset password' }).click();
  const resetMail = await mailbox.waitFor({ to: email, subject: 'Change password request', after: asked });
  await page.goto(resetMail.link('Set new password'));
  const newPassword = strongPassword();
  await typeNewPassword(page, newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { name: 'Your password has been changed' })).toBeVisible();
  await signInWithPassword(page, urls.portal, email, newPassword);
  await expect(page.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
  await deleteUser(user.id);
  await deleteUser(otherUser.id);
});
