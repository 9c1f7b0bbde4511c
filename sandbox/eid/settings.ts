// Account Settings (accountsettings.connect.<domain>): the account section (email, full name, country,
// language, mobile; "Edit") and the electronic ID section: "Add electronic ID" → ID-porten (method, BankID)
// → "Link account and continue" → status with the UTC time; the trash button → "Yes" → current password
// → removed. Linking again replaces the account's earlier link.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import type Router from '@koa/router';
import { accountNow, fullName, type Account } from '../store/accounts.ts';
import { sql } from '../store/db.ts';
import { hashToken } from '../store/tokens.ts';
import { verifyPassword } from '../security/passwords.ts';
import type { Translate } from '../i18n/index.ts';
import { PageError, cookieOptions, field, i18n, readForm, render, seeOther, type Kit } from '../web/kit.ts';
import { csrfField, errorBox, renderScreen } from '../web/parts.ts';
import { html, type SafeHtml } from '../web/html.ts';
import {
  appLang,
  registerAppExtension,
  registerAppSection,
  type AppHelpers,
  type AppSession,
} from '../rp/app.ts';
import type { Services } from '../connect/services.ts';
import type { EidClient } from './client.ts';
import { formatLinkedAt, personName } from './people.ts';
import { EID_METHODS, linkOf, setLink, type EidMethod } from './links.ts';
import { renderFailure } from './signin.ts';

const APP = 'accountsettings';
const OFFER_MS = 10 * 60_000;
const NOTICE_COOKIE = 'eid_notice';
/** Wrong passwords at the removal step count towards the same lockout as sign-in (8 in 10 minutes → 30 min). */
const LOCK_AFTER = 8;
const WINDOW_MS = 10 * 60_000;
const LOCK_MS = 30 * 60_000;

interface OfferRow {
  account_id: string;
  pid: string;
  method: string;
  given_name: string;
  family_name: string;
  created_at: number;
}

const accountOf = (
  helpers: AppHelpers,
  ctx: Koa.Context,
): { session: AppSession; account: Account } | undefined => {
  const session = helpers.session(ctx);
  const account = session && helpers.services.accounts.byId(session.sub);
  return session && account?.enabled ? { session, account } : undefined;
};

/** The removal's "Yes" answer, signed: the password step refuses a post that did not come through it. */
function removalStep(kit: Kit, accountId: string, expires: number): string {
  const mac = createHmac('sha256', kit.secret)
    .update(`eid-remove\n${accountId}\n${expires}`)
    .digest('base64url');
  return `${expires}.${mac}`;
}

function removalStepValid(kit: Kit, accountId: string, step: string): boolean {
  const [expires, mac] = step.split('.');
  if (!expires || !mac || !/^\d{1,15}$/.test(expires) || Number(expires) < Date.now()) return false;
  const expected = Buffer.from(removalStep(kit, accountId, Number(expires)));
  const given = Buffer.from(step);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function dialogPage(ctx: Koa.Context, title: string, body: SafeHtml, status = 200) {
  render(ctx, {
    status,
    title,
    appTitle: 'Account Settings',
    body: html`<dialog open aria-modal="true" aria-labelledby="dialog-title">${body}</dialog>`,
  });
}

export function registerEidSettings(services: Services, client: EidClient): void {
  const { db, kit } = services;
  db.exec(`CREATE TABLE IF NOT EXISTS eid_offers (
    id_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    pid TEXT NOT NULL,
    method TEXT NOT NULL,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )`);

  registerAppSection(APP, {
    order: 10,
    render(ctx, session, helpers) {
      const account = helpers.services.accounts.byId(session.sub);
      const { t } = i18n(ctx, appLang(session, account));
      if (!account) return html``;
      const row = (label: string, value: SafeHtml | string) =>
        html`<div class="field">
          <dt>${label}:</dt>
          <dd>${value}</dd>
        </div>`;
      return html`<section aria-labelledby="account-heading">
        <h2 id="account-heading">${t('eid.account.heading')}</h2>
        <dl>
          ${row(t('eid.account.email'), account.email)} ${row(t('eid.account.fullName'), fullName(account))}
          ${row(t('eid.account.country'), account.country ?? t('eid.account.none'))}
          ${row(t('eid.account.language'), account.language ? t(`eid.language.${account.language}`) : t('eid.account.none'))}
          ${row(
            t('eid.account.mobile'),
            account.phone ?? html`<a href="/account/edit#phone">${t('eid.account.addPhone')}</a>`,
          )}
        </dl>
        <p><a href="/account/edit">${t('eid.account.edit')}</a></p>
      </section>`;
    },
  });

  registerAppSection(APP, {
    order: 20,
    render(ctx, session, helpers) {
      const account = helpers.services.accounts.byId(session.sub);
      const { t, lang } = i18n(ctx, appLang(session, account));
      if (!account) return html``;
      const link = linkOf(account);
      const notice = ctx.cookies.get(NOTICE_COOKIE);
      if (notice) ctx.cookies.set(NOTICE_COOKIE, null, cookieOptions(kit));
      const noticeText =
        notice === 'linked' ? t('eid.status.linkedNow') : notice === 'removed' ? t('eid.status.removed') : '';
      return html`<section aria-labelledby="eid-heading">
        <h2 id="eid-heading">${t('eid.section.heading')}</h2>
        ${noticeText ? html`<p class="notice" role="status">${noticeText}</p>` : ''}
        <h3>${t('eid.section.bankid')}</h3>
        ${
          link
            ? html`<div class="eid-status">
                <p><strong>${t('eid.status.provider')}</strong></p>
                <p>${t('eid.status.text')}</p>
                <p>${t('eid.status.activated', { date: formatLinkedAt(link.linkedAt, lang) })}</p>
                <form method="get" action="/eid/remove">
                  <button
                    type="submit"
                    class="secondary icon"
                    aria-label="${t('eid.remove')}"
                    title="${t('eid.remove')}"
                  >
                    <span aria-hidden="true">🗑</span>
                  </button>
                </form>
              </div>`
            : html`<p>${t('eid.section.explain')}</p>
                <p><a href="/eid/add">${t('eid.section.add')}</a></p>`
        }
      </section>`;
    },
  });

  registerAppExtension(APP, (router: Router, helpers: AppHelpers) => {
    const callback = `${services.urls.app(helpers.app)}/eid/callback`;

    const signedIn = (ctx: Koa.Context) => {
      const who = accountOf(helpers, ctx);
      if (!who) seeOther(ctx, '/login');
      return who;
    };
    /** The removal steps: signed in, and there is a link to remove. */
    const signedInWithLink = (ctx: Koa.Context) => {
      const who = signedIn(ctx);
      if (!who) return undefined;
      const { t } = i18n(ctx, appLang(who.session, who.account));
      if (!linkOf(who.account)) throw new PageError(400, 'eid.notLinked');
      return { ...who, t };
    };
    const home = (ctx: Koa.Context, notice?: 'linked' | 'removed') => {
      if (notice) ctx.cookies.set(NOTICE_COOKIE, notice, cookieOptions(kit, 60_000));
      seeOther(ctx, '/');
    };

    router.get('/eid/add', async (ctx) => {
      const who = signedIn(ctx);
      if (!who) return;
      const { lang } = i18n(ctx, appLang(who.session, who.account));
      await client.start(ctx, { purpose: 'link', accountId: who.account.id, redirectUri: callback, lang });
    });

    router.get('/eid/callback', async (ctx) => {
      const who = accountOf(helpers, ctx);
      const result = await client.finish(ctx);
      const { t } = i18n(ctx, appLang(who?.session, who?.account));
      if (!result.ok || result.purpose !== 'link' || !who || result.accountId !== who.account.id) {
        const reason = !result.ok
          ? t(result.reason, { detail: result.detail ?? '' })
          : t(who ? 'eid.reason.account' : 'eid.reason.noFlow');
        renderFailure(ctx, 'Account Settings', t('eid.failed.text', { reason }), '/');
        return;
      }
      const offer = randomBytes(24).toString('base64url');
      sql(db, 'DELETE FROM eid_offers WHERE account_id = ? OR created_at < ?').run(
        who.account.id,
        Date.now() - OFFER_MS,
      );
      sql(
        db,
        `INSERT INTO eid_offers (id_hash, account_id, pid, method, given_name, family_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        hashToken(offer),
        who.account.id,
        result.person.pid,
        result.method,
        result.person.givenName,
        result.person.familyName,
        Date.now(),
      );
      renderScreen(ctx, {
        heading: t('eid.link.heading'),
        appTitle: 'Account Settings',
        body: html`<p>${t('eid.link.text', { name: personName(result.person), email: who.account.email })}</p>
          ${linkOf(who.account) ? html`<p class="notice">${t('eid.link.replaces')}</p>` : ''}
          <form method="post" action="/eid/link">
            ${csrfField(ctx, kit)}
            <input type="hidden" name="offer" value="${offer}" />
            <button type="submit" name="answer" value="link">${t('eid.link.confirm')}</button>
            <button type="submit" name="answer" value="cancel" class="secondary">
              ${t('eid.link.cancel')}
            </button>
          </form>`,
      });
    });

    router.post('/eid/link', async (ctx) => {
      const form = await readForm(ctx, kit);
      const who = signedIn(ctx);
      if (!who) return;
      const offer = field(form, 'offer', 100);
      const row = sql(db, 'SELECT * FROM eid_offers WHERE id_hash = ?').get(hashToken(offer)) as
        OfferRow | undefined;
      sql(db, 'DELETE FROM eid_offers WHERE id_hash = ?').run(hashToken(offer));
      if (field(form, 'answer', 10) !== 'link') return home(ctx);
      const method = EID_METHODS.find((m) => m === row?.method);
      if (!row || !method || row.account_id !== who.account.id || row.created_at < Date.now() - OFFER_MS) {
        throw new PageError(400, 'eid.link.gone');
      }
      setLink(services, who.account.id, {
        nationalId: row.pid,
        method: method satisfies EidMethod,
        linkedAt: new Date(accountNow(who.account)).toISOString(),
      });
      home(ctx, 'linked');
    });

    // Removal: trash → "Yes" → current password → removed. Each step is a page with one dialog.
    // Showing the question changes nothing, so the trash button is a plain GET (one CSRF cookie per page).
    router.get('/eid/remove', (ctx) => {
      const who = signedInWithLink(ctx);
      if (!who) return;
      const { t } = who;
      dialogPage(
        ctx,
        t('eid.remove.heading'),
        html`<h1 id="dialog-title">${t('eid.remove.heading')}</h1>
          <p>${t('eid.remove.question')}</p>
          <form method="post" action="/eid/remove/confirm">
            ${csrfField(ctx, kit)}
            <button type="submit">${t('eid.remove.yes')}</button>
            <button type="submit" class="secondary" formaction="/" formmethod="get" formnovalidate>
              ${t('eid.remove.no')}
            </button>
          </form>`,
      );
    });

    const showPassword = (ctx: Koa.Context, t: Translate, step: string, error?: string) => {
      dialogPage(
        ctx,
        t('eid.password.heading'),
        html`<h1 id="dialog-title">${t('eid.password.heading')}</h1>
          <p>${t('eid.password.text')}</p>
          ${errorBox(error)}
          <form method="post" action="/eid/remove/password" novalidate>
            ${csrfField(ctx, kit)}
            <input type="hidden" name="step" value="${step}" />
            <label for="CurrentPassword">${t('eid.password.label')}</label>
            <input
              id="CurrentPassword"
              name="Password"
              type="password"
              autocomplete="current-password"
              autofocus
            />
            <button type="submit">${t('eid.password.continue')}</button>
            <button type="submit" class="secondary" formaction="/" formmethod="get" formnovalidate>
              ${t('eid.password.cancel')}
            </button>
          </form>`,
        error ? 400 : 200,
      );
    };

    router.post('/eid/remove/confirm', async (ctx) => {
      await readForm(ctx, kit);
      const who = signedInWithLink(ctx);
      if (!who) return;
      showPassword(ctx, who.t, removalStep(kit, who.account.id, Date.now() + OFFER_MS));
    });

    router.post('/eid/remove/password', async (ctx) => {
      const form = await readForm(ctx, kit);
      const who = signedInWithLink(ctx);
      if (!who) return;
      let { account } = who;
      const { t } = who;
      // The password dialog is reached only through "Yes": its post carries the step the server handed out.
      const step = field(form, 'step', 200);
      if (!removalStepValid(kit, account.id, step)) throw new PageError(403, 'error.stepOrder');
      const passwordDialog = (c: Koa.Context, tr: Translate, error?: string) =>
        showPassword(c, tr, step, error);
      const password = field(form, 'Password', 1024, false);
      const now = accountNow(account);
      const minutes = () => Math.max(1, Math.ceil(((account.lockedUntil ?? 0) - now) / 60_000));
      if (account.lockedUntil !== null && now < account.lockedUntil) {
        return passwordDialog(ctx, t, t('eid.password.locked', { minutes: minutes() }));
      }
      if (!account.passwordHash) return passwordDialog(ctx, t, t('eid.password.none'));
      if (password === '') return passwordDialog(ctx, t, t('eid.password.missing'));
      if (!(await verifyPassword(password, account.passwordHash))) {
        const fresh = account.failedSince === null || now - account.failedSince > WINDOW_MS;
        const count = fresh ? 1 : account.failedCount + 1;
        account =
          count >= LOCK_AFTER
            ? services.accounts.update(account.id, {
                failedCount: 0,
                failedSince: null,
                lockedUntil: now + LOCK_MS,
              })!
            : services.accounts.update(account.id, {
                failedCount: count,
                failedSince: fresh ? now : account.failedSince,
              })!;
        const locked = account.lockedUntil !== null && now < account.lockedUntil;
        return passwordDialog(
          ctx,
          t,
          locked ? t('eid.password.locked', { minutes: minutes() }) : t('eid.password.wrong'),
        );
      }
      if (account.failedCount > 0)
        services.accounts.update(account.id, { failedCount: 0, failedSince: null });
      setLink(services, account.id, null);
      home(ctx, 'removed');
    });

    // "Edit" / "Add phone number": name, country, language and mobile number.
    const renderEdit = (
      ctx: Koa.Context,
      account: Account,
      t: Translate,
      o: { error?: string; values?: URLSearchParams } = {},
    ) => {
      const v = (name: string, fallback: string | null) => o.values?.get(name) ?? fallback ?? '';
      const language = v('language', account.language);
      const text = (name: string, label: string, maxlength: number, fallback: string | null) =>
        html`<label for="${name}">${label}</label>
          <input
            id="${name}"
            name="${name}"
            type="text"
            maxlength="${maxlength}"
            value="${v(name, fallback)}"
          />`;
      renderScreen(ctx, {
        heading: t('eid.edit.heading'),
        appTitle: 'Account Settings',
        error: o.error,
        body: html`<form method="post" action="/account/edit" novalidate>
          ${csrfField(ctx, kit)} ${text('givenName', t('eid.edit.givenName'), 100, account.givenName)}
          ${text('familyName', t('eid.edit.familyName'), 100, account.familyName)}
          ${text('country', t('eid.edit.country'), 60, account.country)}
          <label for="language">${t('eid.edit.language')}</label>
          <select id="language" name="language">
            ${(['nb', 'en'] as const).map(
              (l) =>
                html`<option value="${l}" ${language === l ? 'selected' : ''}>
                  ${t(`eid.language.${l}`)}
                </option>`,
            )}
          </select>
          <label for="phone">${t('eid.edit.phone')}</label>
          <input id="phone" name="phone" type="tel" maxlength="16" value="${v('phone', account.phone)}" />
          <button type="submit">${t('eid.edit.save')}</button>
          <button type="submit" class="secondary" formaction="/" formmethod="get" formnovalidate>
            ${t('eid.edit.cancel')}
          </button>
        </form>`,
      });
    };

    router.get('/account/edit', (ctx) => {
      const who = signedIn(ctx);
      if (!who) return;
      const { t } = i18n(ctx, appLang(who.session, who.account));
      renderEdit(ctx, who.account, t);
    });

    router.post('/account/edit', async (ctx) => {
      const form = await readForm(ctx, kit);
      const who = signedIn(ctx);
      if (!who) return;
      const { t } = i18n(ctx, appLang(who.session, who.account));
      const givenName = field(form, 'givenName', 100);
      const familyName = field(form, 'familyName', 100);
      const country = field(form, 'country', 60);
      const language = field(form, 'language', 5);
      const phone = field(form, 'phone', 16).replace(/[\s-]/g, '');
      const fail = (error: string) => renderEdit(ctx, who.account, t, { error, values: form });
      if (givenName === '') return fail(t('eid.edit.nameMissing'));
      if (language !== 'en' && language !== 'nb') return fail(t('eid.edit.languageInvalid'));
      if (phone !== '' && !/^\+[1-9]\d{6,14}$/.test(phone)) return fail(t('eid.edit.phoneInvalid'));
      services.accounts.update(who.account.id, {
        givenName,
        familyName,
        displayName: '',
        country: country || null,
        language,
        phone: phone || null,
      });
      seeOther(ctx, '/');
    });
  });
}
