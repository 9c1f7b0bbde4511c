// The second step of a sign-in for an enrolled account: push waiting screen (when a Visma Authenticator is
// paired), otherwise the 6-digit code with "Remember this device for 30 days"; "Try another way" lists the
// methods the account has; SMS code; one-time emergency code, after which the person says whether the
// authenticator is lost (re-enrol, new emergency code) or turns two-step verification off.
import type Koa from 'koa';
import { accountNow } from '../store/accounts.ts';
import { field } from '../web/kit.ts';
import { csrfField } from '../web/parts.ts';
import { html, type SafeHtml } from '../web/html.ts';
import type { Translate } from '../i18n/index.ts';
import {
  checkSms,
  checkTotp,
  codeError,
  codeInput,
  langFor,
  maskPhone,
  methodsOf,
  screen,
  sendEnabledMail,
  sendSmsCode,
  throttled,
  typedCode,
  type Tfa,
} from './common.ts';
import { SIGNIN_PREFIX, flowRoutes, go, type Flow, type ResolveFlow } from './flow.ts';
import { normaliseEmergency, sha256 } from './store/index.ts';

const otherWay = (t: Translate, flow: Flow) =>
  html`<p><a href="${flow.base}/v/methods">${t('tfa.challenge.other')}</a></p>`;

/** A code field with "Remember this device for 30 days" and "Verify". */
function codeForm(
  ctx: Koa.Context,
  tfa: Tfa,
  t: Translate,
  action: string,
  label: string,
  name: string,
): SafeHtml {
  return html`<form method="post" action="${action}" novalidate>
    ${csrfField(ctx, tfa.services.kit)} ${codeInput(t, name, label)}
    <div class="check">
      <input id="RememberCode" name="RememberCode" type="checkbox" aria-describedby="remember-code-hint" />
      <label for="RememberCode"
        >${t('tfa.challenge.remember')}
        <span class="hint" id="remember-code-hint">${t('tfa.challenge.rememberHint')}</span></label
      >
    </div>
    <button type="submit">${t('tfa.verify')}</button>
  </form>`;
}

export function registerChallenge(tfa: Tfa, resolve: ResolveFlow): void {
  const { get, post } = flowRoutes(tfa, SIGNIN_PREFIX, resolve);
  get('v/challenge', (ctx, flow) => getChallenge(tfa, ctx, flow));
  get('v/push', (ctx, flow) => getPush(tfa, ctx, flow));
  get('v/push/status', (ctx, flow) => getPushStatus(tfa, ctx, flow));
  post('v/push/again', (ctx, flow) => postPushAgain(tfa, ctx, flow));
  post('v/push', (ctx, flow) => postPush(tfa, ctx, flow));
  get('v/code', (ctx, flow) => getCode(tfa, ctx, flow));
  post('v/code', (ctx, flow, form) => postCode(tfa, ctx, flow, form));
  get('v/methods', (ctx, flow) => getMethods(tfa, ctx, flow));
  get('v/sms', (ctx, flow) => getSms(tfa, ctx, flow));
  post('v/sms/resend', (ctx, flow) => postSmsResend(tfa, ctx, flow));
  post('v/sms', (ctx, flow, form) => postSms(tfa, ctx, flow, form));
  get('v/emergency', (ctx, flow) => emergencyScreen(tfa, ctx, flow));
  post('v/emergency', (ctx, flow, form) => postEmergency(tfa, ctx, flow, form));
  get('v/lost', (ctx, flow) => getLost(tfa, ctx, flow));
  post('v/lost', (ctx, flow, form) => postLost(tfa, ctx, flow, form));
}

/** The default method: push when paired, else the authenticator code, else SMS, else the list. */
function getChallenge(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
  const m = methodsOf(tfa, flow.account, tfa.store.methods.get(flow.account));
  go(ctx, flow, m.push ? 'v/push' : m.totp ? 'v/code' : m.sms ? 'v/sms' : 'v/methods');
}

function pushStatus(tfa: Tfa, flow: Flow): string {
  const r = flow.data.pushId ? tfa.store.push.pushRequest(flow.data.pushId) : undefined;
  if (!r || r.accountId !== flow.account.id) return 'none';
  if (r.status === 'pending' && accountNow(flow.account) >= r.expiresAt) return 'timeout';
  return r.status;
}

function startPush(tfa: Tfa, flow: Flow) {
  flow.data.pushId = tfa.store.push.newPushRequest(
    flow.account,
    flow.app.title,
    accountNow(flow.account),
    tfa.services.config.SANDBOX_2FA_PUSH_TIMEOUT_SECONDS * 1000,
  );
  flow.save();
}

function getPush(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
  if (!tfa.store.devices.hasPush(flow.account)) return go(ctx, flow, 'v/methods');
  let status = pushStatus(tfa, flow);
  if (status === 'none' || status === 'replaced' || status === 'used') {
    startPush(tfa, flow);
    status = 'pending';
  }
  const { t } = langFor(ctx, flow.account);
  const waiting = status === 'pending' || status === 'approved';
  screen(ctx, {
    heading: waiting ? t('tfa.push.title') : t('tfa.challenge.title'),
    appTitle: flow.app.title,
    script: status === 'pending',
    body: waiting
      ? html`<p>${t('tfa.push.text')}</p>
          <form method="post" action="${flow.base}/v/push">
            ${csrfField(ctx, tfa.services.kit)}
            <p role="status" data-push-status="${flow.base}/v/push/status" aria-busy="true">
              ${t('tfa.push.text')}
            </p>
          </form>
          ${otherWay(t, flow)}`
      : status === 'denied'
        ? html`<p class="error" role="alert">${t('tfa.push.denied')}</p>
            ${otherWay(t, flow)}`
        : html`<p class="error" role="alert">${t('tfa.push.timeout')}</p>
            <form method="post" action="${flow.base}/v/push/again">
              ${csrfField(ctx, tfa.services.kit)}
              <button type="submit">${t('tfa.push.again')}</button>
            </form>
            ${otherWay(t, flow)}`,
  });
}

function getPushStatus(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
  ctx.set('cache-control', 'no-store');
  ctx.body = { status: pushStatus(tfa, flow) };
}

function postPushAgain(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
  startPush(tfa, flow);
  go(ctx, flow, 'v/push');
}

async function postPush(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
  if (pushStatus(tfa, flow) !== 'approved') return go(ctx, flow, 'v/push');
  tfa.store.push.decidePush(flow.data.pushId!, 'used');
  await flow.complete(ctx, { amr: ['mfa', 'otp'] });
}

function codeScreen(tfa: Tfa, ctx: Koa.Context, flow: Flow, error?: string) {
  const { t } = langFor(ctx, flow.account);
  screen(ctx, {
    heading: t('tfa.challenge.title'),
    appTitle: flow.app.title,
    error,
    body: html`<p>${t('tfa.challenge.totp')}</p>
      ${codeForm(ctx, tfa, t, `${flow.base}/v/code`, t('tfa.challenge.codeLabel'), 'AuthCode')}
      ${otherWay(t, flow)}`,
  });
}

function getCode(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
  if (!tfa.store.methods.get(flow.account).totpSecret) return go(ctx, flow, 'v/methods');
  codeScreen(tfa, ctx, flow);
}

async function postCode(tfa: Tfa, ctx: Koa.Context, flow: Flow, form: URLSearchParams) {
  const state = tfa.store.methods.get(flow.account);
  if (!state.totpSecret) return go(ctx, flow, 'v/methods');
  const { t } = langFor(ctx, flow.account);
  const code = typedCode(form, 'AuthCode');
  const error = codeError(
    t,
    flow.account,
    checkTotp(tfa, flow.account, state.totpSecret, code, state.totpLastStep),
  );
  if (error) return codeScreen(tfa, ctx, flow, error);
  flow.data.remember = form.get('RememberCode') === 'on';
  await flow.complete(ctx, { amr: ['otp', 'mfa'] });
}

function getMethods(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
  const { t } = langFor(ctx, flow.account);
  const state = tfa.store.methods.get(flow.account);
  const m = methodsOf(tfa, flow.account, state);
  const item = (href: string, label: string) => html`<li><a href="${flow.base}/v/${href}">${label}</a></li>`;
  screen(ctx, {
    heading: t('tfa.methods.title'),
    appTitle: flow.app.title,
    body: html`<p>${t('tfa.methods.text')}</p>
      <ul class="methods">
        ${m.push ? item('push', t('tfa.methods.push')) : ''}
        ${m.totp ? item('code', t('tfa.methods.totp')) : ''}
        ${m.sms && state.phone ? item('sms', t('tfa.methods.sms', { phone: maskPhone(state.phone) })) : ''}
        ${m.key ? item('key', t('tfa.methods.key')) : ''}
        ${m.emergency ? item('emergency', t('tfa.methods.emergency')) : ''}
      </ul>`,
  });
}

function smsScreen(tfa: Tfa, ctx: Koa.Context, flow: Flow, phone: string, error?: string) {
  const { t } = langFor(ctx, flow.account);
  screen(ctx, {
    heading: t('tfa.challenge.title'),
    appTitle: flow.app.title,
    error,
    body: html`<p>${t('tfa.challenge.sms', { phone: maskPhone(phone) })}</p>
      ${codeForm(ctx, tfa, t, `${flow.base}/v/sms`, t('tfa.sms.codeLabel'), 'SmsCode')}
      <form method="post" action="${flow.base}/v/sms/resend">
        ${csrfField(ctx, tfa.services.kit)}
        <button type="submit" class="secondary">${t('tfa.sms.resend')}</button>
      </form>
      ${otherWay(t, flow)}`,
  });
}

// Choosing SMS in the list sends a code (a link is a GET: the page sends once per visit of the list).
async function getSms(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
  const phone = tfa.store.methods.get(flow.account).phone;
  if (!phone) return go(ctx, flow, 'v/methods');
  const sent = tfa.store.sms.getSms(flow.account, 'signin');
  if (!sent || sent.expiresAt <= accountNow(flow.account)) {
    await sendSmsCode(tfa, flow.account, 'signin', phone, langFor(ctx, flow.account).lang);
  }
  smsScreen(tfa, ctx, flow, phone);
}

async function postSmsResend(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
  const phone = tfa.store.methods.get(flow.account).phone;
  if (!phone) return go(ctx, flow, 'v/methods');
  await sendSmsCode(tfa, flow.account, 'signin', phone, langFor(ctx, flow.account).lang);
  go(ctx, flow, 'v/sms');
}

async function postSms(tfa: Tfa, ctx: Koa.Context, flow: Flow, form: URLSearchParams) {
  const phone = tfa.store.methods.get(flow.account).phone;
  if (!phone) return go(ctx, flow, 'v/methods');
  const { t } = langFor(ctx, flow.account);
  const code = typedCode(form, 'SmsCode');
  const error = codeError(t, flow.account, checkSms(tfa, flow.account, 'signin', code));
  if (error) return smsScreen(tfa, ctx, flow, phone, error);
  flow.data.remember = form.get('RememberCode') === 'on';
  await flow.complete(ctx, { amr: ['sms', 'mfa'] });
}

function emergencyScreen(tfa: Tfa, ctx: Koa.Context, flow: Flow, error?: string) {
  const { t } = langFor(ctx, flow.account);
  screen(ctx, {
    heading: t('tfa.use.title'),
    appTitle: flow.app.title,
    error,
    body: html`<form method="post" action="${flow.base}/v/emergency" novalidate>
        ${csrfField(ctx, tfa.services.kit)}
        <label for="EmergencyCode">${t('tfa.use.label')}</label>
        <input
          id="EmergencyCode"
          name="EmergencyCode"
          type="text"
          autocomplete="off"
          maxlength="40"
          placeholder="XXXX-XXXX-XXXX-XXXX-XXXX"
          autofocus
        />
        <button type="submit">${t('tfa.verify')}</button>
      </form>
      ${otherWay(t, flow)}`,
  });
}

function postEmergency(tfa: Tfa, ctx: Koa.Context, flow: Flow, form: URLSearchParams) {
  const { t } = langFor(ctx, flow.account);
  const code = normaliseEmergency(field(form, 'EmergencyCode', 40));
  const result = throttled(tfa, flow.account, 'emergency', () => {
    const stored = tfa.store.methods.get(flow.account).emergencyHash;
    return stored && sha256(code) === stored ? 'ok' : 'wrong';
  });
  if (result !== 'ok') {
    const error = result === 'wrong' ? t('tfa.use.wrong') : codeError(t, flow.account, result);
    return emergencyScreen(tfa, ctx, flow, error);
  }
  tfa.store.methods.update(flow.account, { emergencyHash: null });
  flow.data.emergencyUsed = true;
  flow.save();
  go(ctx, flow, 'v/lost');
}

function getLost(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
  if (!flow.data.emergencyUsed) return go(ctx, flow, 'v/methods');
  const { t } = langFor(ctx, flow.account);
  screen(ctx, {
    heading: t('tfa.lost.title'),
    appTitle: flow.app.title,
    body: html`<p>${t('tfa.lost.text')}</p>
      <form method="post" action="${flow.base}/v/lost">
        ${csrfField(ctx, tfa.services.kit)}
        <button type="submit" name="choice" value="keep">${t('tfa.lost.keep')}</button>
        <button type="submit" class="secondary" name="choice" value="lost">${t('tfa.lost.lost')}</button>
        <button type="submit" class="secondary" name="choice" value="disable">
          ${t('tfa.lost.disable')}
        </button>
      </form>`,
  });
}

async function postLost(tfa: Tfa, ctx: Koa.Context, flow: Flow, form: URLSearchParams) {
  if (!flow.data.emergencyUsed) return go(ctx, flow, 'v/methods');
  const choice = form.get('choice');
  flow.data.emergencyUsed = false;
  if (choice === 'disable') {
    tfa.store.disable(flow.account);
    await sendEnabledMail(tfa.services, flow.account, 'disabled');
    flow.save();
    return flow.complete(ctx, { amr: ['mfa'] });
  }
  // Either way a new emergency code is shown; a lost authenticator is enrolled anew first.
  flow.data.reenrol = true;
  flow.data.started = true;
  flow.data.totpVerified = choice !== 'lost';
  flow.save();
  go(ctx, flow, choice === 'lost' ? 'app' : 'emergency');
}
