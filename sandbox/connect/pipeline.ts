// The sign-in pipeline. A sign-in (one oidc-provider interaction) first proves who the person is (password,
// a ticket from activation or a one-time link, a passkey or eID), then runs every extra step a feature
// offers that applies (two-step verification enrolment or challenge, eID linking, ...), then finishes the
// interaction. The steps come from Services.features (see services.ts).
import type Koa from 'koa';
import { PageError, seeOther } from '../web/kit.ts';
import type { SignInState } from '../store/interactions.ts';
import { signInStepsOf, type Services } from './services.ts';

/**
 * Refuses a request to a step's screen unless the pipeline sent this sign-in there: the person has proved who
 * they are, and every step before it is done (a forged post to a later step is a 403, not a shortcut).
 */
export function requireStep(state: SignInState, ...ids: string[]): void {
  if (!state.accountId || !state.current || !ids.includes(state.current)) {
    throw new PageError(403, 'signin.stepOrder');
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
  for (const step of signInStepsOf(services)) {
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
