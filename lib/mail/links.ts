// Link and HTML checks of a mail the suite read: every http(s) link in it must answer (a HEAD request, as
// Mailpit's link check makes, sent to the target through its host mapping: a link to a real host the
// guides name goes to the configured target instead), and, when the mail server offers Mailpit's HTML
// check, its score is kept. The results name links with their tokens redacted, so they can go in reports.
import http from 'node:http';
import https from 'node:https';
import { mapUrl } from '../guide/hosts.ts';
import { lookup } from '../http.ts';
import { linksIn } from './extract.ts';

export interface LinkCheck {
  /** The link with query values and long path segments redacted. */
  url: string;
  status: number;
  /** Status text, or why there was no answer. */
  answer: string;
  ok: boolean;
}

export interface MailCheck {
  subject: string;
  links: LinkCheck[];
  /** Mailpit's HTML check: share of mail clients that support the HTML fully, when the server offers it. */
  html?: { supported: number; warnings: number };
}

export interface MailToCheck {
  id: string;
  subject: string;
  html: string;
  text: string;
}

export interface CheckOptions {
  /** Real host (or "*.suffix") → target URL (lib/guide hostMapFor). */
  hostMap?: Record<string, string>;
  /** Mailpit's HTML check for a message ID; undefined/throw when the server does not offer it. */
  htmlCheck?: (id: string) => Promise<{ Total: { Supported: number }; Warnings: unknown[] }>;
  timeoutMs?: number;
}

/** A link safe to show: query values become `…`, path segments of 16+ characters too. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname
      .split('/')
      .map((s) => (s.length >= 16 ? '…' : s))
      .join('/');
    const query = [...u.searchParams.keys()].map((k) => `${k}=…`).join('&');
    return `${u.origin}${path}${query ? `?${query}` : ''}${u.hash ? '#…' : ''}`;
  } catch {
    return '(not a URL)';
  }
}

/** The http(s) links of a mail, each once: the HTML's hrefs, then URLs in the text. */
export function mailLinks(html: string, text: string): string[] {
  const all = [
    ...linksIn(html).map((l) => l.href),
    ...[...text.matchAll(/https?:\/\/[^\s<>"')\]]+/gi)].map((m) => m[0].replace(/[.,;:!?]+$/, '')),
  ];
  return [...new Set(all.filter((u) => /^https?:\/\//i.test(u)))];
}

/** The URL a request should go to: a mapped host's origin replaced by the target's. */
export function targetUrl(url: string, hostMap: Record<string, string>): string {
  const origin = mapUrl(url, hostMap);
  if (!origin) return url;
  const u = new URL(url);
  return `${origin}${u.pathname}${u.search}${u.hash}`;
}

function head(url: string, timeoutMs: number): Promise<{ status: number; answer: string }> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(target, { method: 'HEAD', lookup, timeout: timeoutMs }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve({ status, answer: http.STATUS_CODES[status] ?? res.statusMessage ?? '' });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ status: 0, answer: error.message }));
    req.end();
  });
}

/** Checks every link of a mail (and its HTML, when offered). Never throws for a broken link. */
export async function checkMail(mail: MailToCheck, o: CheckOptions = {}): Promise<MailCheck> {
  const links = await Promise.all(
    mailLinks(mail.html, mail.text).map(async (url): Promise<LinkCheck> => {
      const { status, answer } = await head(targetUrl(url, o.hostMap ?? {}), o.timeoutMs ?? 10_000);
      // 405/501: the server does not do HEAD, but the link is there.
      const ok = (status > 0 && status < 400) || status === 405 || status === 501;
      return { url: redactUrl(url), status, answer, ok };
    }),
  );
  let html: MailCheck['html'];
  if (mail.html && o.htmlCheck) {
    try {
      const check = await o.htmlCheck(mail.id);
      html = { supported: check.Total.Supported, warnings: check.Warnings.length };
    } catch {
      html = undefined; // the server does not offer it
    }
  }
  return { subject: mail.subject, links, ...(html ? { html } : {}) };
}

/** Throws, naming every broken link (redacted), when a link of the mail did not answer. */
export function assertLinksAnswer(check: MailCheck): void {
  const broken = check.links.filter((l) => !l.ok);
  if (broken.length === 0) return;
  const list = broken.map((l) => `${l.url} (${l.status || 'no answer'}: ${l.answer})`).join(', ');
  throw new Error(`Broken link in the mail "${check.subject}": ${list}`);
}
