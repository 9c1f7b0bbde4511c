// Shared pieces of two-step verification: the module's state object, TOTP checks (otplib), SMS as mail,
// throttling, QR images, the page helpers and the browser script (served by connect, so the CSP's
// script-src 'self' holds).
import { timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import nodemailer from 'nodemailer';
import QRCode from 'qrcode';
import { generateSecret, generateSync, generateURI } from 'otplib';
import { accountNow, fullName, type Account } from '../store/accounts.ts';
import { translator, type Lang, type Translate } from '../i18n/index.ts';
import { field, i18n } from '../web/kit.ts';
import { renderScreen, type Screen } from '../web/parts.ts';
import { html, type SafeHtml } from '../web/html.ts';
import type { Services } from '../connect/services.ts';
import { TfaStore, sha256, sixDigits, type TfaAccount } from './store/index.ts';

export const ISSUER = 'Visma Connect';
export const TOTP_PERIOD = 30;
export const SMS_TTL_MS = 10 * 60_000;
export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;
export const REMEMBER_MS = 30 * 24 * 3600_000;
export const REMEMBER_COOKIE = 'remember2sv';
export const SCRIPT_PATH = '/tfa/assets/tfa.js';

export interface Tfa {
  services: Services;
  store: TfaStore;
  sms(account: Account, phone: string, code: string, lang: Lang): Promise<void>;
}

export function createTfa(services: Services): Tfa {
  const store = new TfaStore(services.db);
  let transport: ReturnType<typeof nodemailer.createTransport> | undefined;
  return {
    services,
    store,
    async sms(_account, phone, code, lang) {
      transport ??= nodemailer.createTransport(services.config.SMTP_URL);
      const text = translator(lang)('tfa.sms.message', { code });
      await transport.sendMail({
        from: services.config.MAIL_FROM,
        to: `${phone.replace(/\D/g, '')}@sms.${services.config.SANDBOX_DOMAIN}`,
        subject: 'SMS',
        text,
      });
    },
  };
}

// --- TOTP (6 digits, 30 s, SHA1; the adjacent steps are accepted, a used step is not) ---
export const newTotpSecret = (): string => generateSecret({ length: 20 });

export function otpauthUri(secret: string, email: string): string {
  return generateURI({
    issuer: ISSUER,
    label: email,
    secret,
    algorithm: 'sha1',
    digits: 6,
    period: TOTP_PERIOD,
  });
}

const codeForStep = (secret: string, step: number): string =>
  generateSync({ secret, algorithm: 'sha1', digits: 6, period: TOTP_PERIOD, epoch: step * TOTP_PERIOD });

/** The matching time step (now ±1), or undefined. Real time: a phone's clock is not the account's. */
export function matchTotp(secret: string, code: string): number | undefined {
  const now = Math.floor(Date.now() / 1000 / TOTP_PERIOD);
  for (const step of [now, now - 1, now + 1]) {
    const expected = Buffer.from(codeForStep(secret, step));
    const given = Buffer.from(code);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return step;
  }
  return undefined;
}

export type CodeResult = 'ok' | 'format' | 'wrong' | 'used' | 'expired' | { locked: number };

export const isSixDigits = (s: string): boolean => /^\d{6}$/.test(s);

/** Runs one code check under the method's throttle (5 wrong in a row → locked 15 minutes). */
export function throttled(tfa: Tfa, account: Account, method: string, check: () => CodeResult): CodeResult {
  const now = accountNow(account);
  const locked = tfa.store.failures.lockedUntil(account, method, now);
  if (locked) return { locked };
  const result = check();
  if (result === 'ok') tfa.store.failures.succeed(account, method);
  else if (result !== 'format') {
    const until = tfa.store.failures.fail(account, method, now, MAX_FAILURES, LOCK_MS);
    if (until) return { locked: until };
  }
  return result;
}

export function codeError(t: Translate, account: Account, r: CodeResult): string | undefined {
  if (r === 'ok') return undefined;
  if (typeof r === 'object') {
    const minutes = Math.max(1, Math.ceil((r.locked - accountNow(account)) / 60_000));
    return t('tfa.err.locked', { minutes });
  }
  return t(`tfa.err.${r}`);
}

/** Verifies a TOTP code of the account and records its step. */
export function checkTotp(tfa: Tfa, account: Account, secret: string, code: string, lastStep: number | null) {
  return throttled(tfa, account, 'totp', () => {
    if (!isSixDigits(code)) return 'format';
    const step = matchTotp(secret, code);
    if (step === undefined) return 'wrong';
    if (lastStep !== null && step <= lastStep) return 'used';
    tfa.store.methods.update(account, { totpLastStep: step });
    return 'ok';
  });
}

/** Sends a fresh SMS code (the previous one for this purpose stops working). */
export async function sendSmsCode(tfa: Tfa, account: Account, purpose: string, phone: string, lang: Lang) {
  const code = sixDigits();
  tfa.store.sms.setSms(account, purpose, phone, code, accountNow(account) + SMS_TTL_MS);
  await tfa.sms(account, phone, code, lang);
}

export function checkSms(tfa: Tfa, account: Account, purpose: string, code: string): CodeResult {
  return throttled(tfa, account, 'sms', () => {
    if (!isSixDigits(code)) return 'format';
    const sent = tfa.store.sms.getSms(account, purpose);
    if (!sent) return 'expired';
    if (sent.expiresAt <= accountNow(account)) {
      tfa.store.sms.clearSms(account, purpose);
      return 'expired';
    }
    if (sha256(code) !== sent.codeHash) return 'wrong';
    tfa.store.sms.clearSms(account, purpose);
    return 'ok';
  });
}

/** "+47 ••• •• 123": enough to recognise one's number, not enough to learn it. */
export const maskPhone = (phone: string): string => `${phone.slice(0, 3)} ••• •• ${phone.slice(-3)}`;

export async function qrImage(text: string, alt: string): Promise<SafeHtml> {
  const src = await QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 4, scale: 5 });
  return html`<img class="qr" src="${src}" alt="${alt}" width="200" height="200" />`;
}

/** The key as a person types it: groups of four. */
export const groupKey = (secret: string): string => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

export function langFor(ctx: Koa.Context, account: Account): { lang: Lang; t: Translate } {
  return i18n(ctx, account.language);
}

/** A two-step screen; `script` adds the browser script (emergency-code tick, push polling, WebAuthn). */
export function screen(ctx: Koa.Context, s: Screen & { script?: boolean }): void {
  renderScreen(ctx, {
    ...s,
    body: html`${s.body}${s.script ? html`<script src="${SCRIPT_PATH}" defer></script>` : ''}`,
  });
}

/** A 6-digit code field (authenticator or SMS). */
export function codeInput(t: Translate, name: string, label: string): SafeHtml {
  return html`<label for="${name}">${label}</label>
    <input
      id="${name}"
      name="${name}"
      type="text"
      inputmode="numeric"
      autocomplete="one-time-code"
      maxlength="6"
      placeholder="${t('tfa.codePlaceholder')}"
      autofocus
    />`;
}

/** The code as typed, without the spaces a person may put between the digits. */
export const typedCode = (form: URLSearchParams, name: string): string =>
  field(form, name, 20).replace(/\s/g, '');

export async function sendEnabledMail(services: Services, account: Account, kind: 'enabled' | 'disabled') {
  await services.mailer
    .send({
      to: account.email,
      lang: account.language ?? 'en',
      name: fullName(account),
      subject: kind === 'enabled' ? 'tfa.mail.enabled.subject' : 'tfa.mail.disabled.subject',
      text: kind === 'enabled' ? 'tfa.mail.enabled.text' : 'tfa.mail.disabled.text',
      vars: { date: new Date(accountNow(account)).toISOString().slice(0, 16).replace('T', ' ') },
    })
    .catch((error: unknown) =>
      console.error('sandbox: could not send the 2FA confirmation mail:', (error as Error).message),
    );
}

export const methodsOf = (tfa: Tfa, account: Account, state: TfaAccount) => ({
  push: tfa.store.devices.hasPush(account),
  totp: !!state.totpSecret,
  sms: !!state.phone,
  key: tfa.store.passkeys.passkeys(account.id).length > 0,
  emergency: !!state.emergencyHash,
});

/** Browser script: the emergency-code tick gates "Next", push polling, WebAuthn ceremonies. */
export const SCRIPT = `
(() => {
  for (const box of document.querySelectorAll('[data-gates]')) {
    const button = document.getElementById(box.dataset.gates);
    const update = () => { button.disabled = !box.checked; };
    box.addEventListener('change', update);
    update();
  }

  const push = document.querySelector('[data-push-status]');
  if (push) {
    const timer = setInterval(async () => {
      const r = await fetch(push.dataset.pushStatus, { headers: { accept: 'application/json' } });
      if (!r.ok) return;
      const { status } = await r.json();
      if (status === 'approved') { clearInterval(timer); push.closest('form').submit(); }
      else if (status !== 'pending') { clearInterval(timer); location.reload(); }
    }, 1000);
  }

  const b64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  const unb64 = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4)), (c) => c.charCodeAt(0));
  for (const button of document.querySelectorAll('[data-webauthn]')) {
    const form = button.closest('form');
    const out = form.querySelector('input[name="credential"]');
    const error = document.querySelector('[data-webauthn-error]');
    // Disabled in the page until this script is ready to run the ceremony.
    button.disabled = !window.PublicKeyCredential;
    button.addEventListener('click', async (event) => {
      event.preventDefault();
      const options = JSON.parse(button.dataset.options);
      try {
        let cred;
        if (button.dataset.webauthn === 'create') {
          options.challenge = unb64(options.challenge);
          options.user.id = unb64(options.user.id);
          options.excludeCredentials = (options.excludeCredentials || []).map((c) => ({ ...c, id: unb64(c.id) }));
          cred = await navigator.credentials.create({ publicKey: options });
        } else {
          options.challenge = unb64(options.challenge);
          options.allowCredentials = (options.allowCredentials || []).map((c) => ({ ...c, id: unb64(c.id) }));
          cred = await navigator.credentials.get({ publicKey: options });
        }
        const r = cred.response;
        const json = {
          id: cred.id, rawId: b64(cred.rawId), type: cred.type,
          clientExtensionResults: cred.getClientExtensionResults(),
          authenticatorAttachment: cred.authenticatorAttachment || undefined,
          response: r.attestationObject
            ? { clientDataJSON: b64(r.clientDataJSON), attestationObject: b64(r.attestationObject),
                transports: r.getTransports ? r.getTransports() : [] }
            : { clientDataJSON: b64(r.clientDataJSON), authenticatorData: b64(r.authenticatorData),
                signature: b64(r.signature), userHandle: r.userHandle ? b64(r.userHandle) : undefined },
        };
        out.value = JSON.stringify(json);
        form.submit();
      } catch (e) {
        if (error) { error.hidden = false; error.textContent = error.dataset.prefix + ' ' + (e && e.message || e); }
      }
    });
  }
})();
`;
