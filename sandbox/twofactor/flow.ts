// Where a two-step screen runs: inside a sign-in (/interaction/:uid/tfa/..., the sign-in's state holds
// the wizard's scratch data) or from Account Settings (/account/tfa/:flow/..., a flow row bound to this
// browser by a cookie). Both give the screens the same view: the account, a scratch object, a base path
// and what "finished" means.
import type Koa from 'koa';
import { appById, type AppDef } from '../apps.ts';
import { accountNow, type Account } from '../store/accounts.ts';
import { PageError, cookieOptions, readForm, seeOther } from '../web/kit.ts';
import { finishSignIn, requireStep } from '../connect/pipeline.ts';
import { loadInteraction } from '../connect/signin.ts';
import { REMEMBER_COOKIE, REMEMBER_MS, type Tfa } from './common.ts';
import { newId, sha256 } from './store/index.ts';

export const FLOW_COOKIE = 'tfa_flow';
export const FLOW_TTL_MS = 30 * 60_000;

export interface Scratch {
  /** Key being enrolled (not yet the account's). */
  totpSecret?: string;
  /** Code that a Visma Authenticator uses to pair from the QR code. */
  pairCode?: string;
  pairedDevice?: string;
  totpVerified?: boolean;
  phone?: string;
  phoneVerified?: boolean;
  emergencyCode?: string;
  /** The wizard was started ("Enable" on the intro, or re-enrolment after an emergency code). */
  started?: boolean;
  /** The wizard stored the new two-step settings (the emergency code step): "Done" may finish now. */
  enrolled?: boolean;
  /** Re-enrolment after a used emergency code: the authenticator only. */
  reenrol?: boolean;
  /** Sign-in: push request of this sign-in. */
  pushId?: string;
  /** Sign-in: the challenge was passed with an emergency code, the lost-app question is pending. */
  emergencyUsed?: boolean;
  /** Sign-in: "Remember this device" ticked on the code screen. */
  remember?: boolean;
  /** Sign-in: the postponement counter was counted for this sign-in. */
  counted?: boolean;
  /** WebAuthn challenge of this page. */
  challenge?: string;
}

export interface Flow {
  kind: 'signin' | 'settings';
  account: Account;
  app: AppDef;
  clientId: string;
  /** Path prefix of this flow's screens. */
  base: string;
  data: Scratch;
  /** The enrolment may be postponed ("Remind me later"). */
  optional: boolean;
  save(): void;
  /** The wizard (or the challenge) is done: continue the sign-in, or go back to Account Settings. */
  complete(ctx: Koa.Context, how: { enrolled?: boolean; amr?: string[] }): Promise<void>;
  /** "Remind me later". */
  postpone(ctx: Koa.Context): Promise<void>;
}

export const SIGNIN_PREFIX = '/interaction/:uid/tfa';
export const SETTINGS_PREFIX = '/account/tfa/:flow';

/** Loads the flow a request belongs to (or refuses the request). */
export type ResolveFlow = (ctx: Koa.Context) => Promise<Flow>;

/** Which screens of a sign-in's two-step part a request is for: the set-up wizard or the challenge. */
export type FlowPart = 'wizard' | 'challenge';

/** Refuses a screen whose earlier steps this flow has not done (checked on the server, not by the page). */
export function requireDone(done: boolean | undefined): void {
  if (!done) throw new PageError(403, 'error.stepOrder');
}

/** Sends the browser on to another screen of the flow. */
export const go = (ctx: Koa.Context, flow: Flow, screen: string): void =>
  seeOther(ctx, `${flow.base}/${screen}`);

/** Routes for a flow's screens under a prefix; a post's form is checked (size, CSRF) before the flow is loaded. */
export function flowRoutes(tfa: Tfa, prefix: string, resolve: ResolveFlow) {
  const { router, kit } = tfa.services;
  return {
    get: (path: string, h: (ctx: Koa.Context, flow: Flow) => Promise<void> | void) =>
      router.get(`${prefix}/${path}`, async (ctx) => h(ctx, await resolve(ctx))),
    post: (path: string, h: (ctx: Koa.Context, flow: Flow, form: URLSearchParams) => Promise<void> | void) =>
      router.post(`${prefix}/${path}`, async (ctx) => {
        const form = await readForm(ctx, kit);
        await h(ctx, await resolve(ctx), form);
      }),
  };
}

export async function signInFlow(
  ctx: Koa.Context,
  tfa: Tfa,
  optional: (app: AppDef, a: Account) => boolean,
  part: FlowPart,
) {
  const { services } = tfa;
  const info = await loadInteraction(ctx, services);
  const state = info.state;
  const data = ((state.data.tfa as Scratch | undefined) ?? {}) as Scratch;
  // The challenge's screens open only when the pipeline asked for the challenge; the wizard's only when it
  // asked for enrolment, or inside a challenge already passed with the emergency code (re-enrolment).
  if (part === 'challenge' || !(state.current === 'tfa-challenge' && data.reenrol)) {
    requireStep(state, part === 'challenge' ? 'tfa-challenge' : 'tfa-enrol');
  }
  const account = state.accountId ? services.accounts.byId(state.accountId) : undefined;
  if (!account) throw new PageError(400, 'signin.expired');
  state.data.tfa = data;
  const flow: Flow = {
    kind: 'signin',
    account,
    app: info.app,
    clientId: info.clientId,
    base: `/interaction/${info.uid}/tfa`,
    data,
    optional: optional(info.app, account),
    save: () => services.interactions.save(info.uid, state),
    async complete(c, how) {
      for (const id of ['tfa-enrol', 'tfa-challenge']) if (!state.done.includes(id)) state.done.push(id);
      state.amr.push(...(how.amr ?? ['otp', 'mfa']));
      const remember = data.remember;
      delete state.data.tfa;
      if (remember) rememberDevice(c, tfa, account);
      await finishSignIn(c, services, info.uid, info.clientId, state);
    },
    async postpone(c) {
      requireStep(state, 'tfa-enrol');
      tfa.store.methods.update(account, {
        postponedSignins: services.config.SANDBOX_2FA_REMIND_AFTER_SIGNINS - 1,
      });
      state.done.push('tfa-enrol');
      delete state.data.tfa;
      await finishSignIn(c, services, info.uid, info.clientId, state);
    },
  };
  return flow;
}

export function settingsFlow(ctx: Koa.Context, tfa: Tfa, purpose = 'enable'): Flow {
  const { services } = tfa;
  const id = String(ctx.params.flow ?? '');
  const row = tfa.store.flows.flow(id);
  const cookie = ctx.cookies.get(FLOW_COOKIE);
  if (!row || row.purpose !== purpose || !cookie || sha256(cookie) !== sha256(id))
    throw new PageError(400, 'tfa.err.flow');
  const account = services.accounts.byId(row.accountId);
  if (!account) throw new PageError(400, 'tfa.err.flow');
  const app = appById('accountsettings')!;
  const back = `${services.urls.app(app)}/`;
  const data = row.data as Scratch;
  return {
    kind: 'settings',
    account,
    app,
    clientId: app.id,
    base: `/account/tfa/${id}`,
    data,
    optional: true,
    save: () => tfa.store.flows.saveFlow(id, data as Record<string, unknown>),
    complete(c) {
      tfa.store.flows.endFlow(id);
      c.cookies.set(FLOW_COOKIE, null, cookieOptions(services.kit));
      seeOther(c, back);
      return Promise.resolve();
    },
    postpone(c) {
      return this.complete(c, {});
    },
  };
}

export function rememberedTokens(ctx: Koa.Context): string[] {
  const raw = ctx.cookies.get(REMEMBER_COOKIE) ?? '';
  return raw
    .split('.')
    .filter((t) => /^[A-Za-z0-9_-]{20,60}$/.test(t))
    .slice(0, 10);
}

function rememberDevice(ctx: Koa.Context, tfa: Tfa, account: Account) {
  const token = newId(24);
  // The account clock decides expiry (tests advance it); the cookie itself lives 30 real days.
  tfa.store.remembered.remember(account, token, accountNow(account) + REMEMBER_MS);
  const tokens = [token, ...rememberedTokens(ctx)].slice(0, 10);
  ctx.cookies.set(REMEMBER_COOKIE, tokens.join('.'), cookieOptions(tfa.services.kit, REMEMBER_MS));
}
