// Security basics of the sandbox: cookie flags, session renewal at sign-in, no open redirects, the
// control API's guard rails, and disabled accounts.
import { test as base, expect } from '@playwright/test';
import { mailboxFixtures, type Mailbox } from '../../fixtures/mailbox.ts';
import { signIn, signOut } from './browser-support.ts';
import {
  EXT,
  createUser,
  deleteUser,
  httpRequest,
  scimRequest,
  scimToken,
  signedInAs,
  strongPassword,
  urls,
} from './identity-support.ts';

const test = base.extend<{ mailbox: Mailbox }>(mailboxFixtures);
test.use({ locale: 'en-GB' });

// In Account Settings, an app that requires no two-step verification: the password alone signs in.
test('session cookies are HttpOnly and SameSite, and new session ids are issued at sign-in', async ({
  page,
  context,
}) => {
  const app = urls.accountSettings;
  const password = strongPassword();
  const user = await createUser({ password });
  // A session id planted before sign-in (fixation) must not survive it.
  await context.addCookies([
    { name: 'app_session', value: 'planted-by-someone-else', url: app },
    { name: '_session', value: 'planted-connect-session-by-someone-else', url: urls.connect },
  ]);
  await page.goto(`${app}/login`);
  await expect(page.getByLabel('Email address', { exact: true })).toBeVisible();
  const before = await context.cookies(urls.connect);
  await signIn(page, user.userName, password);
  await expect(page).toHaveURL(`${app}/`);

  const appCookies = await context.cookies(app);
  const appSession = appCookies.find((c) => c.name === 'app_session');
  expect(appSession?.value).not.toBe('planted-by-someone-else');
  expect(appSession).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  const connectCookies = await context.cookies(urls.connect);
  const session = connectCookies.find((c) => c.name === '_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  // Always a session id before the sign-in (the planted one, or one the service gave instead), never
  // the same one after it.
  const earlier = before.find((c) => c.name === '_session');
  expect(earlier, 'connect held a session id before the sign-in').toBeDefined();
  expect(session?.value).toBeDefined();
  expect(session?.value).not.toBe(earlier?.value);
  expect(session?.value).not.toBe('planted-connect-session-by-someone-else');
  for (const cookie of connectCookies.filter((c) => ['csrf', '_session', 'lang'].includes(c.name))) {
    expect(cookie, cookie.name).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  }

  // Signing in again (after sign-out) gives the app a different session id; the old one is dead.
  await signOut(page);
  await page.goto(`${app}/login`);
  await signIn(page, user.userName, password);
  await expect(page).toHaveURL(`${app}/`);
  const again = (await context.cookies(app)).find((c) => c.name === 'app_session');
  expect(again?.value).not.toBe(appSession?.value);
  const stale = await httpRequest(`${app}/`, {
    headers: { cookie: `app_session=${appSession?.value}` },
  });
  expect(stale.status).toBe(302);
  expect(stale.location).toBe(`${app}/login`);
  await deleteUser(user.id);
});

test('no open redirects: odd paths, the language switch and sign-out stay on registered addresses', async () => {
  const odd = await httpRequest(`${urls.home}//evil.example/x?lang=nb`);
  expect(odd.status).toBe(302);
  expect(new URL(odd.location!).origin).toBe(urls.home);

  const backslash = await httpRequest(`${urls.portal}/%5Cevil.example?lang=en`);
  expect(new URL(backslash.location!).origin).toBe(urls.portal);

  const logout = new URL(`${urls.connect}/session/end`);
  logout.searchParams.set('client_id', 'portal');
  logout.searchParams.set('post_logout_redirect_uri', 'https://evil.example/');
  const end = await httpRequest(logout.href);
  expect(end.status).toBe(400);
  expect(end.headers.location).toBeUndefined();
  expect(end.text).toContain('post_logout_redirect_uri');
});

test('a sign-in page without its interaction (expired, bookmarked, forged) is a clear 400', async ({
  page,
}) => {
  const res = await page.goto(`${urls.connect}/interaction/not-a-real-interaction`);
  expect(res?.status()).toBe(400);
  await expect(page.getByRole('alert')).toHaveText(
    'This sign-in has expired or was already completed. Start again from the app.',
  );
});

// In Account Settings (no two-step requirement), where the one-time link lands when asked for from there.
test('a one-time link signs in its own account even when another account is signed in', async ({
  page,
  browser,
  mailbox,
}) => {
  const passwordA = strongPassword();
  const a = await createUser({ password: passwordA, givenName: 'First', familyName: 'Account' });
  const b = await createUser({
    email: mailbox.address('second'),
    password: strongPassword(),
    givenName: 'Second',
    familyName: 'Account',
  });
  await page.goto(`${urls.accountSettings}/login`);
  await signIn(page, a.userName, passwordA);
  await expect(signedInAs(page)).toContainText('First Account');

  // B asks for a one-time link in another browser; the mail is opened in A's browser.
  const other = await browser.newPage({ locale: 'en-GB' });
  await other.goto(`${urls.accountSettings}/login`);
  await other.getByLabel('Email address', { exact: true }).fill(b.userName);
  await other.getByRole('button', { name: 'Next' }).click();
  await other.getByRole('link', { name: 'Forgot your password?' }).click();
  await other.getByLabel("I'm not a robot").check();
  await other.getByRole('button', { name: 'One-time sign in link' }).click();
  await expect(other.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await other.close();
  const mail = await mailbox.waitFor({ to: b.userName, subject: 'One-time sign in link' });
  await page.goto(mail.link('Sign in'));
  await expect(page).toHaveURL(`${urls.accountSettings}/`);
  await expect(signedInAs(page)).toContainText('Second Account');
  await expect(signedInAs(page)).not.toContainText('First Account');
  await deleteUser(a.id);
  await deleteUser(b.id);
});

test("unknown pages on connect get the sandbox's 404 page; the OIDC endpoints stay reachable", async () => {
  const missing = await httpRequest(`${urls.connect}/no-such-page`);
  expect(missing.status).toBe(404);
  expect(missing.text).toContain('Page not found');
  expect((await httpRequest(`${urls.connect}/jwks`)).status).toBe(200);
});

test('a disabled account (SCIM active=false) cannot sign in', async ({ page }) => {
  const password = strongPassword();
  const user = await createUser({ password });
  const patch = await scimRequest('PATCH', `/Users/${user.id}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'replace', path: 'active', value: false }],
  });
  expect(patch.status).toBe(200);
  await page.goto(`${urls.home}/login`);
  await signIn(page, user.userName, password);
  await expect(page.getByRole('alert')).toHaveText('The email address or password is incorrect.');
  await deleteUser(user.id);
});

test.describe('control API', () => {
  const clock = (id: string) => `${urls.connect}/control/v1/accounts/${id}/clock`;
  const post = (id: string, body: string, token = scimToken) =>
    httpRequest(clock(id), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });

  test("advances one account's clock only", async () => {
    const a = await createUser();
    const b = await createUser();
    const res = await post(a.id, JSON.stringify({ advanceSeconds: 3600 }));
    expect(res.status).toBe(200);
    const view = res.json<{ offsetSeconds: number; now: string }>();
    expect(view.offsetSeconds).toBe(3600);
    expect(Date.parse(view.now) - Date.now()).toBeGreaterThan(3590_000);
    const other = await httpRequest(clock(b.id), { headers: { authorization: `Bearer ${scimToken}` } });
    expect(other.json()).toMatchObject({ offsetSeconds: 0 });
    await deleteUser(a.id);
    await deleteUser(b.id);
  });

  test('refuses a wrong token, an unknown account and bad bodies with a message', async () => {
    const user = await createUser();
    expect((await post(user.id, '{"advanceSeconds": 60}', 'wrong')).status).toBe(401);
    const unknown = await post('00000000-0000-0000-0000-000000000000', '{"advanceSeconds": 60}');
    expect(unknown.status).toBe(404);
    for (const body of [
      '{"advanceSeconds": -5}',
      '{"advanceSeconds": 1.5}',
      '{}',
      'not json',
      '{"advanceSeconds": 60, "x": 1}',
    ]) {
      const res = await post(user.id, body);
      expect(res.status, body).toBe(400);
      expect(res.json<{ error: string }>().error.length).toBeGreaterThan(5);
    }
    const after = await scimRequest('GET', `/Users/${user.id}`);
    expect(after.json()[EXT]).toBeDefined();
    const view = await httpRequest(clock(user.id), { headers: { authorization: `Bearer ${scimToken}` } });
    expect(view.json()).toMatchObject({ offsetSeconds: 0 });
    await deleteUser(user.id);
  });
});
