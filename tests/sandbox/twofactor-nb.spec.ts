// Every two-step verification screen in Norwegian (nb): the test walks the wizard and the challenge
// screens of an nb account and fails on any English string of the sandbox's en catalogue (read from the
// control API) that is not also a valid nb string.
import { test as base, expect, type Page } from '@playwright/test';
import { mailboxFixtures, type Mailbox } from '../../fixtures/mailbox.ts';
import { scanQrElement } from '../../lib/qr.ts';
import { TotpDevice, parseOtpAuthUri } from '../../lib/totp.ts';
import { typeSecret } from './browser-support.ts';
import { deleteUser, httpRequest, scimToken, urls } from './identity-support.ts';
import { createSeededUser, newEmergencyCode, newPhone, signInWithPassword } from './twofactor-support.ts';

const test = base.extend<{ mailbox: Mailbox }>(mailboxFixtures);
test.use({ locale: 'nb-NO' });

async function words(lang: 'en' | 'nb'): Promise<Record<string, string>> {
  const res = await httpRequest(`${urls.connect}/control/v1/words/${lang}`, {
    headers: { authorization: `Bearer ${scimToken}` },
  });
  expect(res.status).toBe(200);
  return res.json<Record<string, string>>();
}

/** English fragments to look for: each en value's fixed parts, unless nb uses the same words. */
async function englishFragments(): Promise<string[]> {
  const [en, nb] = await Promise.all([words('en'), words('nb')]);
  const nbValues = Object.values(nb);
  const out = new Set<string>();
  for (const [key, value] of Object.entries(en)) {
    if (key.startsWith('lang.') || nb[key] === value) continue;
    for (const part of value.split(/\{\w+\}/)) {
      const fragment = part.trim().replace(/^[.,:;]\s*/, '');
      if (fragment.length < 4) continue;
      if (nbValues.some((v) => v.includes(fragment))) continue;
      out.add(fragment);
    }
  }
  return [...out];
}

async function expectNoEnglish(page: Page, fragments: string[], screen: string) {
  const main = page.getByRole('main');
  await expect(main).toBeVisible();
  // Product names (the app title on every page) are names, not words to translate.
  const text = (await main.innerText()).replace(
    /Customer Portal|Visma Home|Account Settings|Visma Enterprise/g,
    '',
  );
  const found = fragments.filter((f) =>
    new RegExp(`(^|[^\\p{L}])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text),
  );
  expect(found, `English on the nb screen "${screen}"`).toEqual([]);
}

test('nb: every wizard screen and every challenge screen has Norwegian words only', async ({
  page,
  mailbox,
}) => {
  const fragments = await englishFragments();
  expect(fragments).toContain('Add an extra layer of security');
  const email = mailbox.address('nb-walk');
  const user = await createSeededUser(email, { language: 'nb', app: 'home' });

  await signInWithPassword(page, urls.home, email, user.password, 'nb');
  await expect(page.getByRole('heading', { name: 'Legg til et ekstra sikkerhetslag' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Minn meg på det senere' })).toBeVisible();
  await expectNoEnglish(page, fragments, 'intro');
  await page.getByRole('button', { name: 'Aktiver' }).click();

  await expect(page.getByRole('heading', { name: 'Last ned Visma Authenticator' })).toBeVisible();
  await expectNoEnglish(page, fragments, 'app choice');
  await page.getByRole('button', { name: 'Neste' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoEnglish(page, fragments, 'app choice, not paired');
  await page.getByRole('link', { name: 'Jeg bruker en annen autentiseringsapp' }).click();

  await expect(page.getByRole('heading', { name: 'Aktiver totrinnsverifisering' })).toBeVisible();
  await expectNoEnglish(page, fragments, 'QR code');
  const auth = parseOtpAuthUri(await scanQrElement(page.getByRole('img', { name: /QR-kode med nøkkelen/ })));
  await page.getByRole('link', { name: 'Neste' }).click();

  await expectNoEnglish(page, fragments, 'code');
  await typeSecret(page.getByPlaceholder('skriv inn den 6-sifrede koden'), '12345');
  await page.getByRole('button', { name: 'Neste' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoEnglish(page, fragments, 'code, wrong format');
  const device = new TotpDevice(auth);
  await typeSecret(page.getByPlaceholder('skriv inn den 6-sifrede koden'), device.code());
  await page.getByRole('button', { name: 'Neste' }).click();

  await expect(page.getByRole('heading', { name: 'Aktiver SMS som totrinnsverifisering' })).toBeVisible();
  await expectNoEnglish(page, fragments, 'SMS number');
  await page.getByLabel('Telefonnummer').fill('12');
  await page.getByRole('button', { name: 'Neste' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoEnglish(page, fragments, 'SMS number, bad number');
  const phone = newPhone();
  await page.getByLabel('Landskode').selectOption('+47');
  await page.getByLabel('Telefonnummer').fill(phone.slice(3));
  await page.getByRole('button', { name: 'Neste' }).click();
  await expect(page.getByText(`telefonnummeret ${phone}`)).toBeVisible();
  await expectNoEnglish(page, fragments, 'SMS code');
  const sms = await mailbox.waitFor({ to: `${phone.slice(1)}@sms.localhost` });
  expect(sms.text).toContain('Sikkerhetskoden din');
  await typeSecret(page.getByPlaceholder('skriv inn den 6-sifrede koden'), sms.code());
  await page.getByRole('button', { name: 'Neste' }).click();

  await expect(
    page.getByRole('heading', { name: 'Ta vare på engangskoden for nødstilfeller' }),
  ).toBeVisible();
  await expectNoEnglish(page, fragments, 'emergency code');
  await page.getByLabel('Jeg har kopiert og lagret denne koden på et trygt sted.').check();
  await page.getByRole('button', { name: 'Neste' }).click();
  await expectNoEnglish(page, fragments, 'done');
  await page.getByRole('button', { name: 'Ferdig' }).click();
  await expect(page).toHaveURL(`${urls.home}/`);
  await expectNoEnglish(page, fragments, 'Visma Home');
  const mail = await mailbox.waitFor({ to: email, subject: 'Totrinnsverifisering er slått på' });
  expect(mail.subject).toBe('Totrinnsverifisering er slått på');
  await deleteUser(user.id);
});

test('nb: challenge, method list, SMS and emergency-code screens', async ({ page, mailbox }) => {
  const fragments = await englishFragments();
  const email = mailbox.address('nb-challenge');
  const phone = newPhone();
  const code = newEmergencyCode();
  const user = await createSeededUser(email, {
    language: 'nb',
    twofactor: { totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', phone, emergencyCode: code },
  });
  await signInWithPassword(page, urls.portal, email, user.password, 'nb');
  await expect(page.getByRole('heading', { name: 'Totrinnsverifisering' })).toBeVisible();
  await expect(page.getByLabel('Husk denne enheten i 30 dager')).toBeVisible();
  await expectNoEnglish(page, fragments, 'code challenge');
  await page.getByRole('link', { name: 'Prøv en annen måte' }).click();
  await expectNoEnglish(page, fragments, 'method list');
  await page.getByRole('link', { name: /^Få sikkerhetskoden sendt som SMS/ }).click();
  await expect(page.getByRole('button', { name: 'Bekreft' })).toBeVisible();
  await expectNoEnglish(page, fragments, 'SMS challenge');
  await page.getByRole('link', { name: 'Prøv en annen måte' }).click();
  await page.getByRole('link', { name: 'Bruk engangskoden (beredskapskode)' }).click();
  await expectNoEnglish(page, fragments, 'emergency code');
  await typeSecret(page.getByPlaceholder('XXXX-XXXX-XXXX-XXXX-XXXX'), code);
  await page.getByRole('button', { name: 'Bekreft' }).click();
  await expect(
    page.getByRole('button', { name: 'Jeg har permanent mistet tilgang til autentiseringsappen' }),
  ).toBeVisible();
  await expectNoEnglish(page, fragments, 'lost authenticator?');
  await deleteUser(user.id);
});

test('nb: Visma Home name menu → "Min konto", and the "Passord og 2FA" and "Passnøkler" sections', async ({
  page,
  mailbox,
}) => {
  const fragments = await englishFragments();
  const email = mailbox.address('nb-settings');
  const user = await createSeededUser(email, {
    language: 'nb',
    app: 'home',
    twofactor: { postponedSignins: 5 },
  });
  await signInWithPassword(page, urls.home, email, user.password, 'nb');
  await expect(page).toHaveURL(`${urls.home}/`);
  const menu = page.getByRole('navigation', { name: 'Kontomeny' });
  await menu.getByText('Tess Factor').click();
  await menu.getByRole('link', { name: 'Min konto' }).click();
  await expect(page).toHaveURL(`${urls.accountSettings}/`);
  for (const heading of ['Passord og 2FA', 'Passnøkler']) {
    const section = page.getByRole('region', { name: heading });
    await expect(section).toBeVisible();
    const text = await section.innerText();
    expect(
      fragments.filter((f) => text.includes(f)),
      `English in the "${heading}" section`,
    ).toEqual([]);
  }
  await page.getByRole('link', { name: 'Aktiver totrinnsverifisering' }).click();
  await expect(page.getByRole('heading', { name: 'Angi ditt passord' })).toBeVisible();
  await expectNoEnglish(page, fragments, 'password again');
  await deleteUser(user.id);
});
