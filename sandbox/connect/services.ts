// What every part of the sandbox is given (Services), and how a feature plugs in (Feature): the sign-in
// steps, sign-in buttons, SCIM seed checks, app pages and hosts it adds. The composition root (compose.ts)
// builds the features and hands them to Services; nothing registers itself in a module-level list.
import type http from 'node:http';
import type Koa from 'koa';
import type Router from '@koa/router';
import type Provider from 'oidc-provider';
import type { z } from 'zod';
import type { SandboxConfig } from '../config.ts';
import type { AppDef, Federation, Urls } from '../apps.ts';
import type { Db } from '../store/db.ts';
import type { Account, Accounts } from '../store/accounts.ts';
import type { Tokens } from '../store/tokens.ts';
import type { InteractionStore, SignInState } from '../store/interactions.ts';
import type { Mailer } from '../mailer.ts';
import type { Kit } from '../web/kit.ts';
import type { SafeHtml } from '../web/html.ts';

export type { SignInState } from '../store/interactions.ts';

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
  /** The features plugged in (two-step verification, eID), in order; set once by the composition root. */
  features: readonly Feature[];
}

export interface StepInput {
  ctx: Koa.Context;
  services: Services;
  uid: string;
  account: Account;
  clientId: string;
  state: SignInState;
}

/** An extra sign-in step (two-step challenge or set-up, eID linking) that runs after the person is known. */
export interface SignInStep {
  id: string;
  /** Whether this step must run before this sign-in finishes. */
  needed(input: StepInput): boolean | Promise<boolean>;
  /** Path below /interaction/:uid/ of the step's first screen; the step calls finishSignIn when done. */
  path: string;
}

export interface FederationInput {
  ctx: Koa.Context;
  services: Services;
  uid: string;
  clientId: string;
  state: SignInState;
}
/**
 * A sign-in button's provider (ID-porten, social, ADFS), or 'securitykey' for "Sign in with security key or
 * biometrics" (GET /interaction/:uid/security-key); without one the button says it is not set up.
 */
export type FederationHandler = (input: FederationInput) => Promise<void>;
export type FederationId = Federation | 'securitykey';

/** "Sign in with passkey" on the activation page (the passkey ceremony instead of a new password). */
export type ActivationPasskeyHandler = (input: {
  ctx: Koa.Context;
  account: Account;
  token: string;
  app: AppDef;
}) => Promise<void> | void;

/** Checks a feature's part of the SCIM extension's `seeds` (issues' paths start at `seeds`). */
export type SeedValidator = (seeds: Record<string, unknown> | undefined, ctx: z.RefinementCtx) => void;

export interface AppSession {
  sub: string;
  name: string;
  email: string;
  locale: string | null;
  idToken: string;
}

export interface AppHelpers {
  app: AppDef;
  /** The signed-in person of this app, if any. */
  session(ctx: Koa.Context): AppSession | undefined;
  /** connect's services (accounts, tokens, mailer, ...): the apps live in the same process. */
  services: Services;
}

/** Pages or checks a feature adds to an app; they run before the app's own routes (a middleware may answer). */
export type AppExtension = (router: Router, helpers: AppHelpers) => void;

/**
 * A section of an app's signed-in page, in `order` (Account Settings: account 10, electronic ID 20,
 * password & 2FA 30, passkeys 40), so no two features edit one page.
 */
export interface AppSection {
  order: number;
  render: (ctx: Koa.Context, session: AppSession, helpers: AppHelpers) => SafeHtml | Promise<SafeHtml>;
}

export type HostHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** What a feature adds to the sandbox. Its connect routes go on `services.router` when `routes` runs. */
export interface Feature {
  name: string;
  /** Adds the feature's routes on connect.<domain> (called once, after the core's). */
  routes?(): void;
  signInSteps?: readonly SignInStep[];
  federations?: Partial<Record<FederationId, FederationHandler>>;
  seedValidators?: readonly SeedValidator[];
  activationPasskey?: ActivationPasskeyHandler;
  /** By app id, or '*' for every app. */
  appExtensions?: ReadonlyArray<{ appId: string; extension: AppExtension }>;
  appSections?: ReadonlyArray<{ appId: string; section: AppSection }>;
  /** Hosts of its own, by name below the sandbox domain (e.g. `eid`). */
  hosts?: Readonly<Record<string, HostHandler>>;
}

/** Every feature's sign-in steps, in feature order. */
export const signInStepsOf = (services: Services): SignInStep[] =>
  services.features.flatMap((f) => f.signInSteps ?? []);

/** The handler of a sign-in button, if a feature provides one. */
export const federationFor = (services: Services, id: FederationId): FederationHandler | undefined =>
  services.features.map((f) => f.federations?.[id]).find((h) => h !== undefined);

export const seedValidatorsOf = (services: Services): SeedValidator[] =>
  services.features.flatMap((f) => f.seedValidators ?? []);

export const activationPasskeyOf = (services: Services): ActivationPasskeyHandler | undefined =>
  services.features.map((f) => f.activationPasskey).find((h) => h !== undefined);

const appliesTo = (appId: string, app: AppDef) => appId === '*' || appId === app.id;

export const appExtensionsFor = (services: Services, app: AppDef): AppExtension[] =>
  services.features.flatMap((f) =>
    (f.appExtensions ?? []).filter((e) => appliesTo(e.appId, app)).map((e) => e.extension),
  );

export const appSectionsFor = (services: Services, app: AppDef): AppSection[] =>
  services.features
    .flatMap((f) => (f.appSections ?? []).filter((e) => appliesTo(e.appId, app)).map((e) => e.section))
    .sort((a, b) => a.order - b.order);
