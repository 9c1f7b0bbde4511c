// The device API of a simulated Visma Authenticator (JSON on connect):
//   POST /tfa/device/v1/pair                {code, name?}            → 201 {deviceId, deviceKey, account, otpauth}
//   GET  /tfa/device/v1/requests            Authorization: Device <deviceId>:<deviceKey> → {requests: [...]}
//   POST /tfa/device/v1/requests/:id        {decision: "approve" | "deny"} (same header) → {status}
// The pairing code is the `code` parameter of the URL in the wizard's Visma Authenticator QR code.
import type Koa from 'koa';
import { z } from 'zod';
import { accountNow } from '../store/accounts.ts';
import { otpauthUri, type Tfa } from './common.ts';
import { newId, sha256 } from './store/index.ts';

const fail = (ctx: Koa.Context, status: number, error: string) => {
  ctx.status = status;
  ctx.body = { error };
};

async function readJson(ctx: Koa.Context): Promise<unknown> {
  if (!ctx.is('application/json'))
    throw Object.assign(new Error('Send a JSON body (application/json).'), { status: 415 });
  let text = '';
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    text += chunk.toString('utf8');
    if (text.length > 4096) throw Object.assign(new Error('The body is too large.'), { status: 413 });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('The body is not valid JSON.'), { status: 400 });
  }
}

const pairSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'code must be the code from the QR code'),
    name: z.string().min(1).max(80).optional(),
  })
  .strict();
const decisionSchema = z.object({ decision: z.enum(['approve', 'deny']) }).strict();

export function registerDeviceApi(tfa: Tfa): void {
  const { router } = tfa.services;
  router.post(
    '/tfa/device/v1/pair',
    json((ctx) => pair(ctx, tfa)),
  );
  router.get(
    '/tfa/device/v1/requests',
    json((ctx) => listRequests(ctx, tfa)),
  );
  router.post(
    '/tfa/device/v1/requests/:id',
    json((ctx) => decide(ctx, tfa)),
  );
}

/** No caching, and a client's mistake (4xx) answered as {error}; anything else goes on up. */
const json = (h: (ctx: Koa.Context) => Promise<void> | void) => async (ctx: Koa.Context) => {
  ctx.set('cache-control', 'no-store');
  try {
    await h(ctx);
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) return fail(ctx, status, (error as Error).message);
    throw error;
  }
};

/** The paired, active device named by the Authorization header, or a 401. */
function device(ctx: Koa.Context, tfa: Tfa) {
  const m = /^Device ([A-Za-z0-9_-]{8,64}):(\S{16,200})$/.exec(ctx.get('authorization'));
  if (!m)
    throw Object.assign(new Error('Send Authorization: Device <deviceId>:<deviceKey>.'), { status: 401 });
  const d = tfa.store.devices.pushDevice(m[1]!);
  if (!d || d.keyHash !== sha256(m[2]!) || !d.active) {
    throw Object.assign(new Error('Unknown device or wrong device key (or enrolment not finished).'), {
      status: 401,
    });
  }
  return d;
}

async function pair(ctx: Koa.Context, tfa: Tfa): Promise<void> {
  const body = await readJson(ctx);
  const parsed = pairSchema.safeParse(body);
  if (!parsed.success) return fail(ctx, 400, parsed.error.issues.map((i) => i.message).join('; '));
  const pairing = tfa.store.devices.pairing(parsed.data.code);
  if (!pairing) return fail(ctx, 404, 'This pairing code is unknown or has expired; show the QR code again.');
  if (pairing.deviceId) return fail(ctx, 409, 'This QR code was used to pair a device already.');
  const account = tfa.services.accounts.byId(pairing.accountId);
  if (!account) return fail(ctx, 404, 'The account is gone.');
  const deviceId = newId(12);
  const deviceKey = newId(24);
  tfa.store.devices.addPushDevice(
    account,
    deviceId,
    deviceKey,
    parsed.data.name ?? 'Visma Authenticator',
    false,
  );
  tfa.store.devices.setPairingDevice(parsed.data.code, deviceId);
  ctx.status = 201;
  ctx.body = {
    deviceId,
    deviceKey,
    account: account.email,
    otpauth: otpauthUri(pairing.secret, account.email),
  };
}

function listRequests(ctx: Koa.Context, tfa: Tfa): void {
  const d = device(ctx, tfa);
  const account = tfa.services.accounts.byId(d.accountId)!;
  const now = accountNow(account);
  ctx.body = {
    requests: tfa.store.push
      .pendingPush(d.accountId)
      .filter((r) => r.expiresAt > now)
      .map((r) => ({
        id: r.id,
        app: r.app,
        account: account.email,
        createdAt: new Date(r.createdAt).toISOString(),
        expiresAt: new Date(r.expiresAt).toISOString(),
      })),
  };
}

async function decide(ctx: Koa.Context, tfa: Tfa): Promise<void> {
  const d = device(ctx, tfa);
  const parsed = decisionSchema.safeParse(await readJson(ctx));
  if (!parsed.success) return fail(ctx, 400, 'Send {"decision": "approve"} or {"decision": "deny"}.');
  const r = tfa.store.push.pushRequest(String(ctx.params.id));
  if (!r || r.accountId !== d.accountId) return fail(ctx, 404, 'No such sign-in request for this device.');
  const account = tfa.services.accounts.byId(d.accountId)!;
  if (r.status !== 'pending') return fail(ctx, 409, `This sign-in request is ${r.status} already.`);
  if (accountNow(account) >= r.expiresAt) return fail(ctx, 409, 'This sign-in request has timed out.');
  const status = parsed.data.decision === 'approve' ? 'approved' : 'denied';
  tfa.store.push.decidePush(r.id, status);
  ctx.body = { status };
}
