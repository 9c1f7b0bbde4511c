// connect as an OpenID provider (oidc-provider): authorization code + PKCE, discovery, JWKS, userinfo and
// RP-initiated logout. Signing key, cookie keys and client secrets are generated at first start and kept
// in the SQLite file. Consent is implied for the sandbox's own (first-party) apps.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type Koa from 'koa';
import { APPS, type Urls } from '../apps.ts';
import { ensureSetting, type Db } from '../store/db.ts';
import { sqliteAdapter } from '../store/oidc-store.ts';
import { fullName, type Accounts } from '../store/accounts.ts';
import { errorPage, i18n, render } from '../web/kit.ts';
import { html, raw } from '../web/html.ts';

export function clientSecret(db: Db, clientId: string): string {
  return ensureSetting(db, `client_secret:${clientId}`, () => randomBytes(32).toString('base64url'));
}

/**
 * In test mode only: a public client (PKCE, no secret) that tests use to run the code flow themselves with
 * openid-client. Its redirect goes to the loopback address, where nothing listens: the test reads the code
 * from the redirect's Location.
 */
export const TEST_CLIENT: ClientMetadata = {
  client_id: 'guidewright-test',
  client_name: 'guidewright tests',
  application_type: 'native',
  redirect_uris: ['http://127.0.0.1/callback'],
  post_logout_redirect_uris: ['http://127.0.0.1/signed-out'],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'none',
};

export function createProvider(db: Db, urls: Urls, accounts: Accounts, testMode: boolean): Provider {
  const signingKey = signingKeyOf(db);
  const cookieKey = ensureSetting(db, 'oidc_cookie_key', () => randomBytes(32).toString('base64url'));

  const configuration: Configuration = {
    adapter: sqliteAdapter(db, 'connect'),
    clients: APPS.map((app): ClientMetadata => ({
      client_id: app.id,
      client_secret: clientSecret(db, app.id),
      client_name: app.title,
      redirect_uris: [`${urls.app(app)}/callback`],
      post_logout_redirect_uris: [`${urls.app(app)}/signed-out`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })).concat(testMode ? [TEST_CLIENT] : []),
    jwks: { keys: [signingKey] },
    cookies: { keys: [cookieKey] },
    pkce: { required: () => true },
    claims: {
      openid: ['sub', 'amr'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'locale'],
    },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, rpInitiatedLogout },
    ttl: {
      // The login service ends sessions after 10 hours, activity or not.
      Session: 10 * 3600,
      Interaction: 3600,
      AuthorizationCode: 60,
      AccessToken: 3600,
      IdToken: 3600,
      Grant: 10 * 3600,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    loadExistingGrant,
    findAccount: (_ctx, sub) => findAccount(accounts, sub),
    renderError(ctx, out) {
      const koa = ctx as unknown as Koa.Context;
      const message = out.error_description ?? out.error;
      errorPage(koa, koa.status >= 400 ? koa.status : 400, String(message));
    },
    clientBasedCORS: () => false,
  };

  const provider = new Provider(urls.connect, configuration);
  provider.proxy = false;
  return provider;
}

/** The RS256 key connect signs its tokens with, made at first start and kept in the database. */
function signingKeyOf(db: Db): Record<string, string> {
  return JSON.parse(
    ensureSetting(db, 'oidc_signing_jwk', () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      return JSON.stringify({
        ...privateKey.export({ format: 'jwk' }),
        kid: randomBytes(8).toString('hex'),
        use: 'sig',
        alg: 'RS256',
      });
    }),
  ) as Record<string, string>;
}

const rpInitiatedLogout = {
  enabled: true,
  // A person who pressed "Sign out" in an app has already decided; the page submits itself.
  logoutSource(ctx: KoaContextWithOIDC, form: string) {
    const koa = ctx as unknown as Koa.Context;
    const { t } = i18n(koa);
    render(koa, {
      title: t('app.signOut'),
      body: html`<h1>${t('app.signingOut')}</h1>
        ${raw(form)}
        <button type="submit" form="op.logoutForm" name="logout" value="yes" data-autosubmit>
          ${t('app.signOut')}
        </button>`,
    });
  },
  postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
    const koa = ctx as unknown as Koa.Context;
    const { t } = i18n(koa);
    render(koa, { title: t('app.signedOut'), body: html`<h1>${t('app.signedOut')}</h1>` });
  },
};

/** Consent is implied: the grant of this session (or a new one for all three scopes). */
const loadExistingGrant: NonNullable<Configuration['loadExistingGrant']> = async (ctx) => {
  const grantId =
    ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
  if (grantId) {
    const existing = await ctx.oidc.provider.Grant.find(grantId);
    if (existing) return existing;
  }
  const grant = new ctx.oidc.provider.Grant({
    clientId: ctx.oidc.client!.clientId,
    accountId: ctx.oidc.session!.accountId!,
  });
  grant.addOIDCScope('openid email profile');
  await grant.save();
  return grant;
};

/** An enabled account and the claims connect gives for it; a disabled or deleted one is no account. */
async function findAccount(accounts: Accounts, sub: string) {
  const account = accounts.byId(sub);
  if (!account || !account.enabled) return undefined;
  return {
    accountId: account.id,
    claims: () => ({
      sub: account.id,
      email: account.email,
      email_verified: true,
      name: fullName(account),
      given_name: account.givenName || undefined,
      family_name: account.familyName || undefined,
      locale: account.language ?? undefined,
    }),
  };
}
