// The enrolment wizard, in the order the guides walk it: "Add an extra layer of security" → app choice
// (Visma Authenticator with its QR code, or "I use a different Authenticator app") → "Enable Two-step
// verification" (QR code + key) → the 6-digit code → optional SMS number → SMS code → "Save your one-time
// emergency code" → done. The same screens serve a sign-in and Account Settings (see flow.ts).
import type Koa from 'koa';
import { accountNow } from '../store/accounts.ts';
import { field } from '../web/kit.ts';
import {
  checkSms,
  checkTotp,
  codeError,
  langFor,
  sendEnabledMail,
  sendSmsCode,
  typedCode,
  type Tfa,
} from './common.ts';
import {
  SETTINGS_PREFIX,
  SIGNIN_PREFIX,
  flowRoutes,
  go,
  requireDone,
  type Flow,
  type ResolveFlow,
} from './flow.ts';
import { sha256 } from './store/index.ts';
import {
  COUNTRY_PREFIXES,
  appScreen,
  emergencyScreen,
  finishedScreen,
  introScreen,
  smsCodeScreen,
  smsScreen,
  totpCodeScreen,
  totpScreen,
} from './wizard-screens.ts';

/** The wizard's screens, under a sign-in and under Account Settings (one resolver each). */
export function registerWizard(tfa: Tfa, resolvers: Array<[string, ResolveFlow]>): void {
  for (const [prefix, resolve] of resolvers) {
    const { get, post } = flowRoutes(tfa, prefix, resolve);
    get('intro', (ctx, flow) => introScreen(tfa, ctx, flow));
    post('intro', (ctx, flow, form) => postIntro(tfa, ctx, flow, form));
    get('app', (ctx, flow) => (flow.data.started ? appScreen(tfa, ctx, flow) : go(ctx, flow, 'intro')));
    post('app', (ctx, flow) => postApp(tfa, ctx, flow));
    get('totp', (ctx, flow) => (flow.data.started ? totpScreen(tfa, ctx, flow) : go(ctx, flow, 'intro')));
    get('totp/code', (ctx, flow) =>
      flow.data.totpSecret ? totpCodeScreen(tfa, ctx, flow) : go(ctx, flow, 'totp'),
    );
    post('totp/code', (ctx, flow, form) => postTotpCode(tfa, ctx, flow, form));
    get('sms', (ctx, flow) => (flow.data.totpVerified ? smsScreen(tfa, ctx, flow) : go(ctx, flow, 'totp')));
    post('sms', (ctx, flow, form) => postSms(tfa, ctx, flow, form));
    get('sms/code', (ctx, flow) => (flow.data.phone ? smsCodeScreen(tfa, ctx, flow) : go(ctx, flow, 'sms')));
    post('sms/resend', (ctx, flow) => postSmsResend(tfa, ctx, flow));
    post('sms/code', (ctx, flow, form) => postSmsCode(tfa, ctx, flow, form));
    get('emergency', (ctx, flow) =>
      flow.data.totpVerified ? emergencyScreen(tfa, ctx, flow) : go(ctx, flow, 'totp'),
    );
    post('emergency', (ctx, flow, form) => postEmergency(tfa, ctx, flow, form));
    get('finished', (ctx, flow) => getFinished(tfa, ctx, flow));
    post('finished', (ctx, flow) => postFinished(tfa, ctx, flow));
  }
}

async function postIntro(tfa: Tfa, ctx: Koa.Context, flow: Flow, form: URLSearchParams) {
  if (form.get('choice') === 'later' && flow.optional) return flow.postpone(ctx);
  flow.data.started = true;
  flow.save();
  go(ctx, flow, 'app');
}

async function postApp(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
  requireDone(flow.data.started);
  const pairing = flow.data.pairCode ? tfa.store.devices.pairing(flow.data.pairCode) : undefined;
  if (!pairing?.deviceId || pairing.accountId !== flow.account.id) {
    return appScreen(tfa, ctx, flow, langFor(ctx, flow.account).t('tfa.app.notPaired'));
  }
  // The paired app holds the key too (pairing hands it over), so the code step is not needed.
  flow.data.pairedDevice = pairing.deviceId;
  flow.data.totpSecret = pairing.secret;
  flow.data.totpVerified = true;
  flow.save();
  go(ctx, flow, nextAfterKey(flow));
}

async function postTotpCode(tfa: Tfa, ctx: Koa.Context, flow: Flow, form: URLSearchParams) {
  const { t } = langFor(ctx, flow.account);
  requireDone(flow.data.started && !!flow.data.totpSecret);
  if (!flow.data.totpSecret) return go(ctx, flow, 'totp');
  const code = typedCode(form, 'AuthCode');
  const result = checkTotp(tfa, flow.account, flow.data.totpSecret, code, null);
  const error = codeError(t, flow.account, result);
  if (error) return totpCodeScreen(tfa, ctx, flow, error);
  flow.data.totpVerified = true;
  flow.save();
  go(ctx, flow, nextAfterKey(flow));
}

async function postSms(tfa: Tfa, ctx: Koa.Context, flow: Flow, form: URLSearchParams) {
  requireDone(flow.data.totpVerified);
  const { t, lang } = langFor(ctx, flow.account);
  const prefix = field(form, 'CountryCode', 6);
  const number = field(form, 'PhoneNumber', 40).replace(/[\s().-]/g, '');
  if (number === '') {
    flow.data.phone = undefined;
    flow.save();
    return go(ctx, flow, 'emergency');
  }
  if (!COUNTRY_PREFIXES.includes(prefix) || !/^\d{4,14}$/.test(number.replace(/^0+/, ''))) {
    return smsScreen(tfa, ctx, flow, t('tfa.sms.badNumber'), prefix, number);
  }
  flow.data.phone = `${prefix}${number.replace(/^0+/, '')}`;
  flow.data.phoneVerified = false;
  flow.save();
  await sendSmsCode(tfa, flow.account, 'enrol', flow.data.phone, lang);
  go(ctx, flow, 'sms/code');
}

async function postSmsResend(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
  requireDone(flow.data.totpVerified);
  if (!flow.data.phone) return go(ctx, flow, 'sms');
  await sendSmsCode(tfa, flow.account, 'enrol', flow.data.phone, langFor(ctx, flow.account).lang);
  go(ctx, flow, 'sms/code');
}

async function postSmsCode(tfa: Tfa, ctx: Koa.Context, flow: Flow, form: URLSearchParams) {
  const { t } = langFor(ctx, flow.account);
  requireDone(flow.data.totpVerified && !!flow.data.phone);
  if (!flow.data.phone) return go(ctx, flow, 'sms');
  const code = typedCode(form, 'SmsCode');
  const error = codeError(t, flow.account, checkSms(tfa, flow.account, 'enrol', code));
  if (error) return smsCodeScreen(tfa, ctx, flow, error);
  flow.data.phoneVerified = true;
  flow.save();
  go(ctx, flow, 'emergency');
}

async function postEmergency(tfa: Tfa, ctx: Koa.Context, flow: Flow, form: URLSearchParams) {
  const { t } = langFor(ctx, flow.account);
  requireDone(flow.data.totpVerified && !!flow.data.emergencyCode);
  if (!flow.data.totpVerified || !flow.data.emergencyCode) return go(ctx, flow, 'totp');
  if (form.get('Stored') !== 'on') return emergencyScreen(tfa, ctx, flow, t('tfa.emergency.notStored'));
  const account = flow.account;
  const before = tfa.store.methods.get(account);
  const device = flow.data.pairedDevice;
  tfa.store.methods.update(account, {
    enrolled: true,
    totpSecret: flow.data.totpSecret ?? before.totpSecret,
    totpLastStep: flow.data.totpSecret ? null : before.totpLastStep,
    phone: flow.data.phone && flow.data.phoneVerified ? flow.data.phone : before.phone,
    emergencyHash: sha256(flow.data.emergencyCode),
    postponedSignins: null,
    enrolledAt: accountNow(account),
  });
  if (device) tfa.store.devices.activatePushDevice(device);
  const wasOn = before.enrolled;
  delete flow.data.emergencyCode;
  delete flow.data.totpSecret;
  flow.save();
  flow.data.enrolled = true;
  flow.save();
  if (!wasOn) await sendEnabledMail(tfa.services, account, 'enabled');
  go(ctx, flow, 'finished');
}

function getFinished(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
  requireDone(flow.data.enrolled);
  finishedScreen(tfa, ctx, flow);
}

async function postFinished(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
  requireDone(flow.data.enrolled);
  await flow.complete(ctx, { enrolled: true });
}

function nextAfterKey(flow: Flow): string {
  // Re-enrolment (lost authenticator) keeps the verified phone; a first enrolment offers SMS.
  return flow.data.reenrol ? 'emergency' : 'sms';
}

export { SETTINGS_PREFIX, SIGNIN_PREFIX };
