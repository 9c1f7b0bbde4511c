// Electronic ID sign-in paths besides the guides: no linked account (explanation → sign in with email →
// link → signed in; linking again replaces the earlier link), one linked account (straight in), and
// Account Settings' sections in English with the activation time in UTC.
import { test, expect } from '@playwright/test';
import { testPerson } from '../../lib/eid.ts';
import { signIn, signOut } from './browser-support.ts';
import { deleteUser, strongPassword, uniqueEmail, urls } from './identity-support.ts';
import {
  bankId,
  createEidUser,
  linkedNationalId,
  nb,
  signInWithIdPorten,
  signInWithPassword,
} from './eid-support.ts';

const sokndal = urls.enterprise.replace('{tenant}', 'sokndal');

test.describe('nb', () => {
  test.use({ locale: 'nb-NO' });

  test('no linked account: sign in with email to link; afterwards BankID signs straight in; relinking replaces', async ({
    page,
  }) => {
    const first = testPerson();
    const second = testPerson();
    const email = uniqueEmail('eid-none');
    const password = strongPassword();
    const user = await createEidUser({
      email,
      password,
      givenName: 'Nora',
      familyName: 'Nylenke',
      tenants: ['sokndal'],
    });

    const linkThroughSignIn = async (nationalId: string, replaces: boolean) => {
      await signInWithIdPorten(page, sokndal, nationalId);
      await expect(
        page.getByRole('heading', { name: 'BankID-en din er ikke koblet til en Vismakonto' }),
      ).toBeVisible();
      await page.getByRole('button', { name: 'Logg inn med e-post for å koble' }).click();
      await signIn(page, email, password, 'nb');
      await expect(page.getByRole('heading', { name: 'Koble BankID til kontoen din' })).toBeVisible();
      await expect(page.getByText(email)).toBeVisible();
      await expect(page.getByText('Dette erstatter den elektroniske ID-en')).toHaveCount(replaces ? 1 : 0);
      await page.getByRole('button', { name: nb.linkAndContinue }).click();
      await expect(page).toHaveURL(`${sokndal}/`);
      await expect(page.getByText(email)).toBeVisible();
      await expect(page.getByRole('heading', { name: nb.internalError })).toHaveCount(0);
      await signOut(page, 'nb');
    };

    await linkThroughSignIn(first.nationalId, false);
    expect(await linkedNationalId(user.id)).toBe(first.nationalId);

    await test.step('one linked account: BankID signs straight in', async () => {
      await signInWithIdPorten(page, sokndal, first.nationalId);
      await expect(page).toHaveURL(`${sokndal}/`);
      await expect(page.getByText(email)).toBeVisible();
      await signOut(page, 'nb');
    });

    await test.step('linking another BankID replaces the first link', async () => {
      await linkThroughSignIn(second.nationalId, true);
      expect(await linkedNationalId(user.id)).toBe(second.nationalId);
      await signInWithIdPorten(page, sokndal, first.nationalId);
      await expect(
        page.getByRole('heading', { name: 'BankID-en din er ikke koblet til en Vismakonto' }),
      ).toBeVisible();
    });

    await deleteUser(user.id);
  });

  test('the eID names a configured test person; "Avbryt" at the confirmation links nothing', async ({
    page,
  }) => {
    const email = uniqueEmail('eid-cancel');
    const password = strongPassword();
    const user = await createEidUser({ email, password, givenName: 'Ada', familyName: 'Avbryt' });
    await signInWithPassword(page, urls.accountSettings, email, password);
    await page.getByRole('link', { name: nb.addEid }).click();
    // The first default test person (SANDBOX_EID_PEOPLE); nothing is linked to it here.
    await bankId(page, '15888532142');
    await expect(
      page.getByText(`Vil du koble BankID (Kari Nordmann) til Vismakontoen ${email}?`),
    ).toBeVisible();
    await page.getByRole('button', { name: nb.cancel }).click();
    await expect(page).toHaveURL(`${urls.accountSettings}/`);
    await expect(page.getByRole('link', { name: nb.addEid })).toBeVisible();
    expect(await linkedNationalId(user.id)).toBeUndefined();
    await deleteUser(user.id);
  });

  test('Account Settings shows the activation time as the guide does', async ({ page }) => {
    const person = testPerson();
    const user = await createEidUser({
      email: uniqueEmail('eid-time'),
      password: strongPassword(),
      givenName: 'Navn',
      familyName: 'Navnesen',
      nationalId: person.nationalId,
      linkedAt: '2021-03-15T11:09:00Z',
    });
    await signInWithIdPorten(page, urls.accountSettings, person.nationalId);
    await expect(page).toHaveURL(`${urls.accountSettings}/`);
    await expect(page.getByText('Aktivert 15 mar 2021 11:09 UTC', { exact: true })).toBeVisible();
    await deleteUser(user.id);
  });
});

test.describe('en', () => {
  test.use({ locale: 'en-GB' });

  test('Account Settings in English: account section, edit, electronic ID status and Remove', async ({
    page,
  }) => {
    const person = testPerson();
    const email = uniqueEmail('eid-en');
    const user = await createEidUser({
      email,
      password: strongPassword(),
      givenName: 'Kari',
      familyName: 'English',
      nationalId: person.nationalId,
      linkedAt: '2024-12-01T08:05:00Z',
      language: 'en',
    });
    await page.goto(`${urls.accountSettings}/login`);
    await page.getByRole('button', { name: 'Sign in with ID-porten' }).click();
    await expect(page.getByRole('heading', { name: 'Choose your electronic ID' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'BankID on mobile' })).toBeVisible();
    await page.getByRole('link', { name: 'BankID', exact: true }).click();
    await page.getByLabel('National identity number').fill(person.nationalId);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const account = page.getByRole('region', { name: 'Account' });
    await expect(account).toContainText(`Email: ${email}`);
    await expect(account).toContainText('Full name: Kari English');
    await expect(account).toContainText('Language: English');
    await account.getByRole('link', { name: 'Add phone number' }).click();
    await page.getByLabel(/^Mobile/).fill('12345');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toHaveText(/country code/);
    await page.getByLabel(/^Mobile/).fill('+4791234567');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(account).toContainText('Mobile: +4791234567');

    const eid = page.getByRole('region', { name: 'Electronic ID' });
    await expect(eid).toContainText('BankID Norge');
    await expect(eid).toContainText('BankID is linked to your Visma account');
    await expect(eid.getByText('Activated 1 Dec 2024 08:05 UTC', { exact: true })).toBeVisible();
    await eid.getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByRole('dialog')).toContainText('national identity number');
    await page.getByRole('button', { name: 'No' }).click();
    await expect(eid).toContainText('BankID Norge');
    expect(await linkedNationalId(user.id)).toBe(person.nationalId);
    await deleteUser(user.id);
  });
});
