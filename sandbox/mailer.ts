// Outgoing mail through SMTP (SMTP_URL): the built-in sink or a real Mailpit receives it. Mail text comes
// from the catalogues in the account's language; links are never logged.
import nodemailer from 'nodemailer';
import { translator, type Lang, type MessageKey } from './i18n/index.ts';
import { escapeHtml } from './web/html.ts';

export interface Mailer {
  send(message: ActionMail): Promise<void>;
  close(): void;
}

export interface ActionMail {
  to: string;
  lang: Lang;
  name: string;
  subject: MessageKey;
  text: MessageKey;
  vars?: Record<string, string>;
  /** A call-to-action button (activation, reset, one-time link). */
  button?: { label: MessageKey; url: string };
  /** Add the "ignore if it was not you" line. */
  ignorable?: boolean;
}

export interface MailerOptions {
  /** Test mode: add a link that answers 404 to every mail with a button (SANDBOX_MAIL_BROKEN_LINK). */
  brokenLink?: boolean;
  /**
   * Test mode: deliver every mail this many milliseconds after the service sent it (SANDBOX_MAIL_DELAY_MS),
   * as a slow mail system does. The service goes on at once; a delivery that fails is logged.
   */
  delayMs?: number;
}

export function createMailer(smtpUrl: string, from: string, options: MailerOptions = {}): Mailer {
  // Pooled: the sink, like many SMTP servers, holds its greeting back ~100 ms on every new connection to
  // catch clients that talk too early; one kept connection spares each mail (an SMS code, a reset link) that.
  const transport = nodemailer.createTransport({ url: smtpUrl, pool: true });
  const later = new Set<NodeJS.Timeout>();
  return {
    async send(m) {
      const t = translator(m.lang);
      const vars = { name: m.name, ...m.vars };
      const lines = [t('mail.hello', vars), '', t(m.text, vars)];
      const html = [`<p>${escapeHtml(t('mail.hello', vars))}</p>`, `<p>${escapeHtml(t(m.text, vars))}</p>`];
      if (m.button) {
        const label = t(m.button.label);
        lines.push('', `${label}: ${m.button.url}`);
        html.push(
          `<p><a href="${escapeHtml(m.button.url)}" style="display:inline-block;background:#2d8a3e;color:#fff;padding:12px 24px;border-radius:4px;text-decoration:none;font-weight:600">${escapeHtml(label)}</a></p>`,
        );
        if (options.brokenLink) {
          const broken = `${new URL(m.button.url).origin}/help/no-such-page?token=broken-link-test`;
          html.push(`<p><a href="${escapeHtml(broken)}">help</a></p>`);
        }
      }
      if (m.ignorable) {
        lines.push('', t('mail.ignore'));
        html.push(`<p>${escapeHtml(t('mail.ignore'))}</p>`);
      }
      const mail = {
        from,
        to: m.to,
        subject: t(m.subject, vars),
        text: lines.join('\n'),
        html: `<!doctype html><html lang="${m.lang}"><body style="font-family:sans-serif">${html.join('\n')}</body></html>`,
      };
      if (!options.delayMs) {
        await transport.sendMail(mail);
        return;
      }
      const timer = setTimeout(() => {
        later.delete(timer);
        transport.sendMail(mail).catch((error: unknown) => {
          console.error(
            `sandbox: the delayed mail to ${m.to} was not delivered: ${(error as Error).message}`,
          );
        });
      }, options.delayMs);
      later.add(timer);
    },
    close() {
      // Mail still waiting for its delay is not delivered: the service is stopping.
      for (const timer of later) clearTimeout(timer);
      transport.close();
    },
  };
}
