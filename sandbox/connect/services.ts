// What every connect feature (sign-in, recovery, SCIM, control, and later 2FA and eID) is given.
import type Router from '@koa/router';
import type Provider from 'oidc-provider';
import type { SandboxConfig } from '../config.ts';
import type { Urls } from '../apps.ts';
import type { Db } from '../store/db.ts';
import type { Accounts } from '../store/accounts.ts';
import type { Tokens } from '../store/tokens.ts';
import type { Mailer } from '../mailer.ts';
import type { Kit } from '../web/kit.ts';
import type { InteractionStore } from './pipeline.ts';

export interface Services {
  config: SandboxConfig;
  urls: Urls;
  db: Db;
  accounts: Accounts;
  tokens: Tokens;
  mailer: Mailer;
  kit: Kit;
  provider: Provider;
  interactions: InteractionStore;
  /** Routes on connect.<domain> (everything oidc-provider does not own). */
  router: Router;
  /** A hash to verify against when an account is unknown, so timing does not tell. */
  dummyHash: string;
}
