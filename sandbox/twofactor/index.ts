// Two-step verification: enrolment wizard, challenge after the password, SMS, emergency code, remembered
// device, push (simulated Visma Authenticator) and passkeys. Registered as a connect feature.
//
// Policy per app: the Customer Portal requires two-step verification (enrolment at the first sign-in);
// Visma Home offers it with "Remind me later" until SANDBOX_2FA_HOME_DEADLINE (on the account's clock),
// after which it is required; a postponed prompt returns at the SANDBOX_2FA_REMIND_AFTER_SIGNINS-th
// sign-in. Other apps neither prompt nor require, but challenge accounts that have it on.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import type { AppDef } from '../apps.ts';
import { appById } from '../apps.ts';
import { accountNow, fullName, type Account } from '../store/accounts.ts';
import { verifyPassword } from '../security/passwords.ts';
import { PageError, cookieOptions, field, i18n, readForm, seeOther } from '../web/kit.ts';
import { csrfField } from '../web/parts.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { catalogue, isLang } from '../i18n/index.ts';
import { currentPasswordFields } from '../connect/signin.ts';
import type {
  AppExtension,
  AppSection,
  AppSession,
  Feature,
  Services,
  SignInStep,
} from '../connect/services.ts';
import { appLang } from '../rp/app.ts';
import { SCRIPT, SCRIPT_PATH, createTfa, methodsOf, screen, type Tfa } from './common.ts';
import {
  FLOW_COOKIE,
  FLOW_TTL_MS,
  SETTINGS_PREFIX,
  SIGNIN_PREFIX,
  rememberedTokens,
  settingsFlow,
  signInFlow,
} from './flow.ts';
import { registerWizard } from './wizard.ts';
import { registerChallenge } from './challenge.ts';
import { registerDeviceApi } from './device.ts';
import {
  activationPasskey,
  registerActivationPasskeys,
  registerPasskeys,
  securityKeySignIn,
} from './passkeys.ts';
import { checkTwoFactorSeed } from './store/index.ts';

const START_TTL_MS = 15 * 60_000;
type Purpose = 'enable' | 'passkey';

/** Whether enrolment is required for this app now (account clock), offered, or neither. */
export function policyFor(
  services: Services,
  app: AppDef,
  account: Account,
): 'required' | 'optional' | 'none' {
  if (app.id === 'portal') return 'required';
  if (app.id === 'home') {
    const deadline = Date.parse(`${services.config.SANDBOX_2FA_HOME_DEADLINE}T00:00:00Z`);
    return accountNow(account) >= deadline ? 'required' : 'optional';
  }
  return 'none';
}

function startToken(services: Services, accountId: string, purpose: Purpose, expires: number): string {
  const mac = createHmac('sha256', services.kit.secret)
    .update(`tfa-start\n${accountId}\n${purpose}\n${expires}`)
    .digest('base64url');
  return `${accountId}.${purpose}.${expires}.${mac}`;
}

function readStartToken(
  services: Services,
  token: string,
): { accountId: string; purpose: Purpose } | undefined {
  const [accountId, purpose, expires, mac] = token.split('.');
  if (!accountId || !expires || !mac || (purpose !== 'enable' && purpose !== 'passkey')) return undefined;
  if (!/^\d+$/.test(expires) || Number(expires) < Date.now()) return undefined;
  const expected = Buffer.from(startToken(services, accountId, purpose, Number(expires)).split('.')[3]!);
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { accountId, purpose };
}

/** The two-step verification feature: its sign-in steps, screens, settings sections and seed check. */
export function twoFactorFeature(services: Services): Feature {
  const tfa = createTfa(services);
  const optional = (app: AppDef, account: Account) => policyFor(services, app, account) !== 'required';
  return {
    name: 'twofactor',
    routes: () => addRoutes(tfa, optional),
    signInSteps: signInSteps(tfa),
    federations: { securitykey: securityKeySignIn(tfa) },
    activationPasskey: activationPasskey(tfa),
    seedValidators: [checkTwoFactorSeed],
    appSections: appSections(tfa),
    appExtensions: [{ appId: 'accountsettings', extension: removePasskeyPage(tfa) }],
  };
}

function addRoutes(tfa: Tfa, optional: (app: AppDef, a: Account) => boolean): void {
  const { router, config } = tfa.services;
  router.get(SCRIPT_PATH, (ctx) => {
    ctx.type = 'application/javascript';
    ctx.set('cache-control', 'no-cache');
    ctx.body = SCRIPT;
  });
  const resolveWizard = (ctx: Koa.Context) => signInFlow(ctx, tfa, optional, 'wizard');
  const resolveChallenge = (ctx: Koa.Context) => signInFlow(ctx, tfa, optional, 'challenge');
  const resolveSettings = (ctx: Koa.Context) => Promise.resolve(settingsFlow(ctx, tfa, 'enable'));
  registerWizard(tfa, [
    [SIGNIN_PREFIX, resolveWizard],
    [SETTINGS_PREFIX, resolveSettings],
  ]);
  registerChallenge(tfa, resolveChallenge);
  registerDeviceApi(tfa);
  registerPasskeys(tfa, resolveChallenge, (ctx) => Promise.resolve(settingsFlow(ctx, tfa, 'passkey')));
  registerActivationPasskeys(tfa);
  registerSettingsEntry(tfa);
  if (config.SANDBOX_TEST_MODE) registerTestControl(tfa.services);
}

/** The challenge (an enrolled account) and the set-up (the app's policy asks for it), in this order. */
function signInSteps(tfa: Tfa): SignInStep[] {
  const challenge: SignInStep = {
    id: 'tfa-challenge',
    path: 'tfa/v/challenge',
    needed: ({ ctx, account, state }) => {
      if (state.amr.includes('hwk')) return false;
      if (!tfa.store.methods.get(account).enrolled) return false;
      const m = methodsOf(tfa, account, tfa.store.methods.get(account));
      if (!m.push && !m.totp && !m.sms && !m.key && !m.emergency) return false;
      return !tfa.store.remembered.isRemembered(account, rememberedTokens(ctx), accountNow(account));
    },
  };
  const enrol: SignInStep = {
    id: 'tfa-enrol',
    path: 'tfa/intro',
    needed: ({ services: s, account, clientId, state }) => {
      if (state.amr.includes('hwk')) return false;
      const app = appById(clientId);
      if (!app) return false;
      const policy = policyFor(s, app, account);
      if (policy === 'none') return false;
      const current = tfa.store.methods.get(account);
      if (current.enrolled) return false;
      // A passkey-only account (activated with "Sign in with passkey") has its two factors in the passkey.
      if (!account.passwordHash && tfa.store.passkeys.passkeys(account.id).length > 0) return false;
      if (policy === 'required') return true;
      // Postponed: count this sign-in once; the prompt returns when the count is used up.
      const scratch = (state.data.tfaPolicy ??= {}) as { counted?: boolean; skip?: boolean };
      if (!scratch.counted) {
        scratch.counted = true;
        const left = current.postponedSignins ?? 0;
        scratch.skip = left > 0;
        if (left > 0) tfa.store.methods.update(account, { postponedSignins: left - 1 });
      }
      return !scratch.skip;
    },
  };
  return [challenge, enrol];
}

/** Test mode: what a test needs to know of the policy (the home deadline) without reading settings. */
function registerTestControl(services: Services): void {
  const { router } = services;
  {
    router.get('/control/v1/twofactor/policy', (ctx) => {
      ctx.body = {
        home: { deadline: services.config.SANDBOX_2FA_HOME_DEADLINE },
        remindAfterSignIns: services.config.SANDBOX_2FA_REMIND_AFTER_SIGNINS,
        pushTimeoutSeconds: services.config.SANDBOX_2FA_PUSH_TIMEOUT_SECONDS,
      };
    });
    // Every word of one language, for tests that look for English left on a Norwegian page.
    router.get('/control/v1/words/:lang', (ctx) => {
      const lang = ctx.params.lang;
      if (!isLang(lang)) {
        ctx.status = 404;
        ctx.body = { error: `No catalogue for "${lang}"; use en or nb.` };
        return;
      }
      ctx.body = catalogue(lang);
    });
  }
}

/** Account Settings → "Enable two-step verification" / "Add passkey": the password again, then the flow. */
function registerSettingsEntry(tfa: Tfa): void {
  const { router, services } = { router: tfa.services.router, services: tfa.services };

  const reauth = (ctx: Koa.Context, account: Account, token: string, error?: string) => {
    const { t } = i18n(ctx, account.language);
    screen(ctx, {
      heading: t('tfa.reauth.title'),
      appTitle: 'Account Settings',
      error,
      body: html`<p>${t('tfa.reauth.text')}</p>
        <p class="email-row"><span>${account.email}</span></p>
        <form method="post" action="/account/tfa/start" novalidate>
          ${csrfField(ctx, services.kit)}
          <input type="hidden" name="t" value="${token}" />
          ${currentPasswordFields(t, account.email)}
          <button type="submit">${t('tfa.continue')}</button>
        </form>
        <p><a href="${services.urls.app(appById('accountsettings')!)}/">${t('tfa.cancel')}</a></p>`,
    });
  };

  const accountOf = (token: string) => {
    const start = readStartToken(services, token);
    const account = start && services.accounts.byId(start.accountId);
    if (!start || !account) throw new PageError(400, 'tfa.err.flow');
    return { start, account };
  };

  router.get('/account/tfa/start', (ctx) => {
    const token = typeof ctx.query.t === 'string' ? ctx.query.t : '';
    const { account } = accountOf(token);
    reauth(ctx, account, token);
  });

  router.post('/account/tfa/start', async (ctx) => {
    const form = await readForm(ctx, services.kit);
    const token = field(form, 't', 300);
    const { start, account } = accountOf(token);
    const password = field(form, 'Password', 1024, false);
    const ok = await verifyPassword(password, account.passwordHash ?? services.dummyHash);
    if (!ok || !account.passwordHash) {
      return reauth(ctx, account, token, i18n(ctx, account.language).t('tfa.err.wrongPassword'));
    }
    const id = tfa.store.flows.newFlow(account, start.purpose, {}, FLOW_TTL_MS);
    ctx.cookies.set(FLOW_COOKIE, id, cookieOptions(services.kit, FLOW_TTL_MS));
    seeOther(ctx, `/account/tfa/${id}/${start.purpose === 'enable' ? 'intro' : 'passkey'}`);
  });
}

const settingsUrl = (services: Services) => `${services.urls.app(appById('accountsettings')!)}/`;

const startUrl = (services: Services, accountId: string, purpose: Purpose) =>
  `${services.urls.connect}/account/tfa/start?t=${startToken(services, accountId, purpose, Date.now() + START_TTL_MS)}`;

/** Account Settings' "Password & 2FA" (30) and "Passkeys" (40); Visma Home's name menu → "My Account" (5). */
function appSections(tfa: Tfa): Array<{ appId: string; section: AppSection }> {
  return [
    {
      appId: 'accountsettings',
      section: { order: 30, render: (ctx, session) => passwordSection(tfa, ctx, session) },
    },
    {
      appId: 'accountsettings',
      section: { order: 40, render: (ctx, session) => passkeysSection(tfa, ctx, session) },
    },
    { appId: 'home', section: { order: 5, render: (ctx, session) => homeMenu(tfa, ctx, session) } },
  ];
}

function passwordSection(tfa: Tfa, ctx: Koa.Context, session: AppSession): SafeHtml {
  const { services } = tfa;
  const account = services.accounts.byId(session.sub);
  const { t } = i18n(ctx, appLang(session, account));
  if (!account) return html``;
  const state = tfa.store.methods.get(account);
  const m = methodsOf(tfa, account, state);
  const names = [
    m.push ? 'Visma Authenticator' : '',
    m.totp ? 'Authenticator' : '',
    m.sms && state.phone ? 'SMS' : '',
  ].filter(Boolean);
  return html`<section aria-labelledby="tfa-heading">
    <h2 id="tfa-heading">${t('tfa.settings.heading')}</h2>
    <p>
      <a
        href="${services.urls.connect}/account/forgot?app=accountsettings&amp;email=${encodeURIComponent(account.email)}"
        >${t('tfa.settings.changePassword')}</a
      >
    </p>
    <p role="status">${state.enrolled ? t('tfa.settings.on') : t('tfa.settings.off')}</p>
    ${state.enrolled && names.length ? html`<p>${t('tfa.settings.methods', { methods: names.join(', ') })}</p>` : ''}
    <p>
      <a class="button secondary" href="${startUrl(services, account.id, 'enable')}"
        >${t('tfa.settings.enable')}</a
      >
    </p>
  </section>`;
}

function passkeysSection(tfa: Tfa, ctx: Koa.Context, session: AppSession): SafeHtml {
  const { services } = tfa;
  const account = services.accounts.byId(session.sub);
  const { t } = i18n(ctx, appLang(session, account));
  if (!account) return html``;
  const keys = tfa.store.passkeys.passkeys(account.id);
  const csrf = csrfField(ctx, services.kit);
  return html`<section aria-labelledby="passkeys-heading">
    <h2 id="passkeys-heading">${t('tfa.passkeys.heading')}</h2>
    ${
      keys.length === 0
        ? html`<p>${t('tfa.passkeys.none')}</p>`
        : html`<ul class="passkeys">
            ${keys.map(
              (k) =>
                html`<li>
                  <span>${k.name}</span>
                  <span class="hint"
                    >${t('tfa.passkeys.added', { date: new Date(k.createdAt).toISOString().slice(0, 16).replace('T', ' ') })}</span
                  >
                  <form method="post" action="/passkeys/remove">
                    ${csrf}
                    <input type="hidden" name="id" value="${k.id}" />
                    <button
                      type="submit"
                      class="secondary"
                      aria-label="${t('tfa.passkeys.remove', { name: k.name })}"
                    >
                      🗑
                    </button>
                  </form>
                </li>`,
            )}
          </ul>`
    }
    <p>
      <a class="button secondary" href="${startUrl(services, account.id, 'passkey')}"
        >${t('tfa.passkeys.add')}</a
      >
    </p>
  </section>`;
}

/** Visma Home: the person's name opens a menu with "My Account" (Account Settings). */
function homeMenu(tfa: Tfa, ctx: Koa.Context, session: AppSession): SafeHtml {
  const { services } = tfa;
  const account = services.accounts.byId(session.sub);
  const { t } = i18n(ctx, appLang(session, account));
  return html`<nav class="account-menu" aria-label="${t('tfa.menu.label')}">
    <details>
      <summary>${account ? fullName(account) : session.name}</summary>
      <ul>
        <li><a href="${settingsUrl(services)}">${t('tfa.menu.myAccount')}</a></li>
      </ul>
    </details>
  </nav>`;
}

/** Account Settings: the trash button of a passkey. */
function removePasskeyPage(tfa: Tfa): AppExtension {
  const { services } = tfa;
  return (router, helpers) => {
    router.post('/passkeys/remove', async (ctx) => {
      const form = await readForm(ctx, services.kit);
      const s = helpers.session(ctx);
      if (!s) {
        ctx.redirect('/login');
        return;
      }
      tfa.store.passkeys.removePasskey(s.sub, field(form, 'id', 400));
      seeOther(ctx, '/');
    });
  };
}
