// Electronic ID against bad input: invalid national identity numbers are refused on the test BankID page
// with a message naming the problem; a tampered (wrong state) or replayed (reused code) answer from
// ID-porten is refused and links nothing; SCIM refuses a bad eID seed.
import { test, expect, type Page } from '@playwright/test';
import { testPerson, withCheckDigits } from '../../lib/eid.ts';
import {
  CORE,
  EXT,
  deleteUser,
  httpRequest,
  scimRequest,
  strongPassword,
  uniqueEmail,
  urls,
} from './identity-support.ts';
import {
  createEidUser,
  linkedNationalId,
  nb,
  signInWithIdPorten,
  signInWithPassword,
} from './eid-support.ts';

test.use({ locale: 'nb-NO' });

const sokndal = urls.enterprise.replace('{tenant}', 'sokndal');

test('the test BankID page refuses wrong length, letters, bad check digits and impossible dates', async ({
  page,
}) => {
  const valid = testPerson().nationalId;
  const badCheck = `${valid.slice(0, 10)}${(Number(valid[10]) + 1) % 10}`;
  // Day 32 with correct check digits: only the date is wrong.
  const badDate = withCheckDigits('328085123') ?? withCheckDigits('328085124')!;

  await page.goto(`${sokndal}/login`);
  await page.getByRole('button', { name: nb.idporten }).click();
  await page.getByRole('link', { name: nb.bankidMobile }).click();
  await expect(page.getByRole('heading', { name: nb.bankidMobile })).toBeVisible();
  const field = page.getByLabel(nb.nationalId);
  const submit = page.getByRole('button', { name: nb.bankidSubmit });
  const cases: Array<[string, RegExp]> = [
    ['', /Skriv inn fødselsnummeret/],
    [valid.slice(0, 10), /må ha 11 siffer; du skrev 10/],
    [`${valid}1`, /må ha 11 siffer; du skrev 12/],
    [`${valid.slice(0, 5)}a${valid.slice(6)}`, /bare inneholde siffer/],
    [badCheck, /kontrollsifrene stemmer ikke/],
    [badDate, /ingen ekte fødselsdato/],
  ];
  for (const [input, message] of cases) {
    await field.fill(input);
    await submit.click();
    await expect(page.getByRole('alert')).toHaveText(message);
    await expect(field).toHaveValue(input);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
  }
  // Cancelling at ID-porten comes back to connect with a clear message and a way to start again.
  await page.getByRole('button', { name: nb.cancel }).click();
  await expect(page.getByRole('alert')).toContainText('avbrutt i ID-porten');
  await expect(page.getByRole('link', { name: 'Start på nytt' })).toBeVisible();
});

/**
 * Runs "Legg til elektronisk ID" up to ID-porten's answer and returns the callback URL it carries. With
 * letThrough false the browser never reaches the callback: the BankID form's answer is followed by hand.
 */
async function captureCallback(
  page: Page,
  nationalId: string,
  letThrough: boolean,
  start: { base: string; open: () => Promise<void> } = {
    base: urls.accountSettings,
    open: () => page.getByRole('link', { name: nb.addEid }).click(),
  },
): Promise<string> {
  const isCallback = (url: string) => url.startsWith(`${start.base}/eid/callback?`);
  let captured = '';
  const isBankIdPost = (url: URL) => url.href.startsWith(urls.eid) && url.pathname.endsWith('/bankid');
  if (!letThrough) {
    await page.route(isBankIdPost, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      // Node does not resolve *.localhost: replay the form and the resume over loopback HTTP.
      const cookie = async (url: string) =>
        (await page.context().cookies(url)).map((c) => `${c.name}=${c.value}`).join('; ');
      const request = route.request();
      const first = await httpRequest(request.url(), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: await cookie(request.url()) },
        body: request.postData() ?? '',
      });
      const answer = await httpRequest(first.location!, {
        headers: { cookie: await cookie(first.location!) },
      });
      captured = answer.location ?? '';
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'answer held back by the test' });
    });
  }
  await start.open();
  await page.getByRole('link', { name: nb.bankid, exact: true }).click();
  await page.getByLabel(nb.nationalId).fill(nationalId);
  if (letThrough) {
    const answer = page.waitForRequest((r) => isCallback(r.url()));
    await page.getByRole('button', { name: nb.bankidSubmit }).click();
    captured = (await answer).url();
  } else {
    await page.getByRole('button', { name: nb.bankidSubmit }).click();
    await expect(page.getByText('answer held back by the test')).toBeVisible();
    await page.unroute(isBankIdPost);
  }
  expect(isCallback(captured)).toBe(true);
  expect(captured).toContain('code=');
  return captured;
}

test('a tampered or replayed answer from ID-porten is refused and links nothing', async ({ page }) => {
  const person = testPerson();
  const email = uniqueEmail('eid-tamper');
  const password = strongPassword();
  const user = await createEidUser({ email, password, givenName: 'Tina', familyName: 'Tamper' });
  await signInWithPassword(page, urls.accountSettings, email, password);
  await expect(page.getByRole('link', { name: nb.addEid })).toBeVisible();

  await test.step('wrong state: refused, and the flow is spent', async () => {
    const url = new URL(await captureCallback(page, person.nationalId, false));
    const original = url.href;
    url.searchParams.set('state', `${url.searchParams.get('state')}x`);
    await page.goto(url.href);
    await expect(page.getByRole('alert')).toContainText('ble avvist');
    await expect(page.getByRole('button', { name: nb.linkAndContinue })).toHaveCount(0);
    // The untouched answer is of no use afterwards either.
    await page.goto(original);
    await expect(page.getByRole('alert')).toContainText('ingen innlogging med ID-porten ble startet');
    expect(await linkedNationalId(user.id)).toBeUndefined();
  });

  await test.step('reused code: the second use of the same answer is refused', async () => {
    await page.goto(`${urls.accountSettings}/`);
    const callback = await captureCallback(page, person.nationalId, true);
    await expect(page.getByRole('button', { name: nb.linkAndContinue })).toBeVisible();
    await page.goto(callback);
    await expect(page.getByRole('alert')).toContainText('ingen innlogging med ID-porten ble startet');
    await expect(page.getByRole('button', { name: nb.linkAndContinue })).toHaveCount(0);
    expect(await linkedNationalId(user.id)).toBeUndefined();
  });

  await test.step('an untampered answer still links (the refusals were not for other reasons)', async () => {
    await page.goto(`${urls.accountSettings}/`);
    await captureCallback(page, person.nationalId, true);
    await page.getByRole('button', { name: nb.linkAndContinue }).click();
    await expect(page.getByText(nb.provider)).toBeVisible();
    expect(await linkedNationalId(user.id)).toBe(person.nationalId);
  });

  await deleteUser(user.id);
});

test('sign-in with ID-porten: a tampered or replayed answer is refused and signs no one in', async ({
  page,
}) => {
  const person = testPerson();
  const user = await createEidUser({
    email: uniqueEmail('eid-signin-tamper'),
    password: strongPassword(),
    givenName: 'Siri',
    familyName: 'Signin',
    tenants: ['sokndal'],
    nationalId: person.nationalId,
  });
  const sokndalUrl = urls.enterprise.replace('{tenant}', 'sokndal');
  const start = {
    base: urls.connect,
    open: async () => {
      await page.goto(`${sokndalUrl}/login`);
      await page.getByRole('button', { name: nb.idporten }).click();
    },
  };
  const url = new URL(await captureCallback(page, person.nationalId, false, start));
  const original = url.href;
  url.searchParams.set('state', 'not-the-state-that-was-sent');
  await page.goto(url.href);
  await expect(page.getByRole('alert')).toContainText('ble avvist');
  await page.goto(original);
  await expect(page.getByRole('alert')).toContainText('ingen innlogging med ID-porten ble startet');
  await page.goto(`${sokndalUrl}/`);
  await expect(page).not.toHaveURL(`${sokndalUrl}/`);

  // An answer let through signs in once; the same answer again is refused.
  const callback = await captureCallback(page, person.nationalId, true, start);
  await expect(page).toHaveURL(`${sokndalUrl}/`);
  await page.goto(callback);
  await expect(page.getByRole('alert')).toContainText('ingen innlogging med ID-porten ble startet');
  await deleteUser(user.id);
});

test('SCIM refuses an eID seed with an invalid national identity number, and stores a valid one', async () => {
  const body = (nationalId: string, method = 'bankid') => ({
    schemas: [CORE, EXT],
    userName: uniqueEmail('eid-seed'),
    [EXT]: { seeds: { eid: { nationalId, method } } },
  });
  const valid = testPerson().nationalId;
  for (const [nationalId, method] of [
    [valid.slice(0, 10), 'bankid'],
    [`${valid.slice(0, 10)}${(Number(valid[10]) + 1) % 10}`, 'bankid'],
    [valid, 'minid'],
  ] as const) {
    const res = await scimRequest('POST', '/Users', body(nationalId, method));
    expect(res.status).toBe(400);
    expect(res.json().detail).toMatch(/seeds\.eid\.(nationalId|method)/);
  }
  const ok = await scimRequest('POST', '/Users', body(valid, 'bankid-mobile'));
  expect(ok.status).toBe(201);
  const id = ok.json<{ id: string }>().id;
  expect(await linkedNationalId(id)).toBe(valid);
  await deleteUser(id);
});

test('"Sign in as" refuses an account that is not linked to the electronic ID', async ({ page }) => {
  const person = testPerson();
  const make = (label: string, nationalId?: string) =>
    createEidUser({
      email: uniqueEmail(label),
      password: strongPassword(),
      givenName: 'Tora',
      familyName: label,
      tenants: ['sokndal'],
      nationalId,
    });
  const one = await make('one', person.nationalId);
  const two = await make('two', person.nationalId);
  const outsider = await make('outsider');
  await signInWithIdPorten(page, urls.enterprise.replace('{tenant}', 'sokndal'), person.nationalId);
  await expect(page.getByRole('heading', { name: nb.chooser })).toBeVisible();
  // The form names one of the linked accounts; the request is rewritten to name another account.
  await page.route(
    (url) => url.pathname.endsWith('/eid/choose'),
    (route) =>
      route.continue({
        postData: (route.request().postData() ?? '').replace(/account=[^&]*/, `account=${outsider.id}`),
      }),
  );
  await page.getByRole('button', { name: new RegExp(one.userName) }).click();
  await expect(page.getByRole('alert')).toContainText('ikke koblet til din elektroniske ID');
  await expect(page.getByRole('button', { name: /@/ })).toHaveCount(2);
  await expect(page.getByText(outsider.userName)).toHaveCount(0);
  for (const u of [one, two, outsider]) await deleteUser(u.id);
});
