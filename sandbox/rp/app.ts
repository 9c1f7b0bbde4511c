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

export function createRelyingApp(o: RelyingAppOptions): Koa {
  const { app } = o;
  const { urls, db, kit } = o.services;
  const base = urls.app(app);
  const redirectUri = `${base}/callback`;
  const discover = loopbackDiscovery(urls.connect, app.id, o.clientSecret);

  const session = (ctx: Koa.Context): AppSession | undefined => {
    const id = ctx.cookies.get(SESSION_COOKIE);
    if (!id) return undefined;
    const row = sql(db, 'SELECT * FROM app_sessions WHERE id_hash = ? AND app = ? AND expires_at > ?').get(
      hashToken(id),
      app.id,
      Date.now(),
    ) as { sub: string; name: string; email: string; locale: string | null; id_token: string } | undefined;
    return (
      row && { sub: row.sub, name: row.name, email: row.email, locale: row.locale, idToken: row.id_token }
    );
  };

  const helpers: AppHelpers = { app, session, services: o.services };
  const koa = hostApp(kit, () => app.title);
  const router = new Router();
  for (const extension of appExtensionsFor(o.services, app)) extension(router, helpers);
  const ownSections = () => appSectionsFor(o.services, app);

  router.get('/', async (ctx) => {
    const s = session(ctx);
    if (!s) {
      ctx.redirect('/login');
      return;
    }
    const extra = await Promise.all(ownSections().map((section) => section.render(ctx, s, helpers)));
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
  });

  router.get('/login', async (ctx) => {
    const config = await discover();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
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
    ctx.cookies.set(PENDING_COOKIE, pending, { ...cookieOptions(kit, 15 * 60_000), signed: true });
    ctx.redirect(url.href);
  });

  router.get('/callback', async (ctx) => {
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
      tokens = await oidc.authorizationCodeGrant(await discover(), new URL(`${base}${ctx.url}`), {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      return fail((error as Error).message);
    }
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
      app.id,
      claims.sub,
      String(claims.name ?? claims.email ?? claims.sub),
      String(claims.email ?? ''),
      typeof claims.locale === 'string' ? claims.locale : null,
      tokens.id_token!,
      Date.now(),
      Date.now() + SESSION_MS,
    );
    ctx.cookies.set(SESSION_COOKIE, id, cookieOptions(kit, SESSION_MS));
    ctx.redirect('/');
  });

  router.post('/logout', async (ctx) => {
    await readForm(ctx, kit);
    const s = session(ctx);
    const id = ctx.cookies.get(SESSION_COOKIE);
    if (id) sql(db, 'DELETE FROM app_sessions WHERE id_hash = ?').run(hashToken(id));
    ctx.cookies.set(SESSION_COOKIE, null, cookieOptions(kit));
    ctx.status = 303;
    if (!s) {
      ctx.redirect('/signed-out');
      return;
    }
    const url = oidc.buildEndSessionUrl(await discover(), {
      id_token_hint: s.idToken,
      post_logout_redirect_uri: `${base}/signed-out`,
    });
    ctx.redirect(url.href);
  });

  router.get('/signed-out', (ctx) => {
    const { t } = i18n(ctx);
    render(ctx, {
      title: t('app.signedOut'),
      appTitle: app.title,
      body: html`<h1>${app.title}</h1>
        <p role="status">${t('app.signedOut')}</p>
        <p><a class="button" href="/login">${t('app.signIn')}</a></p>`,
    });
  });

  koa.keys = [kit.secret.toString('base64url')];
  koa.use(router.routes()).use(router.allowedMethods());
  return koa;
}
