// POST /api/v1/send: Mailpit's JSON message format turned into a MIME message (nodemailer's composer),
// then stored like mail that came in over SMTP.
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

export class SendError extends Error {
  override name = 'SendError';
}

interface Named {
  Email: string;
  Name?: string;
}

const RESTRICTED = ['to', 'from', 'cc', 'bcc', 'reply-to', 'date', 'subject', 'content-type', 'mime-version'];
const EMAIL = /^[^\s@<>",]+@[^\s@<>",]+$/;

function named(value: unknown, field: string): Named[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new SendError(`${field} must be an array of {Email, Name}`);
  return value.map((v: unknown) => {
    const o = v as Partial<Named> | null;
    if (typeof o !== 'object' || o === null || typeof o.Email !== 'string' || !EMAIL.test(o.Email)) {
      throw new SendError(
        `invalid ${field} address: ${typeof o?.Email === 'string' ? o.Email : JSON.stringify(v)}`,
      );
    }
    return { Email: o.Email, Name: typeof o.Name === 'string' ? o.Name : '' };
  });
}

const str = (value: unknown, field: string): string => {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new SendError(`${field} must be a string`);
  return value;
};

export async function buildSendMessage(
  body: Record<string, unknown> | undefined,
): Promise<{ raw: Buffer; envelope: { mailFrom: string; rcptTo: string[] } }> {
  if (!body) throw new SendError('Request body is empty: send a JSON message with From and To');
  const fromList = named(body.From === undefined ? undefined : [body.From], 'From');
  const from = fromList[0];
  if (!from) throw new SendError('From is required: {"Email": "sender@example.test"}');
  const to = named(body.To, 'To');
  const cc = named(body.Cc, 'Cc');
  const replyTo = named(body.ReplyTo, 'Reply-To');
  const bccRaw = body.Bcc ?? [];
  if (!Array.isArray(bccRaw) || !bccRaw.every((b) => typeof b === 'string' && EMAIL.test(b))) {
    throw new SendError('Bcc must be an array of email addresses');
  }
  const bcc = bccRaw as string[];
  const recipients = [...to.map((a) => a.Email), ...cc.map((a) => a.Email), ...bcc];
  if (recipients.length === 0) throw new SendError('At least one recipient (To, Cc or Bcc) is required');

  const headers: Record<string, string> = {};
  const rawHeaders = body.Headers ?? {};
  if (typeof rawHeaders !== 'object' || rawHeaders === null || Array.isArray(rawHeaders)) {
    throw new SendError('Headers must be an object of header name → value');
  }
  for (const [k, v] of Object.entries(rawHeaders)) {
    if (RESTRICTED.includes(k.toLowerCase())) throw new SendError(`cannot overwrite header: "${k}"`);
    if (typeof v !== 'string') throw new SendError(`header "${k}" must be a string`);
    headers[k] = v;
  }
  const tags = body.Tags;
  if (Array.isArray(tags) && tags.length > 0) headers['X-Tags'] = tags.map(String).join(', ');

  const attachmentsRaw = body.Attachments ?? [];
  if (!Array.isArray(attachmentsRaw)) throw new SendError('Attachments must be an array');
  const attachments = attachmentsRaw.map((a: unknown) => {
    const o = (a ?? {}) as Record<string, unknown>;
    const filename = str(o.Filename, 'Attachments[].Filename');
    const content = str(o.Content, 'Attachments[].Content').split(',').at(-1) ?? '';
    if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(content)) {
      throw new SendError(`error decoding base64 attachment "${filename}"`);
    }
    const cid = str(o.ContentID, 'Attachments[].ContentID');
    const type = str(o.ContentType, 'Attachments[].ContentType');
    return {
      filename,
      content: Buffer.from(content, 'base64'),
      ...(type ? { contentType: type } : {}),
      ...(cid ? { cid, contentDisposition: 'inline' as const } : {}),
    };
  });

  const html = str(body.HTML, 'HTML');
  const raw = await new MailComposer({
    from: { name: from.Name ?? '', address: from.Email },
    to: to.map((a) => ({ name: a.Name ?? '', address: a.Email })),
    cc: cc.map((a) => ({ name: a.Name ?? '', address: a.Email })),
    replyTo: replyTo.map((a) => ({ name: a.Name ?? '', address: a.Email })),
    subject: str(body.Subject, 'Subject'),
    text: str(body.Text, 'Text'),
    ...(html ? { html } : {}),
    headers,
    attachments,
  })
    .compile()
    .build();
  return { raw, envelope: { mailFrom: from.Email, rcptTo: recipients } };
}
