// The sign-in pipeline. A sign-in (one oidc-provider interaction) first proves who the person is (password,
// a ticket from activation or a one-time link, and later a passkey or eID), then runs every registered
// extra step that applies (two-step verification enrolment or challenge, eID linking, ...), then finishes
// the interaction. Later features plug in with registerSignInStep / registerFederation.
import type Koa from 'koa';
import { sql, type Db } from '../store/db.ts';
import type { Account } from '../store/accounts.ts';
import type { Federation } from '../apps.ts';
import { PageError, seeOther } from '../web/kit.ts';
import type { Services } from './services.ts';

export interface SignInState {
  /** Email entered on step 1 (or remembered). */
  email?: string;
  /** Set once the person has proved who they are. */
  accountId?: string;
  /** Authentication methods used so far (RFC 8176 values: pwd, otp, hwk, ...), passed on as amr. */
  amr: string[];
  /** Ids of extra steps already completed in this sign-in. */
  done: string[];
  /** The extra step the pipeline sent the browser to last: the only one whose screens answer now. */
  current?: string;
  /** Scratch space for steps, by step id. */
  data: Record<string, unknown>;
}

export interface StepInput {
  ctx: Koa.Context;
  services: Services;
  uid: string;
  account: Account;
  clientId: string;
  state: SignInState;
}

export interface SignInStep {
  id: string;
  /** Whether this step must run before this sign-in finishes. */
  needed(input: StepInput): boolean | Promise<boolean>;
  /** Path below /interaction/:uid/ of the step's first screen; the step calls finishSignIn when done. */
  path: string;
}

const steps: SignInStep[] = [];
export function registerSignInStep(step: SignInStep): void {
  if (!steps.some((s) => s.id === step.id)) steps.push(step);
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
const federations = new Map<Federation | 'securitykey', FederationHandler>();
export function registerFederation(id: Federation | 'securitykey', handler: FederationHandler): void {
  federations.set(id, handler);
}
export const federationFor = (id: Federation | 'securitykey'): FederationHandler | undefined =>
  federations.get(id);

/**
 * Refuses a request to a step's screen unless the pipeline sent this sign-in there: the person has proved who
 * they are, and every step before it is done (a forged post to a later step is a 403, not a shortcut).
 */
export function requireStep(state: SignInState, ...ids: string[]): void {
  if (!state.accountId || !state.current || !ids.includes(state.current)) {
    throw new PageError(403, 'signin.stepOrder');
  }
}

export class InteractionStore {
  constructor(private readonly db: Db) {
    // Interactions live at most an hour in oidc-provider; older state is of no use.
    sql(db, 'DELETE FROM interactions WHERE created_at < ?').run(Date.now() - 2 * 3600_000);
  }

  get(uid: string): SignInState {
    const row = sql(this.db, 'SELECT data FROM interactions WHERE uid = ?').get(uid) as
      { data: string } | undefined;
    return row ? (JSON.parse(row.data) as SignInState) : { amr: [], done: [], data: {} };
  }

  save(uid: string, state: SignInState): void {
    sql(
      this.db,
      'INSERT INTO interactions (uid, data, created_at) VALUES (?, ?, ?) ON CONFLICT(uid) DO UPDATE SET data = excluded.data',
    ).run(uid, JSON.stringify(state), Date.now());
  }

  delete(uid: string): void {
    sql(this.db, 'DELETE FROM interactions WHERE uid = ?').run(uid);
  }
}

/**
 * Called once the person has proved who they are, and again by each extra step when it is done: sends the
 * browser to the next step that applies, or completes the sign-in (session id renewed by oidc-provider).
 */
export async function finishSignIn(
  ctx: Koa.Context,
  services: Services,
  uid: string,
  clientId: string,
  state: SignInState,
): Promise<void> {
  const account = state.accountId ? services.accounts.byId(state.accountId) : undefined;
  if (!account) throw new Error('finishSignIn without an authenticated account');
  for (const step of steps) {
    if (state.done.includes(step.id)) continue;
    if (await step.needed({ ctx, services, uid, account, clientId, state })) {
      state.current = step.id;
      services.interactions.save(uid, state);
      seeOther(ctx, `/interaction/${uid}/${step.path}`);
      return;
    }
  }
  state.current = undefined;
  const redirectTo = await services.provider.interactionResult(
    ctx.req,
    ctx.res,
    { login: { accountId: account.id, amr: [...new Set(state.amr)], remember: true } },
    { mergeWithLastSubmission: false },
  );
  services.interactions.delete(uid);
  seeOther(ctx, redirectTo);
}
