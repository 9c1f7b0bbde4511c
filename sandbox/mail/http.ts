// HTTP side of the mail sink: Mailpit's REST API v1 (same paths, parameters and JSON shapes), the
// /view/{ID}.html|.txt renderings, health checks, the /api/events websocket and a small web page.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import type { Events } from './events.ts';
import type { Ingest, RuntimeStats } from './index.ts';
import { buildSendMessage, SendError } from './send.ts';
import { headerMap, messageDetail, parseRaw, parts } from './parse.ts';
import { compileSearch, SearchError } from './search.ts';
import type { MailStore, Where } from './store.ts';
import { renderPage } from './ui.ts';

export const VERSION = 'v1.0.0-guidewright';

export interface HttpOptions {
  host: string;
  port: number;
  store: MailStore;
  events: Events;
  stats: RuntimeStats;
  ingest: Ingest;
  maxMessageBytes: number;
}

/** Thrown inside a handler to answer with a plain-text 4xx, like Mailpit's httpError / fourOFour. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY = 1024 * 1024;

type Res = http.ServerResponse;

function send(
  res: Res,
  status: number,
  type: string,
  body: string | Buffer,
  extra: http.OutgoingHttpHeaders = {},
) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
}

const json = (res: Res, body: unknown) =>
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(body));
const ok = (res: Res) => send(res, 200, 'text/plain; charset=utf-8', 'ok');

function intParam(url: URL, name: string, fallback: number): number {
  const value = url.searchParams.get(name);
  if (value === null || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new HttpError(400, `Parameter "${name}" must be a whole number >= 0`);
  return n;
}

async function readJson(
  req: http.IncomingMessage,
  maxBytes = MAX_BODY,
): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, `Request body is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '' || text === 'null') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `Request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'Request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function decodePart(value: string | undefined): string {
  try {
    return decodeURIComponent(value ?? '');
  } catch {
    throw new HttpError(400, `Bad percent-encoding in the path: ${value ?? ''}`);
  }
}

/** Paths the sink serves, for a 405 (not a 404) when the method is wrong. */
const KNOWN_PATHS = [
  /^\/api\/v1\/(messages|search|info|webui|tags|send)$/,
  /^\/api\/v1\/message\/[^/]+(\/(headers|raw|part\/[^/]+))?$/,
  /^\/view\/[^/]+\.(html|txt)$/,
  /^\/(livez|readyz|index\.html)?$/,
];

function idList(body: Record<string, unknown> | undefined): string[] {
  const ids = body?.IDs;
  if (ids === undefined || ids === null) return [];
  if (!Array.isArray(ids) || !ids.every((v) => typeof v === 'string')) {
    throw new HttpError(400, 'IDs must be an array of message ID strings');
  }
  return ids as string[];
}

export async function startHttp(o: HttpOptions): Promise<{ port: number; close(): Promise<void> }> {
  const { store, events, stats } = o;

  const search = (query: string | null, tz: string | null): Where => {
    const q = (query ?? '').trim();
    if (q === '') throw new HttpError(400, 'Error: no search query');
    try {
      return compileSearch(q, tz ?? undefined);
    } catch (error) {
      if (error instanceof SearchError) throw new HttpError(400, error.message);
      throw error;
    }
  };

  const summary = (where: Where | undefined, start: number, limit: number) => {
    const page = store.list(where, start, limit);
    const totals = store.totals();
    return {
      total: totals.total,
      unread: totals.unread,
      count: page.items.length,
      messages_count: page.count,
      messages_unread: page.unread,
      start,
      tags: [],
      messages: page.items,
    };
  };

  /** A message ID, or `latest` (optionally the latest matching ?query=, as in Mailpit). */
  const resolve = (id: string, url: URL): string => {
    if (id === 'latest') {
      const query = url.searchParams.get('query')?.trim();
      const where = query ? search(query, url.searchParams.get('tz')) : undefined;
      const newest = store.list(where, 0, 1).items[0];
      if (!newest) throw new HttpError(404, 'Message not found');
      return newest.ID;
    }
    const found = store.resolveId(id);
    if (!found) throw new HttpError(404, 'Not found');
    return found;
  };

  const broadcastStats = () => events.statsSoon(() => mailboxStats(store));

  const deleteIds = (ids: string[]) => {
    store.deleteIds(ids);
    stats.deleted += ids.length;
    for (const id of ids) events.emit('delete', { ID: id });
    if (ids.length > 0) broadcastStats();
  };

  const setRead = (ids: string[], read: boolean) => {
    store.setRead(ids, read);
    for (const id of ids) events.emit('update', { ID: id, Read: read });
    if (ids.length > 0) broadcastStats();
  };

  async function handle(req: http.IncomingMessage, res: Res): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const get = method === 'GET' || method === 'HEAD';

    if (path === '/livez' || path === '/readyz') return ok(res);

    if (path === '/api/v1/messages') {
      if (get) return json(res, summary(undefined, intParam(url, 'start', 0), intParam(url, 'limit', 50)));
      if (method === 'PUT') {
        const body = await readJson(req);
        const ids = idList(body);
        const read = body?.Read === true;
        const query = typeof body?.Search === 'string' ? body.Search.trim() : '';
        if (ids.length > 0 && query !== '') {
          throw new HttpError(400, 'You may specify either IDs or a search query, not both');
        }
        if (query !== '') setRead(store.ids(search(query, url.searchParams.get('tz'))), read);
        else if (ids.length > 0)
          setRead(
            ids.filter((id) => store.resolveId(id) === id),
            read,
          );
        else setRead(store.ids(undefined), read);
        return ok(res);
      }
      if (method === 'DELETE') {
        const ids = idList(await readJson(req));
        if (ids.length === 0) {
          const n = store.deleteAll();
          stats.deleted += n;
          events.emit('truncate', null);
          broadcastStats();
        } else {
          deleteIds(ids.filter((id) => store.resolveId(id) === id));
        }
        return ok(res);
      }
    }

    if (path === '/api/v1/search') {
      const where = search(url.searchParams.get('query'), url.searchParams.get('tz'));
      if (get) return json(res, summary(where, intParam(url, 'start', 0), intParam(url, 'limit', 50)));
      if (method === 'DELETE') {
        deleteIds(store.ids(where));
        return ok(res);
      }
    }

    if (path === '/api/v1/info' && get) {
      const totals = store.totals();
      return json(res, {
        Version: VERSION,
        LatestVersion: VERSION,
        Database: store.file,
        DatabaseSize: store.size(),
        Messages: totals.total,
        Unread: totals.unread,
        Tags: {},
        RuntimeStats: {
          Uptime: Math.floor((Date.now() - stats.started) / 1000),
          Memory: process.memoryUsage().rss,
          MessagesDeleted: stats.deleted,
          SMTPAccepted: stats.accepted,
          SMTPAcceptedSize: stats.acceptedSize,
          SMTPRejected: stats.rejected,
          SMTPIgnored: 0,
        },
      });
    }

    if (path === '/api/v1/webui' && get) {
      return json(res, {
        Label: 'guidewright sandbox mail sink',
        MessageRelay: {
          Enabled: false,
          SMTPServer: '',
          ReturnPath: '',
          AllowedRecipients: '',
          BlockedRecipients: '',
          OverrideFrom: '',
          PreserveMessageIDs: false,
          RecipientAllowlist: '',
        },
        SpamAssassin: false,
        ChaosEnabled: false,
        DuplicatesIgnored: false,
        HideDeleteAllButton: false,
      });
    }

    if (path === '/api/v1/tags' && get) return json(res, []);

    if (path === '/api/v1/send' && method === 'POST') {
      // Mailpit answers this endpoint's errors as JSON: {"Error": "..."}.
      try {
        const body = await readJson(req, Math.ceil(o.maxMessageBytes * 1.4) + 65_536);
        const built = await buildSendMessage(body);
        if (built.raw.length > o.maxMessageBytes) {
          throw new SendError(
            `Message size exceeds the limit of ${o.maxMessageBytes} bytes; it was not stored`,
          );
        }
        const username = basicAuthUser(req.headers.authorization);
        return json(res, { ID: await o.ingest(built.raw, { ...built.envelope, username }) });
      } catch (error) {
        if (error instanceof SendError || error instanceof HttpError) {
          const status = error instanceof HttpError ? error.status : 400;
          return send(
            res,
            status,
            'application/json; charset=utf-8',
            JSON.stringify({ Error: error.message }),
          );
        }
        throw error;
      }
    }

    const message = /^\/api\/v1\/message\/([^/]+)(?:\/(headers|raw|part\/([^/]+)))?$/.exec(path);
    if (message && get) {
      const id = resolve(decodePart(message[1]), url);
      const raw = store.raw(id);
      const item = store.get(id);
      if (!raw || !item) throw new HttpError(404, 'Not found');
      const what = message[2];
      if (what === undefined) {
        const email = await parseRaw(raw);
        if (!item.Read) setRead([id], true);
        return json(res, messageDetail({ ...item, Read: true }, email, store.envelopeFrom(id)));
      }
      if (what === 'headers') return json(res, headerMap(await parseRaw(raw)));
      if (what === 'raw') {
        const extra: http.OutgoingHttpHeaders =
          url.searchParams.get('dl') === '1'
            ? { 'content-disposition': `attachment; filename="${id}.eml"` }
            : {};
        return send(res, 200, 'text/plain; charset=utf-8', raw, extra);
      }
      const partId = decodePart(message[3]);
      const part = parts(await parseRaw(raw)).find((p) => p.info.PartID === partId);
      if (!part) throw new HttpError(404, 'Not found');
      let type = part.info.ContentType || 'application/octet-stream';
      let disposition = 'inline';
      // Never let a stored part run as a page of this origin.
      if (
        /^(text\/html|text\/xml|application\/xhtml\+xml|image\/svg\+xml|application\/xml|text\/xsl)/i.test(
          type,
        )
      ) {
        type = 'application/octet-stream';
        disposition = 'attachment';
      }
      const name = encodeURIComponent(part.info.FileName || part.info.ContentID || `part-${partId}`);
      return send(res, 200, type, part.content, {
        'content-disposition': `${disposition}; filename="${name}"`,
      });
    }

    const view = /^\/view\/([^/]+)\.(html|txt)$/.exec(path);
    if (view && get) {
      const id = resolve(decodePart(view[1]), url);
      const raw = store.raw(id);
      if (!raw) throw new HttpError(404, 'Not found');
      const email = await parseRaw(raw);
      if (view[2] === 'txt') return send(res, 200, 'text/plain; charset=utf-8', email.text ?? '');
      if (!email.html) throw new HttpError(404, 'This message has no HTML part');
      // Inline images point at the part endpoint, as in Mailpit.
      let html = email.html;
      for (const p of parts(email)) {
        if (p.info.ContentID)
          html = html.split(`cid:${p.info.ContentID}`).join(`/api/v1/message/${id}/part/${p.info.PartID}`);
      }
      if (url.searchParams.get('embed') === '1') {
        html = html.replace(/<a\s/gi, '<a target="_blank" rel="noreferrer noopener" ');
      }
      // Opened on its own, a message's HTML must not run scripts against this API: sandbox it.
      return send(res, 200, 'text/html; charset=utf-8', html, {
        'content-security-policy': 'sandbox allow-popups allow-popups-to-escape-sandbox',
      });
    }

    if ((path === '/' || path === '/index.html') && get) {
      const q = url.searchParams.get('q')?.trim() ?? '';
      const selected = url.searchParams.get('id');
      let open;
      if (selected) {
        const id = store.resolveId(selected);
        const raw = id ? store.raw(id) : undefined;
        const item = id ? store.get(id) : undefined;
        if (id && raw && item) {
          const email = await parseRaw(raw);
          open = { item, text: email.text ?? '', hasHtml: Boolean(email.html), attachments: parts(email) };
          if (!item.Read) setRead([id], true);
        }
      }
      // Listed after opening, so the opened message already counts as read.
      let error = '';
      let page;
      try {
        page = store.list(q ? compileSearch(q) : undefined, 0, 200);
      } catch (e) {
        if (!(e instanceof SearchError)) throw e;
        error = e.message;
        page = store.list(undefined, 0, 200);
      }
      return send(
        res,
        200,
        'text/html; charset=utf-8',
        renderPage({ query: q, error, page, open, selected }),
      );
    }

    if (KNOWN_PATHS.some((p) => p.test(path)))
      throw new HttpError(405, `Method ${method} is not allowed on ${path}`);
    throw new HttpError(404, 'Not found');
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof HttpError)
        return send(res, error.status, 'text/plain; charset=utf-8', error.message);
      console.error('mail sink: request failed:', error);
      send(res, 500, 'text/plain; charset=utf-8', 'Internal error in the mail sink');
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname !== '/api/events') {
      socket.end('HTTP/1.1 404 Not Found\r\ncontent-type: text/plain\r\n\r\nNot found');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  const unsubscribe = events.on((event) => {
    const data = JSON.stringify(event);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(data);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  return {
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        unsubscribe();
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

function basicAuthUser(header: string | undefined): string {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return '';
  const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
  return decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : '';
}

/** Data of Mailpit's "stats" event. */
export function mailboxStats(store: MailStore): { Total: number; Unread: number; Version: string } {
  const t = store.totals();
  return { Total: t.total, Unread: t.unread, Version: VERSION };
}
