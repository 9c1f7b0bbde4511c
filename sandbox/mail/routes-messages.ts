// Handlers for the message lists: list, search, read status, delete (Mailpit's /api/v1/messages and
// /api/v1/search).
import { HttpError, json, ok, pageParams, readJson, stringList } from './http-util.ts';
import type { Handler } from './api.ts';

export const listMessages: Handler = ({ res, url, sink }) => {
  const { start, limit } = pageParams(url);
  json(res, sink.summary(undefined, start, limit));
};

export const setReadStatus: Handler = async ({ req, res, url, sink }) => {
  const body = await readJson(req);
  const ids = stringList(body, 'IDs');
  const read = body?.Read === true;
  const query = typeof body?.Search === 'string' ? body.Search.trim() : '';
  if (ids.length > 0 && query !== '') {
    throw new HttpError(400, 'You may specify either IDs or a search query, not both');
  }
  if (query !== '') sink.setRead(sink.store.ids(sink.search(query, url.searchParams.get('tz'))), read);
  else if (ids.length > 0) sink.setRead(sink.existing(ids), read);
  else sink.setRead(sink.store.ids(undefined), read);
  ok(res);
};

export const deleteMessages: Handler = async ({ req, res, sink }) => {
  const ids = stringList(await readJson(req), 'IDs');
  if (ids.length === 0) sink.deleteAll();
  else sink.deleteIds(sink.existing(ids));
  ok(res);
};

export const searchMessages: Handler = ({ res, url, sink }) => {
  const where = sink.search(url.searchParams.get('query'), url.searchParams.get('tz'));
  const { start, limit } = pageParams(url);
  json(res, sink.summary(where, start, limit));
};

export const deleteBySearch: Handler = ({ res, url, sink }) => {
  const where = sink.search(url.searchParams.get('query'), url.searchParams.get('tz'));
  sink.deleteIds(sink.store.ids(where));
  ok(res);
};
