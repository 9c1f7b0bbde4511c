// The guide specs' fixtures without a target: the users port (pool adapter, skip reasons, generated
// passwords and phones, SCIM errors), the SMS port's HTTP-sink adapter against a local stand-in, and the
// adapter choice from the settings.
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type TestInfo } from '@playwright/test';
import { httpRequest } from '../../lib/http.ts';
import { Mailbox } from '../../lib/mail/mailbox.ts';
import { Secrets } from '../../lib/secrets.ts';
import { codeInSms, HttpSinkSms, MailpitSms } from '../../lib/sms.ts';
import {
  generatePassword,
  generatePhone,
  PoolProvisioning,
  provisioningFor,
  readPool,
  ScimProvisioning,
  Users,
  type Provisioning,
} from '../../lib/users/index.ts';

/** A local HTTP server answering with `handler`; closed after the test. */
async function stub(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A TestInfo whose skip() records the reason and ends the call, as Playwright's does. */
function skipRecorder(): { info: TestInfo; reasons: string[] } {
  const reasons: string[] = [];
  const info = {
    skip: (condition: boolean, reason: string) => {
      if (condition) {
        reasons.push(reason);
        throw new Error('skipped');
      }
    },
  } as unknown as TestInfo;
  return { info, reasons };
}

const mailbox = () => new Mailbox({ url: 'http://127.0.0.1:9', timeoutMs: 100 }, { websocket: false });

function poolFile(content: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-pool-'));
  const file = path.join(dir, 'pool.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const POOL = [
  { email: 'kari@example.test', password: 'Secret#1a', name: 'Kari Nordmann', language: 'nb' },
  {
    email: 'ola@example.test',
    password: 'Secret#2b',
    name: 'Ola Hansen',
    language: 'nb',
    phone: '+4791234567',
  },
  { email: 'emma@example.test', password: 'Secret#3c', name: 'Emma Berg', language: 'en' },
];

test.describe('users', () => {
  test('generated passwords meet the policy and differ; phones are E.164', () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
    for (const p of passwords) {
      expect(p.length).toBeGreaterThanOrEqual(8);
      expect(p).toMatch(/\p{Lu}/u);
      expect(p).toMatch(/\p{Ll}/u);
      expect(p).toMatch(/\p{Nd}/u);
      expect(p).toMatch(/[^\p{L}\p{N}]/u);
    }
    for (let i = 0; i < 20; i++) expect(generatePhone()).toMatch(/^\+47[49]\d{7}$/);
  });

  test('a pool gives each parallel worker its own fitting account, with the name split', async () => {
    const accounts = readPool(poolFile({ accounts: POOL }));
    const spec = { language: 'nb' as const };
    const account = { email: '', password: '', givenName: '', familyName: '', language: 'nb' as const };
    const first = await new PoolProvisioning(accounts, 0).create(account, spec);
    const second = await new PoolProvisioning(accounts, 1).create(account, spec);
    expect([first.email, second.email]).toEqual(['kari@example.test', 'ola@example.test']);
    expect(first).toMatchObject({
      givenName: 'Kari',
      familyName: 'Nordmann',
      name: 'Kari Nordmann',
      source: 'pool',
    });
    expect(first.seeded).toEqual({});
    const withPhone = await new PoolProvisioning(accounts, 0).create(account, { phone: true });
    expect(withPhone.phone).toBe('+4791234567');
    // Two-step verification set up earlier: only an account whose key the pool file gives will do.
    const keyed = readPool(
      poolFile([...POOL, { ...POOL[2]!, email: 'nora@example.test', totpSecret: 'JBSWY3DPEHPK3PXP' }]),
    );
    const enrolled = await new PoolProvisioning(keyed, 0).create(account, {
      earlier: { twoStepEnrolled: true },
    });
    expect(enrolled).toMatchObject({ email: 'nora@example.test', totpSecret: 'JBSWY3DPEHPK3PXP' });
    expect(enrolled.seeded).toEqual({ twoStepEnrolled: true });
    await expect(
      new PoolProvisioning(accounts, 0).create(account, { earlier: { twoStepEnrolled: true } }),
    ).rejects.toThrow(/0 account\(s\) that fit/);
  });

  test('a test the pool cannot serve is skipped with the reason', async () => {
    const accounts = readPool(poolFile(POOL));
    const cases: [string, (u: Users) => Promise<unknown>, RegExp][] = [
      ['invite', (u) => u.invite(), /inviting a new user \(activation mail\) needs one/],
      ['change', (u) => u.create({ changesAccount: true }), /this test changes the account/],
      [
        'third nb',
        (u) => u.create({ language: 'nb' }),
        /has 2 account\(s\) that fit \(language nb\); parallel worker 3/,
      ],
    ];
    for (const [what, call, reason] of cases) {
      const { info, reasons } = skipRecorder();
      const slot = what === 'third nb' ? 2 : 0;
      const users = new Users({
        provisioning: new PoolProvisioning(accounts, slot),
        mailbox: mailbox(),
        testInfo: info,
        language: 'en',
        secrets: new Secrets(),
      });
      await expect(call(users), what).rejects.toThrow('skipped');
      expect(reasons, what).toHaveLength(1);
      expect(reasons[0], what).toMatch(/^needs a test user the target cannot provide: /);
      expect(reasons[0], what).toMatch(reason);
    }
  });

  test('without any provisioning the test is skipped naming the settings', async () => {
    const settings = provisioningFor(
      { target: 'remote', scim: undefined, users: { provisioning: 'auto' } },
      0,
    );
    expect(settings.provisioning).toBeUndefined();
    const { info, reasons } = skipRecorder();
    const users = new Users({
      ...settings,
      mailbox: mailbox(),
      testInfo: info,
      language: 'en',
      secrets: new Secrets(),
    });
    await expect(users.create()).rejects.toThrow('skipped');
    expect(reasons[0]).toContain('set SCIM_URL and SCIM_TOKEN, or USERS_POOL_FILE');
  });

  test('the adapter follows the settings; bad settings and pool files are named', () => {
    const scim = { url: 'http://connect.localhost:4400/scim/v2', token: 'x'.repeat(12) };
    const auto = { provisioning: 'auto' } as const;
    expect(provisioningFor({ target: 'sandbox', scim, users: auto }, 0).provisioning?.name).toBe('scim');
    const file = poolFile(POOL);
    expect(
      provisioningFor({ target: 'remote', scim, users: { provisioning: 'pool', poolFile: file } }, 0)
        .provisioning?.name,
    ).toBe('pool');
    expect(
      provisioningFor({ target: 'remote', scim: undefined, users: { ...auto, poolFile: file } }, 0)
        .provisioning?.name,
    ).toBe('pool');
    expect(
      provisioningFor({ target: 'remote', scim: undefined, users: { provisioning: 'scim' } }, 0).unavailable,
    ).toMatch(/SCIM_URL/);
    expect(() => readPool(poolFile([{ email: 'not-an-address', password: 'x' }]))).toThrow(
      /USERS_POOL_FILE .*pool\.json: 0\.email/,
    );
    expect(() => readPool(path.join(tmpdir(), 'gw-no-such-pool.json'))).toThrow(/cannot read it as JSON/);
  });

  test('SCIM: the body carries the person, the sandbox extension only for the sandbox, errors name the detail', async () => {
    const bodies: Record<string, unknown>[] = [];
    const server = await stub((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        if (req.headers.authorization !== 'Bearer good-token') {
          res.writeHead(401, { 'content-type': 'application/scim+json' });
          res.end(JSON.stringify({ detail: 'Missing or wrong bearer token' }));
          return;
        }
        if (req.method === 'DELETE') {
          res.writeHead(204).end();
          return;
        }
        bodies.push(JSON.parse(text) as Record<string, unknown>);
        res.writeHead(201, { 'content-type': 'application/scim+json' });
        res.end(JSON.stringify({ id: `id-${bodies.length}` }));
      });
    });
    try {
      const account = {
        email: 'a@guidewright.test',
        password: 'Gw#Secret99x',
        givenName: 'Nora',
        familyName: 'Lund',
        language: 'nb' as const,
        app: 'home',
      };
      const sandbox: Provisioning = new ScimProvisioning({
        url: `${server.url}/scim/v2`,
        token: 'good-token',
        sandboxExtension: true,
      });
      const invited = await sandbox.invite(account, {});
      expect(invited).toMatchObject({ id: 'id-1', name: 'Nora Lund', source: 'scim' });
      expect(bodies[0]).not.toHaveProperty('password');
      expect(bodies[0]!['urn:guidewright:params:scim:schemas:extension:sandbox:2.0:User']).toEqual({
        status: 'invited',
        language: 'nb',
        app: 'home',
      });
      const plain = new ScimProvisioning({
        url: `${server.url}/scim/v2`,
        token: 'good-token',
        sandboxExtension: false,
      });
      await plain.create(account, {});
      expect(bodies[1]).toMatchObject({
        userName: 'a@guidewright.test',
        password: 'Gw#Secret99x',
        preferredLanguage: 'nb',
      });
      expect(bodies[1]!.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User']);
      await expect(plain.create(account, { tenants: ['sokndal'] })).rejects.toThrow(
        /no attribute for tenants/,
      );
      await sandbox.remove(invited);

      // A person who already has an authenticator app: the sandbox seeds the key, plain SCIM cannot.
      const withApp = { ...account, totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' };
      const seeded = await sandbox.invite(withApp, { authenticator: true });
      expect(seeded.totpSecret).toBe(withApp.totpSecret);
      expect(bodies.at(-1)!['urn:guidewright:params:scim:schemas:extension:sandbox:2.0:User']).toMatchObject({
        seeds: { twofactor: { enrolled: true, totpSecret: withApp.totpSecret } },
      });
      await expect(plain.invite(withApp, { authenticator: true })).rejects.toThrow(
        /cannot seed two-step verification/,
      );

      // Events before the guide: the sandbox seeds them and says so; plain SCIM leaves them to the test.
      const earlier = { linkedEid: '15076500565', twoStepPostponed: true };
      const prepared = await sandbox.create(account, { earlier });
      expect(prepared.seeded).toEqual({ linkedEid: true, twoStepPostponed: true });
      expect(bodies.at(-1)!['urn:guidewright:params:scim:schemas:extension:sandbox:2.0:User']).toMatchObject({
        seeds: { eid: { nationalId: '15076500565', method: 'bankid' }, twofactor: { postponedSignins: 2 } },
      });
      const enrolled = await sandbox.create(account, { earlier: { twoStepEnrolled: true } });
      expect(enrolled.seeded).toEqual({ twoStepEnrolled: true });
      expect(enrolled.totpSecret).toMatch(/^[A-Z2-7]{16,}$/);
      expect(bodies.at(-1)!['urn:guidewright:params:scim:schemas:extension:sandbox:2.0:User']).toMatchObject({
        seeds: { twofactor: { enrolled: true, totpSecret: enrolled.totpSecret } },
      });
      const unprepared = await plain.create(account, { earlier: { ...earlier, twoStepEnrolled: true } });
      expect(unprepared.seeded).toEqual({});
      expect(unprepared.totpSecret).toBeUndefined();
      expect(JSON.stringify(bodies.at(-1))).not.toContain('15076500565');

      const wrong = new ScimProvisioning({
        url: `${server.url}/scim/v2`,
        token: 'bad',
        sandboxExtension: true,
      });
      await expect(wrong.create(account, {})).rejects.toThrow(
        /failed with 401: Missing or wrong bearer token/,
      );
    } finally {
      await server.close();
    }
    const gone = new ScimProvisioning({
      url: `${server.url}/scim/v2`,
      token: 'good-token',
      sandboxExtension: true,
    });
    const nobody = {
      email: 'b@guidewright.test',
      password: 'x',
      givenName: 'A',
      familyName: 'B',
      language: 'en' as const,
    };
    await expect(gone.invite(nobody, {})).rejects.toThrow(
      /^SCIM: cannot reach http:\/\/127\.0\.0\.1:\d+\/scim\/v2 \(.+\); is the target running/,
    );
  });

  test('HTTP reaches *.localhost names on loopback', async () => {
    const server = await stub((req, res) => res.end(req.headers.host));
    try {
      const port = new URL(server.url).port;
      const res = await httpRequest(`http://anything.pages-fixtures.localhost:${port}/`);
      expect(res.text).toBe(`anything.pages-fixtures.localhost:${port}`);
    } finally {
      await server.close();
    }
  });
});

test.describe('sms', () => {
  test('the HTTP sink adapter returns each new SMS to the number once, oldest first', async () => {
    const messages: { to: string; text: string; receivedAt: string }[] = [];
    const server = await stub((req, res) => {
      const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ messages: messages.filter((m) => m.to === to) }));
    });
    try {
      const port = new HttpSinkSms(
        `${server.url}/sms`,
        async (url) => (await httpRequest(url)).json(),
        3_000,
      );
      messages.push({
        to: '+4799999999',
        text: 'Someone else: 111111',
        receivedAt: new Date().toISOString(),
      });
      messages.push({
        to: '+4791234567',
        text: 'Your code is 123456',
        receivedAt: new Date(Date.now() - 1000).toISOString(),
      });
      const first = await port.waitFor({ to: '+4791234567' });
      expect(first.code).toBe('123456');
      const second = port.waitFor({ to: '+4791234567' });
      messages.push({ to: '+4791234567', text: 'Your code is 654321', receivedAt: new Date().toISOString() });
      expect((await second).code).toBe('654321');
      await expect(port.waitFor({ to: '+4791234567', timeoutMs: 300 })).rejects.toThrow(
        /no SMS to \+4791234567/,
      );
      await expect(port.waitFor({ to: '91234567' })).rejects.toThrow(/not an E\.164 number/);
    } finally {
      await server.close();
    }
  });

  test('the Mailpit adapter reads SMS at <digits>@sms.localhost; codes never echo the text', () => {
    const sms = new MailpitSms(mailbox());
    expect(sms.addressOf('+4791234567')).toBe('4791234567@sms.localhost');
    expect(new MailpitSms(mailbox(), 'sms.example.test').addressOf('+4612345678')).toBe(
      '4612345678@sms.example.test',
    );
    expect(codeInSms('Visma: 042917 is your code')).toBe('042917');
    expect(() => codeInSms('no code, secret words')).toThrow(
      /no code matching .* in the text \(21 characters\)$/,
    );
  });
});
