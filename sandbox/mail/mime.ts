// The MIME tree of a raw message, walked only far enough to number its parts the way Mailpit does: the
// children of the top multipart are 1, 2, 3 …, their children 2.1, 2.2 …, so a part URL means the same
// part on the sink and on a real Mailpit. Also the headers Mailpit adds to a message when it arrives.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

export interface Leaf {
  partId: string;
  contentType: string;
  contentId: string;
}

function splitHead(raw: string): { head: string; body: string } {
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return { head: raw, body: '' };
  return { head: raw.slice(0, m.index), body: raw.slice(m.index + m[0].length) };
}

function header(head: string, name: string): string {
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return m?.[1]?.trim() ?? '';
}

function boundaryOf(contentType: string): string | undefined {
  const m = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

function childrenOf(body: string, boundary: string): string[] {
  const lines = body.split(/\r?\n/);
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}--`) break;
    if (trimmed === `--${boundary}`) {
      if (current) parts.push(current.join('\r\n'));
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

/** Every non-multipart part of the message with its Mailpit part ID, in document order. */
export function mimeLeaves(raw: Buffer | string): Leaf[] {
  const leaves: Leaf[] = [];
  const walk = (text: string, id: string, depth: number) => {
    const { head, body } = splitHead(text);
    const type = header(head, 'content-type') || 'text/plain';
    const boundary = /^multipart\//i.test(type) ? boundaryOf(type) : undefined;
    if (boundary && depth < 20) {
      childrenOf(body, boundary).forEach((child, i) => {
        walk(child, id === '0' ? String(i + 1) : `${id}.${i + 1}`, depth + 1);
      });
      return;
    }
    leaves.push({
      partId: id,
      contentType: (type.split(';')[0] ?? '').trim().toLowerCase(),
      contentId: header(head, 'content-id').replace(/^<|>$/g, ''),
    });
  };
  walk(typeof raw === 'string' ? raw : raw.toString('latin1'), '0', 0);
  return leaves;
}

/**
 * Part IDs for postal-mime's attachments (given in document order): each takes the next leaf of the
 * same content type (and Content-ID, when it has one).
 */
export function partIdsFor(
  raw: Buffer,
  attachments: Array<{ mimeType: string; contentId?: string }>,
): string[] {
  const leaves = mimeLeaves(raw);
  let from = 0;
  return attachments.map((a, i) => {
    const cid = (a.contentId ?? '').replace(/^<|>$/g, '');
    const at = leaves.findIndex(
      (l, n) => n >= from && l.contentType === a.mimeType.toLowerCase() && (!cid || l.contentId === cid),
    );
    if (at < 0) return `x${i + 1}`; // not found in the tree (malformed MIME): still unique
    from = at + 1;
    return leaves[at]!.partId;
  });
}

const rfc2822 = (d: Date) => d.toUTCString().replace(/GMT$/, '+0000');

/**
 * What Mailpit puts in front of a message on arrival: a Received header, a Return-Path with the envelope
 * sender when the message has none, and a Message-ID when it has none.
 */
export function arrivalHeaders(
  raw: Buffer,
  o: { mailFrom: string; rcptTo: string[]; origin: 'smtp' | 'api'; remote?: string; id: string },
): Buffer {
  const head = splitHead(raw.subarray(0, 64 * 1024).toString('latin1')).head;
  const added: string[] = [];
  if (!header(head, 'return-path')) added.push(`Return-Path: <${o.mailFrom}>`);
  const via = o.origin === 'smtp' ? 'SMTP' : 'HTTP';
  const rcpt = o.rcptTo.length === 1 ? ` for <${o.rcptTo[0]}>` : '';
  added.push(
    `Received: from ${o.remote ?? 'localhost'} by ${hostname()} (guidewright mail sink) with ${via}${rcpt}; ${rfc2822(new Date())}`,
  );
  if (!/^message-id:/im.test(head))
    added.unshift(`Message-ID: <${o.id}-${randomBytes(4).toString('hex')}@mailpit>`);
  return Buffer.concat([Buffer.from(`${added.join('\r\n')}\r\n`, 'latin1'), raw]);
}
