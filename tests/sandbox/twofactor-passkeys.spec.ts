// Passkeys with Chromium's virtual authenticator (CDP WebAuthn domain: CTAP2, internal transport,
// resident key, user verification): "Add passkey" in Account Settings after the password again, sign-in
// with "Sign in with security key or biometrics" (no password, no code), removal, and "Sign in with
// passkey" on the activation page.
import { test as base, expect, type Page } from '@playwright/test';
import { mailboxFixtures, type Mailbox } from '../../fixtures/mailbox.ts';
import { signOut, typeSecret } from './browser-support.ts';
import { createUser, deleteUser, urls } from './identity-support.ts';
import { createSeededUser, createTotpUser, signInWithPassword } from './twofactor-support.ts';

const test = base.extend<{ mailbox: Mailbox }>(mailboxFixtures);
test.use({ locale: 'en-GB' });

async function virtualAuthenticator(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials.length;
}

async function signInWithPasskey(page: Page, app: string) {
  await page.goto(`${app}/login`);
  await page.getByRole('link', { name: 'Sign in with security key or biometrics' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in with security key or biometrics' })).toBeVisible();
  await page.getByRole('button', { name: 'Use security key or biometrics' }).click();
}

test('with two-step verification on, a passkey is offered as the security key in "Try another way"', async ({
  page,
  mailbox,
}) => {
  await virtualAuthenticator(page);
  const email = mailbox.address('passkey-2fa');
  const { user, device } = await createTotpUser(email);

  await signInWithPassword(page, urls.accountSettings, email, user.password);
  await page.getByRole('link', { name: 'Try another way' }).click();
  await expect(page.getByRole('link', { name: /security key/ })).toHaveCount(0);
  await page.getByRole('link', { name: 'Use the security code from your Authenticator app' }).click();
  await typeSecret(page.getByPlaceholder('enter your 6-digit code'), device.code());
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(`${urls.accountSettings}/`);
  await page.getByRole('link', { name: 'Add passkey' }).click();
  await typeSecret(page.getByLabel('Password', { exact: true }), user.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Create passkey' }).click();
  await expect(page.getByRole('button', { name: 'Remove passkey Passkey 1' })).toBeVisible();
  await signOut(page);

  await signInWithPassword(page, urls.portal, email, user.password);
  await page.getByRole('link', { name: 'Try another way' }).click();
  await page.getByRole('link', { name: 'Use your security key or biometrics' }).click();
  await page.getByRole('button', { name: 'Use security key or biometrics' }).click();
  await expect(page).toHaveURL(`${urls.portal}/`);
  await deleteUser(user.id);
});

test('passkey life cycle: add, sign in without password or code, remove, refused', async ({
  page,
  mailbox,
}) => {
  const credentials = await virtualAuthenticator(page);
  const email = mailbox.address('passkey-life');
  const user = await createSeededUser(email);

  await signInWithPassword(page, urls.accountSettings, email, user.password);
  await expect(page.getByRole('heading', { name: 'Passkeys' })).toBeVisible();
  await expect(page.getByText('You have no passkeys yet.')).toBeVisible();
  await page.getByRole('link', { name: 'Add passkey' }).click();
  await typeSecret(page.getByLabel('Password', { exact: true }), user.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Add passkey' })).toBeVisible();
  await page.getByRole('button', { name: 'Create passkey' }).click();
  await expect(page).toHaveURL(`${urls.accountSettings}/`);
  await expect(page.getByRole('button', { name: 'Remove passkey Passkey 1' })).toBeVisible();
  expect(await credentials()).toBe(1);
  await signOut(page);

  // The portal requires two-step verification; the passkey is both factors, so nothing else is asked.
  await signInWithPasskey(page, urls.portal);
  await expect(page).toHaveURL(`${urls.portal}/`);
  await expect(page.getByText(email)).toBeVisible();
  await signOut(page);

  await signInWithPasskey(page, urls.accountSettings);
  await expect(page).toHaveURL(`${urls.accountSettings}/`);
  await page.getByRole('button', { name: 'Remove passkey Passkey 1' }).click();
  await expect(page.getByText('You have no passkeys yet.')).toBeVisible();
  await signOut(page);

  // The authenticator still holds the credential, but the sandbox no longer knows it.
  await signInWithPasskey(page, urls.portal);
  await expect(page.getByRole('alert')).toContainText('not registered to any account');
  await expect(page).not.toHaveURL(`${urls.portal}/`);
  await deleteUser(user.id);
});

test('activation page: "Sign in with passkey" instead of a password, signed in to the portal', async ({
  page,
  mailbox,
}) => {
  await virtualAuthenticator(page);
  const email = mailbox.address('passkey-activate');
  const user = await createUser({ email, status: 'invited', app: 'portal' });
  const mail = await mailbox.waitFor({ to: email, subject: 'Welcome to Customer Portal' });
  await page.goto(mail.link('Activate account'));
  await page.getByRole('button', { name: 'Sign in with passkey' }).click();
  await page.getByRole('button', { name: 'Create passkey' }).click();
  await expect(page).toHaveURL(`${urls.portal}/`);
  await signOut(page);
  // The activation link is spent.
  await page.goto(mail.link('Activate account'));
  await expect(page.getByRole('heading', { name: 'Invalid verification link' })).toBeVisible();
  await signInWithPasskey(page, urls.portal);
  await expect(page).toHaveURL(`${urls.portal}/`);
  await deleteUser(user.id);
});
