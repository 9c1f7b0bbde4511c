// SCIM 2.0 provisioning (RFC 7643/7644) at /scim/v2/Users: create, get, list with `userName eq "..."`,
// replace, patch, delete. Core User schema plus a sandbox extension that seeds what a test needs:
// invited vs active, password, language, phone, country, the app the invitation is for, tenants.
// Errors are SCIM error JSON with a detail naming the problem; nothing changes on an error.
import { timingSafeEqual, createHash } from 'node:crypto';
import type Koa from 'koa';
import { z } from 'zod';
import { APPS } from '../apps.ts';
import { type Account, type AccountChanges, type Language } from '../store/accounts.ts';
import { HISTORY_SIZE, checkPasswordShape, hashPassword, isReused } from '../security/passwords.ts';
import { isEmail } from '../web/kit.ts';
import { translator } from '../i18n/index.ts';
import { sendActivationMail } from './recovery.ts';
import { seedValidatorsOf, type SeedValidator, type Services } from './services.ts';

export const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const EXT = 'urn:guidewright:params:scim:schemas:extension:sandbox:2.0:User';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BODY_LIMIT = 64 * 1024;

class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: string,
  ) {
    super(detail);
  }
}

const language = z
  .string()
  .transform((v) => v.toLowerCase())
  .pipe(z.enum(['en', 'nb', 'no', 'en-gb', 'en-us', 'nb-no']))
  .transform((v): Language => (v.startsWith('en') ? 'en' : 'nb'));

const extSchemaFor = (validators: readonly SeedValidator[]) =>
  z
    .object({
      status: z.enum(['invited', 'active']).optional(),
      password: z.string().max(128).optional(),
      language: language.nullable().optional(),
      phone: z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +4791234567')
        .nullable()
        .optional(),
      country: z.string().max(60).nullable().optional(),
      app: z.enum(APPS.map((a) => a.id) as [string, ...string[]]).optional(),
      tenants: z
        .array(z.string().regex(/^[a-z0-9-]{1,40}$/))
        .max(50)
        .optional(),
      /** Seeds for the features (2FA, eID), stored as given; each feature checks its own part. */
      seeds: z
        .record(z.string(), z.unknown())
        .optional()
        .superRefine((v, ctx) => {
          for (const validate of validators) validate(v, ctx);
        }),
    })
    .strict();

const userSchemaFor = (validators: readonly SeedValidator[]) =>
  z
    .object({
      schemas: z.array(z.string()).refine((s) => s.includes(CORE), `schemas must include ${CORE}`),
      userName: z.string().max(254).refine(isEmail, 'userName must be an email address'),
      externalId: z.string().max(200).nullable().optional(),
      name: z
        .object({
          givenName: z.string().max(100).optional(),
          familyName: z.string().max(100).optional(),
          formatted: z.string().max(200).optional(),
        })
        .optional(),
      displayName: z.string().max(200).optional(),
      emails: z
        .array(z.object({ value: z.string(), type: z.string().optional(), primary: z.boolean().optional() }))
        .optional(),
      phoneNumbers: z
        .array(z.object({ value: z.string(), type: z.string().optional(), primary: z.boolean().optional() }))
        .optional(),
      preferredLanguage: language.nullable().optional(),
      locale: z.string().max(20).optional(),
      active: z.boolean().optional(),
      password: z.string().max(128).optional(),
      [EXT]: extSchemaFor(validators).optional(),
      id: z.string().optional(),
      meta: z.unknown().optional(),
    })
    .strict();

type UserInput = z.infer<ReturnType<typeof userSchemaFor>>;

function zodDetail(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}

function toResource(services: Services, a: Account) {
  const formatted = a.displayName || [a.givenName, a.familyName].filter(Boolean).join(' ');
  const location = `${services.urls.connect}/scim/v2/Users/${a.id}`;
  return {
    schemas: [CORE, EXT],
    id: a.id,
    ...(a.externalId ? { externalId: a.externalId } : {}),
    userName: a.email,
    name: { givenName: a.givenName, familyName: a.familyName, formatted },
    displayName: formatted,
    emails: [{ value: a.email, type: 'work', primary: true }],
    ...(a.phone ? { phoneNumbers: [{ value: a.phone, type: 'mobile', primary: true }] } : {}),
    ...(a.language ? { preferredLanguage: a.language } : {}),
    active: a.enabled,
    [EXT]: {
      status: a.status,
      language: a.language,
      phone: a.phone,
      country: a.country,
      app: a.app,
      tenants: a.tenants,
      hasPassword: a.passwordHash !== null,
      ...(Object.keys(a.extension).length ? { seeds: a.extension } : {}),
    },
    meta: {
      resourceType: 'User',
      created: new Date(a.createdAt).toISOString(),
      lastModified: new Date(a.updatedAt).toISOString(),
      location,
      version: `W/"${a.updatedAt}"`,
    },
  };
}

async function passwordProblem(
  services: Services,
  password: string,
  account?: Account,
): Promise<string | null> {
  const t = translator('en');
  const problems = checkPasswordShape(password, password);
  if (problems.length > 0) return problems.map((p) => t(`pwerr.${p}`)).join(' ');
  if (account && (await isReused(password, services.accounts.passwordHistory(account.id, HISTORY_SIZE)))) {
    return t('pwerr.reused');
  }
  return null;
}

/** The account fields a full User resource describes. */
function changesFrom(input: UserInput): AccountChanges {
  const ext = input[EXT] ?? {};
  const phone = ext.phone ?? input.phoneNumbers?.[0]?.value ?? null;
  if (phone !== null && !/^\+[1-9]\d{6,14}$/.test(phone)) {
    throw new ScimError(
      400,
      'phoneNumbers[0].value: must be an E.164 number such as +4791234567',
      'invalidValue',
    );
  }
  const emails = input.emails?.map((e) => e.value) ?? [];
  if (emails.length > 0 && !emails.some((e) => e.toLowerCase() === input.userName.toLowerCase())) {
    throw new ScimError(400, 'emails: must include userName (the sign-in email)', 'invalidValue');
  }
  const [first, ...rest] = (input.name?.formatted ?? input.displayName ?? '').trim().split(/\s+/);
  return {
    email: input.userName.trim(),
    externalId: input.externalId ?? null,
    givenName: input.name?.givenName ?? (input.name?.familyName === undefined ? (first ?? '') : ''),
    familyName: input.name?.familyName ?? (input.name?.givenName === undefined ? rest.join(' ') : ''),
    displayName: input.displayName ?? input.name?.formatted ?? '',
    language: ext.language ?? input.preferredLanguage ?? null,
    country: ext.country ?? null,
    phone,
    enabled: input.active ?? true,
    ...(ext.app ? { app: ext.app } : {}),
    ...(ext.tenants ? { tenants: ext.tenants } : {}),
    ...(ext.seeds ? { extension: ext.seeds } : {}),
    ...(ext.status ? { status: ext.status } : {}),
  };
}

async function readJson(ctx: Koa.Context): Promise<unknown> {
  if (!ctx.is('application/scim+json', 'application/json')) {
    throw new ScimError(
      415,
      'Send the body as application/scim+json (or application/json).',
      'invalidSyntax',
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= BODY_LIMIT) chunks.push(chunk);
  }
  if (size > BODY_LIMIT) throw new ScimError(413, `The body is larger than ${BODY_LIMIT} bytes.`, 'tooMany');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (error) {
    throw new ScimError(400, `The body is not valid JSON: ${(error as Error).message}`, 'invalidSyntax');
  }
}

/**
 * Characters no SCIM string field may hold: C0 and C1 controls (NUL, line breaks, escape, ...) and the
 * bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) that make a name read other than it is.
 */
const HIDDEN_CHARACTER = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

const codePoint = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Refuses the first string anywhere in the body that holds a hidden character, naming its field. */
function refuseHiddenCharacters(value: unknown, path: string): void {
  if (typeof value === 'string') {
    const found = HIDDEN_CHARACTER.exec(value);
    if (found) {
      throw new ScimError(
        400,
        `${path || '(body)'}: must not contain control or bidirectional formatting characters (found ${codePoint(found[0])})`,
        'invalidValue',
      );
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => refuseHiddenCharacters(v, `${path}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) refuseHiddenCharacters(v, path ? `${path}.${key}` : key);
  }
}

function parseUser(services: Services, body: unknown): UserInput {
  refuseHiddenCharacters(body, '');
  const parsed = userSchemaFor(seedValidatorsOf(services)).safeParse(body);
  if (!parsed.success) throw new ScimError(400, zodDetail(parsed.error), 'invalidValue');
  return parsed.data;
}

const patchSchema = z
  .object({
    schemas: z.array(z.string()).refine((s) => s.includes(PATCH), `schemas must include ${PATCH}`),
    Operations: z
      .array(
        z.object({
          op: z
            .string()
            .transform((v) => v.toLowerCase())
            .pipe(z.enum(['add', 'replace', 'remove'])),
          path: z.string().max(200).optional(),
          value: z.unknown().optional(),
        }),
      )
      .min(1, 'Operations must not be empty')
      .max(100),
  })
  .strict();

const SIMPLE_PATHS = new Set([
  'userName',
  'externalId',
  'displayName',
  'active',
  'preferredLanguage',
  'locale',
  'emails',
  'phoneNumbers',
  'name',
  'name.givenName',
  'name.familyName',
  'name.formatted',
  'password',
]);
const EXT_FIELDS = new Set(['status', 'password', 'language', 'phone', 'country', 'app', 'tenants', 'seeds']);

/** Applies PatchOp operations to the resource's JSON form; the result is then validated as a whole. */
function applyPatch(
  resource: Record<string, unknown>,
  operations: z.infer<typeof patchSchema>['Operations'],
) {
  const doc = structuredClone(resource);
  const ext = () => (doc[EXT] ??= {}) as Record<string, unknown>;
  for (const op of operations) {
    if (!op.path) {
      if (op.op === 'remove') throw new ScimError(400, 'remove needs a path', 'noTarget');
      if (!op.value || typeof op.value !== 'object' || Array.isArray(op.value)) {
        throw new ScimError(400, 'an operation without a path needs an object value', 'invalidValue');
      }
      for (const [key, value] of Object.entries(op.value as Record<string, unknown>)) {
        if (key === EXT && value && typeof value === 'object') Object.assign(ext(), value);
        else if (key === 'name' && value && typeof value === 'object') {
          doc.name = { ...(doc.name as object), ...(value as object) };
        } else doc[key] = value;
      }
      continue;
    }
    let target: Record<string, unknown> = doc;
    let key = op.path;
    if (op.path.startsWith(`${EXT}:`)) {
      key = op.path.slice(EXT.length + 1);
      if (!EXT_FIELDS.has(key)) throw new ScimError(400, `unknown path ${op.path}`, 'invalidPath');
      target = ext();
    } else {
      if (!SIMPLE_PATHS.has(op.path)) {
        throw new ScimError(
          400,
          `unsupported path ${op.path} (filters in paths are not supported)`,
          'invalidPath',
        );
      }
      if (op.path.startsWith('name.')) {
        target = (doc.name ??= {}) as Record<string, unknown>;
        key = op.path.slice(5);
      }
    }
    if (op.op === 'remove') delete target[key];
    else target[key] = op.value;
  }
  // Read-only parts of the representation.
  const e = doc[EXT] as Record<string, unknown> | undefined;
  if (e) delete e.hasPassword;
  delete doc.meta;
  return doc;
}

function authorised(ctx: Koa.Context, token: string): boolean {
  const given = ctx.get('authorization').match(/^Bearer\s+(.+)$/i)?.[1] ?? '';
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b) && given.length > 0;
}

export function requireBearer(ctx: Koa.Context, services: Services): void {
  if (!authorised(ctx, services.config.SCIM_TOKEN)) {
    ctx.set('www-authenticate', 'Bearer realm="sandbox"');
    throw new ScimError(401, 'Missing or wrong bearer token (Authorization: Bearer <SCIM_TOKEN>).');
  }
}

export function registerScim(services: Services): void {
  const { router } = services;
  router.use('/scim/v2', (ctx, next) => scimErrors(ctx, next, services));
  router.get('/scim/v2/ServiceProviderConfig', serviceProviderConfig);
  router.get('/scim/v2/ResourceTypes', resourceTypes);
  router.get('/scim/v2/Users', (ctx) => listUsers(ctx, services));
  router.get('/scim/v2/Users/:id', (ctx) => reply(ctx, services, 200, found(services, ctx.params.id!)));
  router.post('/scim/v2/Users', (ctx) => createUser(ctx, services));
  router.put('/scim/v2/Users/:id', (ctx) => replaceUser(ctx, services));
  router.patch('/scim/v2/Users/:id', (ctx) => patchUser(ctx, services));
  router.delete('/scim/v2/Users/:id', (ctx) => deleteUser(ctx, services));
}

/** The bearer check for every SCIM path, and every failure below it as SCIM error JSON. */
async function scimErrors(ctx: Koa.Context, next: Koa.Next, services: Services): Promise<void> {
  try {
    requireBearer(ctx, services);
    await next();
    if (ctx.status === 404 && ctx.body === undefined)
      throw new ScimError(404, `No SCIM endpoint at ${ctx.path}.`);
  } catch (error) {
    const e =
      error instanceof ScimError
        ? error
        : (console.error('sandbox: SCIM request failed:', (error as Error).stack),
          new ScimError(500, 'Internal error'));
    ctx.status = e.status;
    ctx.type = 'application/scim+json';
    ctx.body = {
      schemas: [ERROR],
      status: String(e.status),
      ...(e.scimType ? { scimType: e.scimType } : {}),
      detail: e.detail,
    };
  }
}

function found(services: Services, id: string): Account {
  const account = services.accounts.byId(id);
  if (!account) throw new ScimError(404, `No user with id ${id}.`);
  return account;
}

function reply(ctx: Koa.Context, services: Services, status: number, account: Account): void {
  ctx.status = status;
  ctx.type = 'application/scim+json';
  ctx.set('location', `${services.urls.connect}/scim/v2/Users/${account.id}`);
  ctx.set('etag', `W/"${account.updatedAt}"`);
  ctx.body = toResource(services, account);
}

/** Validates and stores a full representation for an existing account (PUT and PATCH). */
async function replace(services: Services, account: Account, body: unknown): Promise<Account> {
  const { accounts } = services;
  const input = parseUser(services, body);
  const changes = changesFrom(input);
  const other = accounts.byEmail(changes.email!);
  if (other && other.id !== account.id)
    throw new ScimError(409, `userName ${changes.email} is taken.`, 'uniqueness');
  const password = input[EXT]?.password ?? input.password;
  let hash: string | undefined;
  if (password !== undefined) {
    const problem = await passwordProblem(services, password, account);
    if (problem) throw new ScimError(400, `password: ${problem}`, 'invalidValue');
    hash = await hashPassword(password, services.config.SANDBOX_SCRYPT_N);
  }
  if (hash) {
    if (!input[EXT]?.status) changes.status = 'active';
    accounts.update(account.id, changes);
    accounts.setPassword(account.id, hash, Date.now() + account.clockOffsetMs);
    if (changes.status === 'invited') accounts.update(account.id, { status: 'invited' });
  } else accounts.update(account.id, changes);
  return found(services, account.id);
}

// Discovery (RFC 7644 §4): what this server supports, so SCIM clients need no guessing.
function serviceProviderConfig(ctx: Koa.Context): void {
  ctx.type = 'application/scim+json';
  ctx.body = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: true },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: 'oauthbearertoken', name: 'Bearer token', description: 'Authorization: Bearer <SCIM_TOKEN>' },
    ],
  };
}

function resourceTypes(ctx: Koa.Context): void {
  ctx.type = 'application/scim+json';
  ctx.body = {
    schemas: [LIST],
    totalResults: 1,
    Resources: [
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
        id: 'User',
        name: 'User',
        endpoint: '/Users',
        schema: CORE,
        schemaExtensions: [{ schema: EXT, required: false }],
      },
    ],
  };
}

function listUsers(ctx: Koa.Context, services: Services): void {
  const { accounts } = services;
  const filter = typeof ctx.query.filter === 'string' ? ctx.query.filter : undefined;
  const startIndex = Math.max(1, Number(ctx.query.startIndex ?? 1) || 1);
  const count = Math.min(200, Math.max(0, Number(ctx.query.count ?? 100) || 0));
  let items: Account[];
  let total: number;
  if (filter !== undefined) {
    const m = filter.match(/^\s*userName\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i);
    if (!m) throw new ScimError(400, 'Only the filter userName eq "<email>" is supported.', 'invalidFilter');
    const account = accounts.byEmail(m[1]!.replace(/\\(.)/g, '$1'));
    items = account ? [account] : [];
    total = items.length;
    items = items.slice(startIndex - 1, startIndex - 1 + count);
  } else {
    const page = accounts.list(startIndex - 1, count);
    items = page.items;
    total = page.total;
  }
  ctx.type = 'application/scim+json';
  ctx.body = {
    schemas: [LIST],
    totalResults: total,
    startIndex,
    itemsPerPage: items.length,
    Resources: items.map((a) => toResource(services, a)),
  };
}

async function createUser(ctx: Koa.Context, services: Services): Promise<void> {
  const { accounts } = services;
  const input = parseUser(services, await readJson(ctx));
  const changes = changesFrom(input);
  if (accounts.byEmail(changes.email!))
    throw new ScimError(409, `userName ${changes.email} is taken.`, 'uniqueness');
  const password = input[EXT]?.password ?? input.password;
  let hash: string | undefined;
  if (password !== undefined) {
    const problem = await passwordProblem(services, password);
    if (problem) throw new ScimError(400, `password: ${problem}`, 'invalidValue');
    hash = await hashPassword(password, services.config.SANDBOX_SCRYPT_N);
  }
  const status = input[EXT]?.status ?? (hash ? 'active' : 'invited');
  let account = accounts.create({
    ...changes,
    email: changes.email!,
    status,
    app: changes.app ?? 'portal',
  });
  if (hash) {
    accounts.setPassword(account.id, hash, Date.now());
    if (status === 'invited') accounts.update(account.id, { status: 'invited' });
  }
  account = found(services, account.id);
  if (account.status === 'invited') {
    await sendActivationMail(services, account).catch((error: unknown) =>
      console.error('sandbox: could not send the activation mail:', (error as Error).message),
    );
  }
  reply(ctx, services, 201, account);
}

async function replaceUser(ctx: Koa.Context, services: Services): Promise<void> {
  const account = found(services, ctx.params.id!);
  reply(ctx, services, 200, await replace(services, account, await readJson(ctx)));
}

async function patchUser(ctx: Koa.Context, services: Services): Promise<void> {
  const account = found(services, ctx.params.id!);
  const parsed = patchSchema.safeParse(await readJson(ctx));
  if (!parsed.success) throw new ScimError(400, zodDetail(parsed.error), 'invalidValue');
  const before = toResource(services, account) as Record<string, unknown>;
  const after = applyPatch(before, parsed.data.Operations);
  // Name parts given in a patch win over the formatted name derived from them before.
  const name = after.name as Record<string, unknown> | undefined;
  if (
    name &&
    parsed.data.Operations.some((o) => o.path?.startsWith('name.') && o.path !== 'name.formatted')
  ) {
    delete name.formatted;
    delete after.displayName;
  }
  reply(ctx, services, 200, await replace(services, account, after));
}

function deleteUser(ctx: Koa.Context, services: Services): void {
  const account = found(services, ctx.params.id!);
  services.accounts.delete(account.id);
  ctx.status = 204;
}
