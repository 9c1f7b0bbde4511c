// Helpers for the two-step verification tests: accounts with seeded 2FA state (SCIM extension), the
// password sign-in, and the simulated Visma Authenticator's device API. Over HTTP only.
import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { scanQrElement } from '../../lib/qr.ts';
import { TotpDevice, parseOtpAuthUri, type OtpAuth } from '../../lib/totp.ts';
import { typeSecret } from './browser-support.ts';
import { CORE, EXT, httpRequest, scimRequest, scimToken, strongPassword, urls } from './identity-support.ts';

// Shared with the other sandbox specs; exported here too, where the two-step tests look for them.
export { signInWithPassword } from './browser-support.ts';
export { advanceClock } from './identity-support.ts';

export interface TwoFactorSeed {
  enrolled?: boolean;
  totpSecret?: string;
  phone?: string;
  emergencyCode?: string;
  pushDevice?: { id: string; key: string; name?: string };
  postponedSignins?: number;
}

export interface SeededUser {
  id: string;
  email: string;
  password: string;
}

export async function createSeededUser(
  email: string,
  o: { twofactor?: TwoFactorSeed; language?: 'en' | 'nb'; app?: string; password?: string } = {},
): Promise<SeededUser> {
  const password = o.password ?? strongPassword();
  const res = await scimRequest('POST', '/Users', {
    schemas: [CORE, EXT],
    userName: email,
    name: { givenName: 'Tess', familyName: 'Factor' },
    [EXT]: {
      password,
      ...(o.language ? { language: o.language } : {}),
      ...(o.app ? { app: o.app } : {}),
      ...(o.twofactor ? { seeds: { twofactor: o.twofactor } } : {}),
    },
  });
  if (res.status !== 201) throw new Error(`SCIM create failed: ${res.status} ${res.text}`);
  return { id: res.json<{ id: string }>().id, email, password };
}

/** A base32 TOTP key (160 bits) for seeding. */
export const newTotpSecret = (): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from(randomBytes(32), (b) => alphabet[b % 32]).join('');
};

export const newEmergencyCode = (): string => {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 5 }, () =>
    Array.from(randomBytes(4), (b) => alphabet[b % alphabet.length]).join(''),
  ).join('-');
};

/** A Norwegian-looking mobile number no other test uses. */
export const newPhone = (): string =>
  `+479${String(randomBytes(4).readUInt32BE() % 10_000_000).padStart(7, '0')}`;

export async function policy(): Promise<{
  home: { deadline: string };
  remindAfterSignIns: number;
  pushTimeoutSeconds: number;
}> {
  const res = await httpRequest(`${urls.connect}/control/v1/twofactor/policy`, {
    headers: { authorization: `Bearer ${scimToken}` },
  });
  expect(res.status).toBe(200);
  return res.json();
}

/** The simulated Visma Authenticator: pairs from the QR code's URL, lists and answers sign-in requests. */
export class PushPhone {
  constructor(
    readonly deviceId: string,
    readonly deviceKey: string,
  ) {}

  static async pair(pairUrl: string): Promise<{ phone: PushPhone; otpauth: string }> {
    const url = new URL(pairUrl);
    const res = await httpRequest(`${url.origin}${url.pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: url.searchParams.get('code') ?? '', name: 'Test phone' }),
    });
    if (res.status !== 201) throw new Error(`pairing failed: ${res.status} ${res.text}`);
    const body = res.json<{ deviceId: string; deviceKey: string; otpauth: string }>();
    return { phone: new PushPhone(body.deviceId, body.deviceKey), otpauth: body.otpauth };
  }

  private get auth() {
    return { authorization: `Device ${this.deviceId}:${this.deviceKey}` };
  }

  async pending(): Promise<Array<{ id: string; app: string }>> {
    const res = await httpRequest(`${urls.connect}/tfa/device/v1/requests`, { headers: this.auth });
    if (res.status !== 200) throw new Error(`listing failed: ${res.status} ${res.text}`);
    return res.json<{ requests: Array<{ id: string; app: string }> }>().requests;
  }

  /** Waits for the sign-in request to show up on the phone and answers it. */
  async answer(decision: 'approve' | 'deny'): Promise<{ status: number; text: string }> {
    let id = '';
    await expect
      .poll(async () => {
        id = (await this.pending())[0]?.id ?? '';
        return id;
      })
      .not.toBe('');
    const res = await httpRequest(`${urls.connect}/tfa/device/v1/requests/${id}`, {
      method: 'POST',
      headers: { ...this.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ decision }),
    });
    return { status: res.status, text: res.text };
  }

  async decide(id: string, decision: 'approve' | 'deny') {
    return httpRequest(`${urls.connect}/tfa/device/v1/requests/${id}`, {
      method: 'POST',
      headers: { ...this.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ decision }),
    });
  }
}

/** The authenticator-app settings of a key the sandbox hands out (its otpauth URI says the same). */
export const totpAuth = (secret: string, account: string): OtpAuth => ({
  secret,
  account,
  issuer: 'Visma Connect',
  algorithm: 'sha1',
  digits: 6,
  period: 30,
});

/** A fresh TOTP key to seed (`twofactor: { totpSecret }`) and the authenticator app that holds it. */
export function newTotpDevice(account: string): { secret: string; device: TotpDevice } {
  const secret = newTotpSecret();
  return { secret, device: new TotpDevice(totpAuth(secret, account)) };
}

/** An account with an authenticator app seeded (more two-step seeds as given), and that app. */
export async function createTotpUser(
  email: string,
  twofactor: Omit<TwoFactorSeed, 'totpSecret'> = {},
): Promise<{ user: SeededUser; auth: OtpAuth; device: TotpDevice }> {
  const { secret, device } = newTotpDevice(email);
  const user = await createSeededUser(email, { twofactor: { ...twofactor, totpSecret: secret } });
  return { user, auth: totpAuth(secret, email), device };
}

/** The sign-in's code challenge (authenticator app): a code not used before, then "Verify". */
export async function answerCodeChallenge(page: Page, device: TotpDevice): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
  await typeSecret(page.getByPlaceholder('enter your 6-digit code'), device.code());
  await page.getByRole('button', { name: 'Verify' }).click();
}

/** Wizard: "I use a different Authenticator app", read the QR code, "Next", the app's code, "Next". */
export async function addAuthenticatorApp(page: Page): Promise<TotpDevice> {
  await page.getByRole('link', { name: 'I use a different Authenticator app' }).click();
  const auth = parseOtpAuthUri(await scanQrElement(page.getByRole('img', { name: /QR code with the key/ })));
  await page.getByRole('link', { name: 'Next' }).click();
  const device = new TotpDevice(auth);
  await typeSecret(page.getByPlaceholder('enter your 6-digit code'), device.code());
  await page.getByRole('button', { name: 'Next' }).click();
  return device;
}

/** Wizard, emergency code screen: tick "I have safely copied and stored this code.", "Next", "Done". */
export async function confirmEmergencyCode(page: Page): Promise<void> {
  await page.getByLabel('I have safely copied and stored this code.').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
}
