// Markup that many screens share: the CSRF field every form carries, the error box, and a screen whose
// heading is also its title. Each screen adds only what is its own.
import type Koa from 'koa';
import { csrfToken, render, type Kit } from './kit.ts';
import { html, type SafeHtml } from './html.ts';

/** The hidden CSRF field of a form posted back to this host (one token per browser: see csrfToken). */
export const csrfField = (ctx: Koa.Context, kit: Kit): SafeHtml =>
  html`<input type="hidden" name="_csrf" value="${csrfToken(ctx, kit)}" />`;

/** A problem with what the person sent, read out by screen readers; nothing when there is none. */
export const errorBox = (error?: string): SafeHtml | string =>
  error ? html`<p class="error" role="alert">${error}</p>` : '';

export interface Screen {
  /** The page's heading and title. */
  heading: string;
  appTitle?: string;
  /** Shown right under the heading. */
  error?: string;
  /** Defaults to 400 when there is an error, else 200. */
  status?: number;
  body: SafeHtml;
}

/** A page with one heading, the error (if any) under it, then the screen's own content. */
export function renderScreen(ctx: Koa.Context, s: Screen): void {
  render(ctx, {
    title: s.heading,
    appTitle: s.appTitle,
    status: s.status ?? (s.error ? 400 : 200),
    body: html`<h1>${s.heading}</h1>
      ${errorBox(s.error)} ${s.body}`,
  });
}
