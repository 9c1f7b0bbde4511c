// Sign-in screens on connect: step 1 (email, remember me, security key, social/eID buttons), step 2
// (password, forgot password, ADFS for configured domains), lockout, and sign-in tickets from activation
// and one-time links. All posts are CSRF-checked and size-limited; errors re-render the form.
import type Koa from 'koa';
import { APPS, FEDERATION_NAMES, appById, type AppDef, type Federation } from '../apps.ts';
import { accountNow, type Account } from '../store/accounts.ts';
import { verifyPassword } from '../security/passwords.ts';
import {
  EMAIL_MAX,
  PageError,
  cookieOptions,
  field,
  i18n,
  isEmail,
  readForm,
  render,
  seeOther,
} from '../web/kit.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { csrfField, errorBox } from '../web/parts.ts';
import type { Translate } from '../i18n/index.ts';
import { finishSignIn } from './pipeline.ts';
import { federationFor, type Services, type SignInState } from './services.ts';

export const REMEMBER_COOKIE = 'rememberUsername';
export const TICKET_COOKIE = 'signin_ticket';
export const LOCK_AFTER_FAILURES = 8;
export const LOCK_MS = 30 * 60_000;
export const FAILURE_WINDOW_MS = 10 * 60_000;

export interface InteractionInfo {
  uid: string;
  clientId: string;
  app: AppDef;
  state: SignInState;
  prompt: string;
  accountId?: string;
  grantId?: string;
}

/** Loads the interaction behind /interaction/:uid; a missing or expired one is a clear 400. */
export async function loadInteraction(ctx: Koa.Context, services: Services): Promise<InteractionInfo> {
  let details;
  try {
    details = await services.provider.interactionDetails(ctx.req, ctx.res);
  } catch {
    throw new PageError(400, 'signin.expired');
  }
  if (details.uid !== ctx.params.uid) throw new PageError(400, 'signin.expired');
  const clientId = String(details.params.client_id ?? '');
  const app = appById(clientId) ?? APPS[0]!;
  return {
    uid: details.uid,
    clientId,
    app,
    state: services.interactions.get(details.uid),
    prompt: details.prompt.name,
    accountId: details.session?.accountId,
    grantId: details.grantId,
  };
}

/**
 * Consent is implied for the sandbox's own apps; oidc-provider still asks for it in some cases (native
 * clients), so it is granted here without a screen.
 */
async function grantConsent(ctx: Koa.Context, services: Services, info: InteractionInfo): Promise<void> {
  const { Grant } = services.provider;
  const grant =
    (info.grantId ? await Grant.find(info.grantId) : undefined) ??
    new Grant({ accountId: info.accountId!, clientId: info.clientId });
  grant.addOIDCScope('openid email profile');
  const grantId = await grant.save();
  const redirectTo = await services.provider.interactionResult(
    ctx.req,
    ctx.res,
    { consent: { grantId } },
    { mergeWithLastSubmission: true },
  );
  seeOther(ctx, redirectTo);
}

function federationButtons(
  app: AppDef,
  uid: string,
  csrf: SafeHtml,
  t: Translate,
  only?: Federation[],
): SafeHtml {
  const ids = only ?? app.federation;
  if (ids.length === 0) return html``;
  return html`<p class="or">${t('common.or')}</p>
    <form method="post" action="/interaction/${uid}/federate">
      ${csrf}
      ${ids.map(
        (id) =>
          html`<button type="submit" class="secondary" name="provider" value="${id}">
            ${t('signin.with', { provider: FEDERATION_NAMES[id] })}
          </button>`,
      )}
    </form>`;
}

export interface StepOneOptions {
  email?: string;
  remember?: boolean;
  error?: string;
  notice?: string;
  status?: number;
}

export function renderStepOne(
  ctx: Koa.Context,
  services: Services,
  info: InteractionInfo,
  o: StepOneOptions = {},
) {
  const { t } = i18n(ctx);
  const csrf = csrfField(ctx, services.kit);
  const { uid, app } = info;
  render(ctx, {
    status: o.status,
    title: t('signin.title'),
    appTitle: app.title,
    body: html` ${errorBox(o.error)} ${o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : ''}
      <form method="post" action="/interaction/${uid}/email" novalidate>
        ${csrf}
        <label for="Username">${t('signin.email')}</label>
        <input
          id="Username"
          name="Username"
          type="email"
          autocomplete="username"
          value="${o.email ?? ''}"
          placeholder="${t('signin.email')}"
          maxlength="${EMAIL_MAX}"
          autofocus
        />
        <button type="submit">${t('signin.next')}</button>
        <div class="check">
          <input
            id="RememberUsername"
            name="RememberUsername"
            type="checkbox"
            ${o.remember ? 'checked' : ''}
            aria-describedby="remember-hint"
          />
          <label for="RememberUsername"
            >${t('signin.remember')}
            <span class="hint" id="remember-hint">${t('signin.rememberHint')}</span></label
          >
        </div>
      </form>
      <p><a href="/interaction/${uid}/security-key">${t('signin.securityKey')}</a></p>
      ${federationButtons(app, uid, csrf, t)}`,
  });
}

export interface StepTwoOptions {
  error?: string;
  notice?: string;
  status?: number;
}

const adfsFor = (services: Services, email: string): boolean =>
  services.config.SANDBOX_ADFS_DOMAINS.includes(email.split('@')[1]?.toLowerCase() ?? '');

/** The current password, with the email as the username a password manager files it under. */
export const currentPasswordFields = (t: Translate, email: string): SafeHtml =>
  html`<input type="hidden" name="Username" value="${email}" autocomplete="username" />
    <label for="Password">${t('signin.password')}</label>
    <input id="Password" name="Password" type="password" autocomplete="current-password" autofocus />`;

export function renderStepTwo(
  ctx: Koa.Context,
  services: Services,
  info: InteractionInfo,
  email: string,
  o: StepTwoOptions = {},
) {
  const account = services.accounts.byEmail(email);
  const { t } = i18n(ctx, account?.language);
  const csrf = csrfField(ctx, services.kit);
  const { uid, app } = info;
  render(ctx, {
    status: o.status,
    title: t('signin.title'),
    appTitle: app.title,
    body: html` <p class="email-row">
        <a
          href="/interaction/${uid}?step=email"
          aria-label="${t('signin.changeEmail')}"
          title="${t('common.back')}"
          >←</a
        >
        <span>${email}</span>
      </p>
      ${errorBox(o.error)} ${o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : ''}
      <form method="post" action="/interaction/${uid}/password" novalidate>
        ${csrf} ${currentPasswordFields(t, email)}
        <button type="submit">${t('signin.submit')}</button>
      </form>
      <p><a href="/interaction/${uid}/forgot">${t('signin.forgot')}</a></p>
      ${adfsFor(services, email) ? federationButtons(app, uid, csrf, t, ['adfs']) : ''}`,
  });
}

function remainingMinutes(account: Account): number {
  return Math.max(1, Math.ceil(((account.lockedUntil ?? 0) - accountNow(account)) / 60_000));
}

export function isLocked(account: Account): boolean {
  return account.lockedUntil !== null && accountNow(account) < account.lockedUntil;
}

/** Counts a failed password; the 8th failure within the window locks the account for 30 minutes. */
function recordFailure(services: Services, account: Account): Account {
  const now = accountNow(account);
  const fresh = account.failedSince === null || now - account.failedSince > FAILURE_WINDOW_MS;
  const count = fresh ? 1 : account.failedCount + 1;
  if (count >= LOCK_AFTER_FAILURES) {
    return services.accounts.update(account.id, {
      failedCount: 0,
      failedSince: null,
      lockedUntil: now + LOCK_MS,
    })!;
  }
  return services.accounts.update(account.id, {
    failedCount: count,
    failedSince: fresh ? now : account.failedSince,
  })!;
}

export function registerSignIn(services: Services): void {
  const { router } = services;
  router.get('/interaction/:uid', (ctx) => showInteraction(ctx, services));
  router.post('/interaction/:uid/email', (ctx) => submitEmail(ctx, services));
  router.post('/interaction/:uid/password', (ctx) => submitPassword(ctx, services));
  // A page of its own (the WebAuthn ceremony needs one); the passkey feature registers the handler.
  router.get('/interaction/:uid/security-key', (ctx) => securityKey(ctx, services));
  router.post('/interaction/:uid/federate', (ctx) => federate(ctx, services));
}

/** The sign-in screen an interaction is at: consent, a ticket's sign-in, step one (email) or two. */
async function showInteraction(ctx: Koa.Context, services: Services): Promise<void> {
  const info = await loadInteraction(ctx, services);
  const { uid, state } = info;
  if (info.prompt === 'consent' && info.accountId) {
    await grantConsent(ctx, services, info);
    return;
  }
  if (await useTicket(ctx, services, info)) return;

  const remembered = ctx.cookies.get(REMEMBER_COOKIE);
  const rememberedEmail = remembered && isEmail(remembered) ? remembered : undefined;
  if (ctx.query.step === 'email') {
    renderStepOne(ctx, services, info, {
      email: state.email ?? rememberedEmail,
      remember: !!rememberedEmail,
    });
    return;
  }
  if (!state.email && rememberedEmail) {
    state.email = rememberedEmail;
    services.interactions.save(uid, state);
  }
  if (state.email) renderStepTwo(ctx, services, info, state.email);
  else renderStepOne(ctx, services, info, { remember: false });
}

/**
 * Activation and one-time links leave a single-use ticket that completes the sign-in by itself.
 * True when it did.
 */
async function useTicket(ctx: Koa.Context, services: Services, info: InteractionInfo): Promise<boolean> {
  const ticket = ctx.cookies.get(TICKET_COOKIE);
  if (!ticket) return false;
  ctx.cookies.set(TICKET_COOKIE, null, cookieOptions(services.kit));
  const used = services.tokens.consume('ticket', ticket);
  if (!used.ok || !used.account.enabled) return false;
  const { uid, state } = info;
  state.accountId = used.account.id;
  state.email = used.account.email;
  state.amr.push('pwd');
  services.interactions.save(uid, state);
  await finishSignIn(ctx, services, uid, info.clientId, state);
  return true;
}

async function submitEmail(ctx: Koa.Context, services: Services): Promise<void> {
  const { kit } = services;
  const form = await readForm(ctx, kit);
  const info = await loadInteraction(ctx, services);
  const email = field(form, 'Username', EMAIL_MAX);
  const remember = form.get('RememberUsername') === 'on';
  if (!isEmail(email)) {
    const { t } = i18n(ctx);
    renderStepOne(ctx, services, info, { email, remember, error: t('signin.emailInvalid'), status: 400 });
    return;
  }
  if (remember) ctx.cookies.set(REMEMBER_COOKIE, email, cookieOptions(kit, 365 * 24 * 3600_000));
  else ctx.cookies.set(REMEMBER_COOKIE, null, cookieOptions(kit));
  info.state.email = email;
  services.interactions.save(info.uid, info.state);
  seeOther(ctx, `/interaction/${info.uid}`);
}

async function submitPassword(ctx: Koa.Context, services: Services): Promise<void> {
  const form = await readForm(ctx, services.kit);
  const info = await loadInteraction(ctx, services);
  const { state, uid } = info;
  if (!state.email) {
    seeOther(ctx, `/interaction/${uid}`);
    return;
  }
  const password = field(form, 'Password', 1024, false);
  let account = services.accounts.byEmail(state.email);
  const { t } = i18n(ctx, account?.language);
  if (password === '') {
    renderStepTwo(ctx, services, info, state.email, { error: t('signin.passwordMissing'), status: 400 });
    return;
  }
  if (account && isLocked(account)) {
    renderStepTwo(ctx, services, info, state.email, {
      error: t('signin.locked', { minutes: remainingMinutes(account) }),
    });
    return;
  }
  const usable = account && account.enabled && account.passwordHash;
  const ok = await verifyPassword(password, usable ? account!.passwordHash : services.dummyHash);
  if (!ok || !usable || !account) {
    if (account) {
      account = recordFailure(services, account);
      if (isLocked(account)) {
        renderStepTwo(ctx, services, info, state.email, {
          error: t('signin.locked', { minutes: remainingMinutes(account) }),
        });
        return;
      }
    }
    renderStepTwo(ctx, services, info, state.email, { error: t('signin.wrong') });
    return;
  }
  if (account.failedCount > 0 || account.lockedUntil !== null) {
    services.accounts.update(account.id, { failedCount: 0, failedSince: null, lockedUntil: null });
  }
  state.accountId = account.id;
  state.amr.push('pwd');
  services.interactions.save(uid, state);
  await finishSignIn(ctx, services, uid, info.clientId, state);
}

async function securityKey(ctx: Koa.Context, services: Services): Promise<void> {
  const info = await loadInteraction(ctx, services);
  const handler = federationFor(services, 'securitykey');
  if (handler) {
    await handler({ ctx, services, uid: info.uid, clientId: info.clientId, state: info.state });
    return;
  }
  const { t } = i18n(ctx);
  renderStepOne(ctx, services, info, {
    email: info.state.email,
    notice: t('signin.securityKeyUnavailable'),
  });
}

async function federate(ctx: Koa.Context, services: Services): Promise<void> {
  const form = await readForm(ctx, services.kit);
  const info = await loadInteraction(ctx, services);
  const wanted = field(form, 'provider', 40);
  const email = info.state.email;
  const offered: Federation[] = [...info.app.federation];
  if (email && adfsFor(services, email)) offered.push('adfs');
  const id = offered.find((o) => o === wanted);
  const { t } = i18n(ctx);
  if (!id) throw new PageError(400, 'signin.unknownProvider');
  const handler = federationFor(services, id);
  if (handler) {
    await handler({ ctx, services, uid: info.uid, clientId: info.clientId, state: info.state });
    return;
  }
  const notice = t('signin.providerUnavailable', { provider: FEDERATION_NAMES[id] });
  if (id === 'adfs' && email) renderStepTwo(ctx, services, info, email, { notice });
  else renderStepOne(ctx, services, info, { email, notice });
}
