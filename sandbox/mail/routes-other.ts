// Handlers for the rest of Mailpit's API: application info, web UI settings, tags, the send API, health
// checks, and the sink's small web page.
import { VERSION } from './api.ts';
import { HttpError, basicAuthUser, decodePart, json, ok, readJson, send, stringList } from './http-util.ts';
import type { Handler } from './api.ts';
import { parts } from './parse.ts';
import { SearchError, compileSearch } from './search.ts';
import { buildSendMessage, SendError } from './send.ts';
import { cleanTag, uniqueTags } from './tags.ts';
import { renderPage } from './ui.ts';

export const health: Handler = ({ res }) => ok(res);

export const info: Handler = ({ res, sink }) => {
  const totals = sink.store.totals();
  const tags = Object.fromEntries(sink.store.allTags().map((t) => [t, sink.store.ids(tagWhere(t)).length]));
  json(res, {
    Version: VERSION,
    LatestVersion: VERSION,
    Database: sink.store.file,
    DatabaseSize: sink.store.size(),
    Messages: totals.total,
    Unread: totals.unread,
    Tags: tags,
    RuntimeStats: {
      Uptime: Math.floor((Date.now() - sink.stats.started) / 1000),
      Memory: process.memoryUsage().rss,
      MessagesDeleted: sink.stats.deleted,
      SMTPAccepted: sink.stats.accepted,
      SMTPAcceptedSize: sink.stats.acceptedSize,
      SMTPRejected: sink.stats.rejected,
      SMTPIgnored: 0,
    },
  });
};

const tagWhere = (tag: string) => ({
  sql: 'id IN (SELECT message_id FROM message_tags WHERE tag = ? COLLATE NOCASE)',
  params: [tag],
});

export const webui: Handler = ({ res }) => {
  json(res, {
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
};

export const getTags: Handler = ({ res, sink }) => json(res, sink.store.allTags());

export const setTags: Handler = async ({ req, res, sink }) => {
  const body = await readJson(req);
  const ids = sink.existing(stringList(body, 'IDs'));
  sink.store.setTags(ids, uniqueTags(stringList(body, 'Tags')));
  for (const id of ids) sink.events.emit('update', { ID: id, Tags: sink.store.get(id)?.Tags ?? [] });
  ok(res);
};

export const renameTag: Handler = async ({ req, res, params, sink }) => {
  const from = decodePart(params[0]);
  const body = await readJson(req);
  const to = cleanTag(typeof body?.Name === 'string' ? body.Name : '');
  if (to === '') throw new HttpError(400, 'Invalid new tag name: give {"Name": "new name"}');
  if (!sink.store.renameTag(from, to)) throw new HttpError(404, `Tag "${from}" not found`);
  ok(res);
};

export const deleteTag: Handler = ({ res, params, sink }) => {
  sink.store.deleteTag(decodePart(params[0]));
  ok(res);
};

/** POST /api/v1/send; Mailpit answers this endpoint's errors as JSON: {"Error": "..."}. */
export const sendMessage: Handler = async ({ req, res, sink }) => {
  try {
    const body = await readJson(req, Math.ceil(sink.maxMessageBytes * 1.4) + 65_536);
    const built = await buildSendMessage(body);
    if (built.raw.length > sink.maxMessageBytes) {
      throw new SendError(
        `Message size exceeds the limit of ${sink.maxMessageBytes} bytes; it was not stored`,
      );
    }
    const username = basicAuthUser(req.headers.authorization);
    const remote = req.socket.remoteAddress;
    json(res, {
      ID: await sink.ingest(built.raw, {
        ...built.envelope,
        username,
        origin: 'api',
        ...(remote ? { remote } : {}),
      }),
    });
  } catch (error) {
    if (!(error instanceof SendError || error instanceof HttpError)) throw error;
    const status = error instanceof HttpError ? error.status : 400;
    send(res, status, 'application/json; charset=utf-8', JSON.stringify({ Error: error.message }));
  }
};

export const indexPage: Handler = async ({ res, url, sink }) => {
  const q = url.searchParams.get('q')?.trim() ?? '';
  const selected = url.searchParams.get('id');
  let open;
  const id = selected ? sink.store.resolveId(selected) : undefined;
  if (id) {
    const m = await sink.load(id, url);
    open = {
      item: m.item,
      text: m.email.text ?? '',
      hasHtml: Boolean(m.email.html),
      attachments: parts(m.email, m.raw),
    };
    sink.markSeen(m.item);
  }
  // Listed after opening, so the opened message already counts as read.
  let error = '';
  let where;
  try {
    where = q ? compileSearch(q) : undefined;
  } catch (e) {
    if (!(e instanceof SearchError)) throw e;
    error = e.message;
  }
  const page = sink.store.list(where, 0, 200);
  send(res, 200, 'text/html; charset=utf-8', renderPage({ query: q, error, page, open, selected }));
};
