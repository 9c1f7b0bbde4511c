// Forced browsing: no request skips a step of a flow. After the password, forged posts to later screens of
// the sign-in (two-step challenge, set-up wizard, "Done", eID linking) are refused on the server, with the
// page's own CSRF token as well as without one, and the flow still asks for what it asked before. The same
// for the eID removal's password step without its "Yes", and a reset without a link.
import { test, expect, type Page } from '@playwright/test';
import { testPerson } from '../../lib/eid.ts';
import { signIn, signInWithPassword, typeSecret, words } from './browser-support.ts';
import {
  CORE,
  EXT,
  createUser,
  deleteUser,
  scimRequest,
  signedInAs,
  strongPassword,
  uniqueEmail,
  urls,
} from './identity-support.ts';
import {
  addAuthenticatorApp,
  answerCodeChallenge,
  confirmEmergencyCode,
  newTotpDevice,
} from './twofactor-support.ts';
import { createEidUser, linkedNationalId, signInWithIdPorten } from './eid-support.ts';

test.use({ locale: 'en-GB' });

// The refusal names the problem, in the page's language (English, or Norwegian for an nb account).
const STEP_ORDER = /not open yet|ikke åpent ennå/;
const CSRF = /missing or invalid security token|manglende eller ugyldig sikkerhetsnøkkel/;

interface Forged {
  status: number;
  text: string;
}

/**
 * Posts fields to a path of the page's own origin, as a forged request from the same browser would: with
 * the CSRF token the page's forms carry, or without it. Redirects are not followed.
 */
async function forge(
  page: Page,
  path: string,
  fields: Record<string, string>,
  csrf: boolean,
): Promise<Forged> {
  return page.evaluate(
    async ({ path, fields, csrf }) => {
      const data = new URLSearchParams(fields);
      const tokens = [...document.forms].map((f) => new FormData(f).get('_csrf'));
      const token = tokens.find((v): v is string => typeof v === 'string' && v !== '');
      if (csrf && !token) throw new Error('no form with a CSRF token on this page');
      if (csrf && token) data.set('_csrf', token);
      const res = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: data,
        redirect: 'manual',
      });
      return { status: res.status, text: res.type === 'opaqueredirect' ? '' : await res.text() };
    },
    { path, fields, csrf },
  );
}

/** The sign-in's interaction path (/interaction/<uid>) of the page's current URL. */
function interactionOf(page: Page): string {
  const m = new URL(page.url()).pathname.match(/^\/interaction\/[^/]+/);
  if (!m) throw new Error(`not on a sign-in page: ${page.url()}`);
  return m[0];
}

/** Each forged post (with the page's CSRF token) is refused as out of order, and without it as CSRF. */
async function expectRefused(page: Page, base: string, posts: Array<[string, Record<string, string>]>) {
  for (const [step, fields] of posts) {
    const withToken = await forge(page, `${base}/${step}`, fields, true);
    expect(withToken.status, `POST ${step} with the page's CSRF token`).toBe(403);
    expect(withToken.text, `POST ${step} with the page's CSRF token`).toMatch(STEP_ORDER);
    const without = await forge(page, `${base}/${step}`, fields, false);
    expect(without.status, `POST ${step} without a CSRF token`).toBe(403);
    expect(without.text).toMatch(CSRF);
  }
}

test('before the password: the later steps of a sign-in are refused', async ({ page }) => {
  await page.goto(`${urls.portal}/login`);
  await expect(page.getByLabel(words.en.email, { exact: true })).toBeVisible();
  const base = interactionOf(page);
  await expectRefused(page, base, [
    ['tfa/finished', {}],
    ['tfa/v/code', { AuthCode: '123456' }],
    ['tfa/emergency', { Stored: 'on' }],
  ]);
  await page.goto(`${urls.portal}/`);
  await expect(signedInAs(page)).toHaveCount(0);
});

test('an account with an authenticator app: after the password, no forged post skips the code', async ({
  page,
}) => {
  const email = uniqueEmail('forge-totp');
  const password = strongPassword();
  const { secret, device } = newTotpDevice(email);
  const user = await createUser({
    email,
    password,
    app: 'portal',
    seeds: { twofactor: { totpSecret: secret } },
  });
  await signInWithPassword(page, urls.portal, email, password);
  await expect(page.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
  const base = interactionOf(page);

  await expectRefused(page, base, [
    ['tfa/finished', {}],
    ['tfa/emergency', { Stored: 'on' }],
    ['tfa/intro', { choice: 'enable' }],
    ['tfa/intro', { choice: 'later' }],
    ['tfa/app', {}],
    ['tfa/totp/code', { AuthCode: '123456' }],
    ['tfa/sms', { CountryCode: '+47', PhoneNumber: '91234567' }],
    ['eid/link', { answer: 'link' }],
  ]);

  // Nothing moved on: the same sign-in still wants the code, and the code still signs in.
  await page.reload();
  await answerCodeChallenge(page, device);
  await expect(signedInAs(page)).toContainText(email);
  await deleteUser(user.id);
});

test('a portal account that must set up two-step verification: no forged post skips the set-up', async ({
  page,
}) => {
  const email = uniqueEmail('forge-enrol');
  const password = strongPassword();
  const user = await createUser({ email, password, app: 'portal' });
  await signInWithPassword(page, urls.portal, email, password);
  await expect(page.getByRole('heading', { name: 'Add an extra layer of security' })).toBeVisible();
  const base = interactionOf(page);

  // Every later screen of the wizard, and the challenge's, before "Enable".
  await expectRefused(page, base, [
    ['tfa/finished', {}],
    ['tfa/emergency', { Stored: 'on' }],
    ['tfa/app', {}],
    ['tfa/totp/code', { AuthCode: '123456' }],
    ['tfa/sms', { CountryCode: '+47', PhoneNumber: '91234567' }],
    ['tfa/sms/code', { SmsCode: '123456' }],
    ['tfa/v/code', { AuthCode: '123456' }],
    ['tfa/v/emergency', { EmergencyCode: 'AAAA-AAAA-AAAA-AAAA-AAAA' }],
  ]);

  // Half-way (the key is confirmed, the SMS step is open): "Done" and the emergency code are still closed.
  await page.getByRole('button', { name: 'Enable' }).click();
  await addAuthenticatorApp(page);
  await expect(page.getByRole('heading', { name: 'Enable SMS as Two-step verification' })).toBeVisible();
  await expectRefused(page, base, [
    ['tfa/finished', {}],
    ['tfa/emergency', { Stored: 'on' }],
  ]);

  // The set-up done in order still signs in.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Save your one-time emergency code' })).toBeVisible();
  await confirmEmergencyCode(page);
  await expect(signedInAs(page)).toContainText(email);
  await deleteUser(user.id);
});

test.describe('nb (the eID sign-in as guides 002/003 walk it)', () => {
  test.use({ locale: 'nb-NO' });

  test('eID linking in a sign-in: a forged link before the second factor links nothing', async ({ page }) => {
    const person = testPerson();
    const email = uniqueEmail('forge-eid-link');
    const password = strongPassword();
    const { secret } = newTotpDevice(email);
    const res = await scimRequest('POST', '/Users', {
      schemas: [CORE, EXT],
      userName: email,
      name: { givenName: 'Lina', familyName: 'Lenke' },
      [EXT]: { password, language: 'nb', tenants: ['sokndal'], seeds: { twofactor: { totpSecret: secret } } },
    });
    expect(res.status).toBe(201);
    const id = res.json<{ id: string }>().id;
    const sokndal = urls.enterprise.replace('{tenant}', 'sokndal');

    await signInWithIdPorten(page, sokndal, person.nationalId);
    await page.getByRole('button', { name: 'Logg inn med e-post for å koble' }).click();
    await signIn(page, email, password, 'nb');
    await expect(page.getByPlaceholder('skriv inn den 6-sifrede koden')).toBeVisible();
    await expectRefused(page, interactionOf(page), [['eid/link', { answer: 'link' }]]);
    expect(await linkedNationalId(id)).toBeUndefined();
    await deleteUser(id);
  });
});

test('eID removal: the password step without "Yes" is refused and the link stays', async ({ page }) => {
  const person = testPerson();
  const email = uniqueEmail('forge-eid-remove');
  const password = strongPassword();
  const user = await createEidUser({
    email,
    password,
    givenName: 'Rolf',
    familyName: 'Remover',
    nationalId: person.nationalId,
    language: 'en',
  });
  await signInWithPassword(page, urls.accountSettings, email, password);
  const eid = page.getByRole('region', { name: 'Electronic ID' });
  await expect(eid).toContainText('BankID Norge');

  // From the signed-in page (its CSRF token), straight to the password step with the right password.
  const forged = await forge(page, '/eid/remove/password', { Password: password }, true);
  expect(forged.status).toBe(403);
  expect(forged.text).toMatch(STEP_ORDER);
  // With a made-up step value, too.
  const madeUp = await forge(
    page,
    '/eid/remove/password',
    { Password: password, step: `${Date.now() + 60_000}.AAAA` },
    true,
  );
  expect(madeUp.status).toBe(403);
  expect(await linkedNationalId(user.id)).toBe(person.nationalId);

  // In order: trash → Yes → password → removed.
  await eid.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('button', { name: 'Yes' }).click();
  await typeSecret(page.getByLabel('Password', { exact: true }), password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(eid).not.toContainText('BankID Norge');
  expect(await linkedNationalId(user.id)).toBeUndefined();
  await deleteUser(user.id);
});

test('reset: a new password without a link from the mail is refused', async ({ page }) => {
  const email = uniqueEmail('forge-reset');
  const user = await createUser({ email, password: strongPassword(), app: 'portal' });
  await page.goto(`${urls.connect}/account/forgot?app=portal&email=${encodeURIComponent(email)}`);
  const newPassword = strongPassword();
  for (const token of ['', 'A'.repeat(43)]) {
    const forged = await forge(
      page,
      '/account/reset',
      { token, NewPassword: newPassword, ConfirmPassword: newPassword },
      true,
    );
    expect(forged.status, `token ${token ? 'made up' : 'missing'}`).toBe(410);
    expect(forged.text).toMatch(/expired or has already been used/);
  }
  await deleteUser(user.id);
});
