// eid.<domain>: a simulated ID-porten. An OpenID provider of its own (oidc-provider, its own signing and
// cookie keys, kept in the SQLite file) with one client, connect. Its pages: choose a method (BankID,
// BankID på mobil), then the test BankID page that takes a national identity number; the ID token then
// carries `pid`, the person's name and amr (BankID / BankID Mobil), like ID-porten's.
import type http from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Router from '@koa/router';
import type Koa from 'koa';
import Provider, { type Configuration } from 'oidc-provider';
import { ensureSetting } from '../store/db.ts';
import { sqliteAdapter } from '../store/oidc-store.ts';
import { isLang, type Lang, type Translate } from '../i18n/index.ts';
import { PageError, errorPage, field, hostApp, i18n, readForm, render, seeOther } from '../web/kit.ts';
import { csrfField, renderScreen } from '../web/parts.ts';
import { html } from '../web/html.ts';
import type { Services } from '../connect/services.ts';
import { checkNationalId, personFor, type EidPerson } from './people.ts';
import { EID_METHODS, type EidMethod } from './links.ts';

export const EID_CLIENT_ID = 'visma-connect';
/** ID-porten's amr values for the two BankID methods. */
export const AMR: Record<EidMethod, string> = { bankid: 'BankID', 'bankid-mobile': 'BankID Mobil' };

const OIDC_PATHS = /^\/(auth|token|me|jwks|session|\.well-known)(\/|$)/;

export const eidClientSecret = (services: Services): string =>
  ensureSetting(services.db, 'eid_client_secret', () => randomBytes(32).toString('base64url'));

export interface EidHost {
  provider: Provider;
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

/** What the handlers of ID-porten's own pages share. */
interface Room {
  provider: Provider;
  kit: Services['kit'];
}

export function createEidHost(
  services: Services,
  people: Map<string, EidPerson>,
  redirectUris: string[],
): EidHost {
  const provider = new Provider(services.urls.eid, eidConfiguration(services, people, redirectUris));
  provider.proxy = false;
  const room: Room = { provider, kit: services.kit };

  const router = new Router();
  router.get('/', showHome);
  router.get('/interaction/:uid', (ctx) => showMethods(ctx, room));
  router.get('/interaction/:uid/bankid', (ctx) => showBankId(ctx, room));
  router.post('/interaction/:uid/bankid', (ctx) => submitBankId(ctx, room));
  router.post('/interaction/:uid/abort', (ctx) => abortInteraction(ctx, room));

  const koa = hostApp(services.kit, () => 'ID-porten');
  koa.use(router.routes()).use(router.allowedMethods());
  const own = koa.callback();
  const oidcHandler = provider.callback();
  return {
    provider,
    handle(req, res) {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (OIDC_PATHS.test(path)) void oidcHandler(req, res);
      else void own(req, res);
    },
  };
}

/** The RS256 key ID-porten signs its tokens with, made once and kept in the database. */
function eidSigningKey(db: Services['db']): Record<string, string> {
  return JSON.parse(
    ensureSetting(db, 'eid_signing_jwk', () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      return JSON.stringify({
        ...privateKey.export({ format: 'jwk' }),
        kid: `eid-${randomBytes(6).toString('hex')}`,
        use: 'sig',
        alg: 'RS256',
      });
    }),
  ) as Record<string, string>;
}

function eidConfiguration(
  services: Services,
  people: Map<string, EidPerson>,
  redirectUris: string[],
): Configuration {
  const { db } = services;
  const signingKey = eidSigningKey(db);
  const cookieKey = ensureSetting(db, 'eid_cookie_key', () => randomBytes(32).toString('base64url'));
  return {
    adapter: sqliteAdapter(services.db, 'eid'),
    clients: [
      {
        client_id: EID_CLIENT_ID,
        client_secret: eidClientSecret(services),
        client_name: 'Visma Connect',
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [cookieKey] },
    pkce: { required: () => true },
    acrValues: ['idporten-loa-substantial', 'idporten-loa-high'],
    claims: { openid: ['sub', 'pid'], profile: ['name', 'given_name', 'family_name'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    ttl: {
      Session: 3600,
      Interaction: 900,
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Grant: 3600,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    findAccount: (_ctx, sub) => findEidAccount(people, sub),
    renderError(ctx, out) {
      const koa = ctx as unknown as Koa.Context;
      errorPage(
        koa,
        koa.status >= 400 ? koa.status : 400,
        String(out.error_description ?? out.error),
        'ID-porten',
      );
    },
    clientBasedCORS: () => false,
  };
}

/** The account behind a national identity number, with the claims ID-porten gives for it. */
function findEidAccount(people: Map<string, EidPerson>, sub: string) {
  const check = checkNationalId(sub);
  if (!check.ok) return undefined;
  const person = personFor(people, check.value);
  return {
    accountId: person.pid,
    claims: () => ({
      sub: person.pid,
      pid: person.pid,
      name: `${person.givenName} ${person.familyName}`,
      given_name: person.givenName,
      family_name: person.familyName,
    }),
  };
}

/** The interaction behind /interaction/:uid, and the language connect asked for (ui_locales). */
async function load(ctx: Koa.Context, provider: Provider) {
  let details;
  try {
    details = await provider.interactionDetails(ctx.req, ctx.res);
  } catch {
    throw new PageError(400, 'signin.expired');
  }
  if (details.uid !== ctx.params.uid) throw new PageError(400, 'signin.expired');
  const hint = String(details.params.ui_locales ?? '').split(' ')[0];
  const { t, lang } = i18n(ctx, isLang(hint) ? (hint as Lang) : undefined);
  return { details, t, lang };
}

const methodOf = (v: unknown): EidMethod | undefined => EID_METHODS.find((m) => m === v);

/** "Cancel": back to the service that asked, without an answer. */
const cancelForm = (ctx: Koa.Context, kit: Services['kit'], uid: string, t: Translate) =>
  html`<form method="post" action="/interaction/${uid}/abort">
    ${csrfField(ctx, kit)}
    <button type="submit" class="secondary">${t('eid.cancel')}</button>
  </form>`;

function showHome(ctx: Koa.Context): void {
  const { t } = i18n(ctx);
  renderScreen(ctx, {
    heading: t('eid.idporten'),
    appTitle: t('eid.idporten'),
    body: html`<p>${t('eid.home.text')}</p>`,
  });
}

async function showMethods(ctx: Koa.Context, room: Room): Promise<void> {
  const { details, t } = await load(ctx, room.provider);
  renderScreen(ctx, {
    heading: t('eid.choose.heading'),
    appTitle: t('eid.idporten'),
    body: html`<p>${t('eid.choose.intro', { client: 'Visma Connect' })}</p>
      <ul class="choices" role="list">
        ${EID_METHODS.map(
          (m) =>
            html`<li>
              <a
                class="button secondary choice"
                href="/interaction/${details.uid}/bankid?method=${m}"
                aria-describedby="hint-${m}"
                >${t(`eid.method.${m}`)}</a
              >
              <small class="hint" id="hint-${m}">${t(`eid.method.${m}Hint`)}</small>
            </li>`,
        )}
      </ul>
      ${cancelForm(ctx, room.kit, details.uid, t)}`,
  });
}

function renderBankId(
  ctx: Koa.Context,
  kit: Services['kit'],
  uid: string,
  t: Translate,
  method: EidMethod,
  o: { value?: string; error?: string } = {},
): void {
  render(ctx, {
    status: o.error ? 400 : 200,
    title: t(`eid.method.${method}`),
    appTitle: t('eid.idporten'),
    body: html`<h1>${t(`eid.method.${method}`)}</h1>
      <p class="notice">${t('eid.bankid.test')}</p>
      ${o.error ? html`<p class="error" role="alert" id="nid-error">${o.error}</p>` : ''}
      <form method="post" action="/interaction/${uid}/bankid" novalidate>
        ${csrfField(ctx, kit)}
        <input type="hidden" name="method" value="${method}" />
        <label for="nid">${t('eid.bankid.label')}</label>
        <input
          id="nid"
          name="nationalId"
          type="text"
          inputmode="numeric"
          autocomplete="off"
          maxlength="20"
          value="${o.value ?? ''}"
          aria-describedby="${o.error ? 'nid-error nid-hint' : 'nid-hint'}"
          aria-invalid="${o.error ? 'true' : 'false'}"
          autofocus
        />
        <span class="hint" id="nid-hint">${t('eid.bankid.hint')}</span>
        <button type="submit">${t('eid.bankid.submit')}</button>
      </form>
      ${cancelForm(ctx, kit, uid, t)}`,
  });
}

async function showBankId(ctx: Koa.Context, room: Room): Promise<void> {
  const { details, t } = await load(ctx, room.provider);
  const method = methodOf(ctx.query.method) ?? 'bankid';
  renderBankId(ctx, room.kit, details.uid, t, method);
}

async function submitBankId(ctx: Koa.Context, room: Room): Promise<void> {
  const form = await readForm(ctx, room.kit);
  const { details, t } = await load(ctx, room.provider);
  const method = methodOf(form.get('method')) ?? 'bankid';
  const typed = field(form, 'nationalId', 40);
  const check = checkNationalId(typed);
  if (!check.ok) {
    renderBankId(ctx, room.kit, details.uid, t, method, {
      value: typed,
      error: t(`eid.nid.${check.problem}`, { count: check.count }),
    });
    return;
  }
  const redirectTo = await room.provider.interactionResult(
    ctx.req,
    ctx.res,
    { login: { accountId: check.value, amr: [AMR[method]], acr: 'idporten-loa-high', remember: false } },
    { mergeWithLastSubmission: false },
  );
  seeOther(ctx, redirectTo);
}

async function abortInteraction(ctx: Koa.Context, room: Room): Promise<void> {
  await readForm(ctx, room.kit);
  await load(ctx, room.provider);
  const redirectTo = await room.provider.interactionResult(
    ctx.req,
    ctx.res,
    { error: 'access_denied', error_description: 'The person cancelled the sign-in.' },
    { mergeWithLastSubmission: false },
  );
  seeOther(ctx, redirectTo);
}
