// Account Settings (accountsettings.connect.<domain>): the account section (email, full name, country,
// language, mobile; "Edit") and the electronic ID section: "Add electronic ID" → ID-porten (method, BankID)
// → "Link account and continue" → status with the UTC time; the trash button → "Yes" → current password
// → removed. Linking again replaces the account's earlier link. Each step is a named handler below.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import { accountNow, fullName, type Account } from '../store/accounts.ts';
import { sql, type Db } from '../store/db.ts';
import { hashToken } from '../store/tokens.ts';
import { verifyPassword } from '../security/passwords.ts';
import type { Translate } from '../i18n/index.ts';
import { PageError, cookieOptions, field, i18n, readForm, render, seeOther, type Kit } from '../web/kit.ts';
import { csrfField, errorBox, renderScreen } from '../web/parts.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { appLang } from '../rp/app.ts';
import type { AppExtension, AppHelpers, AppSection, AppSession, Services } from '../connect/services.ts';
import type { EidClient } from './client.ts';
import { formatLinkedAt, personName, type EidPerson } from './people.ts';
import { EID_METHODS, linkOf, setLink, type EidMethod } from './links.ts';
import { renderFailure } from './signin.ts';
import { saveEdit, showEdit, type SignedIn, type Who } from './account-edit.ts';

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

/** What the handlers of this app's eID pages share. */
interface Room {
  services: Services;
  client: EidClient;
  helpers: AppHelpers;
  signedIn: SignedIn;
}

export function createOfferTable(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS eid_offers (
    id_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    pid TEXT NOT NULL,
    method TEXT NOT NULL,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )`);
}

/** The account (10) and electronic ID (20) sections of Account Settings' signed-in page. */
export const eidSettingsSections = (): Array<{ appId: string; section: AppSection }> => [
  { appId: APP, section: { order: 10, render: accountSection } },
  { appId: APP, section: { order: 20, render: eidSection } },
];

function accountSection(ctx: Koa.Context, session: AppSession, helpers: AppHelpers): SafeHtml {
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
}

function eidSection(ctx: Koa.Context, session: AppSession, helpers: AppHelpers): SafeHtml {
  const account = helpers.services.accounts.byId(session.sub);
  const { t, lang } = i18n(ctx, appLang(session, account));
  if (!account) return html``;
  const link = linkOf(account);
  const notice = ctx.cookies.get(NOTICE_COOKIE);
  if (notice) ctx.cookies.set(NOTICE_COOKIE, null, cookieOptions(helpers.services.kit));
  const noticeText =
    notice === 'linked' ? t('eid.status.linkedNow') : notice === 'removed' ? t('eid.status.removed') : '';
  const status = link
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
        <p><a href="/eid/add">${t('eid.section.add')}</a></p>`;
  return html`<section aria-labelledby="eid-heading">
    <h2 id="eid-heading">${t('eid.section.heading')}</h2>
    ${noticeText ? html`<p class="notice" role="status">${noticeText}</p>` : ''}
    <h3>${t('eid.section.bankid')}</h3>
    ${status}
  </section>`;
}

/** The eID pages of Account Settings (add, link, remove) and the account's edit form. */
export const eidSettingsExtension =
  (services: Services, client: EidClient): AppExtension =>
  (router, helpers) => {
    const signedIn: SignedIn = (ctx) => {
      const session = helpers.session(ctx);
      const account = session && services.accounts.byId(session.sub);
      if (session && account?.enabled) return { session, account };
      seeOther(ctx, '/login');
      return undefined;
    };
    const room: Room = { services, client, helpers, signedIn };
    router.get('/eid/add', (ctx) => startLink(ctx, room));
    router.get('/eid/callback', (ctx) => offerLink(ctx, room));
    router.post('/eid/link', (ctx) => confirmLink(ctx, room));
    router.get('/eid/remove', (ctx) => askRemoval(ctx, room));
    router.post('/eid/remove/confirm', (ctx) => confirmRemoval(ctx, room));
    router.post('/eid/remove/password', (ctx) => removeWithPassword(ctx, room));
    router.get('/account/edit', (ctx) => showEdit(ctx, services, signedIn));
    router.post('/account/edit', (ctx) => saveEdit(ctx, services, signedIn));
  };

const home = (ctx: Koa.Context, kit: Kit, notice?: 'linked' | 'removed') => {
  if (notice) ctx.cookies.set(NOTICE_COOKIE, notice, cookieOptions(kit, 60_000));
  seeOther(ctx, '/');
};

function dialogPage(ctx: Koa.Context, title: string, body: SafeHtml, status = 200) {
  render(ctx, {
    status,
    title,
    appTitle: 'Account Settings',
    body: html`<dialog open aria-modal="true" aria-labelledby="dialog-title">${body}</dialog>`,
  });
}

// --- linking: "Add electronic ID" → ID-porten → "Link account and continue" ---

async function startLink(ctx: Koa.Context, room: Room): Promise<void> {
  const who = room.signedIn(ctx);
  if (!who) return;
  const { lang } = i18n(ctx, appLang(who.session, who.account));
  const redirectUri = `${room.services.urls.app(room.helpers.app)}/eid/callback`;
  await room.client.start(ctx, { purpose: 'link', accountId: who.account.id, redirectUri, lang });
}

/** Back from ID-porten: an offer (a one-time value) to link the person to this account. */
async function offerLink(ctx: Koa.Context, room: Room): Promise<void> {
  const session = room.helpers.session(ctx);
  const account = session && room.services.accounts.byId(session.sub);
  const who = session && account?.enabled ? { session, account } : undefined;
  const result = await room.client.finish(ctx);
  const { t } = i18n(ctx, appLang(who?.session, who?.account));
  if (!result.ok || result.purpose !== 'link' || !who || result.accountId !== who.account.id) {
    const reason = !result.ok
      ? t(result.reason, { detail: result.detail ?? '' })
      : t(who ? 'eid.reason.account' : 'eid.reason.noFlow');
    renderFailure(ctx, 'Account Settings', t('eid.failed.text', { reason }), '/');
    return;
  }
  const offer = storeOffer(room.services.db, who.account.id, result.person, result.method);
  renderScreen(ctx, {
    heading: t('eid.link.heading'),
    appTitle: 'Account Settings',
    body: html`<p>${t('eid.link.text', { name: personName(result.person), email: who.account.email })}</p>
      ${linkOf(who.account) ? html`<p class="notice">${t('eid.link.replaces')}</p>` : ''}
      <form method="post" action="/eid/link">
        ${csrfField(ctx, room.services.kit)}
        <input type="hidden" name="offer" value="${offer}" />
        <button type="submit" name="answer" value="link">${t('eid.link.confirm')}</button>
        <button type="submit" name="answer" value="cancel" class="secondary">${t('eid.link.cancel')}</button>
      </form>`,
  });
}

function storeOffer(db: Db, accountId: string, person: EidPerson, method: string): string {
  const offer = randomBytes(24).toString('base64url');
  sql(db, 'DELETE FROM eid_offers WHERE account_id = ? OR created_at < ?').run(
    accountId,
    Date.now() - OFFER_MS,
  );
  sql(
    db,
    `INSERT INTO eid_offers (id_hash, account_id, pid, method, given_name, family_name, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(hashToken(offer), accountId, person.pid, method, person.givenName, person.familyName, Date.now());
  return offer;
}

async function confirmLink(ctx: Koa.Context, room: Room): Promise<void> {
  const { db, kit } = room.services;
  const form = await readForm(ctx, kit);
  const who = room.signedIn(ctx);
  if (!who) return;
  const offer = field(form, 'offer', 100);
  const row = sql(db, 'SELECT * FROM eid_offers WHERE id_hash = ?').get(hashToken(offer)) as
    OfferRow | undefined;
  sql(db, 'DELETE FROM eid_offers WHERE id_hash = ?').run(hashToken(offer));
  if (field(form, 'answer', 10) !== 'link') return home(ctx, kit);
  const method = EID_METHODS.find((m) => m === row?.method);
  if (!row || !method || row.account_id !== who.account.id || row.created_at < Date.now() - OFFER_MS) {
    throw new PageError(400, 'eid.link.gone');
  }
  setLink(room.services, who.account.id, {
    nationalId: row.pid,
    method: method satisfies EidMethod,
    linkedAt: new Date(accountNow(who.account)).toISOString(),
  });
  home(ctx, kit, 'linked');
}

// --- removal: trash → "Yes" → current password → removed (each step a page with one dialog) ---

/** The removal steps: signed in, and there is a link to remove. */
function signedInWithLink(ctx: Koa.Context, room: Room): (Who & { t: Translate }) | undefined {
  const who = room.signedIn(ctx);
  if (!who) return undefined;
  const { t } = i18n(ctx, appLang(who.session, who.account));
  if (!linkOf(who.account)) throw new PageError(400, 'eid.notLinked');
  return { ...who, t };
}

/** Showing the question changes nothing, so the trash button is a plain GET (one CSRF cookie per page). */
function askRemoval(ctx: Koa.Context, room: Room): void {
  const who = signedInWithLink(ctx, room);
  if (!who) return;
  const { t } = who;
  dialogPage(
    ctx,
    t('eid.remove.heading'),
    html`<h1 id="dialog-title">${t('eid.remove.heading')}</h1>
      <p>${t('eid.remove.question')}</p>
      <form method="post" action="/eid/remove/confirm">
        ${csrfField(ctx, room.services.kit)}
        <button type="submit">${t('eid.remove.yes')}</button>
        <button type="submit" class="secondary" formaction="/" formmethod="get" formnovalidate>
          ${t('eid.remove.no')}
        </button>
      </form>`,
  );
}

async function confirmRemoval(ctx: Koa.Context, room: Room): Promise<void> {
  await readForm(ctx, room.services.kit);
  const who = signedInWithLink(ctx, room);
  if (!who) return;
  const step = removalStep(room.services.kit, who.account.id, Date.now() + OFFER_MS);
  passwordDialog(ctx, room.services.kit, who.t, step);
}

function passwordDialog(ctx: Koa.Context, kit: Kit, t: Translate, step: string, error?: string) {
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
}

async function removeWithPassword(ctx: Koa.Context, room: Room): Promise<void> {
  const { kit } = room.services;
  const form = await readForm(ctx, kit);
  const who = signedInWithLink(ctx, room);
  if (!who) return;
  const { t, account } = who;
  // The password dialog is reached only through "Yes": its post carries the step the server handed out.
  const step = field(form, 'step', 200);
  if (!removalStepValid(kit, account.id, step)) throw new PageError(403, 'error.stepOrder');
  const again = (error: string) => passwordDialog(ctx, kit, t, step, error);
  const now = accountNow(account);
  if (account.lockedUntil !== null && now < account.lockedUntil) {
    return again(t('eid.password.locked', { minutes: minutesLeft(account, now) }));
  }
  const password = field(form, 'Password', 1024, false);
  if (!account.passwordHash) return again(t('eid.password.none'));
  if (password === '') return again(t('eid.password.missing'));
  if (!(await verifyPassword(password, account.passwordHash))) {
    const after = countFailure(room.services, account, now);
    const locked = after.lockedUntil !== null && now < after.lockedUntil;
    return again(
      locked ? t('eid.password.locked', { minutes: minutesLeft(after, now) }) : t('eid.password.wrong'),
    );
  }
  if (account.failedCount > 0)
    room.services.accounts.update(account.id, { failedCount: 0, failedSince: null });
  setLink(room.services, account.id, null);
  home(ctx, kit, 'removed');
}

const minutesLeft = (account: Account, now: number): number =>
  Math.max(1, Math.ceil(((account.lockedUntil ?? 0) - now) / 60_000));

/** A wrong password here counts like one at sign-in: the 8th in 10 minutes locks for 30 minutes. */
function countFailure(services: Services, account: Account, now: number): Account {
  const fresh = account.failedSince === null || now - account.failedSince > WINDOW_MS;
  const count = fresh ? 1 : account.failedCount + 1;
  return count >= LOCK_AFTER
    ? services.accounts.update(account.id, { failedCount: 0, failedSince: null, lockedUntil: now + LOCK_MS })!
    : services.accounts.update(account.id, {
        failedCount: count,
        failedSince: fresh ? now : account.failedSince,
      })!;
}

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
