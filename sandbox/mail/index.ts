// The sandbox's mail sink: SMTP in, Mailpit's REST API v1 (and a small web page) out, SQLite in between.
// A real Mailpit can take its place without the suite noticing: same ports, paths and JSON shapes.
import { MailStore } from './store.ts';
import { toNewMessage } from './parse.ts';
import { startSmtp } from './smtp.ts';
import { mailboxStats, startHttp } from './http.ts';
import { Events } from './events.ts';

export interface MailSinkOptions {
  host: string;
  smtpPort: number;
  httpPort: number;
  dbFile?: string;
  maxMessages: number;
  maxMessageBytes: number;
}

export type Ingest = (
  raw: Buffer,
  envelope: { mailFrom: string; rcptTo: string[]; username: string },
) => Promise<string>;

export interface RuntimeStats {
  started: number;
  accepted: number;
  acceptedSize: number;
  rejected: number;
  deleted: number;
}

export async function startMailSink(
  o: MailSinkOptions,
): Promise<{ smtpPort: number; httpPort: number; close(): Promise<void> }> {
  const store = new MailStore(o.dbFile);
  const events = new Events();
  const stats: RuntimeStats = { started: Date.now(), accepted: 0, acceptedSize: 0, rejected: 0, deleted: 0 };

  /** Stores one received message (from SMTP or POST /api/v1/send) and returns its ID. */
  const ingest: Ingest = async (raw, envelope) => {
    const message = await toNewMessage(raw, envelope);
    const item = store.add(message);
    stats.accepted += 1;
    stats.acceptedSize += raw.length;
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
      await ingest(raw, envelope);
    },
    onRejected() {
      stats.rejected += 1;
    },
  });

  let http;
  try {
    http = await startHttp({
      host: o.host,
      port: o.httpPort,
      store,
      events,
      stats,
      ingest,
      maxMessageBytes: o.maxMessageBytes,
    });
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
