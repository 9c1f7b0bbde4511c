// Passkeys (WebAuthn, @simplewebauthn/server, rpID connect.<domain>): "Sign in with security key or
// biometrics" (discoverable credential, user verification required) replaces both password and code; the
// security key as a second step in "Try another way"; "Add passkey" from Account Settings; removal.
import type Koa from 'koa';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Account } from '../store/accounts.ts';
import { fullName } from '../store/accounts.ts';
import { PageError, field, i18n, readForm } from '../web/kit.ts';
import { csrfField } from '../web/parts.ts';
import { appById } from '../apps.ts';
import { signInWithTicket } from '../connect/recovery.ts';
import { html, type SafeHtml } from '../web/html.ts';
import type { Translate } from '../i18n/index.ts';
import { finishSignIn } from '../connect/pipeline.ts';
import type { ActivationPasskeyHandler, FederationHandler } from '../connect/services.ts';
import { loadInteraction } from '../connect/signin.ts';
import { langFor, screen, type Tfa } from './common.ts';
import { SETTINGS_PREFIX, SIGNIN_PREFIX, flowRoutes, type Flow, type ResolveFlow } from './flow.ts';

export function rpOf(tfa: Tfa) {
  return { rpID: `connect.${tfa.services.config.SANDBOX_DOMAIN}`, origin: tfa.services.urls.connect };
}

/**
 * The WebAuthn button (run by the browser script) with its error line; `fields` are extra hidden fields
 * the post needs. The error sits in the line the script also writes to, so it replaces the error box.
 */
function ceremony(
  ctx: Koa.Context,
  tfa: Tfa,
  t: Translate,
  o: {
    action: string;
    kind: 'create' | 'get';
    options: unknown;
    label: string;
    error?: string;
    fields?: Record<string, string>;
  },
): SafeHtml {
  return html`<p
      class="error"
      role="alert"
      data-webauthn-error
      data-prefix="${t('tfa.passkeys.failed', {
        reason: '',
      })}"
      ${o.error ? '' : 'hidden'}
    >
      ${o.error ?? ''}
    </p>
    <noscript><p>${t('tfa.passkeys.noScript')}</p></noscript>
    <form method="post" action="${o.action}">
      ${csrfField(ctx, tfa.services.kit)}
      ${Object.entries(o.fields ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
      <input type="hidden" name="credential" value="" />
      <button type="submit" disabled data-webauthn="${o.kind}" data-options="${JSON.stringify(o.options)}">
        ${o.label}
      </button>
    </form>`;
}

function parseCredential<T>(form: URLSearchParams): T | undefined {
  try {
    const raw = field(form, 'credential', 16_000, false);
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string'
      ? (v as T)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies an assertion against the stored passkey; returns the account id or a reason. */
async function verifyAssertion(
  tfa: Tfa,
  response: AuthenticationResponseJSON,
  challenge: string,
  onlyAccount?: string,
): Promise<{ accountId: string } | { reason: string }> {
  const key = tfa.store.passkeys.passkey(response.id);
  if (!key || (onlyAccount && key.accountId !== onlyAccount)) return { reason: 'unknown' };
  const { rpID, origin } = rpOf(tfa);
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
      credential: {
        id: key.id,
        publicKey: key.publicKey as Uint8Array<ArrayBuffer>,
        counter: key.counter,
        transports: key.transports as never,
      },
    });
    if (!result.verified) return { reason: 'not verified' };
    tfa.store.passkeys.setPasskeyCounter(key.id, result.authenticationInfo.newCounter);
    return { accountId: key.accountId };
  } catch (error) {
    return { reason: (error as Error).message };
  }
}

/** "Sign in with security key or biometrics" (first factor and second at once): the ceremony page. */
async function signInPage(
  tfa: Tfa,
  ctx: Koa.Context,
  uid: string,
  appTitle: string,
  state: Record<string, unknown>,
  error?: string,
): Promise<void> {
  const { t } = i18n(ctx);
  const options = await generateAuthenticationOptions({
    rpID: rpOf(tfa).rpID,
    userVerification: 'required',
  });
  state.passkeyChallenge = options.challenge;
  screen(ctx, {
    heading: t('tfa.passkeys.signinTitle'),
    appTitle,
    status: error ? 400 : 200,
    script: true,
    body: html`<p>${t('tfa.passkeys.signinText')}</p>
      ${ceremony(ctx, tfa, t, {
        action: `/interaction/${uid}/passkey`,
        kind: 'get',
        options,
        label: t('tfa.passkeys.use'),
        error,
      })}
      <p><a href="/interaction/${uid}?step=email">${t('tfa.passkeys.back')}</a></p>`,
  });
}

/** The 'securitykey' sign-in button: the ceremony page for this sign-in. */
export function securityKeySignIn(tfa: Tfa): FederationHandler {
  return async ({ ctx, uid, state }) => {
    const info = await loadInteraction(ctx, tfa.services);
    await signInPage(tfa, ctx, uid, info.app.title, state.data);
    tfa.services.interactions.save(uid, state);
  };
}

export function registerPasskeys(
  tfa: Tfa,
  resolveSignIn: ResolveFlow,
  resolvePasskeyFlow: ResolveFlow,
): void {
  tfa.services.router.post('/interaction/:uid/passkey', (ctx) => signInWithPasskey(ctx, tfa));

  // --- the security key as the second step ---
  const signIn = flowRoutes(tfa, SIGNIN_PREFIX, resolveSignIn);
  signIn.get('v/key', (ctx, flow) => keyPage(ctx, tfa, flow));
  signIn.post('v/key', (ctx, flow, form) => verifyKey(ctx, tfa, flow, form));

  // --- "Add passkey" (Account Settings, after the password again) ---
  const settings = flowRoutes(tfa, SETTINGS_PREFIX, resolvePasskeyFlow);
  settings.get('passkey', (ctx, flow) => addPage(ctx, tfa, flow));
  settings.post('passkey', (ctx, flow, form) => addPasskey(ctx, tfa, flow, form));
}

/** A passkey as the whole sign-in (no email, no password): the account is the passkey's. */
async function signInWithPasskey(ctx: Koa.Context, tfa: Tfa): Promise<void> {
  const { services } = tfa;
  const form = await readForm(ctx, services.kit);
  const info = await loadInteraction(ctx, services);
  const { state, uid } = info;
  const { t } = i18n(ctx);
  const challenge = state.data.passkeyChallenge;
  const response = parseCredential<AuthenticationResponseJSON>(form);
  const retry = async (reason: string) => {
    await signInPage(tfa, ctx, uid, info.app.title, state.data, reason);
    services.interactions.save(uid, state);
  };
  if (typeof challenge !== 'string' || !response)
    return retry(t('tfa.passkeys.failed', { reason: 'no answer' }));
  const result = await verifyAssertion(tfa, response, challenge);
  delete state.data.passkeyChallenge;
  if ('reason' in result) {
    return retry(
      result.reason === 'unknown'
        ? t('tfa.passkeys.unknown')
        : t('tfa.passkeys.failed', { reason: result.reason }),
    );
  }
  const account = services.accounts.byId(result.accountId);
  if (!account || !account.enabled) return retry(t('tfa.passkeys.unknown'));
  state.accountId = account.id;
  state.email = account.email;
  state.amr.push('hwk', 'user', 'mfa');
  services.interactions.save(uid, state);
  await finishSignIn(ctx, services, uid, info.clientId, state);
}

async function keyPage(ctx: Koa.Context, tfa: Tfa, flow: Flow, error?: string): Promise<void> {
  const { t } = langFor(ctx, flow.account);
  const options = await generateAuthenticationOptions({
    rpID: rpOf(tfa).rpID,
    userVerification: 'required',
    allowCredentials: tfa.store.passkeys
      .passkeys(flow.account.id)
      .map((k) => ({ id: k.id, transports: k.transports as never })),
  });
  flow.data.challenge = options.challenge;
  flow.save();
  screen(ctx, {
    heading: t('tfa.methods.key'),
    appTitle: flow.app.title,
    status: error ? 400 : 200,
    script: true,
    body: html`${ceremony(ctx, tfa, t, { action: `${flow.base}/v/key`, kind: 'get', options, label: t('tfa.passkeys.use'), error })}
      <p><a href="${flow.base}/v/methods">${t('tfa.challenge.other')}</a></p>`,
  });
}

async function verifyKey(ctx: Koa.Context, tfa: Tfa, flow: Flow, form: URLSearchParams): Promise<void> {
  const { t } = langFor(ctx, flow.account);
  const response = parseCredential<AuthenticationResponseJSON>(form);
  const challenge = flow.data.challenge;
  if (!response || !challenge)
    return keyPage(ctx, tfa, flow, t('tfa.passkeys.failed', { reason: 'no answer' }));
  const result = await verifyAssertion(tfa, response, challenge, flow.account.id);
  if ('reason' in result) return keyPage(ctx, tfa, flow, t('tfa.passkeys.failed', { reason: result.reason }));
  await flow.complete(ctx, { amr: ['hwk', 'mfa'] });
}

async function addPage(ctx: Koa.Context, tfa: Tfa, flow: Flow, error?: string): Promise<void> {
  const { t } = langFor(ctx, flow.account);
  const options = await registrationOptions(tfa, flow.account);
  flow.data.challenge = options.challenge;
  flow.save();
  screen(ctx, {
    heading: t('tfa.passkeys.title'),
    appTitle: flow.app.title,
    status: error ? 400 : 200,
    script: true,
    body: html`<p>${t('tfa.passkeys.text')}</p>
      ${ceremony(ctx, tfa, t, {
        action: `${flow.base}/passkey`,
        kind: 'create',
        options,
        label: t('tfa.passkeys.create'),
        error,
      })}`,
  });
}

async function addPasskey(ctx: Koa.Context, tfa: Tfa, flow: Flow, form: URLSearchParams): Promise<void> {
  const { t } = langFor(ctx, flow.account);
  const response = parseCredential<RegistrationResponseJSON>(form);
  const challenge = flow.data.challenge;
  if (!response || !challenge)
    return addPage(ctx, tfa, flow, t('tfa.passkeys.failed', { reason: 'no answer' }));
  const stored = await storeRegistration(tfa, flow.account, response, challenge);
  if (stored !== true) return addPage(ctx, tfa, flow, t('tfa.passkeys.failed', { reason: stored }));
  await flow.complete(ctx, {});
}

/** "Sign in with passkey" on the activation page: a passkey instead of a password, then signed in. */
/** The activation page's passkey ceremony (instead of a new password). */
async function activationPage(
  tfa: Tfa,
  ctx: Koa.Context,
  account: Account,
  token: string,
  appTitle: string,
  error?: string,
): Promise<void> {
  const { t } = langFor(ctx, account);
  const options = await registrationOptions(tfa, account);
  tfa.store.flows.setChallenge(`activation:${account.id}`, options.challenge);
  screen(ctx, {
    heading: t('tfa.passkeys.title'),
    appTitle,
    status: error ? 400 : 200,
    script: true,
    body: html`<p>${t('tfa.passkeys.text')}</p>
      ${ceremony(ctx, tfa, t, {
        action: '/account/passkey/register',
        kind: 'create',
        options,
        label: t('tfa.passkeys.create'),
        error,
        fields: { token },
      })}`,
  });
}

export const activationPasskey =
  (tfa: Tfa): ActivationPasskeyHandler =>
  ({ ctx, account, token, app }) =>
    activationPage(tfa, ctx, account, token, app.title);

export function registerActivationPasskeys(tfa: Tfa): void {
  const { services } = tfa;

  services.router.post('/account/passkey/register', async (ctx) => {
    const form = await readForm(ctx, services.kit);
    const token = field(form, 'token', 200);
    const check = services.tokens.check('activation', token);
    if (!check.ok) throw new PageError(410, 'invalid.text');
    const app = appById(check.clientId) ?? appById(check.account.app) ?? appById('portal')!;
    const { t } = langFor(ctx, check.account);
    const response = parseCredential<RegistrationResponseJSON>(form);
    const challenge = tfa.store.flows.takeChallenge(`activation:${check.account.id}`);
    if (!response || !challenge)
      return activationPage(
        tfa,
        ctx,
        check.account,
        token,
        app.title,
        t('tfa.passkeys.failed', { reason: 'no answer' }),
      );
    const stored = await storeRegistration(tfa, check.account, response, challenge);
    if (stored !== true)
      return activationPage(
        tfa,
        ctx,
        check.account,
        token,
        app.title,
        t('tfa.passkeys.failed', { reason: stored }),
      );
    const spent = services.tokens.consume('activation', token);
    if (!spent.ok) throw new PageError(410, 'invalid.text');
    services.accounts.update(spent.account.id, { status: 'active' });
    services.tokens.revokeAll('activation', spent.account);
    signInWithTicket(ctx, services, spent.account, app);
  });
}

export async function registrationOptions(tfa: Tfa, account: Account) {
  return generateRegistrationOptions({
    rpName: 'Visma Connect',
    rpID: rpOf(tfa).rpID,
    userName: account.email,
    userDisplayName: fullName(account),
    userID: new TextEncoder().encode(account.id),
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    excludeCredentials: tfa.store.passkeys
      .passkeys(account.id)
      .map((k) => ({ id: k.id, transports: k.transports as never })),
  });
}

/** Verifies a registration and stores the passkey; true, or the reason it was refused. */
export async function storeRegistration(
  tfa: Tfa,
  account: Account,
  response: RegistrationResponseJSON,
  challenge: string,
): Promise<true | string> {
  const { rpID, origin } = rpOf(tfa);
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
    if (!result.verified) return 'not verified';
    const { credential } = result.registrationInfo;
    if (tfa.store.passkeys.passkey(credential.id)) return 'this passkey is registered already';
    const n = tfa.store.passkeys.passkeys(account.id).length + 1;
    tfa.store.passkeys.addPasskey(account, {
      id: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
      name: `Passkey ${n}`,
    });
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}
