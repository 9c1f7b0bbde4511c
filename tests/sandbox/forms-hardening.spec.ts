// Every form of the sandbox refuses a post with a missing or invalid CSRF token, an oversized field (1 MB)
// or a malformed email with a clear 4xx, and nothing changes. The posts are made from the page itself
// (same cookies, same origin) with the form's own fields, altered one way at a time.
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { mailboxFixtures, type Mailbox } from '../../fixtures/mailbox.ts';
import { signInWithPassword, typeNewPassword, typeSecret } from './browser-support.ts';
import {
  EXT,
  HOME_PROMPT_POSTPONED,
  createUser,
  deleteUser,
  scimRequest,
  signedInAs,
  strongPassword,
  urls,
} from './identity-support.ts';

const test = base.extend<{ mailbox: Mailbox }>(mailboxFixtures);
test.use({ locale: 'en-GB' });

const MB = 1024 * 1024;

interface Tamper {
  csrf?: 'missing' | 'invalid';
  set?: Record<string, string>;
  /** Fill this field with 1 MB of text. */
  huge?: string;
  contentType?: string;
}

/** Posts the form (found by one of its buttons) with its own fields, tampered as asked. */
async function post(form: Locator, tamper: Tamper): Promise<{ status: number; text: string }> {
  return form.evaluate(
    async (el, { tamper, size }) => {
      const f = el as HTMLFormElement;
      const data = new URLSearchParams();
      for (const [k, v] of new FormData(f).entries()) data.append(k, String(v));
      const submit = f.querySelector('button[name]') as HTMLButtonElement | null;
      if (submit && !data.has(submit.name)) data.set(submit.name, submit.value);
      if (tamper.csrf === 'missing') data.delete('_csrf');
      if (tamper.csrf === 'invalid') data.set('_csrf', 'A'.repeat(43));
      for (const [k, v] of Object.entries(tamper.set ?? {})) data.set(k, v);
      if (tamper.huge) data.set(tamper.huge, 'x'.repeat(size));
      const res = await fetch(f.getAttribute('action')!, {
        method: 'POST',
        headers: { 'content-type': tamper.contentType ?? 'application/x-www-form-urlencoded' },
        body: tamper.contentType === 'application/json' ? JSON.stringify(Object.fromEntries(data)) : data,
        redirect: 'manual',
      });
      return { status: res.status, text: res.type === 'opaqueredirect' ? '' : await res.text() };
    },
    { tamper, size: MB },
  );
}

const formWith = (page: Page, button: string) =>
  page.locator('form').filter({ has: page.getByRole('button', { name: button, exact: true }) });

/** The tamper for the assertion's title: no 1 MB of text and no password (titles reach the report). */
const describeTamper = (tamper: Tamper): string =>
  JSON.stringify({
    ...tamper,
    huge: tamper.huge && '1 MB',
    set:
      tamper.set &&
      Object.fromEntries(
        Object.entries(tamper.set).map(([k, v]) => [k, /password/i.test(k) ? '(a password)' : v]),
      ),
  });

async function expectRefused(form: Locator, tamper: Tamper, status: number, message: string | RegExp) {
  const res = await post(form, tamper);
  expect(res.status, describeTamper(tamper)).toBe(status);
  expect(res.text).toMatch(message);
}

const CSRF = /missing or invalid security token/;
const TOO_LARGE = /The form is too large/;

test('sign-in step 1: bad posts are refused and no email is taken', async ({ page }) => {
  await page.goto(`${urls.portal}/login`);
  const form = formWith(page, 'Next');
  await page.getByLabel('Email address', { exact: true }).fill('someone@guidewright.test');
  await expectRefused(form, { csrf: 'missing' }, 403, CSRF);
  await expectRefused(form, { csrf: 'invalid' }, 403, CSRF);
  await expectRefused(form, { huge: 'Username' }, 413, TOO_LARGE);
  await expectRefused(form, { set: { Username: 'not-an-email@' } }, 400, /Enter a valid email address/);
  await expectRefused(form, { contentType: 'application/json' }, 415, /application\/x-www-form-urlencoded/);
  await page.reload();
  await expect(page.getByLabel('Email address', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
});

test('sign-in step 2: posts without a valid token are not counted as failures', async ({ page }) => {
  const password = strongPassword();
  const user = await createUser({ password });
  // Account Settings: an app that requires no two-step verification, so the password alone signs in.
  await page.goto(`${urls.accountSettings}/login`);
  await page.getByLabel('Email address', { exact: true }).fill(user.userName);
  await page.getByRole('button', { name: 'Next' }).click();
  const form = formWith(page, 'Sign in');
  for (let i = 0; i < 10; i++) {
    await expectRefused(
      form,
      { csrf: i % 2 ? 'missing' : 'invalid', set: { Password: `Wrong-${i}!aA` } },
      403,
      CSRF,
    );
  }
  await expectRefused(form, { huge: 'Password' }, 413, TOO_LARGE);
  // Ten refused posts did not lock the account: the right password still signs in.
  await typeSecret(page.getByLabel('Password', { exact: true }), password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(`${urls.accountSettings}/`);
  await expect(signedInAs(page)).toContainText(user.userName);
  await deleteUser(user.id);
});

test('social buttons: a post without a valid token is refused', async ({ page }) => {
  await page.goto(`${urls.accountSettings}/login`);
  const form = formWith(page, 'Sign in with Facebook');
  await expectRefused(form, { csrf: 'missing' }, 403, CSRF);
  await expectRefused(form, { huge: 'provider' }, 413, TOO_LARGE);
  await expectRefused(form, { set: { provider: 'evil' } }, 400, /This sign-in option is not offered here/);
  await page.reload();
  await expect(page.getByRole('status')).toHaveCount(0);
});

test('forgot password: bad posts are refused and no mail is sent', async ({ page, mailbox }) => {
  const email = mailbox.address('forms-forgot');
  const user = await createUser({ email, password: strongPassword() });
  await page.goto(`${urls.portal}/login`);
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel("I'm not a robot").check();
  await expect(page.getByRole('button', { name: 'Reset password' })).toBeEnabled();
  const form = formWith(page, 'Reset password');
  await expectRefused(form, { csrf: 'missing' }, 403, CSRF);
  await expectRefused(form, { csrf: 'invalid' }, 403, CSRF);
  await expectRefused(form, { huge: 'Email' }, 413, TOO_LARGE);
  await expectRefused(form, { set: { Email: 'two@@guidewright.test' } }, 400, /Enter a valid email address/);
  await expectRefused(form, { set: { action: 'explode' } }, 400, /Choose &quot;Reset password&quot; or/);
  expect(await mailbox.messagesFor(email)).toHaveLength(0);
  await deleteUser(user.id);
});

test('activation: bad posts are refused, the account stays invited and the link still works', async ({
  page,
  mailbox,
}) => {
  const email = mailbox.address('forms-activate');
  // Invited to Account Settings (no two-step requirement): the activation signs straight in there.
  const user = await createUser({ email, status: 'invited', app: 'accountsettings' });
  const mail = await mailbox.waitFor({ to: email, subject: 'Welcome' });
  await page.goto(mail.link('Activate account'));
  const password = strongPassword();
  await typeNewPassword(page, password);
  const form = formWith(page, 'Set password');
  await expectRefused(form, { csrf: 'missing' }, 403, CSRF);
  await expectRefused(form, { csrf: 'invalid' }, 403, CSRF);
  await expectRefused(form, { huge: 'NewPassword' }, 413, TOO_LARGE);
  await expectRefused(form, { huge: 'token' }, 413, TOO_LARGE);
  const after = (await scimRequest('GET', `/Users/${user.id}`)).json<
    Record<string, Record<string, unknown>>
  >();
  expect(after[EXT]).toMatchObject({ status: 'invited', hasPassword: false });
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page).toHaveURL(`${urls.accountSettings}/`);
  await expect(signedInAs(page)).toContainText(email);
  await deleteUser(user.id);
});

test('app sign-out: a post without a valid token is refused and the session stays', async ({ page }) => {
  const password = strongPassword();
  const user = await createUser({
    password,
    givenName: 'Still',
    familyName: 'Here',
    seeds: HOME_PROMPT_POSTPONED,
  });
  await signInWithPassword(page, urls.home, user.userName, password);
  await expect(page).toHaveURL(`${urls.home}/`);
  const form = formWith(page, 'Sign out');
  await expectRefused(form, { csrf: 'missing' }, 403, CSRF);
  await expectRefused(form, { csrf: 'invalid' }, 403, CSRF);
  await expectRefused(form, { huge: '_csrf' }, 413, TOO_LARGE);
  await page.reload();
  await expect(page).toHaveURL(`${urls.home}/`);
  await expect(signedInAs(page)).toContainText('Still Here');
  await deleteUser(user.id);
});
