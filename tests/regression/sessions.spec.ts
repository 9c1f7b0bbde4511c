// Release gate, sign-in and sessions: wrong passwords lock the account, session cookies are out of
// scripts' reach and renewed at every sign-in, signing out ends the session on the server, and the
// browser keeps no credential.
import type { BrowserContext, Cookie, Page } from '@playwright/test';
import { expect, test } from '../../fixtures/index.ts';
import { assertRequirement, expectRequirement } from './support/claim.ts';
import { enrolInPortal, signInWithPassword } from './support/flows.ts';

// Each check walks several screens (often the whole set-up first): more than the default minute on a busy machine.
test.slow();

/** A cookie that can carry a session: a long unguessable value (not a language or a consent flag). */
const sessionLike = (c: Cookie) => c.value.length >= 16;

async function targetCookies(context: BrowserContext, urls: string[]) {
  return (await context.cookies(urls)).filter(sessionLike);
}

test(
  'after 10 wrong passwords in a row the right password is refused too',
  { tag: ['@nist-3.2.2', '@asvs-6.3.1'] },
  async ({ page, users, accountSettings, signInEmail, signInPassword }) => {
    const person = await users.create({ app: 'accountsettings', changesAccount: true });
    await accountSettings.open();
    await signInEmail.fillEmail(person.email);
    await signInEmail.next();
    for (let i = 0; i < 10; i++) {
      await signInPassword.fillPassword(`${person.password}-wrong-${i}`);
      await signInPassword.signIn();
      await expect(page.getByRole('alert')).toBeVisible();
    }
    await signInPassword.fillPassword(person.password);
    await signInPassword.signIn();
    await expectRequirement(page, {
      req: 'NIST 3.2.2, ASVS 6.3.1',
      did: 'entered 10 wrong passwords in a row, then the right one',
      expected: 'the right password refused while the account is locked',
      held: page.getByRole('alert'),
      broken: accountSettings.signedInAs,
      broke: 'signed the person in',
    });
  },
);

test(
  'session cookies are HttpOnly and SameSite, and scripts on the pages cannot read them',
  { tag: ['@asvs-3.3.1', '@asvs-3.3.2', '@asvs-3.3.4'] },
  async ({ page, context, users, screens, config }) => {
    const person = await users.create({ app: 'accountsettings' });
    await screens.accountSettings.open();
    await signInWithPassword(screens, person);
    await expect(screens.accountSettings.signedInName(person.name)).toBeVisible();
    const hosts = [config.urls.connect, config.urls.accountSettings];
    const cookies = await targetCookies(context, hosts);
    expect(cookies.length, 'the signed-in browser holds session cookies').toBeGreaterThan(0);
    const req = { req: 'ASVS 3.3.1, 3.3.2, 3.3.4', did: "signed in and read the browser's cookies" };
    for (const c of cookies) {
      assertRequirement(
        c.httpOnly,
        { ...req, expected: `cookie ${c.name} HttpOnly` },
        'set it without HttpOnly',
      );
      assertRequirement(
        c.sameSite === 'Lax' || c.sameSite === 'Strict',
        { ...req, expected: `cookie ${c.name} SameSite=Lax or Strict` },
        `set it with SameSite=${c.sameSite}`,
      );
    }
    for (const url of hosts) {
      await page.goto(url);
      const visible = await page.evaluate(() => document.cookie);
      for (const c of cookies)
        assertRequirement(
          !visible.includes(c.value),
          { ...req, expected: `cookie ${c.name} out of reach of scripts on ${new URL(url).host}` },
          'let document.cookie read it',
        );
    }
  },
);

test(
  'each sign-in gets new session cookies: none keeps a value from before it or from the last sign-in',
  { tag: ['@asvs-7.2.4', '@wstg-sess-03'] },
  async ({ context, users, screens, config }) => {
    const person = await users.create({ app: 'accountsettings' });
    const hosts = [config.urls.connect, config.urls.accountSettings];
    const jar = async () =>
      new Map((await context.cookies(hosts)).map((c) => [`${c.domain} ${c.name}`, c.value]));
    /** Email, then the cookies just before the password, then the cookies once signed in. */
    const signIn = async () => {
      await screens.accountSettings.open();
      await screens.signInEmail.fillEmail(person.email);
      await screens.signInEmail.next();
      const before = await jar();
      await screens.signInPassword.fillPassword(person.password);
      await screens.signInPassword.signIn();
      await expect(screens.accountSettings.signedInName(person.name)).toBeVisible();
      return { before, after: await jar() };
    };
    const first = await signIn();
    await screens.accountSettings.signOut();
    await expect(screens.accountSettings.signedOutMessage).toBeVisible();
    // The session cookies: set or changed by the sign-in, and dropped or changed by the sign-out (a
    // per-browser CSRF cookie outlives both; that signing out ends the session is checked on its own).
    const out = await jar();
    const session = [...first.after]
      .filter(([k, v]) => first.before.get(k) !== v && out.get(k) !== v)
      .map(([k]) => k);
    expect(session.length, 'the sign-in set at least one session cookie').toBeGreaterThan(0);
    const second = await signIn();
    for (const key of session) {
      const value = second.after.get(key);
      if (value === undefined) continue; // not used any more: nothing to fixate
      const name = key.split(' ')[1];
      assertRequirement(
        value !== first.after.get(key) && value !== second.before.get(key),
        {
          req: 'ASVS 7.2.4, WSTG-SESS-03',
          did: 'signed in, signed out and signed in again',
          expected: `session cookie ${name} with a new value at the second sign-in`,
        },
        value === first.after.get(key)
          ? 'kept the value of the first sign-in'
          : 'kept the value the browser held before the password',
      );
    }
  },
);

test(
  'signing out ends the session on the server: the saved cookies no longer sign in',
  { tag: ['@asvs-7.4.1', '@wstg-sess-06'] },
  async ({ page, context, users, screens }) => {
    const person = await users.create({ app: 'accountsettings' });
    await screens.accountSettings.open();
    await signInWithPassword(screens, person);
    await expect(screens.accountSettings.signedInName(person.name)).toBeVisible();
    const saved = await context.cookies();
    await screens.accountSettings.signOut();
    await expect(screens.accountSettings.signedOutMessage).toBeVisible();
    await context.clearCookies();
    await context.addCookies(saved);
    await screens.accountSettings.open();
    await expectRequirement(page, {
      req: 'ASVS 7.4.1, WSTG-SESS-06',
      did: 'signed out, then put the cookies saved before signing out back and opened Account Settings',
      expected: 'a sign-in asked for',
      held: screens.signInEmail.emailField.or(screens.signInPassword.passwordField),
      broken: screens.accountSettings.signedInAs,
      broke: 'showed the person signed in',
    });
  },
);

/** Everything the browser keeps for the page's origin: cookies, localStorage, sessionStorage. */
async function storedFor(page: Page): Promise<string> {
  const storage = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]));
  const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join(';');
  return `${storage}|${cookies}`;
}

test(
  'the browser keeps no password, authenticator key or emergency code',
  { tag: ['@wstg-athn-05', '@asvs-14.3.3'] },
  async ({ page, users, authenticator, screens }) => {
    const person = await users.create({ app: 'portal', changesAccount: true });
    const dumps: string[] = [];
    page.on('load', () => {
      void storedFor(page).then(
        (d) => dumps.push(d),
        () => undefined,
      );
    });
    const { app, emergencyCode } = await enrolInPortal(screens, authenticator, person);
    dumps.push(await storedFor(page));
    const secrets: Array<[string, string]> = [
      ['the password', person.password],
      ['the authenticator key', app.auth.secret],
      ['the emergency code', emergencyCode],
    ];
    for (const [what, value] of secrets) {
      const variants = [value, encodeURIComponent(value), Buffer.from(value).toString('base64')];
      assertRequirement(
        !dumps.some((d) => variants.some((v) => d.includes(v))),
        {
          req: 'WSTG-ATHN-05, ASVS 14.3.3',
          did: `set up two-step verification and read the cookies and web storage of every page on the way (${dumps.length} pages)`,
          expected: `${what} nowhere in them`,
        },
        `left ${what} in the browser's storage`,
      );
    }
  },
);
