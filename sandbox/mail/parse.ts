// Turns a raw RFC 5322 message into what the store and the API need, using postal-mime.
import PostalMime, { type Address as PmAddress, type Email } from 'postal-mime';
import type { Address, NewMessage } from './store.ts';

export function flattenAddresses(list: PmAddress[] | PmAddress | undefined): Address[] {
  const items = list === undefined ? [] : Array.isArray(list) ? list : [list];
  const out: Address[] = [];
  for (const a of items) {
    if (a.group) for (const m of a.group) out.push({ Name: m.name, Address: m.address });
    else if (a.address !== undefined) out.push({ Name: a.name, Address: a.address });
  }
  return out;
}

/** HTML to readable text, good enough for snippets and search (not for display). */
export function htmlToText(html: string): string {
  return html
    .replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

export function makeSnippet(email: Email): string {
  const text = email.text ?? (email.html ? htmlToText(email.html) : '');
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 250 ? `${flat.slice(0, 250)}...` : flat;
}

export async function parseRaw(raw: Buffer): Promise<Email> {
  return PostalMime.parse(raw);
}

/**
 * Builds the stored form. Bcc is what the SMTP envelope delivered to that no header names, as Mailpit
 * reports it.
 */
export async function toNewMessage(
  raw: Buffer,
  envelope: { rcptTo: string[]; username: string },
): Promise<NewMessage> {
  const email = await parseRaw(raw);
  const to = flattenAddresses(email.to);
  const cc = flattenAddresses(email.cc);
  const named = new Set([...to, ...cc].map((a) => a.Address.toLowerCase()));
  const bcc = envelope.rcptTo
    .filter((r) => !named.has(r.toLowerCase()))
    .map((r) => ({ Name: '', Address: r }));
  const from = flattenAddresses(email.from)[0] ?? null;
  const body = `${email.text ?? ''}\n${email.html ? htmlToText(email.html) : ''}`;
  return {
    messageId: (email.messageId ?? '').replace(/^<|>$/g, ''),
    from,
    to,
    cc,
    bcc,
    replyTo: flattenAddresses(email.replyTo),
    subject: email.subject ?? '',
    snippet: makeSnippet(email),
    body,
    attachments: email.attachments.filter((a) => a.disposition !== 'inline' && !a.related).length,
    username: envelope.username,
    raw,
  };
}
