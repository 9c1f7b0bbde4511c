// SCIM refuses hidden characters in string fields: C0/C1 controls (NUL included) and the bidirectional
// overrides and isolates that make a name read other than it is. 400 with a SCIM error whose detail names
// the field, on create, replace and patch, and nothing is stored.
import { test, expect } from '@playwright/test';
import { CORE, EXT, createUser, deleteUser, scimRequest, uniqueEmail } from './identity-support.ts';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Characters to refuse, by name (the names reach the report; the characters would not show). */
const HIDDEN: Array<[string, string]> = [
  ['NUL', '\u0000'],
  ['line feed', '\n'],
  ['escape', '\u001b'],
  ['DEL', '\u007f'],
  ['C1 next line', '\u0085'],
  ['left-to-right embedding U+202A', '\u202a'],
  ['right-to-left override U+202E', '\u202e'],
  ['left-to-right isolate U+2066', '\u2066'],
  ['pop directional isolate U+2069', '\u2069'],
];

interface ScimErrorBody {
  schemas: string[];
  status: string;
  scimType?: string;
  detail: string;
}

function expectRefused(res: { status: number; json: <T>() => T }, field: string, what: string) {
  expect(res.status, what).toBe(400);
  const error = res.json<ScimErrorBody>();
  expect(error.schemas).toEqual([ERROR]);
  expect(error.scimType).toBe('invalidValue');
  expect(error.detail, what).toContain(field);
  expect(error.detail).toMatch(/control or bidirectional/);
}

test('create: userName and the other string fields refuse each hidden character', async () => {
  for (const [name, c] of HIDDEN) {
    const email = uniqueEmail('hidden');
    const [local, domain] = email.split('@');
    const cases: Array<[string, Record<string, unknown>]> = [
      ['userName', { userName: `${local}${c}@${domain}` }],
      ['name.givenName', { userName: email, name: { givenName: `Ev${c}il`, familyName: 'Person' } }],
      ['name.familyName', { userName: email, name: { givenName: 'Eve', familyName: `${c}nosreP` } }],
      ['displayName', { userName: email, displayName: `Eve ${c}Person` }],
      ['externalId', { userName: email, externalId: `ext${c}1` }],
      [`${EXT}.country`, { userName: email, [EXT]: { country: `Nor${c}way` } }],
    ];
    for (const [field, body] of cases) {
      const res = await scimRequest('POST', '/Users', { schemas: [CORE, EXT], ...body });
      expectRefused(res, field, `${name} in ${field}`);
    }
    const after = await scimRequest('GET', `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`);
    expect(after.json(), `${name}: nothing created`).toMatchObject({ totalResults: 0 });
  }
});

test('replace and patch refuse hidden characters too, and the user stays as it was', async () => {
  const email = uniqueEmail('hidden-update');
  const user = await createUser({ email, givenName: 'Plain', familyName: 'Person' });
  const put = await scimRequest('PUT', `/Users/${user.id}`, {
    schemas: [CORE],
    userName: email,
    name: { givenName: 'Plain\u202egnp.exe', familyName: 'Person' },
  });
  expectRefused(put, 'name.givenName', 'PUT with U+202E');
  const patch = await scimRequest('PATCH', `/Users/${user.id}`, {
    schemas: [PATCH],
    Operations: [{ op: 'replace', path: 'name.familyName', value: 'Per\u0000son' }],
  });
  expectRefused(patch, 'name.familyName', 'PATCH with NUL');
  const now = await scimRequest('GET', `/Users/${user.id}`);
  expect(now.json()).toMatchObject({ userName: email, name: { givenName: 'Plain', familyName: 'Person' } });
  await deleteUser(user.id);
});

test('ordinary non-ASCII text is still taken (ø, å, accents, right-to-left script)', async () => {
  const email = uniqueEmail('unicode');
  const res = await scimRequest('POST', '/Users', {
    schemas: [CORE],
    userName: email,
    name: { givenName: 'Bjørn Ådne', familyName: 'Ñúñez שלום' },
  });
  expect(res.status).toBe(201);
  const body = res.json<{ id: string; name: { givenName: string; familyName: string } }>();
  expect(body.name).toMatchObject({ givenName: 'Bjørn Ådne', familyName: 'Ñúñez שלום' });
  await deleteUser(body.id);
});
