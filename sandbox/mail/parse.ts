// Turns a raw RFC 5322 message into what the store and the API need, using postal-mime.
import { createHash } from 'node:crypto';
import PostalMime, {
  type Address as PmAddress,
  type Attachment as PmAttachment,
  type Email,
} from 'postal-mime';
import { partIdsFor } from './mime.ts';
import { normalise } from './search.ts';
import type { Address, ListItem, NewMessage } from './store.ts';
import { tagsOnArrival } from './tags.ts';
import type { Envelope } from './types.ts';

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

/**
 * Parses a stored message. The line break that ends the last line of a MIME body belongs to the part
 * boundary (RFC 2046), not to the text, so one trailing newline is dropped from text and HTML: what the
 * sender passed in is what the API hands out.
 */
export async function parseRaw(raw: Buffer): Promise<Email> {
  const email = await PostalMime.parse(raw);
  const trim = (v: string | undefined) => (v === undefined ? v : v.replace(/\r?\n$/, ''));
  return { ...email, text: trim(email.text), html: trim(email.html) };
}

const NO_ADDRESS: Address = { Name: '', Address: '' };

const addressLine = (list: Address[]) =>
  list.map((a) => (a.Name ? `${a.Name} <${a.Address}>` : a.Address)).join(', ');

/**
 * Mailpit's search text: the From, Subject, To, Cc, Bcc, Reply-To and Return-Path headers, the HTML as
 * text (else the text part) and the attachments' file names, normalised.
 */
function searchText(email: Email, parsed: { from: Address; to: Address[]; cc: Address[]; bcc: Address[] }) {
  const bodyText = email.html ? htmlToText(email.html) : (email.text ?? '');
  return normalise(
    [
      parsed.from.Address ? addressLine([parsed.from]) : '',
      email.subject ?? '',
      addressLine(parsed.to),
      addressLine(parsed.cc),
      addressLine(parsed.bcc),
      addressLine(flattenAddresses(email.replyTo)),
      headerValue(email, 'return-path'),
      bodyText,
      ...email.attachments.filter((a) => !isInline(a)).map((a) => a.filename ?? ''),
    ].join(' '),
  );
}

/**
 * Builds the stored form. Bcc is the Bcc header plus what the SMTP envelope delivered to that no
 * header names, as Mailpit reports it; a message without From gets Mailpit's empty address.
 */
export async function toNewMessage(raw: Buffer, envelope: Envelope): Promise<NewMessage> {
  const email = await parseRaw(raw);
  const to = flattenAddresses(email.to);
  const cc = flattenAddresses(email.cc);
  const headerBcc = flattenAddresses(email.bcc);
  const named = new Set([...to, ...cc, ...headerBcc].map((a) => a.Address.toLowerCase()));
  const bcc = [
    ...headerBcc,
    ...envelope.rcptTo.filter((r) => !named.has(r.toLowerCase())).map((r) => ({ Name: '', Address: r })),
  ];
  const from = flattenAddresses(email.from)[0] ?? NO_ADDRESS;
  const xTags = email.headers.filter((h) => h.key === 'x-tags').map((h) => h.value);
  return {
    messageId: (email.messageId ?? '').replace(/^<|>$/g, ''),
    from,
    to,
    cc,
    bcc,
    replyTo: flattenAddresses(email.replyTo),
    subject: email.subject ?? '',
    snippet: makeSnippet(email),
    searchText: searchText(email, { from, to, cc, bcc }),
    tags: tagsOnArrival(
      xTags,
      [from, ...to, ...cc, ...bcc].map((a) => a.Address),
    ),
    attachments: email.attachments.filter((a) => !isInline(a)).length,
    inline: email.attachments.filter(isInline).length,
    mailFrom: envelope.mailFrom,
    username: envelope.username,
    raw,
  };
}

/** Parts shown inside the HTML (cid: images) count as Inline, as in Mailpit; the rest are Attachments. */
export function isInline(a: PmAttachment): boolean {
  return Boolean(a.related) || (a.disposition === 'inline' && Boolean(a.contentId));
}

export interface AttachmentInfo {
  PartID: string;
  FileName: string;
  ContentType: string;
  ContentID: string;
  Size: number;
  Checksums: { MD5: string; SHA1: string; SHA256: string };
}

function contentBytes(a: PmAttachment): Buffer {
  if (typeof a.content === 'string')
    return Buffer.from(a.content, a.encoding === 'base64' ? 'base64' : 'utf8');
  return Buffer.from(a.content instanceof ArrayBuffer ? new Uint8Array(a.content) : a.content);
}

/** Attachment parts, with Mailpit's part IDs (their place in the MIME tree, see mime.ts). */
export function parts(
  email: Email,
  raw: Buffer,
): Array<{ info: AttachmentInfo; inline: boolean; content: Buffer }> {
  const ids = partIdsFor(raw, email.attachments);
  return email.attachments.map((a, i) => {
    const content = contentBytes(a);
    const hash = (alg: string) => createHash(alg).update(content).digest('hex');
    return {
      inline: isInline(a),
      content,
      info: {
        PartID: ids[i] ?? String(i + 1),
        FileName: a.filename ?? (a.contentId ?? '').replace(/^<|>$/g, ''),
        ContentType: a.mimeType,
        ContentID: (a.contentId ?? '').replace(/^<|>$/g, ''),
        Size: content.length,
        Checksums: { MD5: hash('md5'), SHA1: hash('sha1'), SHA256: hash('sha256') },
      },
    };
  });
}

function headerValue(email: Email, key: string): string {
  return email.headers.find((h) => h.key === key)?.value.trim() ?? '';
}

function listUnsubscribe(email: Email): {
  Header: string;
  Links: string[];
  Errors: string;
  HeaderPost: string;
} {
  const header = headerValue(email, 'list-unsubscribe');
  const links = [...header.matchAll(/<([^>]+)>/g)].map((m) => m[1] ?? '').filter(Boolean);
  return {
    Header: header,
    Links: links,
    Errors: header && links.length === 0 ? 'No valid unsubscribe links found' : '',
    HeaderPost: headerValue(email, 'list-unsubscribe-post'),
  };
}

/** Mailpit's Message (GET /api/v1/message/{ID}). */
export function messageDetail(
  item: ListItem,
  email: Email,
  raw: Buffer,
  envelopeFrom: string,
): Record<string, unknown> {
  const all = parts(email, raw);
  const dateHeader = email.date ? Date.parse(email.date) : Number.NaN;
  const returnPath = headerValue(email, 'return-path').replace(/^<|>$/g, '') || envelopeFrom;
  return {
    ID: item.ID,
    MessageID: item.MessageID,
    From: item.From,
    To: item.To,
    Cc: item.Cc,
    Bcc: item.Bcc,
    ReplyTo: item.ReplyTo,
    ReturnPath: returnPath,
    Subject: item.Subject,
    ListUnsubscribe: listUnsubscribe(email),
    Date: Number.isNaN(dateHeader) ? item.Created : new Date(dateHeader).toISOString(),
    Tags: item.Tags,
    Username: item.Username,
    Text: email.text ?? '',
    HTML: email.html ?? '',
    Size: item.Size,
    Inline: all.filter((p) => p.inline).map((p) => p.info),
    Attachments: all.filter((p) => !p.inline).map((p) => p.info),
  };
}

/** Go's canonical MIME header key (textproto.CanonicalMIMEHeaderKey), as Mailpit's headers endpoint uses. */
export function canonicalHeaderKey(key: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(key)) return key;
  return key.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/** Mailpit's headers shape: canonical key → list of values, keys in alphabetical order. */
export function headerMap(email: Email): Record<string, string[]> {
  const map = new Map<string, string[]>();
  for (const h of email.headers) {
    const key = canonicalHeaderKey(h.originalKey);
    const list = map.get(key) ?? [];
    list.push(h.value.trim());
    map.set(key, list);
  }
  return Object.fromEntries([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
