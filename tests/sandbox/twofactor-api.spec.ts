// Bad input to the two-step verification APIs gets a clear 4xx naming the problem and changes nothing:
// SCIM seeds (`seeds.twofactor`), the simulated Visma Authenticator's device API, Account Settings' start
// link.
import { test, expect } from '@playwright/test';
import { CORE, EXT, httpRequest, scimRequest, uniqueEmail, urls } from './identity-support.ts';

test('SCIM refuses malformed two-step seeds with the field named, and creates nothing', async () => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ totpSecret: 'not base32!' }, /totpSecret must be base32/],
    [{ phone: '004712345678' }, /phone must be an E\.164 number/],
    [{ emergencyCode: 'ABCD-EFGH' }, /XXXX-XXXX-XXXX-XXXX-XXXX/],
    [{ pushDevice: { id: 'x', key: 'short' } }, /pushDevice\.id/],
    [{ surprise: true }, /surprise|unrecognized|Unrecognized/i],
  ];
  for (const [twofactor, message] of cases) {
    const email = uniqueEmail('bad-seed');
    const res = await scimRequest('POST', '/Users', {
      schemas: [CORE, EXT],
      userName: email,
      [EXT]: { password: 'Gw!Seed-test-123', seeds: { twofactor } },
    });
    expect(res.status, JSON.stringify(twofactor)).toBe(400);
    expect(res.text).toMatch(message);
    const found = await scimRequest('GET', `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`);
    expect(found.json()).toMatchObject({ totalResults: 0 });
  }
});

test('device API: unknown pairing codes, bad bodies and bad device credentials get clear 4xx answers', async () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    httpRequest(`${urls.connect}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const unknown = await post('/tfa/device/v1/pair', JSON.stringify({ code: 'abcdefghijklmnop' }));
  expect(unknown.status).toBe(404);
  expect(unknown.json<{ error: string }>().error).toMatch(/unknown or has expired/);
  expect((await post('/tfa/device/v1/pair', '{oops')).status).toBe(400);
  expect((await post('/tfa/device/v1/pair', JSON.stringify({ code: 'a b' }))).json()).toMatchObject({
    error: expect.stringMatching(/code/),
  });
  const plain = await httpRequest(`${urls.connect}/tfa/device/v1/pair`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: 'x',
  });
  expect(plain.status).toBe(415);
  const big = await post('/tfa/device/v1/pair', JSON.stringify({ code: 'x'.repeat(10_000) }));
  expect(big.status).toBe(413);

  const noAuth = await httpRequest(`${urls.connect}/tfa/device/v1/requests`);
  expect(noAuth.status).toBe(401);
  expect(noAuth.json<{ error: string }>().error).toMatch(/Authorization: Device/);
  const wrong = await httpRequest(`${urls.connect}/tfa/device/v1/requests`, {
    headers: { authorization: 'Device abcdefghij:0123456789abcdefghij' },
  });
  expect(wrong.status).toBe(401);
  const decide = await post('/tfa/device/v1/requests/whatever', JSON.stringify({ decision: 'maybe' }), {
    authorization: 'Device abcdefghij:0123456789abcdefghij',
  });
  expect(decide.status).toBe(401);
});

test('Account Settings start link: a forged or expired token is refused with a way back', async () => {
  const forged = await httpRequest(
    `${urls.connect}/account/tfa/start?t=someone.enable.99999999999999.forged`,
  );
  expect(forged.status).toBe(400);
  expect(forged.text).toContain('This page has expired. Start again from Account Settings.');
  const flow = await httpRequest(`${urls.connect}/account/tfa/not-a-flow/intro`);
  expect(flow.status).toBe(400);
});
