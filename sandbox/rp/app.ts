// A relying app (portal, home, accountsettings, the enterprise tenants): signs people in with OIDC
// authorization code + PKCE against connect (openid-client), keeps its own session cookie (a random id,
// stored hashed, renewed at every sign-in), shows who is signed in and signs out through connect.
import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import type Koa from 'koa';
import * as oidc from 'openid-client';
import type { AppDef } from '../apps.ts';
import { sql } from '../store/db.ts';
import { hashToken } from '../store/tokens.ts';
import { isLang, type Lang } from '../i18n/index.ts';
import type { Account } from '../store/accounts.ts';
import { cookieOptions, hostApp, i18n, readForm, render } from '../web/kit.ts';
import { html } from '../web/html.ts';
import { csrfField } from '../web/parts.ts';
import { loopbackDiscovery } from './loopback-fetch.ts';
import {
  appExtensionsFor,
  appSectionsFor,
  type AppHelpers,
  type AppSession,
  type Services,
} from '../connect/services.ts';

export type { AppHelpers, AppSession } from '../connect/services.ts';

const SESSION_COOKIE = 'app_session';
const PENDING_COOKIE = 'app_auth';
const SESSION_MS = 10 * 3600_000;

/** The language of an app's pages: the one its session chose at sign-in, else the account's own. */
export const appLang = (
  session: AppSession | undefined,
  account: Account | undefined,
): Lang | null | undefined => (isLang(session?.locale) ? session.locale : undefined) ?? account?.language;

export interface RelyingAppOptions {
  app: AppDef;
  clientSecret: string;
  /** connect's services: the apps live in the same process; the features add pages and sections. */
  services: Services;
}

/** What the handlers of one relying app share. */
interface Room {
  app: AppDef;
  services: Services;
  kit: Services['kit'];
  base: string;
  redirectUri: string;
  discover: ReturnType<typeof loopbackDiscovery>;
  helpers: AppHelpers;
}

export function createRelyingApp(o: RelyingAppOptions): Koa {
  const { app } = o;
  const { urls, kit } = o.services;
  const base = urls.app(app);
  const helpers: AppHelpers = { app, session: (ctx) => sessionOf(ctx, o), services: o.services };
  const room: Room = {
    app,
    services: o.services,
    kit,
    base,
    redirectUri: `${base}/callback`,
    discover: loopbackDiscovery(urls.connect, app.id, o.clientSecret),
    helpers,
  };
  const koa = hostApp(kit, () => app.title);
  const router = new Router();
  for (const extension of appExtensionsFor(o.services, app)) extension(router, helpers);

  router.get('/', (ctx) => showHome(ctx, room));
  router.get('/login', (ctx) => startLogin(ctx, room));
  router.get('/callback', (ctx) => finishLogin(ctx, room));
  router.post('/logout', (ctx) => logout(ctx, room));
  router.get('/signed-out', (ctx) => showSignedOut(ctx, room));

  koa.keys = [kit.secret.toString('base64url')];
  koa.use(router.routes()).use(router.allowedMethods());
  return koa;
}

/** This app's session behind the browser's cookie, if any and not expired. */
function sessionOf(ctx: Koa.Context, o: RelyingAppOptions): AppSession | undefined {
  const id = ctx.cookies.get(SESSION_COOKIE);
  if (!id) return undefined;
  const row = sql(
    o.services.db,
    'SELECT * FROM app_sessions WHERE id_hash = ? AND app = ? AND expires_at > ?',
  ).get(hashToken(id), o.app.id, Date.now()) as
    { sub: string; name: string; email: string; locale: string | null; id_token: string } | undefined;
  return row && { sub: row.sub, name: row.name, email: row.email, locale: row.locale, idToken: row.id_token };
}

async function showHome(ctx: Koa.Context, room: Room): Promise<void> {
  const { app, kit, helpers } = room;
  const s = helpers.session(ctx);
  if (!s) {
    ctx.redirect('/login');
    return;
  }
  const sections = appSectionsFor(room.services, app);
  const extra = await Promise.all(sections.map((section) => section.render(ctx, s, helpers)));
  const { t } = i18n(ctx, isLang(s.locale) ? s.locale : undefined);
  render(ctx, {
    title: app.title,
    appTitle: app.title,
    body: html`<h1>${app.title}</h1>
      <section aria-label="${t('app.signedInAs')}">
        <p>${t('app.signedInAs')}</p>
        <p><strong>${s.name}</strong></p>
        <p>${s.email}</p>
      </section>
      ${extra}
      <form method="post" action="/logout">
        ${csrfField(ctx, kit)}
        <button type="submit">${t('app.signOut')}</button>
      </form>`,
  });
}

async function startLogin(ctx: Koa.Context, room: Room): Promise<void> {
  const config = await room.discover();
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: room.redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    // connect asks for `prompt=login` after activation or a one-time link, so an older session of
    // another account in the same browser is not reused.
    ...(ctx.query.prompt === 'login' ? { prompt: 'login' } : {}),
  });
  const pending = Buffer.from(JSON.stringify({ verifier, state, nonce })).toString('base64url');
  ctx.cookies.set(PENDING_COOKIE, pending, { ...cookieOptions(room.kit, 15 * 60_000), signed: true });
  ctx.redirect(url.href);
}

async function finishLogin(ctx: Koa.Context, room: Room): Promise<void> {
  const { app, kit } = room;
  const { t } = i18n(ctx);
  const raw = ctx.cookies.get(PENDING_COOKIE, { signed: true });
  ctx.cookies.set(PENDING_COOKIE, null, { ...cookieOptions(kit), signed: true });
  const fail = (reason: string) =>
    render(ctx, {
      status: 400,
      title: t('error.title'),
      appTitle: app.title,
      body: html`<h1>${t('error.title')}</h1>
        <p class="error" role="alert">${t('app.callbackFailed', { reason })}</p>
        <p><a href="/login">${t('app.signIn')}</a></p>`,
    });
  if (!raw) return fail('no sign-in was started in this browser (or it took longer than 15 minutes)');
  let pending: { verifier: string; state: string; nonce: string };
  try {
    pending = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as typeof pending;
  } catch {
    return fail('the sign-in state is unreadable');
  }
  let tokens;
  try {
    tokens = await oidc.authorizationCodeGrant(await room.discover(), new URL(`${room.base}${ctx.url}`), {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  startSession(ctx, room, tokens);
  ctx.redirect('/');
}

/** A new app session for the tokens connect gave, replacing this browser's earlier one. */
function startSession(
  ctx: Koa.Context,
  room: Room,
  tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>,
): void {
  const { db } = room.services;
  const claims = tokens.claims()!;
  const old = ctx.cookies.get(SESSION_COOKIE);
  if (old) sql(db, 'DELETE FROM app_sessions WHERE id_hash = ?').run(hashToken(old));
  const id = randomBytes(32).toString('base64url');
  sql(
    db,
    `INSERT INTO app_sessions (id_hash, app, sub, name, email, locale, id_token, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    hashToken(id),
    room.app.id,
    claims.sub,
    String(claims.name ?? claims.email ?? claims.sub),
    String(claims.email ?? ''),
    typeof claims.locale === 'string' ? claims.locale : null,
    tokens.id_token!,
    Date.now(),
    Date.now() + SESSION_MS,
  );
  ctx.cookies.set(SESSION_COOKIE, id, cookieOptions(room.kit, SESSION_MS));
}

async function logout(ctx: Koa.Context, room: Room): Promise<void> {
  const { kit, services } = room;
  await readForm(ctx, kit);
  const s = room.helpers.session(ctx);
  const id = ctx.cookies.get(SESSION_COOKIE);
  if (id) sql(services.db, 'DELETE FROM app_sessions WHERE id_hash = ?').run(hashToken(id));
  ctx.cookies.set(SESSION_COOKIE, null, cookieOptions(kit));
  ctx.status = 303;
  if (!s) {
    ctx.redirect('/signed-out');
    return;
  }
  const url = oidc.buildEndSessionUrl(await room.discover(), {
    id_token_hint: s.idToken,
    post_logout_redirect_uri: `${room.base}/signed-out`,
  });
  ctx.redirect(url.href);
}

function showSignedOut(ctx: Koa.Context, room: Room): void {
  const { t } = i18n(ctx);
  render(ctx, {
    title: t('app.signedOut'),
    appTitle: room.app.title,
    body: html`<h1>${room.app.title}</h1>
      <p role="status">${t('app.signedOut')}</p>
      <p><a class="button" href="/login">${t('app.signIn')}</a></p>`,
  });
}
