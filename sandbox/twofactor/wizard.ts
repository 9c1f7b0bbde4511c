// The enrolment wizard, in the order the guides walk it: "Add an extra layer of security" → app choice
// (Visma Authenticator with its QR code, or "I use a different Authenticator app") → "Enable Two-step
// verification" (QR code + key) → the 6-digit code → optional SMS number → SMS code → "Save your one-time
// emergency code" → done. The same screens serve a sign-in and Account Settings (see flow.ts).
import type Koa from 'koa';
import { accountNow } from '../store/accounts.ts';
import { csrfToken, field, readForm } from '../web/kit.ts';
import { html, type SafeHtml } from '../web/html.ts';
import type { Translate } from '../i18n/index.ts';
import {
  checkSms,
  checkTotp,
  codeError,
  errorBox,
  groupKey,
  langFor,
  newTotpSecret,
  otpauthUri,
  page,
  qrImage,
  sendEnabledMail,
  sendSmsCode,
  type Tfa,
} from './common.ts';
import { FLOW_TTL_MS, SETTINGS_PREFIX, SIGNIN_PREFIX, type Flow } from './flow.ts';
import { newEmergencyCode, newId, sha256 } from './store.ts';

export const COUNTRY_PREFIXES = ['+47', '+45', '+46', '+358', '+31', '+44', '+354', '+49', '+1'];

type Resolve = (ctx: Koa.Context) => Promise<Flow>;

const hidden = (ctx: Koa.Context, tfa: Tfa) =>
  html`<input type="hidden" name="_csrf" value="${csrfToken(ctx, tfa.services.kit)}" />`;

function codeInput(t: Translate, id: string, label: string): SafeHtml {
  return html`<label for="${id}">${label}</label>
    <input
      id="${id}"
      name="${id}"
      type="text"
      inputmode="numeric"
      autocomplete="one-time-code"
      maxlength="6"
      placeholder="${t('tfa.codePlaceholder')}"
      autofocus
    />`;
}

const backNext = (t: Translate, backHref: string) =>
  html`<div class="buttons">
    <a class="button secondary" href="${backHref}">${t('tfa.back')}</a>
    <button type="submit">${t('tfa.next')}</button>
  </div>`;

export function registerWizard(tfa: Tfa, resolvers: Array<[string, Resolve]>): void {
  const { router } = tfa.services;
  const go = (ctx: Koa.Context, flow: Flow, screen: string) => {
    ctx.status = 303;
    ctx.redirect(`${flow.base}/${screen}`);
  };

  const pairUrl = (code: string) => `${tfa.services.urls.connect}/tfa/device/v1/pair?code=${code}`;

  const screens = {
    async intro(ctx: Koa.Context, flow: Flow, error?: string) {
      const { t } = langFor(ctx, flow.account);
      const deadline = tfa.services.config.SANDBOX_2FA_HOME_DEADLINE;
      page(ctx, {
        title: t('tfa.intro.title'),
        appTitle: flow.app.title,
        body: html`<h1>${t('tfa.intro.title')}</h1>
          ${errorBox(error)}
          <p>${t('tfa.intro.text')}</p>
          ${
            flow.optional
              ? flow.kind === 'signin'
                ? html`<p>${t('tfa.intro.deadline', { date: deadline })}</p>`
                : ''
              : html`<p>${t('tfa.intro.required', { app: flow.app.title })}</p>`
          }
          <form method="post" action="${flow.base}/intro">
            ${hidden(ctx, tfa)}
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
      if (!flow.data.pairCode || !tfa.store.pairing(flow.data.pairCode)) {
        flow.data.pairCode = newId(12);
        tfa.store.newPairing(flow.account, flow.data.pairCode, newTotpSecret(), FLOW_TTL_MS);
        flow.save();
      }
      page(ctx, {
        title: t('tfa.app.title'),
        appTitle: flow.app.title,
        body: html`<h1>${t('tfa.app.title')}</h1>
          ${errorBox(error)}
          <p>${t('tfa.app.text')}</p>
          <p class="qr-box">${await qrImage(pairUrl(flow.data.pairCode), t('tfa.app.qrAlt'))}</p>
          <p><a href="${flow.base}/totp">${t('tfa.app.other')}</a></p>
          <p><a href="${flow.base}/totp">${t('tfa.challenge.other')}</a></p>
          <form method="post" action="${flow.base}/app">
            ${hidden(ctx, tfa)} ${backNext(t, `${flow.base}/intro`)}
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
      page(ctx, {
        title: t('tfa.totp.title'),
        appTitle: flow.app.title,
        body: html`<h1>${t('tfa.totp.title')}</h1>
          <p>${t('tfa.totp.scan')}</p>
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
    async totpCode(ctx: Koa.Context, flow: Flow, error?: string) {
      const { t } = langFor(ctx, flow.account);
      page(ctx, {
        title: t('tfa.totp.title'),
        appTitle: flow.app.title,
        status: error ? 400 : 200,
        body: html`<h1>${t('tfa.totp.title')}</h1>
          ${errorBox(error)}
          <form method="post" action="${flow.base}/totp/code" novalidate>
            ${hidden(ctx, tfa)} ${codeInput(t, 'AuthCode', t('tfa.totp.codeLabel'))}
            ${backNext(t, `${flow.base}/totp`)}
          </form>`,
      });
    },
    async sms(ctx: Koa.Context, flow: Flow, error?: string, prefix = '+47', number = '') {
      const { t } = langFor(ctx, flow.account);
      page(ctx, {
        title: t('tfa.sms.title'),
        appTitle: flow.app.title,
        status: error ? 400 : 200,
        body: html`<h1>${t('tfa.sms.title')}</h1>
          ${errorBox(error)}
          <p>${t('tfa.sms.text')}</p>
          <form method="post" action="${flow.base}/sms" novalidate>
            ${hidden(ctx, tfa)}
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
    async smsCode(ctx: Koa.Context, flow: Flow, error?: string) {
      const { t } = langFor(ctx, flow.account);
      page(ctx, {
        title: t('tfa.sms.title'),
        appTitle: flow.app.title,
        status: error ? 400 : 200,
        body: html`<h1>${t('tfa.sms.title')}</h1>
          ${errorBox(error)}
          <p>${t('tfa.sms.sent', { phone: flow.data.phone ?? '' })}</p>
          <form method="post" action="${flow.base}/sms/code" novalidate>
            ${hidden(ctx, tfa)} ${codeInput(t, 'SmsCode', t('tfa.sms.codeLabel'))}
            ${backNext(t, `${flow.base}/sms`)}
          </form>
          <form method="post" action="${flow.base}/sms/resend">
            ${hidden(ctx, tfa)}
            <button type="submit" class="secondary">${t('tfa.sms.resend')}</button>
          </form>`,
      });
    },
    async emergency(ctx: Koa.Context, flow: Flow, error?: string) {
      const { t } = langFor(ctx, flow.account);
      if (!flow.data.emergencyCode) {
        flow.data.emergencyCode = newEmergencyCode();
        flow.save();
      }
      page(ctx, {
        title: t('tfa.emergency.title'),
        appTitle: flow.app.title,
        status: error ? 400 : 200,
        script: true,
        body: html`<h1>${t('tfa.emergency.title')}</h1>
          ${errorBox(error)}
          <p>${t('tfa.emergency.text')}</p>
          <p>
            <strong id="emergency-code" class="emergency" aria-label="${t('tfa.emergency.codeLabel')}"
              >${flow.data.emergencyCode}</strong
            >
          </p>
          <form method="post" action="${flow.base}/emergency" novalidate>
            ${hidden(ctx, tfa)}
            <div class="check">
              <input id="Stored" name="Stored" type="checkbox" data-gates="emergency-next" />
              <label for="Stored">${t('tfa.emergency.stored')}</label>
            </div>
            <div class="buttons"><button type="submit" id="emergency-next">${t('tfa.next')}</button></div>
          </form>`,
      });
    },
    async finished(ctx: Koa.Context, flow: Flow) {
      const { t } = langFor(ctx, flow.account);
      page(ctx, {
        title: t('tfa.finished.title'),
        appTitle: flow.app.title,
        body: html`<h1>${t('tfa.finished.title')}</h1>
          <p>${t('tfa.finished.text')}</p>
          <form method="post" action="${flow.base}/finished">
            ${hidden(ctx, tfa)}
            <button type="submit">${t('tfa.done')}</button>
          </form>`,
      });
    },
  };

  for (const [prefix, resolve] of resolvers) {
    const get = (path: string, h: (ctx: Koa.Context, flow: Flow) => Promise<void>) =>
      router.get(`${prefix}/${path}`, async (ctx) => h(ctx, await resolve(ctx)));
    const post = (path: string, h: (ctx: Koa.Context, flow: Flow, form: URLSearchParams) => Promise<void>) =>
      router.post(`${prefix}/${path}`, async (ctx) => {
        const form = await readForm(ctx, tfa.services.kit);
        await h(ctx, await resolve(ctx), form);
      });

    get('intro', (ctx, flow) => screens.intro(ctx, flow));
    post('intro', async (ctx, flow, form) => {
      if (form.get('choice') === 'later' && flow.optional) return flow.postpone(ctx);
      go(ctx, flow, 'app');
    });
    get('app', (ctx, flow) => screens.app(ctx, flow));
    post('app', async (ctx, flow) => {
      const pairing = flow.data.pairCode ? tfa.store.pairing(flow.data.pairCode) : undefined;
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
    get('totp', (ctx, flow) => screens.totp(ctx, flow));
    get('totp/code', (ctx, flow) => {
      if (!flow.data.totpSecret) {
        go(ctx, flow, 'totp');
        return Promise.resolve();
      }
      return screens.totpCode(ctx, flow);
    });
    post('totp/code', async (ctx, flow, form) => {
      const { t } = langFor(ctx, flow.account);
      if (!flow.data.totpSecret) return go(ctx, flow, 'totp');
      const code = field(form, 'AuthCode', 20).replace(/\s/g, '');
      const result = checkTotp(tfa, flow.account, flow.data.totpSecret, code, null);
      const error = codeError(t, flow.account, result);
      if (error) return screens.totpCode(ctx, flow, error);
      flow.data.totpVerified = true;
      flow.save();
      go(ctx, flow, nextAfterKey(flow));
    });
    get('sms', (ctx, flow) => screens.sms(ctx, flow));
    post('sms', async (ctx, flow, form) => {
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
    get('sms/code', (ctx, flow) => {
      if (!flow.data.phone) {
        go(ctx, flow, 'sms');
        return Promise.resolve();
      }
      return screens.smsCode(ctx, flow);
    });
    post('sms/resend', async (ctx, flow) => {
      if (!flow.data.phone) return go(ctx, flow, 'sms');
      await sendSmsCode(tfa, flow.account, 'enrol', flow.data.phone, langFor(ctx, flow.account).lang);
      go(ctx, flow, 'sms/code');
    });
    post('sms/code', async (ctx, flow, form) => {
      const { t } = langFor(ctx, flow.account);
      if (!flow.data.phone) return go(ctx, flow, 'sms');
      const code = field(form, 'SmsCode', 20).replace(/\s/g, '');
      const error = codeError(t, flow.account, checkSms(tfa, flow.account, 'enrol', code));
      if (error) return screens.smsCode(ctx, flow, error);
      flow.data.phoneVerified = true;
      flow.save();
      go(ctx, flow, 'emergency');
    });
    get('emergency', (ctx, flow) => {
      if (!flow.data.totpVerified) {
        go(ctx, flow, 'totp');
        return Promise.resolve();
      }
      return screens.emergency(ctx, flow);
    });
    post('emergency', async (ctx, flow, form) => {
      const { t } = langFor(ctx, flow.account);
      if (!flow.data.totpVerified || !flow.data.emergencyCode) return go(ctx, flow, 'totp');
      if (form.get('Stored') !== 'on') return screens.emergency(ctx, flow, t('tfa.emergency.notStored'));
      const account = flow.account;
      const before = tfa.store.get(account);
      const device = flow.data.pairedDevice;
      tfa.store.update(account, {
        enrolled: true,
        totpSecret: flow.data.totpSecret ?? before.totpSecret,
        totpLastStep: flow.data.totpSecret ? null : before.totpLastStep,
        phone: flow.data.phone && flow.data.phoneVerified ? flow.data.phone : before.phone,
        emergencyHash: sha256(flow.data.emergencyCode),
        postponedSignins: null,
        enrolledAt: accountNow(account),
      });
      if (device) tfa.store.activatePushDevice(device);
      const wasOn = before.enrolled;
      delete flow.data.emergencyCode;
      delete flow.data.totpSecret;
      flow.save();
      if (!wasOn) await sendEnabledMail(tfa.services, account, 'enabled');
      go(ctx, flow, 'finished');
    });
    get('finished', (ctx, flow) => screens.finished(ctx, flow));
    post('finished', async (ctx, flow) => flow.complete(ctx, { enrolled: true }));
  }

  function nextAfterKey(flow: Flow): string {
    // Re-enrolment (lost authenticator) keeps the verified phone; a first enrolment offers SMS.
    return flow.data.reenrol ? 'emergency' : 'sms';
  }
}

export { SETTINGS_PREFIX, SIGNIN_PREFIX };
