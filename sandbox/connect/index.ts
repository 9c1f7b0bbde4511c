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
import { hostApp, type Kit } from '../web/kit.ts';
import { createProvider } from './provider.ts';
import { InteractionStore } from './pipeline.ts';
import { registerSignIn } from './signin.ts';
import { registerRecovery } from './recovery.ts';
import { registerScim } from './scim.ts';
import { registerControl } from './control.ts';
import type { Services } from './services.ts';

type Feature = (services: Services) => void;

/** In order; a feature may register routes, sign-in steps (pipeline.ts) and federation handlers. */
const FEATURES: Feature[] = [registerScim, registerControl, registerSignIn, registerRecovery];

const OWN_PATHS = /^\/(interaction|account|scim|control|assets)(\/|$)/;

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

  const koa = hostApp(input.kit);
  koa.keys = [input.kit.secret.toString('base64url')];
  koa.use(services.router.routes()).use(services.router.allowedMethods());
  const own = koa.callback();
  const oidcHandler = services.provider.callback();
  return {
    services,
    handle(req, res) {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (OWN_PATHS.test(path)) void own(req, res);
      else void oidcHandler(req, res);
    },
  };
}
