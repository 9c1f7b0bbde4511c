// connect.<domain>: the identity provider. oidc-provider owns the OIDC endpoints; everything else (sign-in
// screens, account pages, SCIM, control API) is a Koa app in front of it. Later features (2FA, eID) add
// their routes and sign-in steps in FEATURES.
import type http from 'node:http';
import Router from '@koa/router';
import type { SandboxConfig } from '../config.ts';
import type { Urls } from '../apps.ts';
import type { Db } from '../store/db.ts';
import { Accounts } from '../store/accounts.ts';
import { Tokens } from '../store/tokens.ts';
import type { Mailer } from '../mailer.ts';
import { dummyHash } from '../security/passwords.ts';
import { hostApp, i18n, render, type Kit } from '../web/kit.ts';
import { html } from '../web/html.ts';
import { APPS } from '../apps.ts';
import { createProvider } from './provider.ts';
import { InteractionStore } from './pipeline.ts';
import { registerSignIn } from './signin.ts';
import { registerRecovery } from './recovery.ts';
import { registerScim } from './scim.ts';
import { registerControl } from './control.ts';
import type { Services } from './services.ts';
import { registerTwoFactor } from '../twofactor/index.ts';
import { registerEid } from '../eid/index.ts';

type Feature = (services: Services) => void;

/** In order; a feature may register routes, sign-in steps (pipeline.ts) and federation handlers. */
const FEATURES: Feature[] = [
  registerScim,
  registerControl,
  registerSignIn,
  registerRecovery,
  registerTwoFactor,
  registerEid,
];

/** oidc-provider's own routes; everything else is the Koa app's (with the sandbox's error pages). */
const OIDC_PATHS = /^\/(auth|token|me|jwks|session|reg|request|device|backchannel|\.well-known)(\/|$)/;

export interface Connect {
  services: Services;
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

export async function createConnect(input: {
  config: SandboxConfig;
  urls: Urls;
  db: Db;
  mailer: Mailer;
  kit: Kit;
}): Promise<Connect> {
  const accounts = new Accounts(input.db);
  const services: Services = {
    ...input,
    accounts,
    tokens: new Tokens(input.db, accounts),
    provider: createProvider(input.db, input.urls, accounts, input.config.SANDBOX_TEST_MODE),
    interactions: new InteractionStore(input.db),
    router: new Router(),
    dummyHash: await dummyHash(input.config.SANDBOX_SCRYPT_N),
  };
  for (const feature of FEATURES) feature(services);
  services.router.get('/', (ctx) => {
    const { t } = i18n(ctx);
    render(ctx, {
      title: 'Visma Connect',
      appTitle: 'Visma Connect',
      body: html`<h1>Visma Connect (sandbox)</h1>
        <ul>
          ${APPS.map((app) => html`<li><a href="${input.urls.app(app)}/">${app.title}</a> (${app.sub})</li>`)}
        </ul>
        <p>
          <a href="${input.urls.app(APPS.find((a) => a.id === 'accountsettings')!)}/">${t('app.signIn')}</a>
        </p>`,
    });
  });

  const koa = hostApp(input.kit);
  koa.keys = [input.kit.secret.toString('base64url')];
  koa.use(services.router.routes()).use(services.router.allowedMethods());
  const own = koa.callback();
  const oidcHandler = services.provider.callback();
  return {
    services,
    handle(req, res) {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (OIDC_PATHS.test(path)) void oidcHandler(req, res);
      else void own(req, res);
    },
  };
}
