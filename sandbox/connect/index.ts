// connect.<domain>: the identity provider. oidc-provider owns the OIDC endpoints; everything else (sign-in
// screens, account pages, SCIM, control API) is a Koa app in front of it. The features' routes (2FA, eID)
// come after the core's; the composition root (compose.ts) decides which features there are.
import type http from 'node:http';
import Router from '@koa/router';
import type { SandboxConfig } from '../config.ts';
import type { Urls } from '../apps.ts';
import type { Db } from '../store/db.ts';
import { Accounts } from '../store/accounts.ts';
import { Tokens } from '../store/tokens.ts';
import { InteractionStore } from '../store/interactions.ts';
import type { Mailer } from '../mailer.ts';
import { dummyHash } from '../security/passwords.ts';
import { hostApp, i18n, render, type Kit } from '../web/kit.ts';
import { html } from '../web/html.ts';
import { APPS, appById } from '../apps.ts';
import { createProvider } from './provider.ts';
import { registerSignIn } from './signin.ts';
import { registerRecovery } from './recovery.ts';
import { registerScim } from './scim.ts';
import { registerControl } from './control.ts';
import type { Services } from './services.ts';

/** oidc-provider's own routes; everything else is the Koa app's (with the sandbox's error pages). */
const OIDC_PATHS = /^\/(auth|token|me|jwks|session|reg|request|device|backchannel|\.well-known)(\/|$)/;

/** The core's services, with no features yet (the composition root sets `features`). */
export async function createServices(input: {
  config: SandboxConfig;
  urls: Urls;
  db: Db;
  mailer: Mailer;
  kit: Kit;
}): Promise<Services> {
  const accounts = new Accounts(input.db);
  return {
    ...input,
    accounts,
    tokens: new Tokens(input.db, accounts),
    provider: createProvider(input.db, input.urls, accounts, input.config.SANDBOX_TEST_MODE),
    interactions: new InteractionStore(input.db),
    router: new Router(),
    dummyHash: await dummyHash(input.config.SANDBOX_SCRYPT_N),
    features: [],
  };
}

/** Adds the core's routes, then each feature's, and returns connect's request handler. */
export function createConnect(
  services: Services,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  registerScim(services);
  registerControl(services);
  registerSignIn(services);
  registerRecovery(services);
  for (const feature of services.features) feature.routes?.();
  services.router.get('/', (ctx) => {
    const { t } = i18n(ctx);
    render(ctx, {
      title: 'Visma Connect',
      appTitle: 'Visma Connect',
      body: html`<h1>Visma Connect (sandbox)</h1>
        <ul>
          ${APPS.map((app) => html`<li><a href="${services.urls.app(app)}/">${app.title}</a> (${app.sub})</li>`)}
        </ul>
        <p><a href="${services.urls.app(appById('accountsettings')!)}/">${t('app.signIn')}</a></p>`,
    });
  });

  const koa = hostApp(services.kit);
  koa.keys = [services.kit.secret.toString('base64url')];
  koa.use(services.router.routes()).use(services.router.allowedMethods());
  const own = koa.callback();
  const oidcHandler = services.provider.callback();
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (OIDC_PATHS.test(path)) void oidcHandler(req, res);
    else void own(req, res);
  };
}
