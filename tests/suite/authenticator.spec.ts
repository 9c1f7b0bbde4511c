import { expect, test as base } from '@playwright/test';
import QRCode from 'qrcode';
import { Authenticator } from '../../lib/authenticator.ts';
import { Secrets } from '../../lib/secrets.ts';
import { codeForStep, timeStep } from '../../lib/totp.ts';

const test = base.extend<{ authenticator: Authenticator }>({
  authenticator: async ({}, use) => use(new Authenticator(new Secrets())),
});

const KEY = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';

async function enrolmentPage(page: import('@playwright/test').Page, qrKey: string, shownKey: string) {
  const uri = `otpauth://totp/Sandbox:ola%40example.com?secret=${qrKey}&issuer=Sandbox`;
  await page.setContent(`
    <h1>Enable Two-step verification</h1>
    <img alt="QR code" src="${await QRCode.toDataURL(uri, { margin: 2, scale: 4 })}">
    <details open><summary>Can't scan QR code?</summary><p>Key: <strong>${shownKey.match(/.{1,4}/g)!.join(' ')}</strong></p></details>`);
}

test('scans the QR code, checks it against the key shown, and gives codes for the current step', async ({
  page,
  authenticator,
}) => {
  await enrolmentPage(page, KEY, KEY);
  const entry = await authenticator.scan(page.getByRole('img', { name: 'QR code' }), {
    shownKey: page.locator('strong'),
  });
  expect(entry.label).toBe('Sandbox: ola@example.com');
  const before = timeStep(entry.auth);
  const code = entry.code();
  const after = timeStep(entry.auth);
  expect([codeForStep(entry.auth, before), codeForStep(entry.auth, after)]).toContain(code);
  expect(String(entry)).not.toContain(KEY);
});

test('a second code in the same test is the next time step’s, never a repeat', async ({
  page,
  authenticator,
}) => {
  await enrolmentPage(page, KEY, KEY);
  const entry = await authenticator.scan(page.getByRole('img', { name: 'QR code' }));
  const codes = [entry.code(), entry.code(), entry.code()];
  expect(new Set(codes).size).toBe(3);
});

test('a screen whose text key differs from its QR code is caught', async ({ page, authenticator }) => {
  await enrolmentPage(page, KEY, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  await expect(
    authenticator.scan(page.getByRole('img', { name: 'QR code' }), { shownKey: page.locator('strong') }),
  ).rejects.toThrow(/key shown under the QR code is not the key inside the QR code/);
});

test('typing the key by hand gives the same codes as scanning', async ({ page, authenticator }) => {
  await enrolmentPage(page, KEY, KEY);
  const typed = await authenticator.typeKey(page.locator('strong'), 'ola@example.com');
  expect(typed.auth.secret).toBe(KEY);
  const scanned = await authenticator.scan(page.getByRole('img', { name: 'QR code' }));
  expect(codeForStep(scanned.auth, 123456)).toBe(codeForStep(typed.auth, 123456));
});
