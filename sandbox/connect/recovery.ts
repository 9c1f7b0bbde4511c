// Account activation, forgot password (local bot check, reset mail or one-time sign-in link), password
// reset, one-time sign-in and the "Invalid verification link" page. Tokens are single use and expire on
// the account's own clock; a GET never spends one except the one-time link itself.
import type Koa from 'koa';
import { APPS, appById, type AppDef } from '../apps.ts';
import { accountNow, fullName, type Account } from '../store/accounts.ts';
import {
  HISTORY_SIZE,
  PASSWORD_RULES,
  checkPasswordShape,
  hashPassword,
  isReused,
  type PasswordProblem,
} from '../security/passwords.ts';
import {
  EMAIL_MAX,
  PageError,
  botToken,
  botTokenValid,
  cookieOptions,
  csrfValid,
  field,
  i18n,
  isEmail,
  readForm,
  render,
  seeOther,
} from '../web/kit.ts';
import { html } from '../web/html.ts';
import { csrfField, errorBox } from '../web/parts.ts';
import type { Translate } from '../i18n/index.ts';
import type { TokenKind } from '../store/tokens.ts';
import { loadInteraction, TICKET_COOKIE } from './signin.ts';
import { activationPasskeyOf, type Services } from './services.ts';

export const ACTIVATION_TTL_MS = 24 * 3600_000;
export const RESET_TTL_MS = 24 * 3600_000;
export const ONETIME_TTL_MS = 3600_000;
const TICKET_TTL_MS = 5 * 60_000;
/** At most this many reset / one-time-link mails per account per hour; more get the same answer, no mail. */
export const RECOVERY_MAILS_PER_WINDOW = 5;
const RECOVERY_WINDOW_MS = 3600_000;

const appOf = (id: string | null | undefined, account?: Account): AppDef =>
  appById(id) ?? appById(account?.app) ?? APPS[0]!;

const loginUrl = (services: Services, app: AppDef) => `${services.urls.app(app)}/login`;

/** Sends the activation mail of an invited account (SCIM create, or a resend). */
export async function sendActivationMail(services: Services, account: Account): Promise<void> {
  const app = appOf(account.app);
  const token = services.tokens.issue('activation', account, ACTIVATION_TTL_MS, app.id);
  await services.mailer.send({
    to: account.email,
    lang: account.language ?? 'en',
    name: fullName(account),
    subject: 'mail.activation.subject',
    text: 'mail.activation.text',
    vars: { app: app.title },
    button: {
      label: 'mail.activation.button',
      url: `${services.urls.connect}/account/activate?token=${token}`,
    },
  });
}

function passwordFields(t: Translate, o: { error?: string[] }) {
  return html` ${
      o.error?.length
        ? html`<div class="error" role="alert">${o.error.map((e) => html`<p>${e}</p>`)}</div>`
        : ''
    }
    <label for="NewPassword">${t('setpw.new')}</label>
    <input
      id="NewPassword"
      name="NewPassword"
      type="password"
      autocomplete="new-password"
      aria-describedby="password-rules"
      autofocus
    />
    <label for="ConfirmPassword">${t('setpw.confirm')}</label>
    <input id="ConfirmPassword" name="ConfirmPassword" type="password" autocomplete="new-password" />
    <p id="password-rules-heading">${t('rules.heading')}</p>
    <ul
      class="rules"
      id="password-rules"
      data-rules-for="NewPassword"
      aria-labelledby="password-rules-heading"
      aria-live="polite"
    >
      ${PASSWORD_RULES.map(
        (rule) =>
          html`<li
            data-pattern="${rule.pattern}"
            data-state="unmet"
            data-met-text="${t('rule.met')}"
            data-unmet-text="${t('rule.unmet')}"
          >
            <span data-rule-mark aria-hidden="true">✗</span> ${t(`rule.${rule.id}`)}
            <span class="sr" data-rule-state>${t('rule.unmet')}</span>
          </li>`,
      )}
    </ul>`;
}

function problemMessages(t: Translate, problems: PasswordProblem[]): string[] {
  return problems.map((p) => t(`pwerr.${p}`));
}

/** Validates a new password against the whole policy; returns the problems (empty = fine). */
async function policyProblems(
  services: Services,
  account: Account,
  password: string,
  confirm: string,
): Promise<PasswordProblem[]> {
  const problems = checkPasswordShape(password, confirm);
  if (problems.length > 0) return problems;
  if (await isReused(password, services.accounts.passwordHistory(account.id, HISTORY_SIZE)))
    return ['reused'];
  return [];
}

export async function setNewPassword(services: Services, account: Account, password: string): Promise<void> {
  const hash = await hashPassword(password, services.config.SANDBOX_SCRYPT_N);
  services.accounts.setPassword(account.id, hash, accountNow(account));
}

function renderInvalidLink(ctx: Koa.Context, services: Services, app: AppDef, account?: Account) {
  const { t } = i18n(ctx, account?.language);
  const params = new URLSearchParams({ app: app.id });
  render(ctx, {
    status: 410,
    title: t('invalid.title'),
    appTitle: app.title,
    body: html`<h1>${t('invalid.title')}</h1>
      <p>${t('invalid.text')}</p>
      <p><a href="/account/forgot?${params.toString()}">${t('invalid.request')}</a></p>`,
  });
}

function renderSetPassword(
  ctx: Koa.Context,
  services: Services,
  kind: 'activation' | 'reset',
  token: string,
  account: Account,
  app: AppDef,
  o: { error?: string[]; status?: number } = {},
) {
  const { t } = i18n(ctx, account.language);
  const csrf = csrfField(ctx, services.kit);
  const activation = kind === 'activation';
  const passwordForm = html`<form
    method="post"
    action="${activation ? '/account/activate' : '/account/reset'}"
    novalidate
  >
    ${csrf}
    <input type="hidden" name="token" value="${token}" />
    <input type="hidden" name="Username" value="${account.email}" autocomplete="username" />
    ${passwordFields(t, o)}
    <button type="submit">${activation ? t('setpw.submit') : t('reset.submit')}</button>
  </form>`;
  const back = (label: string) =>
    html`<p>
      <a href="${loginUrl(services, app)}"><span aria-hidden="true">←</span> ${label}</a>
    </p>`;
  const body = activation
    ? html`<h1>${t('setpw.prompt')}</h1>
        ${passwordForm}
        <p class="or">${t('common.or')}</p>
        <form method="post" action="/account/passkey">
          ${csrf}
          <input type="hidden" name="token" value="${token}" />
          <button type="submit" class="secondary">${t('setpw.passkey')}</button>
        </form>
        ${back(t('setpw.backToSignIn'))}`
    : html`<h1>${t('reset.heading')}</h1>
        ${passwordForm} ${back(t('forgot.back'))}`;
  render(ctx, {
    status: o.status,
    title: activation ? t('setpw.title') : t('reset.title'),
    appTitle: app.title,
    body,
  });
}

interface ForgotView {
  email: string;
  app: AppDef;
  uid?: string;
  backUrl: string;
  error?: string;
  status?: number;
}

function renderForgot(ctx: Koa.Context, services: Services, v: ForgotView) {
  const { t } = i18n(ctx);
  const csrf = csrfField(ctx, services.kit);
  const action = v.uid
    ? `/interaction/${v.uid}/forgot`
    : `/account/forgot?app=${encodeURIComponent(v.app.id)}`;
  render(ctx, {
    status: v.status,
    title: t('forgot.title'),
    appTitle: v.app.title,
    body: html`<p>${t('forgot.intro')}</p>
      ${errorBox(v.error)}
      <form method="post" action="${action}" novalidate>
        ${csrf}
        <input type="hidden" name="robotToken" value="" />
        <label for="Email">${t('signin.email')}</label>
        <input
          id="Email"
          name="Email"
          type="email"
          autocomplete="username"
          value="${v.email}"
          maxlength="${EMAIL_MAX}"
        />
        <div class="robot check">
          <input id="robot" type="checkbox" data-botcheck="/account/botcheck" />
          <label for="robot">${t('forgot.robot')}</label>
        </div>
        <button type="submit" name="action" value="reset" data-needs-robot aria-describedby="reset-text">
          ${t('forgot.reset')}
        </button>
        <p class="hint" id="reset-text">${t('forgot.resetText')}</p>
        <button type="submit" name="action" value="link" data-needs-robot aria-describedby="link-text">
          ${t('forgot.link')}
        </button>
        <p class="hint" id="link-text">${t('forgot.linkText')}</p>
      </form>
      <p>
        <a href="${v.backUrl}"><span aria-hidden="true">←</span> ${t('forgot.back')}</a>
      </p>`,
  });
}

async function handleForgotPost(ctx: Koa.Context, services: Services, view: Omit<ForgotView, 'email'>) {
  const form = await readForm(ctx, services.kit);
  const { t } = i18n(ctx);
  const email = field(form, 'Email', EMAIL_MAX);
  const action = field(form, 'action', 10);
  if (!isEmail(email)) {
    renderForgot(ctx, services, { ...view, email, error: t('signin.emailInvalid'), status: 400 });
    return;
  }
  if (action !== 'reset' && action !== 'link') {
    renderForgot(ctx, services, { ...view, email, error: t('forgot.chooseAction'), status: 400 });
    return;
  }
  if (!botTokenValid(ctx, services.kit, form.get('robotToken'))) {
    renderForgot(ctx, services, { ...view, email, error: t('forgot.robotMissing'), status: 400 });
    return;
  }
  const account = services.accounts.byEmail(email);
  if (
    account &&
    account.enabled &&
    services.tokens.issuedSince(account, ['reset', 'onetime'], RECOVERY_WINDOW_MS) < RECOVERY_MAILS_PER_WINDOW
  ) {
    const kind: TokenKind = action === 'reset' ? 'reset' : 'onetime';
    const token = services.tokens.issue(
      kind,
      account,
      kind === 'reset' ? RESET_TTL_MS : ONETIME_TTL_MS,
      view.app.id,
    );
    const path = kind === 'reset' ? 'reset' : 'one-time';
    await services.mailer
      .send({
        to: account.email,
        lang: account.language ?? i18n(ctx).lang,
        name: fullName(account),
        subject: kind === 'reset' ? 'mail.reset.subject' : 'mail.onetime.subject',
        text: kind === 'reset' ? 'mail.reset.text' : 'mail.onetime.text',
        button: {
          label: kind === 'reset' ? 'mail.reset.button' : 'mail.onetime.button',
          url: `${services.urls.connect}/account/${path}?token=${token}`,
        },
        ignorable: true,
      })
      .catch((error: unknown) =>
        console.error(`sandbox: could not send the ${kind} mail:`, (error as Error).message),
      );
  }
  // The same answer whether or not the account exists.
  render(ctx, {
    title: t('forgot.sent'),
    appTitle: view.app.title,
    body: html`<h1>${t('forgot.sent')}</h1>
      <p role="status">${t('forgot.sentText', { email })}</p>
      <p>
        <a href="${view.backUrl}"><span aria-hidden="true">←</span> ${t('forgot.back')}</a>
      </p>`,
  });
}

/** After activation or a one-time link: a short-lived ticket, then the app's sign-in picks it up. */
export function signInWithTicket(ctx: Koa.Context, services: Services, account: Account, app: AppDef) {
  const ticket = services.tokens.issue('ticket', account, TICKET_TTL_MS, app.id);
  ctx.cookies.set(TICKET_COOKIE, ticket, cookieOptions(services.kit, TICKET_TTL_MS));
  seeOther(ctx, `${loginUrl(services, app)}?prompt=login`);
}

export function registerRecovery(services: Services): void {
  const { router, kit } = services;

  router.post('/account/botcheck', (ctx) => {
    if (!csrfValid(ctx, kit, ctx.get('x-csrf-token'))) throw new PageError(403, 'error.csrf');
    ctx.set('cache-control', 'no-store');
    ctx.body = { token: botToken(ctx, kit) };
  });
  router.get('/interaction/:uid/forgot', (ctx) => showForgotInInteraction(ctx, services));
  router.post('/interaction/:uid/forgot', (ctx) => submitForgotInInteraction(ctx, services));
  router.get('/account/forgot', (ctx) => {
    const app = appOf(typeof ctx.query.app === 'string' ? ctx.query.app : undefined);
    const email = typeof ctx.query.email === 'string' && isEmail(ctx.query.email) ? ctx.query.email : '';
    renderForgot(ctx, services, { email, app, backUrl: loginUrl(services, app) });
  });
  router.post('/account/forgot', async (ctx) => {
    const app = appOf(typeof ctx.query.app === 'string' ? ctx.query.app : undefined);
    await handleForgotPost(ctx, services, { app, backUrl: loginUrl(services, app) });
  });
  for (const kind of ['activation', 'reset'] as const) {
    const path = kind === 'activation' ? '/account/activate' : '/account/reset';
    router.get(path, (ctx) => showSetPassword(ctx, services, kind));
    router.post(path, (ctx) => submitSetPassword(ctx, services, kind));
  }
  router.post('/account/passkey', (ctx) => activateWithPasskey(ctx, services));
  router.get('/account/one-time', (ctx) => useOneTimeLink(ctx, services));
}

async function showForgotInInteraction(ctx: Koa.Context, services: Services): Promise<void> {
  const info = await loadInteraction(ctx, services);
  renderForgot(ctx, services, {
    email: info.state.email ?? '',
    app: info.app,
    uid: info.uid,
    backUrl: `/interaction/${info.uid}`,
  });
}

async function submitForgotInInteraction(ctx: Koa.Context, services: Services): Promise<void> {
  const info = await loadInteraction(ctx, services);
  await handleForgotPost(ctx, services, {
    app: info.app,
    uid: info.uid,
    backUrl: `/interaction/${info.uid}`,
  });
}

/** The activation or reset link's page: set a password (or say the link no longer works). */
function showSetPassword(ctx: Koa.Context, services: Services, kind: 'activation' | 'reset'): void {
  const token = typeof ctx.query.token === 'string' ? ctx.query.token : '';
  const check = services.tokens.check(kind, token);
  const app = appOf(check.clientId, check.account);
  if (!check.ok) return renderInvalidLink(ctx, services, app, check.account);
  renderSetPassword(ctx, services, kind, token, check.account, app);
}

async function submitSetPassword(
  ctx: Koa.Context,
  services: Services,
  kind: 'activation' | 'reset',
): Promise<void> {
  const { tokens } = services;
  const form = await readForm(ctx, services.kit);
  const token = field(form, 'token', 200);
  const password = field(form, 'NewPassword', 1024, false);
  const confirm = field(form, 'ConfirmPassword', 1024, false);
  const check = tokens.check(kind, token);
  const app = appOf(check.clientId, check.account);
  if (!check.ok) return renderInvalidLink(ctx, services, app, check.account);
  const { t } = i18n(ctx, check.account.language);
  const problems = await policyProblems(services, check.account, password, confirm);
  if (problems.length > 0) {
    renderSetPassword(ctx, services, kind, token, check.account, app, {
      error: problemMessages(t, problems),
      status: 400,
    });
    return;
  }
  const spent = tokens.consume(kind, token);
  if (!spent.ok) return renderInvalidLink(ctx, services, app, check.account);
  await setNewPassword(services, spent.account, password);
  // A new password makes every other open link of this account useless.
  tokens.revokeAll('reset', spent.account);
  tokens.revokeAll('onetime', spent.account);
  if (kind === 'activation') {
    tokens.revokeAll('activation', spent.account);
    signInWithTicket(ctx, services, spent.account, app);
    return;
  }
  await sendChangedMail(ctx, services, spent.account);
  render(ctx, {
    title: t('reset.done'),
    appTitle: app.title,
    body: html`<h1>${t('reset.done')}</h1>
      <p role="status">${t('reset.doneText')}</p>
      <p><a class="button" href="${loginUrl(services, app)}">${t('reset.goToSignIn')}</a></p>`,
  });
}

/** "Your password was changed", after a reset; a mail that cannot go out is logged, not shown. */
async function sendChangedMail(ctx: Koa.Context, services: Services, account: Account): Promise<void> {
  await services.mailer
    .send({
      to: account.email,
      lang: account.language ?? i18n(ctx).lang,
      name: fullName(account),
      subject: 'mail.changed.subject',
      text: 'mail.changed.text',
      vars: { date: new Date(accountNow(account)).toISOString().slice(0, 16).replace('T', ' ') },
    })
    .catch((error: unknown) =>
      console.error('sandbox: could not send the confirmation mail:', (error as Error).message),
    );
}

async function activateWithPasskey(ctx: Koa.Context, services: Services): Promise<void> {
  const form = await readForm(ctx, services.kit);
  const token = field(form, 'token', 200);
  const check = services.tokens.check('activation', token);
  const app = appOf(check.clientId, check.account);
  if (!check.ok) return renderInvalidLink(ctx, services, app, check.account);
  const activationPasskey = activationPasskeyOf(services);
  if (activationPasskey) return activationPasskey({ ctx, account: check.account, token, app });
  const { t } = i18n(ctx, check.account.language);
  renderSetPassword(ctx, services, 'activation', token, check.account, app, {
    error: [t('setpw.passkeyUnavailable')],
  });
}

function useOneTimeLink(ctx: Koa.Context, services: Services): void {
  const token = typeof ctx.query.token === 'string' ? ctx.query.token : '';
  // HEAD is safe (a link checker asks it): it tells whether the link works without spending it.
  if (ctx.method === 'HEAD') {
    ctx.status = services.tokens.check('onetime', token).ok ? 200 : 410;
    return;
  }
  const spent = services.tokens.consume('onetime', token);
  const app = appOf(spent.clientId, spent.account);
  if (!spent.ok || !spent.account.enabled) return renderInvalidLink(ctx, services, app, spent.account);
  signInWithTicket(ctx, services, spent.account, app);
}
