// Push sign-in with a simulated Visma Authenticator (the sandbox's device API): pairing from the
// wizard's QR code, approve, deny ("Try another way" follows) and the timeout ("Try push again").
import { randomBytes } from 'node:crypto';
import { test as base, expect } from '@playwright/test';
import { mailboxFixtures, type Mailbox } from '../../fixtures/mailbox.ts';
import { scanQrElement } from '../../lib/qr.ts';
import { TotpDevice, parseOtpAuthUri } from '../../lib/totp.ts';
import { signOut } from './browser-support.ts';
import { deleteUser, urls } from './identity-support.ts';
import {
  PushPhone,
  advanceClock,
  answerCodeChallenge,
  confirmEmergencyCode,
  createSeededUser,
  newTotpSecret,
  policy,
  signInWithPassword,
} from './twofactor-support.ts';

const test = base.extend<{ mailbox: Mailbox }>(mailboxFixtures);
test.use({ locale: 'en-GB' });

const WAITING = '2FA verification - We are waiting for your response';

async function seededPushUser(email: string) {
  const phone = new PushPhone(randomBytes(9).toString('base64url'), randomBytes(24).toString('base64url'));
  const user = await createSeededUser(email, {
    twofactor: { totpSecret: newTotpSecret(), pushDevice: { id: phone.deviceId, key: phone.deviceKey } },
  });
  return { user, phone };
}

test('enrol with Visma Authenticator from its QR code, then sign in by approving the push', async ({
  page,
  mailbox,
}) => {
  // Enrolment and three sign-ins: more than the default minute on a busy machine.
  test.slow();
  const email = mailbox.address('push-enrol');
  const user = await createSeededUser(email);
  await signInWithPassword(page, urls.portal, email, user.password);
  await page.getByRole('button', { name: 'Enable' }).click();

  // Before pairing, "Next" explains what is missing.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText('has not added your account yet');
  const pairUrl = await scanQrElement(page.getByRole('img', { name: /download Visma Authenticator/ }));
  const { phone, otpauth } = await PushPhone.pair(pairUrl);
  expect(parseOtpAuthUri(otpauth)).toMatchObject({ issuer: 'Visma Connect', account: email });
  // The device cannot answer before the enrolment is finished.
  const early = await phone.decide('nothing', 'approve');
  expect(early.status).toBe(401);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Enable SMS as Two-step verification' })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await confirmEmergencyCode(page);
  await expect(page).toHaveURL(`${urls.portal}/`);
  await signOut(page);

  await signInWithPassword(page, urls.portal, email, user.password);
  await expect(page.getByRole('heading', { name: WAITING })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Try another way' })).toBeVisible();
  const answer = await phone.answer('approve');
  expect(answer.status).toBe(200);
  await expect(page).toHaveURL(`${urls.portal}/`);
  // The key handed over at pairing also gives codes (the app's code list): the service accepts one.
  await signOut(page);
  await signInWithPassword(page, urls.portal, email, user.password);
  await expect(page.getByRole('heading', { name: WAITING })).toBeVisible();
  await page.getByRole('link', { name: 'Try another way' }).click();
  await page.getByRole('link', { name: 'Use the security code from your Authenticator app' }).click();
  await answerCodeChallenge(page, new TotpDevice(parseOtpAuthUri(otpauth)));
  await expect(page).toHaveURL(`${urls.portal}/`);
  await deleteUser(user.id);
});

test('a denied push says so and offers "Try another way", which lists the other methods', async ({
  page,
  mailbox,
}) => {
  const email = mailbox.address('push-deny');
  const { user, phone } = await seededPushUser(email);
  await signInWithPassword(page, urls.portal, email, user.password);
  await expect(page.getByRole('heading', { name: WAITING })).toBeVisible();
  expect((await phone.answer('deny')).status).toBe(200);
  await expect(page.getByRole('alert')).toContainText('denied');
  await expect(page.getByRole('button', { name: 'Try push again' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Try another way' }).click();
  await expect(page.getByRole('link', { name: 'Send a notification to Visma Authenticator' })).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Use the security code from your Authenticator app' }),
  ).toBeVisible();
  // A denied request cannot be approved afterwards.
  expect(await phone.pending()).toHaveLength(0);
  await deleteUser(user.id);
});

test('a push that is not answered in time times out: "Try push again" sends a new one', async ({
  page,
  mailbox,
}) => {
  const { pushTimeoutSeconds } = await policy();
  const email = mailbox.address('push-timeout');
  const { user, phone } = await seededPushUser(email);
  await signInWithPassword(page, urls.portal, email, user.password);
  await expect(page.getByRole('heading', { name: WAITING })).toBeVisible();
  await expect.poll(async () => (await phone.pending()).length).toBe(1);
  const [stale] = await phone.pending();

  await advanceClock(user.id, pushTimeoutSeconds + 1);
  await expect(page.getByRole('alert')).toContainText('We waited too long for your response.');
  await expect(page.getByRole('link', { name: 'Try another way' })).toBeVisible();
  expect(await phone.pending()).toHaveLength(0);
  expect((await phone.decide(stale!.id, 'approve')).status).toBe(409);

  await page.getByRole('button', { name: 'Try push again' }).click();
  await expect(page.getByRole('heading', { name: WAITING })).toBeVisible();
  expect((await phone.answer('approve')).status).toBe(200);
  await expect(page).toHaveURL(`${urls.portal}/`);
  await deleteUser(user.id);
});
