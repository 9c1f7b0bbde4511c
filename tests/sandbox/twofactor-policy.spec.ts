// Per-app policy: Visma Home offers two-step verification with "Remind me later" until its deadline (on
// the account's clock, so the test moves one account past it), and a postponed prompt comes back after a
// few sign-ins; the Customer Portal requires it.
import { test as base, expect } from '@playwright/test';
import { mailboxFixtures, type Mailbox } from '../../fixtures/mailbox.ts';
import { signOut } from './browser-support.ts';
import { deleteUser, urls } from './identity-support.ts';
import { advanceClock, createSeededUser, policy, signInWithPassword } from './twofactor-support.ts';

const test = base.extend<{ mailbox: Mailbox }>(mailboxFixtures);
test.use({ locale: 'en-GB' });

const PROMPT = 'Add an extra layer of security';

test('Visma Home: "Remind me later" postpones the prompt, which returns after a few sign-ins', async ({
  page,
  mailbox,
}) => {
  const { remindAfterSignIns } = await policy();
  const email = mailbox.address('remind');
  const user = await createSeededUser(email, { app: 'home' });

  await signInWithPassword(page, urls.home, email, user.password);
  await expect(page.getByRole('heading', { name: PROMPT })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enable' })).toBeVisible();
  await page.getByRole('button', { name: 'Remind me later' }).click();
  await expect(page).toHaveURL(`${urls.home}/`);
  await signOut(page);

  for (let i = 1; i < remindAfterSignIns; i++) {
    await signInWithPassword(page, urls.home, email, user.password);
    await expect(page, `sign-in ${i} after postponing goes straight in`).toHaveURL(`${urls.home}/`);
    await signOut(page);
  }
  await signInWithPassword(page, urls.home, email, user.password);
  await expect(page.getByRole('heading', { name: PROMPT })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remind me later' })).toBeVisible();
  await deleteUser(user.id);
});

test('Visma Home after its deadline: enrolment is required, "Remind me later" is gone', async ({
  page,
  mailbox,
}) => {
  const { home } = await policy();
  const email = mailbox.address('deadline');
  const user = await createSeededUser(email, { app: 'home' });

  await signInWithPassword(page, urls.home, email, user.password);
  await expect(page.getByRole('heading', { name: PROMPT })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remind me later' })).toBeVisible();
  await expect(page.getByText(`no later than ${home.deadline}`)).toBeVisible();

  // Move this account's clock one day past the deadline.
  const past = Date.parse(`${home.deadline}T00:00:00Z`) + 24 * 3600_000 - Date.now();
  await advanceClock(user.id, Math.ceil(past / 1000));
  await page.goto(`${urls.home}/signed-out`);
  await signInWithPassword(page, urls.home, email, user.password);
  await expect(page.getByRole('heading', { name: PROMPT })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enable' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remind me later' })).toHaveCount(0);
  await deleteUser(user.id);
});

test('Customer Portal: enrolment is required from the first sign-in; a posted "later" is refused', async ({
  page,
  mailbox,
}) => {
  const email = mailbox.address('portal-required');
  const user = await createSeededUser(email, { app: 'portal' });
  await signInWithPassword(page, urls.portal, email, user.password);
  await expect(page.getByRole('heading', { name: PROMPT })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remind me later' })).toHaveCount(0);
  // Forging the "later" choice does not get around it.
  await page.getByRole('button', { name: 'Enable' }).evaluate((b: HTMLButtonElement) => {
    b.value = 'later';
  });
  await page.getByRole('button', { name: 'Enable' }).click();
  await expect(page.getByRole('heading', { name: 'Download Visma Authenticator' })).toBeVisible();
  await page.goto(`${urls.portal}/`);
  await expect(page).not.toHaveURL(`${urls.portal}/`);
  await deleteUser(user.id);
});
