// The set-up wizard's screens (see wizard.ts for the order and the checks between them): each renders one
// page of the flow, for a sign-in or Account Settings alike.
import type Koa from 'koa';
import { csrfField } from '../web/parts.ts';
import { html } from '../web/html.ts';
import type { Translate } from '../i18n/index.ts';
import {
  codeInput,
  groupKey,
  langFor,
  newTotpSecret,
  otpauthUri,
  qrImage,
  screen,
  type Tfa,
} from './common.ts';
import { FLOW_TTL_MS, type Flow } from './flow.ts';
import { newEmergencyCode, newId } from './store/index.ts';

export const COUNTRY_PREFIXES = ['+47', '+45', '+46', '+358', '+31', '+44', '+354', '+49', '+1'];

const backNext = (t: Translate, backHref: string) =>
  html`<div class="buttons">
    <a class="button secondary" href="${backHref}">${t('tfa.back')}</a>
    <button type="submit">${t('tfa.next')}</button>
  </div>`;
const pairUrl = (tfa: Tfa, code: string) => `${tfa.services.urls.connect}/tfa/device/v1/pair?code=${code}`;

export function introScreen(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
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
        ${csrfField(ctx, tfa.services.kit)}
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
}

export async function appScreen(tfa: Tfa, ctx: Koa.Context, flow: Flow, error?: string) {
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
      <p class="qr-box">${await qrImage(pairUrl(tfa, flow.data.pairCode), t('tfa.app.qrAlt'))}</p>
      <p><a href="${flow.base}/totp">${t('tfa.app.other')}</a></p>
      <p><a href="${flow.base}/totp">${t('tfa.challenge.other')}</a></p>
      <form method="post" action="${flow.base}/app">
        ${csrfField(ctx, tfa.services.kit)} ${backNext(t, `${flow.base}/intro`)}
      </form>`,
  });
}

export async function totpScreen(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
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
}

export function totpCodeScreen(tfa: Tfa, ctx: Koa.Context, flow: Flow, error?: string) {
  const { t } = langFor(ctx, flow.account);
  screen(ctx, {
    heading: t('tfa.totp.title'),
    appTitle: flow.app.title,
    error,
    body: html`<form method="post" action="${flow.base}/totp/code" novalidate>
      ${csrfField(ctx, tfa.services.kit)} ${codeInput(t, 'AuthCode', t('tfa.totp.codeLabel'))}
      ${backNext(t, `${flow.base}/totp`)}
    </form>`,
  });
}

export function smsScreen(
  tfa: Tfa,
  ctx: Koa.Context,
  flow: Flow,
  error?: string,
  prefix = '+47',
  number = '',
) {
  const { t } = langFor(ctx, flow.account);
  screen(ctx, {
    heading: t('tfa.sms.title'),
    appTitle: flow.app.title,
    error,
    body: html`<p>${t('tfa.sms.text')}</p>
      <form method="post" action="${flow.base}/sms" novalidate>
        ${csrfField(ctx, tfa.services.kit)}
        <label for="CountryCode">${t('tfa.sms.prefix')}</label>
        <select id="CountryCode" name="CountryCode">
          ${COUNTRY_PREFIXES.map(
            (p) => html`<option value="${p}" ${p === prefix ? 'selected' : ''}>${p}</option>`,
          )}
        </select>
        <label for="PhoneNumber">${t('tfa.sms.number')}</label>
        <input id="PhoneNumber" name="PhoneNumber" type="tel" autocomplete="tel-national" value="${number}" />
        <div class="buttons"><button type="submit">${t('tfa.next')}</button></div>
      </form>`,
  });
}

export function smsCodeScreen(tfa: Tfa, ctx: Koa.Context, flow: Flow, error?: string) {
  const { t } = langFor(ctx, flow.account);
  screen(ctx, {
    heading: t('tfa.sms.title'),
    appTitle: flow.app.title,
    error,
    body: html`<p>${t('tfa.sms.sent', { phone: flow.data.phone ?? '' })}</p>
      <form method="post" action="${flow.base}/sms/code" novalidate>
        ${csrfField(ctx, tfa.services.kit)} ${codeInput(t, 'SmsCode', t('tfa.sms.codeLabel'))}
        ${backNext(t, `${flow.base}/sms`)}
      </form>
      <form method="post" action="${flow.base}/sms/resend">
        ${csrfField(ctx, tfa.services.kit)}
        <button type="submit" class="secondary">${t('tfa.sms.resend')}</button>
      </form>`,
  });
}

export function emergencyScreen(tfa: Tfa, ctx: Koa.Context, flow: Flow, error?: string) {
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
        ${csrfField(ctx, tfa.services.kit)}
        <div class="check">
          <input id="Stored" name="Stored" type="checkbox" data-gates="emergency-next" />
          <label for="Stored">${t('tfa.emergency.stored')}</label>
        </div>
        <div class="buttons"><button type="submit" id="emergency-next">${t('tfa.next')}</button></div>
      </form>`,
  });
}

export function finishedScreen(tfa: Tfa, ctx: Koa.Context, flow: Flow) {
  const { t } = langFor(ctx, flow.account);
  screen(ctx, {
    heading: t('tfa.finished.title'),
    appTitle: flow.app.title,
    body: html`<p>${t('tfa.finished.text')}</p>
      <form method="post" action="${flow.base}/finished">
        ${csrfField(ctx, tfa.services.kit)}
        <button type="submit">${t('tfa.done')}</button>
      </form>`,
  });
}
