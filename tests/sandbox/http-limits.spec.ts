// Oversized requests get an HTTP answer on every host, never a reset connection: a 100 KB query string is
// 414 URI Too Long, 300 KB of headers is 431. Raw node:http requests, so nothing in between retries or
// trims them; a connection reset would reject the request and fail the test.
import { test, expect } from '@playwright/test';
import { httpRequest, urls } from './identity-support.ts';

const hostsOf = (): Array<[string, string]> => [
  ['connect', urls.connect],
  ['accountsettings', urls.accountSettings],
  ['portal', urls.portal],
  ['home', urls.home],
  ['enterprise (sokndal)', urls.enterprise.replace('{tenant}', 'sokndal')],
  ['eid', urls.eid],
  // A host the sandbox does not serve, and plain localhost (where /healthz answers).
  ['unknown host', urls.connect.replace('//connect.', '//nowhere.')],
  ['localhost', urls.connect.replace('//connect.', '//')],
];

const longQuery = `q=${'x'.repeat(100 * 1024)}`;

for (const [name, base] of hostsOf()) {
  test(`${name}: a 100 KB query string is answered 414 URI Too Long`, async () => {
    for (const path of ['/', '/login', '/healthz', '/scim/v2/Users']) {
      const res = await httpRequest(`${base}${path}?${longQuery}`);
      expect(res.status, `GET ${path}?<100 KB>`).toBe(414);
      expect(res.text).toMatch(/too long/i);
      expect(res.headers.connection).toBe('close');
    }
  });
}

test('300 KB of request headers are answered 431, and the server answers the next request', async () => {
  const big = 'y'.repeat(300 * 1024);
  for (const [name, base] of hostsOf()) {
    const res = await httpRequest(`${base}/`, { headers: { 'x-filler': big } });
    expect(res.status, name).toBe(431);
    expect(res.text).toMatch(/Request Header Fields Too Large/);
  }
  const health = await httpRequest(`${urls.connect}/healthz`);
  expect(health.status).toBe(200);
});

test('an address just under the limit is served as usual', async () => {
  const res = await httpRequest(`${urls.connect}/healthz?q=${'x'.repeat(7 * 1024)}`);
  expect(res.status).toBe(200);
  expect(res.text).toBe('ok');
});
