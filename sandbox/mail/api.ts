// The operations the sink's HTTP handlers share: finding messages (by ID, `latest`, or a search), and
// changing them with the matching websocket events. One per sink, handed to every handler.
import type http from 'node:http';
import type { Events } from './events.ts';
import { HttpError, type Res } from './http-util.ts';
import { parseRaw } from './parse.ts';
import { compileSearch } from './search.ts';
import type { ListItem, MailStore, Where } from './store.ts';
import type { Ingest, RuntimeStats } from './types.ts';

export interface RequestContext {
  req: http.IncomingMessage;
  res: Res;
  url: URL;
  /** The path pattern's captures, still percent-encoded. */
  params: string[];
  sink: SinkApi;
}

/** One route's handler (see router.ts). */
export type Handler = (ctx: RequestContext) => void | Promise<void>;

export const VERSION = 'v1.30.5-guidewright';

/** Data of Mailpit's "stats" event. */
export function mailboxStats(store: MailStore): { Total: number; Unread: number; Version: string } {
  const t = store.totals();
  return { Total: t.total, Unread: t.unread, Version: VERSION };
}

export class SinkApi {
  constructor(
    readonly store: MailStore,
    readonly events: Events,
    readonly stats: RuntimeStats,
    readonly ingest: Ingest,
    readonly maxMessageBytes: number,
  ) {}

  /** A search as Mailpit runs it; an empty query is a 400 (Mailpit: "Error: no search query"). */
  search(query: string | null, tz: string | null): Where | undefined {
    const q = (query ?? '').trim();
    if (q === '') throw new HttpError(400, 'Error: no search query');
    return compileSearch(q, tz ?? undefined);
  }

  /** A message ID, or `latest` (optionally the latest matching ?query=, as in Mailpit). */
  resolve(id: string, url: URL): string {
    if (id === 'latest') {
      const query = url.searchParams.get('query')?.trim();
      const where = query ? compileSearch(query, url.searchParams.get('tz') ?? undefined) : undefined;
      const newest = this.store.list(where, 0, 1).items[0];
      if (!newest) throw new HttpError(404, 'Message not found');
      return newest.ID;
    }
    const found = this.store.resolveId(id);
    if (!found) throw new HttpError(404, 'Not found');
    return found;
  }

  /** The stored message behind an ID (or `latest`), parsed. */
  async load(id: string, url: URL) {
    const resolved = this.resolve(id, url);
    const raw = this.store.raw(resolved);
    const item = this.store.get(resolved);
    if (!raw || !item) throw new HttpError(404, 'Not found');
    return { id: resolved, raw, item, email: await parseRaw(raw) };
  }

  broadcastStats(): void {
    this.events.statsSoon(() => mailboxStats(this.store));
  }

  deleteIds(ids: string[]): void {
    this.store.deleteIds(ids);
    this.stats.deleted += ids.length;
    for (const id of ids) this.events.emit('delete', { ID: id });
    if (ids.length > 0) this.broadcastStats();
  }

  deleteAll(): void {
    this.stats.deleted += this.store.deleteAll();
    this.events.emit('truncate', null);
    this.broadcastStats();
  }

  setRead(ids: string[], read: boolean): void {
    this.store.setRead(ids, read);
    for (const id of ids) this.events.emit('update', { ID: id, Read: read });
    if (ids.length > 0) this.broadcastStats();
  }

  /** Marks a message read when it was not, as opening it in Mailpit does. */
  markSeen(item: ListItem): void {
    if (!item.Read) this.setRead([item.ID], true);
  }

  /** Only the IDs that exist. */
  existing(ids: string[]): string[] {
    return ids.filter((id) => this.store.resolveId(id) === id);
  }

  summary(where: Where | undefined, start: number, limit: number) {
    const page = this.store.list(where, start, limit);
    const totals = this.store.totals();
    return {
      total: totals.total,
      unread: totals.unread,
      count: page.items.length,
      messages_count: page.count,
      messages_unread: page.unread,
      start,
      tags: this.store.allTags(),
      messages: page.items,
    };
  }
}
