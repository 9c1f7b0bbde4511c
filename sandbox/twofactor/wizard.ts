// The enrolment wizard, in the order the guides walk it: "Add an extra layer of security" → app choice
// (Visma Authenticator with its QR code, or "I use a different Authenticator app") → "Enable Two-step
// verification" (QR code + key) → the 6-digit code → optional SMS number → SMS code → "Save your one-time
// emergency code" → done. The same screens serve a sign-in and Account Settings (see flow.ts).
import type Koa from 'koa';
import { accountNow } from '../store/accounts.ts';
import { field } from '../web/kit.ts';
import { csrfField } from '../web/parts.ts';
import { html } from '../web/html.ts';
import type { Translate } from '../i18n/index.ts';
import {
  checkSms,
  checkTotp,
  codeError,
  codeInput,
  groupKey,
  langFor,
  newTotpSecret,
  otpauthUri,
  qrImage,
  screen,
  sendEnabledMail,
  sendSmsCode,
  typedCode,
  type Tfa,
} from './common.ts';
import {
  FLOW_TTL_MS,
  SETTINGS_PREFIX,
  SIGNIN_PREFIX,
  flowRoutes,
  go,
  requireDone,
  type Flow,
  type ResolveFlow,
} from './flow.ts';
import { newEmergencyCode, newId, sha256 } from './store/index.ts';

export const COUNTRY_PREFIXES = ['+47', '+45', '+46', '+358', '+31', '+44', '+354', '+49', '+1'];

const backNext = (t: Translate, backHref: string) =>
  html`<div class="buttons">
    <a class="button secondary" href="${backHref}">${t('tfa.back')}</a>
    <button type="submit">${t('tfa.next')}</button>
  </div>`;

export function registerWizard(tfa: Tfa, resolvers: Array<[string, ResolveFlow]>): void {
  const { kit } = tfa.services;
  const pairUrl = (code: string) => `${tfa.services.urls.connect}/tfa/device/v1/pair?code=${code}`;

  const screens = {
    intro(ctx: Koa.Context, flow: Flow) {
      const { t } = langFor(ctx, flow.account);
      const deadline = tfa.services.config.SANDBOX_2FA_HOME_DEADLINE;
      screen(ctx, {
        heading: t('tfa.intro.title'),
        appTitle: flow.app.title,
        body: html`<p>${t('tfa.intro.text')}</p>
          ${
            flow.optional
              ? flow.kind === 'signin'
                ? html`<p>${t('tfa.intro.deadline', { date: deadline })}</p>`
                : ''
              : html`<p>${t('tfa.intro.required', { app: flow.app.title })}</p>`
          }
          <form method="post" action="${flow.base}/intro">
            ${csrfField(ctx, kit)}
            ${
              flow.optional
                ? html`<button type="submit" class="secondary" name="choice" value="later">
                    ${t('tfa.intro.later')}
                  </button>`
                : ''
            }
            <button type="submit" name="choice" value="enable">${t('tfa.intro.enable')}</button>
          </form>`,
      });
    },
    async app(ctx: Koa.Context, flow: Flow, error?: string) {
      const { t } = langFor(ctx, flow.account);
      if (!flow.data.pairCode || !tfa.store.devices.pairing(flow.data.pairCode)) {
        flow.data.pairCode = newId(12);
        tfa.store.devices.newPairing(flow.account, flow.data.pairCode, newTotpSecret(), FLOW_TTL_MS);
        flow.save();
      }
      screen(ctx, {
        heading: t('tfa.app.title'),
        appTitle: flow.app.title,
        error,
        // An app that has not paired yet is a "not yet", not bad input.
        status: 200,
        body: html`<p>${t('tfa.app.text')}</p>
          <p class="qr-box">${await qrImage(pairUrl(flow.data.pairCode), t('tfa.app.qrAlt'))}</p>
          <p><a href="${flow.base}/totp">${t('tfa.app.other')}</a></p>
          <p><a href="${flow.base}/totp">${t('tfa.challenge.other')}</a></p>
          <form method="post" action="${flow.base}/app">
            ${csrfField(ctx, kit)} ${backNext(t, `${flow.base}/intro`)}
          </form>`,
      });
    },
    async totp(ctx: Koa.Context, flow: Flow) {
      const { t } = langFor(ctx, flow.account);
      if (!flow.data.totpSecret) {
        flow.data.totpSecret = newTotpSecret();
        flow.save();
      }
      const secret = flow.data.totpSecret;
      screen(ctx, {
        heading: t('tfa.totp.title'),
        appTitle: flow.app.title,
        body: html`<p>${t('tfa.totp.scan')}</p>
          <p class="qr-box">${await qrImage(otpauthUri(secret, flow.account.email), t('tfa.totp.qrAlt'))}</p>
          <section aria-labelledby="cant-scan">
            <h2 id="cant-scan">${t('tfa.totp.cantScan')}</h2>
            <p>${t('tfa.totp.manual')}:</p>
            <p><code id="totp-key" aria-label="${t('tfa.totp.keyLabel')}">${groupKey(secret)}</code></p>
          </section>
          <div class="buttons">
            <a class="button secondary" href="${flow.base}/app">${t('tfa.back')}</a>
            <a class="button" href="${flow.base}/totp/code">${t('tfa.next')}</a>
          </div>`,
      });
    },
    totpCode(ctx: Koa.Context, flow: Flow, error?: string) {
      const { t } = langFor(ctx, flow.account);
      screen(ctx, {
        heading: t('tfa.totp.title'),
        appTitle: flow.app.title,
        error,
        body: html`<form method="post" action="${flow.base}/totp/code" novalidate>
          ${csrfField(ctx, kit)} ${codeInput(t, 'AuthCode', t('tfa.totp.codeLabel'))}
          ${backNext(t, `${flow.base}/totp`)}
        </form>`,
      });
    },
    sms(ctx: Koa.Context, flow: Flow, error?: string, prefix = '+47', number = '') {
      const { t } = langFor(ctx, flow.account);
      screen(ctx, {
        heading: t('tfa.sms.title'),
        appTitle: flow.app.title,
        error,
        body: html`<p>${t('tfa.sms.text')}</p>
          <form method="post" action="${flow.base}/sms" novalidate>
            ${csrfField(ctx, kit)}
            <label for="CountryCode">${t('tfa.sms.prefix')}</label>
            <select id="CountryCode" name="CountryCode">
              ${COUNTRY_PREFIXES.map(
                (p) => html`<option value="${p}" ${p === prefix ? 'selected' : ''}>${p}</option>`,
              )}
            </select>
            <label for="PhoneNumber">${t('tfa.sms.number')}</label>
            <input
              id="PhoneNumber"
              name="PhoneNumber"
              type="tel"
              autocomplete="tel-national"
              value="${number}"
            />
            <div class="buttons"><button type="submit">${t('tfa.next')}</button></div>
          </form>`,
      });
    },
    smsCode(ctx: Koa.Context, flow: Flow, error?: string) {
      const { t } = langFor(ctx, flow.account);
      screen(ctx, {
        heading: t('tfa.sms.title'),
        appTitle: flow.app.title,
        error,
        body: html`<p>${t('tfa.sms.sent', { phone: flow.data.phone ?? '' })}</p>
          <form method="post" action="${flow.base}/sms/code" novalidate>
            ${csrfField(ctx, kit)} ${codeInput(t, 'SmsCode', t('tfa.sms.codeLabel'))}
            ${backNext(t, `${flow.base}/sms`)}
          </form>
          <form method="post" action="${flow.base}/sms/resend">
            ${csrfField(ctx, kit)}
            <button type="submit" class="secondary">${t('tfa.sms.resend')}</button>
          </form>`,
      });
    },
    emergency(ctx: Koa.Context, flow: Flow, error?: string) {
      const { t } = langFor(ctx, flow.account);
      if (!flow.data.emergencyCode) {
        flow.data.emergencyCode = newEmergencyCode();
        flow.save();
      }
      screen(ctx, {
        heading: t('tfa.emergency.title'),
        appTitle: flow.app.title,
        error,
        script: true,
        body: html`<p>${t('tfa.emergency.text')}</p>
          <p>
            <strong id="emergency-code" class="emergency" aria-label="${t('tfa.emergency.codeLabel')}"
              >${flow.data.emergencyCode}</strong
            >
          </p>
          <form method="post" action="${flow.base}/emergency" novalidate>
            ${csrfField(ctx, kit)}
            <div class="check">
              <input id="Stored" name="Stored" type="checkbox" data-gates="emergency-next" />
              <label for="Stored">${t('tfa.emergency.stored')}</label>
            </div>
            <div class="buttons"><button type="submit" id="emergency-next">${t('tfa.next')}</button></div>
          </form>`,
      });
    },
    finished(ctx: Koa.Context, flow: Flow) {
      const { t } = langFor(ctx, flow.account);
      screen(ctx, {
        heading: t('tfa.finished.title'),
        appTitle: flow.app.title,
        body: html`<p>${t('tfa.finished.text')}</p>
          <form method="post" action="${flow.base}/finished">
            ${csrfField(ctx, kit)}
            <button type="submit">${t('tfa.done')}</button>
          </form>`,
      });
    },
  };

  for (const [prefix, resolve] of resolvers) {
    const { get, post } = flowRoutes(tfa, prefix, resolve);

    get('intro', (ctx, flow) => screens.intro(ctx, flow));
    post('intro', async (ctx, flow, form) => {
      if (form.get('choice') === 'later' && flow.optional) return flow.postpone(ctx);
      flow.data.started = true;
      flow.save();
      go(ctx, flow, 'app');
    });
    get('app', (ctx, flow) => (flow.data.started ? screens.app(ctx, flow) : go(ctx, flow, 'intro')));
    post('app', async (ctx, flow) => {
      requireDone(flow.data.started);
      const pairing = flow.data.pairCode ? tfa.store.devices.pairing(flow.data.pairCode) : undefined;
      if (!pairing?.deviceId || pairing.accountId !== flow.account.id) {
        return screens.app(ctx, flow, langFor(ctx, flow.account).t('tfa.app.notPaired'));
      }
      // The paired app holds the key too (pairing hands it over), so the code step is not needed.
      flow.data.pairedDevice = pairing.deviceId;
      flow.data.totpSecret = pairing.secret;
      flow.data.totpVerified = true;
      flow.save();
      go(ctx, flow, nextAfterKey(flow));
    });
    get('totp', (ctx, flow) => (flow.data.started ? screens.totp(ctx, flow) : go(ctx, flow, 'intro')));
    get('totp/code', (ctx, flow) =>
      flow.data.totpSecret ? screens.totpCode(ctx, flow) : go(ctx, flow, 'totp'),
    );
    post('totp/code', async (ctx, flow, form) => {
      const { t } = langFor(ctx, flow.account);
      requireDone(flow.data.started && !!flow.data.totpSecret);
      if (!flow.data.totpSecret) return go(ctx, flow, 'totp');
      const code = typedCode(form, 'AuthCode');
      const result = checkTotp(tfa, flow.account, flow.data.totpSecret, code, null);
      const error = codeError(t, flow.account, result);
      if (error) return screens.totpCode(ctx, flow, error);
      flow.data.totpVerified = true;
      flow.save();
      go(ctx, flow, nextAfterKey(flow));
    });
    get('sms', (ctx, flow) => (flow.data.totpVerified ? screens.sms(ctx, flow) : go(ctx, flow, 'totp')));
    post('sms', async (ctx, flow, form) => {
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
        return screens.sms(ctx, flow, t('tfa.sms.badNumber'), prefix, number);
      }
      flow.data.phone = `${prefix}${number.replace(/^0+/, '')}`;
      flow.data.phoneVerified = false;
      flow.save();
      await sendSmsCode(tfa, flow.account, 'enrol', flow.data.phone, lang);
      go(ctx, flow, 'sms/code');
    });
    get('sms/code', (ctx, flow) => (flow.data.phone ? screens.smsCode(ctx, flow) : go(ctx, flow, 'sms')));
    post('sms/resend', async (ctx, flow) => {
      requireDone(flow.data.totpVerified);
      if (!flow.data.phone) return go(ctx, flow, 'sms');
      await sendSmsCode(tfa, flow.account, 'enrol', flow.data.phone, langFor(ctx, flow.account).lang);
      go(ctx, flow, 'sms/code');
    });
    post('sms/code', async (ctx, flow, form) => {
      const { t } = langFor(ctx, flow.account);
      requireDone(flow.data.totpVerified && !!flow.data.phone);
      if (!flow.data.phone) return go(ctx, flow, 'sms');
      const code = typedCode(form, 'SmsCode');
      const error = codeError(t, flow.account, checkSms(tfa, flow.account, 'enrol', code));
      if (error) return screens.smsCode(ctx, flow, error);
      flow.data.phoneVerified = true;
      flow.save();
      go(ctx, flow, 'emergency');
    });
    get('emergency', (ctx, flow) =>
      flow.data.totpVerified ? screens.emergency(ctx, flow) : go(ctx, flow, 'totp'),
    );
    post('emergency', async (ctx, flow, form) => {
      const { t } = langFor(ctx, flow.account);
      requireDone(flow.data.totpVerified && !!flow.data.emergencyCode);
      if (!flow.data.totpVerified || !flow.data.emergencyCode) return go(ctx, flow, 'totp');
      if (form.get('Stored') !== 'on') return screens.emergency(ctx, flow, t('tfa.emergency.notStored'));
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
    });
    // "Done" finishes only a wizard that stored its settings: a forged post here is not a way around it.
    get('finished', (ctx, flow) => {
      requireDone(flow.data.enrolled);
      screens.finished(ctx, flow);
    });
    post('finished', async (ctx, flow) => {
      requireDone(flow.data.enrolled);
      await flow.complete(ctx, { enrolled: true });
    });
  }

  function nextAfterKey(flow: Flow): string {
    // Re-enrolment (lost authenticator) keeps the verified phone; a first enrolment offers SMS.
    return flow.data.reenrol ? 'emergency' : 'sms';
  }
}

export { SETTINGS_PREFIX, SIGNIN_PREFIX };
