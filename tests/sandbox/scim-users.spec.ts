// SCIM 2.0 provisioning on connect: the API a test environment offers to seed accounts.
import { expect, test } from '@playwright/test';
import {
  CORE,
  EXT,
  createUser,
  deleteUser,
  httpRequest,
  scimRequest,
  scimUrl,
  strongPassword,
  uniqueEmail,
  type ScimUser,
} from './identity-support.ts';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

test.describe('SCIM /Users', () => {
  test('create, get, filter, patch and delete a user', async () => {
    const email = uniqueEmail('scim');
    const created = await scimRequest('POST', '/Users', {
      schemas: [CORE, EXT],
      userName: email,
      name: { givenName: 'Kari', familyName: 'Nordmann' },
      [EXT]: { status: 'active', password: strongPassword(), language: 'nb', tenants: ['sokndal'] },
    });
    expect(created.status).toBe(201);
    const user = created.json<ScimUser & Record<string, never>>();
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.location).toBe(`${scimUrl}/Users/${user.id}`);
    expect(user).toMatchObject({
      userName: email,
      name: { givenName: 'Kari', familyName: 'Nordmann' },
      active: true,
      [EXT]: { status: 'active', language: 'nb', tenants: ['sokndal'], hasPassword: true },
    });
    expect(JSON.stringify(user)).not.toContain('scrypt');

    const got = await scimRequest('GET', `/Users/${user.id}`);
    expect(got.status).toBe(200);
    expect(got.json()).toMatchObject({ id: user.id, userName: email });

    const filtered = await scimRequest(
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${email.toUpperCase()}"`)}`,
    );
    expect(filtered.status).toBe(200);
    expect(filtered.json()).toMatchObject({ totalResults: 1, Resources: [{ id: user.id }] });
    const none = await scimRequest(
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${uniqueEmail('nobody')}"`)}`,
    );
    expect(none.json()).toMatchObject({ totalResults: 0, Resources: [] });

    const patched = await scimRequest('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'replace', path: 'name.givenName', value: 'Kristin' },
        { op: 'replace', path: `${EXT}:language`, value: 'en' },
        { op: 'replace', path: 'active', value: false },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.json()).toMatchObject({
      name: { givenName: 'Kristin', familyName: 'Nordmann' },
      displayName: 'Kristin Nordmann',
      active: false,
      [EXT]: { language: 'en' },
    });
    expect((await scimRequest('GET', `/Users/${user.id}`)).json()).toMatchObject({ active: false });

    expect((await scimRequest('DELETE', `/Users/${user.id}`)).status).toBe(204);
    const gone = await scimRequest('GET', `/Users/${user.id}`);
    expect(gone.status).toBe(404);
    expect(gone.json()).toMatchObject({ schemas: [ERROR], status: '404' });
  });

  test('an invited user (the default) gets status invited and no password', async () => {
    const user = await createUser({ status: 'invited' });
    expect(user[EXT]).toMatchObject({ status: 'invited', hasPassword: false, app: 'portal' });
    await deleteUser(user.id);
  });

  test('bad bodies are refused with 400 and a SCIM error naming the problem, and nothing is created', async () => {
    const email = uniqueEmail('bad');
    const cases: Array<{ body: unknown; detail: RegExp }> = [
      { body: '{"schemas": [', detail: /not valid JSON/ },
      { body: { schemas: [CORE], userName: 'not-an-email' }, detail: /userName/ },
      { body: { schemas: [CORE] }, detail: /userName/ },
      { body: { userName: email }, detail: /schemas/ },
      { body: { schemas: [CORE], userName: email, colour: 'blue' }, detail: /colour/ },
      { body: { schemas: [CORE], userName: email, [EXT]: { language: 'klingon' } }, detail: /language/ },
      { body: { schemas: [CORE], userName: email, [EXT]: { password: 'short' } }, detail: /too short/ },
      { body: { schemas: [CORE], userName: email, [EXT]: { password: 'P@ssw0rd' } }, detail: /too common/ },
      { body: { schemas: [CORE], userName: email, [EXT]: { phone: '12345' } }, detail: /E\.164/ },
    ];
    for (const c of cases) {
      const res = await scimRequest('POST', '/Users', c.body);
      expect(res.status, JSON.stringify(c.body)).toBe(400);
      const error = res.json<{ schemas: string[]; status: string; detail: string; scimType: string }>();
      expect(error.schemas).toEqual([ERROR]);
      expect(error.status).toBe('400');
      expect(error.detail).toMatch(c.detail);
    }
    const after = await scimRequest('GET', `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`);
    expect(after.json()).toMatchObject({ totalResults: 0 });
  });

  test('a bad patch is refused with 400 and changes nothing', async () => {
    const user = await createUser({ givenName: 'Ola' });
    const bad = await scimRequest('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'replace', path: 'name.givenName', value: 'Changed' },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'x@example.test' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ schemas: [ERROR], scimType: 'invalidPath' });
    const wrongOp = await scimRequest('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'explode', path: 'active' }],
    });
    expect(wrongOp.status).toBe(400);
    expect((await scimRequest('GET', `/Users/${user.id}`)).json()).toMatchObject({
      name: { givenName: 'Ola' },
    });
    await deleteUser(user.id);
  });

  test('a second user with the same userName (any case) is refused with 409', async () => {
    const user = await createUser();
    const again = await scimRequest('POST', '/Users', {
      schemas: [CORE],
      userName: user.userName.toUpperCase(),
    });
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
    await deleteUser(user.id);
  });

  test('a missing or wrong bearer token gets 401 and nothing is read or written', async () => {
    const email = uniqueEmail('noauth');
    const wrong = await scimRequest('POST', '/Users', { schemas: [CORE], userName: email }, 'wrong-token');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(wrong.json()).toMatchObject({ schemas: [ERROR], status: '401' });
    const anonymous = await httpRequest(`${scimUrl}/Users`);
    expect(anonymous.status).toBe(401);
    const after = await scimRequest('GET', `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`);
    expect(after.json()).toMatchObject({ totalResults: 0 });
  });

  test('password history: none of the last 5 passwords may be set again', async () => {
    const passwords = Array.from({ length: 6 }, () => strongPassword());
    const user = await createUser({ password: passwords[0] });
    const setPassword = (password: string) =>
      scimRequest('PATCH', `/Users/${user.id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: `${EXT}:password`, value: password }],
      });
    for (const password of passwords.slice(1, 5)) expect((await setPassword(password)).status).toBe(200);
    // Five passwords so far: every one of them is refused.
    for (const password of passwords.slice(0, 5)) {
      const res = await setPassword(password);
      expect(res.status).toBe(400);
      expect(res.json<{ detail: string }>().detail).toContain('not among your last 5 passwords');
    }
    expect((await setPassword(passwords[5]!)).status).toBe(200);
    // The first one has now dropped out of the last 5.
    expect((await setPassword(passwords[0]!)).status).toBe(200);
    await deleteUser(user.id);
  });

  test('discovery tells what is supported, including the sandbox extension', async () => {
    const config = await scimRequest('GET', '/ServiceProviderConfig');
    expect(config.status).toBe(200);
    expect(config.json()).toMatchObject({ patch: { supported: true }, filter: { supported: true } });
    const types = await scimRequest('GET', '/ResourceTypes');
    expect(types.json()).toMatchObject({
      Resources: [{ id: 'User', endpoint: '/Users', schemaExtensions: [{ schema: EXT }] }],
    });
  });

  test('an unsupported filter is a 400 invalidFilter', async () => {
    const res = await scimRequest('GET', `/Users?filter=${encodeURIComponent('displayName co "x"')}`);
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ scimType: 'invalidFilter' });
  });
});
