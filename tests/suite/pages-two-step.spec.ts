// The two-step verification page objects and the phone fixtures on set-content pages (no target): the
// country code is picked from what the screen offers, the key is read where the screen shows it, Home's
// account menu opens by the person's name, missing words list what is there, a phone with a wrong clock
// gives that clock's codes, and the simulated Visma Authenticator pairs only from a pairing URL.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import QRCode from 'qrcode';
import { Authenticator } from '../../lib/authenticator.ts';
import { Secrets } from '../../lib/secrets.ts';
import { VismaAuthenticator } from '../../lib/push.ts';
import { codeForStep, timeStep } from '../../lib/totp.ts';
import {
  AccountMenu,
  ElementNotFoundError,
  EnableTwoStepPage,
  SmsEnrolmentPage,
  TwoStepChallengePage,
} from '../../pages/index.ts';

const KEY = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';

test.describe('SMS enrolment', () => {
  const screen = (codes: string[]) => `<h1>Enable SMS as Two-step verification</h1>
    <label for="c">Country code</label>
    <select id="c">${codes.map((c) => `<option>${c}</option>`).join('')}</select>
    <label for="n">Phone number</label><input id="n" type="tel">`;

  test('picks the longest country code the number starts with and types the rest', async ({ page }) => {
    await page.setContent(screen(['+47', '+4', '+358', '+1']));
    const sms = new SmsEnrolmentPage(page, 'en', { timeoutMs: 2_000 });
    await sms.fillPhone('+4791234567');
    await expect(sms.countryCodeField).toHaveValue('+47');
    await expect(sms.numberField).toHaveValue('91234567');
    await sms.fillPhone('+358401234567');
    await expect(sms.countryCodeField).toHaveValue('+358');
    await expect(sms.numberField).toHaveValue('401234567');
  });

  test('a number no offered code fits is named with what is offered', async ({ page }) => {
    await page.setContent(screen(['+45', '+46']));
    const error = (await new SmsEnrolmentPage(page, 'en', { timeoutMs: 500 })
      .fillPhone('+4791234567')
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(
      'offers no country code the phone number starts with (offered: +45, +46)',
    );
  });

  test('Norwegian words: a renamed label lists the fields on screen', async ({ page }) => {
    await page.setContent(screen(['+47']));
    const error = await new SmsEnrolmentPage(page, 'nb', { timeoutMs: 300 })
      .fillPhone('+4791234567')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ElementNotFoundError);
    expect((error as Error).message).toMatch(
      /^no drop-down «Landskode»; drop-downs on screen: «Country code»/,
    );
  });
});

test('the key is read under "Can\'t scan QR code?", not elsewhere on the page', async ({ page }) => {
  await page.setContent(`<h1>Enable Two-step verification</h1>
    <p><code aria-label="Key">AAAA BBBB</code></p>
    <section aria-labelledby="h"><h2 id="h">Can't scan QR code?</h2>
      <p>Enter code manually:</p><p><code aria-label="Key">${KEY.match(/.{4}/g)!.join(' ')}</code></p></section>`);
  const enable = new EnableTwoStepPage(page, 'en');
  await expect(enable.key).toHaveText(KEY.match(/.{4}/g)!.join(' '));
  const entry = await new Authenticator(new Secrets()).typeKey(enable.key, 'ola@example.com');
  expect(entry.auth.secret).toBe(KEY);
});

test("Home's account menu opens by the person's name and offers «Min konto»", async ({ page }) => {
  await page.setContent(`<nav aria-label="Kontomeny"><details><summary>Kari Nordmann</summary>
    <ul><li><a href="#konto" onclick="document.title='konto'">Min konto</a></li></ul></details></nav>`);
  const menu = new AccountMenu(page, 'nb', { timeoutMs: 2_000 });
  await expect(page.getByRole('link', { name: 'Min konto' })).toBeHidden();
  await menu.open('Kari Nordmann');
  await menu.myAccount();
  await expect(page).toHaveTitle('konto');
});

test('"Remember this device for 30 days" is found although its label carries a hint', async ({ page }) => {
  await page.setContent(`<label for="c">Security code</label><input id="c">
    <input id="r" type="checkbox"><label for="r">Remember this device for 30 days
    <span>Not recommended for public or shared computers</span></label><button>Verify</button>`);
  const challenge = new TwoStepChallengePage(page, 'en', { timeoutMs: 2_000 });
  await challenge.rememberDevice();
  await expect(challenge.rememberCheckbox).toBeChecked();
});

test("a phone whose clock is off gives that clock's codes, never the same step twice", async ({ page }) => {
  const uri = `otpauth://totp/Sandbox:ola%40example.com?secret=${KEY}&issuer=Sandbox`;
  await page.setContent(`<img alt="QR" src="${await QRCode.toDataURL(uri, { margin: 2, scale: 4 })}">`);
  const authenticator = new Authenticator(new Secrets());
  const entry = await authenticator.scan(page.getByRole('img', { name: 'QR' }));
  for (const skew of [-2, -1, 1, 2]) {
    const skewed = authenticator.onSkewedPhone(entry, skew);
    const before = timeStep(entry.auth);
    const code = skewed.code();
    const after = timeStep(entry.auth);
    expect([codeForStep(entry.auth, before + skew), codeForStep(entry.auth, after + skew)]).toContain(code);
    expect(skewed.code()).not.toBe(code);
  }
  expect(authenticator.entries).toHaveLength(5);
});

test.describe('Visma Authenticator (push)', () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];
  let decided: string | undefined;

  test.beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''} ${body}`);
        res.setHeader('content-type', 'application/json');
        if (req.url === '/dev/pair' && req.method === 'POST') {
          res.statusCode = 201;
          res.end(
            JSON.stringify({ deviceId: 'dev12345', deviceKey: 'k'.repeat(24), account: 'ola@example.com' }),
          );
        } else if (req.url === '/dev/requests') {
          res.end(
            JSON.stringify({
              requests: decided ? [] : [{ id: 'r1', app: 'Portal', account: 'ola@example.com' }],
            }),
          );
        } else if (req.url === '/dev/requests/r1' && req.method === 'POST') {
          decided = (JSON.parse(body) as { decision: string }).decision;
          res.end(JSON.stringify({ status: 'approved' }));
        } else {
          res.statusCode = 404;
          res.end('{}');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  test.afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('pairs at the URL in the QR code and approves the waiting sign-in with its device key', async ({
    page,
  }) => {
    const qr = await QRCode.toDataURL(`${base}/dev/pair?code=abcdefgh12`, { margin: 2, scale: 4 });
    await page.setContent(`<img alt="QR" src="${qr}">`);
    const phone = await new VismaAuthenticator(new Secrets()).scan(page.getByRole('img', { name: 'QR' }));
    expect(phone.account).toBe('ola@example.com');
    expect(String(phone)).not.toContain('kkkk');
    const request = await phone.approve();
    expect(request.id).toBe('r1');
    expect(decided).toBe('approve');
    expect(seen[0]).toBe('POST /dev/pair  {"code":"abcdefgh12","name":"Test phone"}');
    expect(seen.at(-1)).toBe(
      `POST /dev/requests/r1 Device dev12345:${'k'.repeat(24)} {"decision":"approve"}`,
    );
  });

  test('a QR code without a pairing URL is refused with what it holds', async ({ page }) => {
    const qr = await QRCode.toDataURL('https://apps.example.com/download', { margin: 2, scale: 4 });
    await page.setContent(`<img alt="QR" src="${qr}">`);
    const error = (await new VismaAuthenticator(new Secrets())
      .scan(page.getByRole('img', { name: 'QR' }))
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      'Visma Authenticator: the QR code holds https://apps.example.com/download, not a pairing URL (…/pair?code=…)',
    );
  });
});
