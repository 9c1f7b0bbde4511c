// Handlers for one message: summary, headers, source, parts and thumbnails, link and HTML checks, and the
// /view/{ID}.html|.txt renderings.
import type http from 'node:http';
import { htmlCheck, linkCheck } from './checks.ts';
import { HttpError, decodePart, json, send } from './http-util.ts';
import type { Handler } from './api.ts';
import { headerMap, messageDetail, parts } from './parse.ts';
import { thumbnail } from './thumb.ts';

export const messageSummary: Handler = async ({ res, url, params, sink }) => {
  const m = await sink.load(decodePart(params[0]), url);
  sink.markSeen(m.item);
  json(res, messageDetail({ ...m.item, Read: true }, m.email, m.raw, sink.store.envelopeFrom(m.id)));
};

export const messageHeaders: Handler = async ({ res, url, params, sink }) => {
  json(res, headerMap((await sink.load(decodePart(params[0]), url)).email));
};

export const messageSource: Handler = ({ res, url, params, sink }) => {
  const id = sink.resolve(decodePart(params[0]), url);
  const raw = sink.store.raw(id);
  if (!raw) throw new HttpError(404, 'Not found');
  const extra: http.OutgoingHttpHeaders =
    url.searchParams.get('dl') === '1' ? { 'content-disposition': `attachment; filename="${id}.eml"` } : {};
  send(res, 200, 'text/plain; charset=utf-8', raw, extra);
};

/** Types that would run as a page of this origin: served as downloads instead. */
const ACTIVE = /^(text\/html|text\/xml|application\/xhtml\+xml|image\/svg\+xml|application\/xml|text\/xsl)/i;

async function findPart(ctx: Parameters<Handler>[0]) {
  const m = await ctx.sink.load(decodePart(ctx.params[0]), ctx.url);
  const partId = decodePart(ctx.params[1]);
  const part = parts(m.email, m.raw).find((p) => p.info.PartID === partId);
  if (!part) throw new HttpError(404, 'Not found');
  return part;
}

export const messagePart: Handler = async (ctx) => {
  const part = await findPart(ctx);
  let type = part.info.ContentType || 'application/octet-stream';
  let disposition = 'inline';
  if (ACTIVE.test(type)) {
    type = 'application/octet-stream';
    disposition = 'attachment';
  }
  const name = encodeURIComponent(part.info.FileName || part.info.ContentID || `part-${part.info.PartID}`);
  send(ctx.res, 200, type, part.content, { 'content-disposition': `${disposition}; filename="${name}"` });
};

export const partThumbnail: Handler = async (ctx) => {
  const part = await findPart(ctx);
  send(ctx.res, 200, 'image/jpeg', await thumbnail(part.content, part.info.ContentType));
};

export const messageLinkCheck: Handler = async ({ res, url, params, sink }) => {
  const { email } = await sink.load(decodePart(params[0]), url);
  const follow = url.searchParams.get('follow') === 'true';
  json(res, await linkCheck(email.html ?? '', email.text ?? '', follow));
};

export const messageHtmlCheck: Handler = async ({ res, url, params, sink }) => {
  const { email } = await sink.load(decodePart(params[0]), url);
  if (!email.html) throw new HttpError(400, 'Message does not contain HTML');
  json(res, htmlCheck(email.html));
};

export const viewText: Handler = async ({ res, url, params, sink }) => {
  const { email } = await sink.load(decodePart(params[0]), url);
  send(res, 200, 'text/plain; charset=utf-8', email.text ?? '');
};

export const viewHtml: Handler = async ({ res, url, params, sink }) => {
  const m = await sink.load(decodePart(params[0]), url);
  if (!m.email.html) throw new HttpError(404, 'This message has no HTML part');
  sink.markSeen(m.item);
  // Inline images point at the part endpoint, as in Mailpit.
  let html = m.email.html;
  for (const p of parts(m.email, m.raw)) {
    if (p.info.ContentID)
      html = html.split(`cid:${p.info.ContentID}`).join(`/api/v1/message/${m.id}/part/${p.info.PartID}`);
  }
  if (url.searchParams.get('embed') === '1') {
    html = html.replace(/<a\s/gi, '<a target="_blank" rel="noreferrer noopener" ');
  }
  // Opened on its own, a message's HTML must not run scripts against this API: sandbox it.
  send(res, 200, 'text/html; charset=utf-8', html, {
    'content-security-policy': 'sandbox allow-popups allow-popups-to-escape-sandbox',
  });
};
