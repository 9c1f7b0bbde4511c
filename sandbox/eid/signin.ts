// Signing in to connect with ID-porten: the "Sign in with ID-porten" button starts the federation; the
// answer comes back to /eid/callback, which hands the person to the interaction's own pages: one linked
// account → signed in; several → "Sign in as"; none → an explanation and a way to sign in with email,
// after which a sign-in step offers to link the electronic ID to that account.
import type Koa from 'koa';
import { z } from 'zod';
import { accountNow, fullName, type Account } from '../store/accounts.ts';
import { field, i18n, readForm, seeOther } from '../web/kit.ts';
import { csrfField, renderScreen } from '../web/parts.ts';
import { html } from '../web/html.ts';
import type { Translate } from '../i18n/index.ts';
import { finishSignIn, requireStep } from '../connect/pipeline.ts';
import { loadInteraction, type InteractionInfo } from '../connect/signin.ts';
import type { FederationHandler, Services, SignInState, SignInStep } from '../connect/services.ts';
import type { EidClient } from './client.ts';
import { personName } from './people.ts';
import { EID_METHODS, accountsLinkedTo, linkOf, setLink } from './links.ts';

/** What the interaction remembers of the eID sign-in (state.data.eid). */
const eidData = z.object({
  pid: z.string().regex(/^\d{11}$/),
  method: z.enum(EID_METHODS),
  givenName: z.string(),
  familyName: z.string(),
  /** Set when the person chose to sign in with email to link this eID. */
  link: z.boolean().optional(),
});
type EidData = z.infer<typeof eidData>;

const dataOf = (state: SignInState): EidData | undefined => {
  const parsed = eidData.safeParse(state.data.eid);
  return parsed.success ? parsed.data : undefined;
};

export const EID_AMR = 'eid';

export function renderFailure(ctx: Koa.Context, appTitle: string, text: string, again?: string): void {
  const { t } = i18n(ctx);
  renderScreen(ctx, {
    status: 400,
    heading: t('eid.failed.title'),
    appTitle,
    error: text,
    body: again ? html`<p><a class="button" href="${again}">${t('eid.startAgain')}</a></p>` : html``,
  });
}

/** "Sign in with ID-porten": off to the simulated ID-porten, back at connect's /eid/callback. */
export const idportenSignIn =
  (services: Services, client: EidClient): FederationHandler =>
  async ({ ctx, uid }) => {
    const redirectUri = `${services.urls.connect}/eid/callback`;
    await client.start(ctx, { purpose: 'signin', uid, redirectUri, lang: i18n(ctx).lang });
  };

/** After "Sign in with email to link": once the password (and the second factor) proved the account. */
export const eidLinkStep: SignInStep = {
  id: 'eid-link',
  path: 'eid/link',
  needed: ({ state, account }) => {
    const eid = dataOf(state);
    return !!eid?.link && linkOf(account)?.nationalId !== eid.pid;
  },
};

export function registerEidSignIn(services: Services, client: EidClient): void {
  const { router } = services;
  router.get('/eid/callback', (ctx) => eidCallback(ctx, services, client));
  router.get('/interaction/:uid/eid', (ctx) => showEidAnswer(ctx, services));
  router.post('/interaction/:uid/eid/with-email', (ctx) => signInWithEmail(ctx, services));
  router.post('/interaction/:uid/eid/choose', (ctx) => chooseAccount(ctx, services));
  router.get('/interaction/:uid/eid/link', (ctx) => offerLink(ctx, services));
  router.post('/interaction/:uid/eid/link', (ctx) => answerLink(ctx, services));
}

/** ID-porten's answer for a sign-in: kept on the interaction, whose own pages take over. */
async function eidCallback(ctx: Koa.Context, services: Services, client: EidClient): Promise<void> {
  const result = await client.finish(ctx);
  const { t } = i18n(ctx);
  if (!result.ok || result.purpose !== 'signin' || !result.uid) {
    const reason = result.ok ? t('eid.reason.noFlow') : t(result.reason, { detail: result.detail ?? '' });
    renderFailure(
      ctx,
      'Visma Connect',
      t('eid.failed.text', { reason }),
      result.uid ? `/interaction/${result.uid}?step=email` : undefined,
    );
    return;
  }
  // The interaction's cookie only reaches /interaction/:uid, so its pages take over from here.
  const state = services.interactions.get(result.uid);
  state.data.eid = {
    pid: result.person.pid,
    method: result.method,
    givenName: result.person.givenName,
    familyName: result.person.familyName,
  } satisfies EidData;
  services.interactions.save(result.uid, state);
  seeOther(ctx, `/interaction/${result.uid}/eid`);
}

async function signInAs(
  ctx: Koa.Context,
  services: Services,
  info: InteractionInfo,
  account: Account,
): Promise<void> {
  const { uid, clientId, state } = info;
  state.accountId = account.id;
  state.email = account.email;
  state.amr.push(EID_AMR);
  services.interactions.save(uid, state);
  await finishSignIn(ctx, services, uid, clientId, state);
}

function renderChooser(
  ctx: Koa.Context,
  services: Services,
  info: InteractionInfo,
  accounts: Account[],
  error?: string,
): void {
  const { t } = i18n(ctx);
  renderScreen(ctx, {
    heading: t('eid.chooser.heading'),
    appTitle: info.app.title,
    error,
    body: html`<p>${t('eid.chooser.intro')}</p>
      <form method="post" action="/interaction/${info.uid}/eid/choose">
        ${csrfField(ctx, services.kit)}
        ${accounts.map(
          (a) =>
            html`<button type="submit" class="secondary choice" name="account" value="${a.id}">
              <strong>${fullName(a)}</strong><small>${a.email}</small>
            </button>`,
        )}
      </form>`,
  });
}

/** The interaction holds no eID answer (any more): say so, and offer to sign in with email. */
const noFlow = (ctx: Koa.Context, info: InteractionInfo, t: Translate) =>
  renderFailure(
    ctx,
    info.app.title,
    t('eid.failed.text', { reason: t('eid.reason.noFlow') }),
    `/interaction/${info.uid}?step=email`,
  );

/** One linked account signs straight in; several are offered to choose from; none offers email. */
async function showEidAnswer(ctx: Koa.Context, services: Services): Promise<void> {
  const info = await loadInteraction(ctx, services);
  const eid = dataOf(info.state);
  const { t } = i18n(ctx);
  if (!eid) return noFlow(ctx, info, t);
  const linked = accountsLinkedTo(services, eid.pid);
  if (linked.length === 1) {
    await signInAs(ctx, services, info, linked[0]!);
    return;
  }
  if (linked.length > 1) {
    renderChooser(ctx, services, info, linked);
    return;
  }
  renderScreen(ctx, {
    heading: t('eid.none.heading'),
    appTitle: info.app.title,
    body: html`<p>${t('eid.none.text')}</p>
      <form method="post" action="/interaction/${info.uid}/eid/with-email">
        ${csrfField(ctx, services.kit)}
        <button type="submit">${t('eid.none.signIn')}</button>
      </form>`,
  });
}

async function signInWithEmail(ctx: Koa.Context, services: Services): Promise<void> {
  await readForm(ctx, services.kit);
  const info = await loadInteraction(ctx, services);
  const eid = dataOf(info.state);
  if (eid) {
    info.state.data.eid = { ...eid, link: true } satisfies EidData;
    services.interactions.save(info.uid, info.state);
  }
  seeOther(ctx, `/interaction/${info.uid}?step=email`);
}

async function chooseAccount(ctx: Koa.Context, services: Services): Promise<void> {
  const form = await readForm(ctx, services.kit);
  const info = await loadInteraction(ctx, services);
  const eid = dataOf(info.state);
  const { t } = i18n(ctx);
  if (!eid) return noFlow(ctx, info, t);
  const wanted = field(form, 'account', 64);
  const linked = accountsLinkedTo(services, eid.pid);
  const account = linked.find((a) => a.id === wanted);
  if (!account) {
    renderChooser(ctx, services, info, linked, t('eid.chooser.notLinked'));
    return;
  }
  await signInAs(ctx, services, info, account);
}

async function offerLink(ctx: Koa.Context, services: Services): Promise<void> {
  const info = await loadInteraction(ctx, services);
  requireStep(info.state, 'eid-link');
  const eid = dataOf(info.state);
  const account = info.state.accountId ? services.accounts.byId(info.state.accountId) : undefined;
  const { t } = i18n(ctx, account?.language);
  if (!eid || !account) return noFlow(ctx, info, t);
  renderScreen(ctx, {
    heading: t('eid.link.heading'),
    appTitle: info.app.title,
    body: html`<p>${t('eid.link.text', { name: personName(eid), email: account.email })}</p>
      ${linkOf(account) ? html`<p class="notice">${t('eid.link.replaces')}</p>` : ''}
      <form method="post" action="/interaction/${info.uid}/eid/link">
        ${csrfField(ctx, services.kit)}
        <button type="submit" name="answer" value="link">${t('eid.link.confirm')}</button>
        <button type="submit" name="answer" value="skip" class="secondary">${t('eid.link.skip')}</button>
      </form>`,
  });
}

async function answerLink(ctx: Koa.Context, services: Services): Promise<void> {
  const form = await readForm(ctx, services.kit);
  const info = await loadInteraction(ctx, services);
  requireStep(info.state, 'eid-link');
  const eid = dataOf(info.state);
  const account = info.state.accountId ? services.accounts.byId(info.state.accountId) : undefined;
  if (!eid || !account) return seeOther(ctx, `/interaction/${info.uid}?step=email`);
  if (field(form, 'answer', 10) === 'link') {
    setLink(services, account.id, {
      nationalId: eid.pid,
      method: eid.method,
      linkedAt: new Date(accountNow(account)).toISOString(),
    });
    info.state.amr.push(EID_AMR);
  }
  info.state.done.push('eid-link');
  services.interactions.save(info.uid, info.state);
  await finishSignIn(ctx, services, info.uid, info.clientId, info.state);
}
