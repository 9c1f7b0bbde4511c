// Shared web plumbing for every sandbox host: security headers, error pages, language choice and switch,
// CSRF tokens, size-limited form parsing and the page layout.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import Koa from 'koa';
import {
  LANGS,
  isLang,
  langFromTag,
  translator,
  type Lang,
  type MessageKey,
  type Translate,
} from '../i18n/index.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { SCRIPT, STYLE } from './assets.ts';

export const FORM_LIMIT_BYTES = 16 * 1024;
const DISCARD_LIMIT_BYTES = 8 * 1024 * 1024;
const LANG_COOKIE = 'lang';
const CSRF_COOKIE = 'csrf';

export class PageError extends Error {
  constructor(
    readonly status: number,
    readonly key: MessageKey,
    readonly vars?: Record<string, string | number>,
  ) {
    super(key);
  }
}

export interface Kit {
  secret: Buffer;
  /** true when cookies should carry Secure (https public URLs). */
  secureCookies: boolean;
}

export function cookieOptions(kit: Kit, maxAgeMs?: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: kit.secureCookies,
    overwrite: true,
    signed: false,
    ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}),
  };
}

/** Language: the switch's cookie, then the account's setting, then Accept-Language, then English. */
export function langOf(ctx: Koa.Context, accountLang?: Lang | null): Lang {
  const chosen = ctx.cookies.get(LANG_COOKIE);
  if (isLang(chosen)) return chosen;
  if (accountLang) return accountLang;
  return langFromTag(ctx.acceptsLanguages('en', 'nb', 'no', 'nn') || undefined) ?? 'en';
}

export function i18n(ctx: Koa.Context, accountLang?: Lang | null): { lang: Lang; t: Translate } {
  const lang = langOf(ctx, accountLang);
  ctx.state.lang = lang;
  return { lang, t: translator(lang) };
}

function hmac(kit: Kit, ...parts: string[]): Buffer {
  return createHmac('sha256', kit.secret).update(parts.join('\n')).digest();
}

function sameBytes(a: string, b: Buffer): boolean {
  const given = Buffer.from(a, 'base64url');
  return given.length === b.length && timingSafeEqual(given, b);
}

/** The CSRF token for this browser (double-submit: HMAC of an HttpOnly cookie), creating the cookie if needed. */
export function csrfToken(ctx: Koa.Context, kit: Kit): string {
  // The cookie this request already set wins: two forms on one page must carry tokens for one cookie.
  let cookie = currentCsrfCookie(ctx);
  if (!cookie || !/^[A-Za-z0-9_-]{43}$/.test(cookie)) {
    cookie = randomBytes(32).toString('base64url');
    ctx.cookies.set(CSRF_COOKIE, cookie, cookieOptions(kit));
    // A request that sets the cookie and checks it at once (bot check) must see the new value.
    ctx.state.csrfCookie = cookie;
  }
  return hmac(kit, 'csrf', cookie).toString('base64url');
}

function currentCsrfCookie(ctx: Koa.Context): string | undefined {
  return (ctx.state.csrfCookie as string | undefined) ?? ctx.cookies.get(CSRF_COOKIE);
}

export function csrfValid(ctx: Koa.Context, kit: Kit, token: string | null | undefined): boolean {
  const cookie = currentCsrfCookie(ctx);
  if (!cookie || !token || token.length > 100) return false;
  return sameBytes(token, hmac(kit, 'csrf', cookie));
}

/** A short-lived proof that this browser passed the "I'm not a robot" check. */
export function botToken(ctx: Koa.Context, kit: Kit): string {
  const cookie = currentCsrfCookie(ctx) ?? '';
  const expires = String(Date.now() + 10 * 60_000);
  return `${expires}.${hmac(kit, 'bot', cookie, expires).toString('base64url')}`;
}

export function botTokenValid(ctx: Koa.Context, kit: Kit, token: string | null | undefined): boolean {
  const cookie = currentCsrfCookie(ctx);
  if (!cookie || !token || token.length > 200) return false;
  const [expires, mac] = token.split('.');
  if (!expires || !mac || !/^\d+$/.test(expires) || Number(expires) < Date.now()) return false;
  return sameBytes(mac, hmac(kit, 'bot', cookie, expires));
}

async function readBody(ctx: Koa.Context, limit: number): Promise<string> {
  const declared = Number(ctx.get('content-length') || '0');
  if (declared > DISCARD_LIMIT_BYTES) {
    ctx.set('connection', 'close');
    throw new PageError(413, 'error.tooLarge', { limit });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > DISCARD_LIMIT_BYTES) {
      ctx.set('connection', 'close');
      break;
    }
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) throw new PageError(413, 'error.tooLarge', { limit });
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a urlencoded form (size-limited) and checks its CSRF token; throws a PageError (413/415/403)
 * before anything is changed.
 */
export async function readForm(
  ctx: Koa.Context,
  kit: Kit,
  limit = FORM_LIMIT_BYTES,
): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) {
    // Drain so the client sees the answer rather than a reset connection.
    await readBody(ctx, 0).catch(() => undefined);
    throw new PageError(415, 'error.contentType');
  }
  const form = new URLSearchParams(await readBody(ctx, limit));
  if (!csrfValid(ctx, kit, form.get('_csrf'))) throw new PageError(403, 'error.csrf');
  return form;
}

/** A form field, trimmed unless told otherwise, refused with 400 when longer than max. */
export function field(form: URLSearchParams, name: string, max: number, trim = true): string {
  const value = form.get(name) ?? '';
  if (value.length > max) throw new PageError(400, 'error.fieldTooLong', { field: name });
  return trim ? value.trim() : value;
}

export const EMAIL_MAX = 254;
export const isEmail = (v: string): boolean =>
  v.length <= EMAIL_MAX && /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/.test(v);

export interface Page {
  title: string;
  appTitle?: string;
  body: SafeHtml;
  status?: number;
}

/** "See other": after a post, the browser fetches the next page with a GET. */
export function seeOther(ctx: Koa.Context, url: string): void {
  ctx.status = 303;
  ctx.redirect(url);
}

/** The request's path made safe to reuse in a link or redirect (no "//host" or "/\\host" tricks). */
export const safePath = (p: string): string => '/' + p.replace(/^[/\\]+/, '');

function langSwitch(ctx: Koa.Context, lang: Lang, t: Translate): SafeHtml {
  const links = LANGS.map((l) => {
    const params = new URLSearchParams(ctx.querystring);
    params.set('lang', l);
    const name = translator(l)('lang.name');
    return l === lang
      ? html`<strong aria-current="true" lang="${l}">${name}</strong>`
      : html`<a href="${safePath(ctx.path)}?${params.toString()}" lang="${l}" hreflang="${l}">${name}</a>`;
  });
  return html`<nav aria-label="${t('lang.switch')}">${t('lang.switch')}: ${links}</nav>`;
}

export function render(ctx: Koa.Context, page: Page): void {
  const lang: Lang = isLang(ctx.state.lang) ? ctx.state.lang : langOf(ctx);
  const t = translator(lang);
  ctx.status = page.status ?? 200;
  ctx.type = 'html';
  ctx.set('cache-control', 'no-store');
  ctx.body = html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${page.title}${page.appTitle ? ` – ${page.appTitle}` : ''}</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <main>
          ${page.appTitle ? html`<p class="app-title">${page.appTitle}</p>` : ''} ${page.body}
          <p class="brand" aria-hidden="true">VISMA</p>
        </main>
        <footer>${langSwitch(ctx, lang, t)}</footer>
        <script src="/assets/sandbox.js" defer></script>
      </body>
    </html>`.toString();
}

export function errorPage(ctx: Koa.Context, status: number, message: string, appTitle?: string): void {
  const { t } = i18n(ctx);
  render(ctx, {
    status,
    title: t('error.title'),
    appTitle,
    body: html`<h1>${t('error.title')}</h1>
      <p class="error" role="alert">${message}</p>`,
  });
}

/** A Koa app for one host with the common middleware installed. */
export function hostApp(kit: Kit, appTitle?: () => string | undefined): Koa {
  const app = new Koa();
  app.proxy = false;
  app.use(async (ctx, next) => {
    ctx.set('x-content-type-options', 'nosniff');
    ctx.set('referrer-policy', 'no-referrer');
    ctx.set('x-frame-options', 'DENY');
    ctx.set(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
    );
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        const { t } = i18n(ctx);
        errorPage(ctx, 404, t('error.notFound'), appTitle?.());
      }
    } catch (error) {
      const { t } = i18n(ctx);
      if (error instanceof PageError) {
        errorPage(ctx, error.status, t(error.key, error.vars), appTitle?.());
        return;
      }
      const status = (error as { status?: number }).status;
      if (status && status >= 400 && status < 500) {
        errorPage(ctx, status, (error as Error).message, appTitle?.());
        return;
      }
      console.error(`sandbox: ${ctx.method} ${ctx.host}${ctx.path} failed:`, (error as Error).stack ?? error);
      errorPage(ctx, 500, t('error.internal'), appTitle?.());
    }
  });
  app.use(async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === '/assets/sandbox.js') {
      ctx.type = 'application/javascript';
      ctx.set('cache-control', 'public, max-age=300');
      ctx.body = SCRIPT;
      return;
    }
    // The language switch: remember the choice, then show the same page without the parameter.
    const wanted = ctx.method === 'GET' ? ctx.query.lang : undefined;
    if (typeof wanted === 'string' && isLang(wanted)) {
      ctx.cookies.set(LANG_COOKIE, wanted, cookieOptions(kit, 365 * 24 * 3600_000));
      const params = new URLSearchParams(ctx.querystring);
      params.delete('lang');
      const rest = params.toString();
      ctx.redirect(`${safePath(ctx.path)}${rest ? `?${rest}` : ''}`);
      return;
    }
    await next();
  });
  return app;
}
