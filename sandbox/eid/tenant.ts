// Tenant apps (Visma Enterprise per municipality) admit only accounts registered in their tenant (the SCIM
// extension's `tenants`). Any other account that arrives signed in gets "An internal error has occurred"
// with a way to sign out: the symptom guide 002 explains (BankID linked to the wrong account).
import { i18n } from '../web/kit.ts';
import { csrfField, renderScreen } from '../web/parts.ts';
import { html } from '../web/html.ts';
import { appLang } from '../rp/app.ts';
import type { AppExtension } from '../connect/services.ts';

/** The app's own sign-in and sign-out paths stay open, so a refused person can sign out or switch. */
const OPEN_PATHS = new Set(['/login', '/callback', '/logout', '/signed-out']);

/** For every app: a tenant app refuses a signed-in account outside its tenant. */
export const tenantAdmission: AppExtension = (router, helpers) => {
  const tenant = helpers.app.tenant;
  if (!tenant) return;
  router.use(async (ctx, next) => {
    if (OPEN_PATHS.has(ctx.path) || ctx.path.startsWith('/assets/')) return next();
    const session = helpers.session(ctx);
    if (!session) return next();
    const account = helpers.services.accounts.byId(session.sub);
    if (account?.enabled && account.tenants.includes(tenant)) return next();
    const { t } = i18n(ctx, appLang(session, account));
    renderScreen(ctx, {
      status: 403,
      heading: t('error.internal'),
      appTitle: helpers.app.title,
      body: html`<p>${t('eid.tenant.signedInAs', { email: session.email })}</p>
        <form method="post" action="/logout">
          ${csrfField(ctx, helpers.services.kit)}
          <button type="submit">${t('app.signOut')}</button>
        </form>`,
    });
  });
};
