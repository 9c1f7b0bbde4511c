// Account Settings' "Edit" / "Add phone number": name, country, language and mobile number.
import type Koa from 'koa';
import type { Account } from '../store/accounts.ts';
import type { Translate } from '../i18n/index.ts';
import { field, i18n, readForm, seeOther } from '../web/kit.ts';
import { csrfField, renderScreen } from '../web/parts.ts';
import { html } from '../web/html.ts';
import type { AppSession, Services } from '../connect/services.ts';
import { appLang } from '../rp/app.ts';

export interface Who {
  session: AppSession;
  account: Account;
}
/** The signed-in, enabled account of this request, or a redirect to the sign-in (and undefined). */
export type SignedIn = (ctx: Koa.Context) => Who | undefined;

interface EditView {
  error?: string;
  values?: URLSearchParams;
}

function renderEdit(ctx: Koa.Context, services: Services, account: Account, t: Translate, o: EditView = {}) {
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
      ${csrfField(ctx, services.kit)} ${text('givenName', t('eid.edit.givenName'), 100, account.givenName)}
      ${text('familyName', t('eid.edit.familyName'), 100, account.familyName)}
      ${text('country', t('eid.edit.country'), 60, account.country)}
      <label for="language">${t('eid.edit.language')}</label>
      <select id="language" name="language">
        ${(['nb', 'en'] as const).map(
          (l) =>
            html`<option value="${l}" ${language === l ? 'selected' : ''}>${t(`eid.language.${l}`)}</option>`,
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
}

export function showEdit(ctx: Koa.Context, services: Services, signedIn: SignedIn): void {
  const who = signedIn(ctx);
  if (!who) return;
  const { t } = i18n(ctx, appLang(who.session, who.account));
  renderEdit(ctx, services, who.account, t);
}

export async function saveEdit(ctx: Koa.Context, services: Services, signedIn: SignedIn): Promise<void> {
  const form = await readForm(ctx, services.kit);
  const who = signedIn(ctx);
  if (!who) return;
  const { t } = i18n(ctx, appLang(who.session, who.account));
  const givenName = field(form, 'givenName', 100);
  const familyName = field(form, 'familyName', 100);
  const country = field(form, 'country', 60);
  const language = field(form, 'language', 5);
  const phone = field(form, 'phone', 16).replace(/[\s-]/g, '');
  const fail = (error: string) => renderEdit(ctx, services, who.account, t, { error, values: form });
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
}
