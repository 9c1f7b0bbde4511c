// HTTP side of the mail sink: Mailpit's REST API v1 paths and JSON shapes.
import http from 'node:http';
import type { Events } from './events.ts';
import type { RuntimeStats } from './index.ts';
import type { MailStore } from './store.ts';

export interface HttpOptions {
  host: string;
  port: number;
  store: MailStore;
  events: Events;
  stats: RuntimeStats;
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function json(res: http.ServerResponse, body: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(body));
}

function int(value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

export async function startHttp(o: HttpOptions): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/api/v1/messages') {
      const start = int(url.searchParams.get('start'), 0);
      const limit = int(url.searchParams.get('limit'), 50);
      const page = o.store.list(undefined, start, limit);
      json(res, {
        total: page.count,
        unread: page.unread,
        count: page.items.length,
        messages_count: page.count,
        messages_unread: page.unread,
        start,
        tags: [],
        messages: page.items,
      });
      return;
    }
    send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
