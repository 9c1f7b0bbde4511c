// The control API, only in test mode (SANDBOX_TEST_MODE): what a test cannot do through the UI. For now,
// moving one account's clock forward, so link expiry and lockout can be tested without sleeping and
// without disturbing other accounts (parallel tests) or real time. Same bearer token as SCIM.
import type Koa from 'koa';
import { z } from 'zod';
import { accountNow, type Account } from '../store/accounts.ts';
import type { Services } from './services.ts';
import { requireBearer } from './scim.ts';

const advanceSchema = z
  .object({
    advanceSeconds: z
      .number()
      .int('advanceSeconds must be a whole number')
      .positive('advanceSeconds must be greater than 0')
      .max(10 * 366 * 24 * 3600, 'advanceSeconds must be at most 10 years'),
  })
  .strict();

function clockView(account: Account) {
  return {
    id: account.id,
    userName: account.email,
    offsetSeconds: Math.round(account.clockOffsetMs / 1000),
    now: new Date(accountNow(account)).toISOString(),
  };
}

function fail(ctx: Koa.Context, status: number, error: string) {
  ctx.status = status;
  ctx.body = { error };
}

export function registerControl(services: Services): void {
  const { router, accounts } = services;
  if (!services.config.SANDBOX_TEST_MODE) return;

  router.use('/control/v1', async (ctx, next) => {
    try {
      requireBearer(ctx, services);
    } catch (error) {
      return fail(ctx, 401, (error as Error).message);
    }
    await next();
  });

  router.get('/control/v1/accounts/:id/clock', (ctx) => {
    const account = accounts.byId(ctx.params.id!);
    if (!account) return fail(ctx, 404, `No account with id ${ctx.params.id}.`);
    ctx.body = clockView(account);
  });

  router.post('/control/v1/accounts/:id/clock', async (ctx) => {
    const account = accounts.byId(ctx.params.id!);
    if (!account) return fail(ctx, 404, `No account with id ${ctx.params.id}.`);
    if (!ctx.is('application/json')) return fail(ctx, 415, 'Send a JSON body: {"advanceSeconds": 3600}.');
    let body: unknown;
    try {
      let text = '';
      for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
        text += chunk.toString('utf8');
        if (text.length > 4096) return fail(ctx, 413, 'The body is too large.');
      }
      body = JSON.parse(text);
    } catch {
      return fail(ctx, 400, 'The body is not valid JSON; send {"advanceSeconds": 3600}.');
    }
    const parsed = advanceSchema.safeParse(body);
    if (!parsed.success) return fail(ctx, 400, parsed.error.issues.map((i) => i.message).join('; '));
    const updated = accounts.update(account.id, {
      clockOffsetMs: account.clockOffsetMs + parsed.data.advanceSeconds * 1000,
    })!;
    ctx.body = clockView(updated);
  });
}
