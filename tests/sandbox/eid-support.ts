// Helpers for the electronic ID tests: SCIM accounts with tenants and a seeded BankID link, and the
// browser steps of an ID-porten sign-in (method → test BankID page) in Norwegian, as guides 002/003 word them.
import { expect, type Page } from '@playwright/test';
import { signInWithPassword as signInAs } from './browser-support.ts';
import { CORE, EXT, scimRequest, type ScimUser } from './identity-support.ts';

export const nb = {
  email: 'E-postadresse',
  next: 'Neste',
  password: 'Passord',
  signIn: 'Logg inn',
  idporten: 'Logg på med ID-porten',
  bankid: 'BankID',
  bankidMobile: 'BankID på mobil',
  nationalId: 'Fødselsnummer',
  bankidSubmit: 'Logg inn',
  internalError: 'En intern feil har oppstått',
  signOut: 'Logg ut',
  signedOut: 'Du er logget ut.',
  chooser: 'Sign in as',
  addEid: 'Legg til elektronisk ID',
  linkAndContinue: 'Koble konto og fortsett',
  provider: 'BankID Norge',
  linkedText: 'BankID er koblet til din Vismakonto',
  remove: 'Fjern',
  yes: 'Ja',
  passwordHeading: 'Angi ditt passord',
  passwordText: 'Skriv inn gjeldende passord for å fortsette.',
  continue: 'Fortsett',
  cancel: 'Avbryt',
};

export interface EidUser {
  email: string;
  password: string;
  givenName: string;
  familyName: string;
  tenants?: string[];
  /** Seeds a BankID link for this national id. */
  nationalId?: string;
  linkedAt?: string;
  language?: 'en' | 'nb';
}

export async function createEidUser(u: EidUser): Promise<ScimUser> {
  const res = await scimRequest('POST', '/Users', {
    schemas: [CORE, EXT],
    userName: u.email,
    name: { givenName: u.givenName, familyName: u.familyName },
    [EXT]: {
      password: u.password,
      language: u.language ?? 'nb',
      country: 'Norway',
      app: 'accountsettings',
      ...(u.tenants ? { tenants: u.tenants } : {}),
      ...(u.nationalId
        ? {
            seeds: {
              eid: {
                nationalId: u.nationalId,
                method: 'bankid',
                ...(u.linkedAt ? { linkedAt: u.linkedAt } : {}),
              },
            },
          }
        : {}),
    },
  });
  if (res.status !== 201) throw new Error(`SCIM create failed: ${res.status} ${res.text}`);
  return res.json<ScimUser>();
}

/** The national id an account is linked to, as SCIM shows it (undefined = no link). */
export async function linkedNationalId(id: string): Promise<string | undefined> {
  const res = await scimRequest('GET', `/Users/${id}`);
  expect(res.status).toBe(200);
  const ext = res.json()[EXT] as { seeds?: { eid?: { nationalId?: string } } };
  return ext.seeds?.eid?.nationalId;
}

/** On ID-porten: choose BankID, enter the number, sign in. */
export async function bankId(page: Page, nationalId: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Velg elektronisk ID' })).toBeVisible();
  await expect(page.getByRole('link', { name: nb.bankidMobile })).toBeVisible();
  await page.getByRole('link', { name: nb.bankid, exact: true }).click();
  await page.getByLabel(nb.nationalId).fill(nationalId);
  await page.getByRole('button', { name: nb.bankidSubmit }).click();
}

/** From an app's sign-in page: "Logg på med ID-porten", then BankID. */
export async function signInWithIdPorten(page: Page, appUrl: string, nationalId: string): Promise<void> {
  await page.goto(`${appUrl}/login`);
  await page.getByRole('button', { name: nb.idporten }).click();
  await bankId(page, nationalId);
}

/** From an app's sign-in page: email and password, in nb. */
export async function signInWithPassword(page: Page, appUrl: string, email: string, password: string) {
  await signInAs(page, appUrl, email, password, 'nb');
}
