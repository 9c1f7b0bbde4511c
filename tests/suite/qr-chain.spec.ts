// The whole authenticator chain in a browser: a page shows the QR code of an otpauth URI, the test
// screenshots the element, decodes it, parses the URI and produces a code the key really yields.
import { expect, test } from '@playwright/test';
import QRCode from 'qrcode';
import { scanQrElement } from '../../lib/qr.ts';
import { codeForStep, parseOtpAuthUri, timeStep, TotpDevice } from '../../lib/totp.ts';

const SECRET = 'KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF';
const URI = `otpauth://totp/Sandbox:kari%40example.com?secret=${SECRET}&issuer=Sandbox&digits=6&period=30`;

test('screenshot of a QR element → decoded otpauth URI → a valid code', async ({ page }) => {
  const dataUrl = await QRCode.toDataURL(URI, { margin: 2, scale: 5 });
  await page.setContent(`
    <main>
      <h1>Enable Two-step verification</h1>
      <p>Scan the QR code with your authenticator app.</p>
      <img alt="QR code for your authenticator app" src="${dataUrl}">
      <p>Can't scan QR code? Key: <code>${SECRET.match(/.{4}/g)!.join(' ')}</code></p>
    </main>`);

  const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
  const auth = parseOtpAuthUri(await scanQrElement(qr));

  expect(auth.account).toBe('kari@example.com');
  expect(auth.issuer).toBe('Sandbox');
  // The key shown under the code is the same key the QR code carries.
  const shownKey = (await page.locator('code').textContent())!.replace(/\s/g, '');
  expect(auth.secret).toBe(shownKey);

  const now = Date.now();
  const code = new TotpDevice(auth, () => now).code();
  expect(code).toMatch(/^\d{6}$/);
  expect(code).toBe(codeForStep(parseOtpAuthUri(URI), timeStep(auth, now)));
});
