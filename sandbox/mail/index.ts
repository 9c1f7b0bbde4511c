// The sandbox's mail sink: SMTP in, Mailpit's REST API v1 (and a small web page) out, SQLite in between.
// A real Mailpit can take its place without the suite noticing: same ports, paths and JSON shapes.
import { mailboxStats, SinkApi } from './api.ts';
import { Events } from './events.ts';
import { startHttp } from './http.ts';
import { arrivalHeaders } from './mime.ts';
import { toNewMessage } from './parse.ts';
import { startSmtp } from './smtp.ts';
import { MailStore, newId } from './store.ts';
import type { Ingest, RuntimeStats } from './types.ts';

export type { Ingest, RuntimeStats } from './types.ts';

export interface MailSinkOptions {
  host: string;
  smtpPort: number;
  httpPort: number;
  dbFile?: string;
  maxMessages: number;
  maxMessageBytes: number;
}

export async function startMailSink(
  o: MailSinkOptions,
): Promise<{ smtpPort: number; httpPort: number; close(): Promise<void> }> {
  const store = new MailStore(o.dbFile);
  const events = new Events();
  const stats: RuntimeStats = { started: Date.now(), accepted: 0, acceptedSize: 0, rejected: 0, deleted: 0 };

  /** Stores one received message with the headers Mailpit adds on arrival, and announces it. */
  const ingest: Ingest = async (received, envelope) => {
    const id = newId();
    const raw = arrivalHeaders(received, { ...envelope, id });
    const item = store.add(await toNewMessage(raw, envelope), id);
    stats.accepted += 1;
    stats.acceptedSize += received.length;
    events.emit('new', item);
    const pruned = store.prune(o.maxMessages);
    stats.deleted += pruned.length;
    // Retention deletes are announced the way Mailpit's pruning does: one "prune" event.
    if (pruned.length > 0) events.emit('prune', null);
    events.statsSoon(() => mailboxStats(store));
    return item.ID;
  };

  const smtp = await startSmtp({
    host: o.host,
    port: o.smtpPort,
    maxMessageBytes: o.maxMessageBytes,
    async onMessage(raw, envelope) {
      await ingest(raw, { ...envelope, origin: 'smtp' });
    },
    onRejected() {
      stats.rejected += 1;
    },
  });

  let http;
  try {
    http = await startHttp(
      { host: o.host, port: o.httpPort },
      new SinkApi(store, events, stats, ingest, o.maxMessageBytes),
    );
  } catch (error) {
    await smtp.close();
    store.close();
    throw error;
  }

  let closed = false;
  return {
    smtpPort: smtp.port,
    httpPort: http.port,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([smtp.close(), http.close()]);
      events.close();
      store.close();
    },
  };
}
