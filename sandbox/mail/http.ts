// HTTP side of the mail sink: Mailpit's REST API v1 (same paths, parameters and JSON shapes; the routes
// are in router.ts), the /view renderings, health checks, the /api/events websocket and a small web page.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import type { SinkApi } from './api.ts';
import { HttpError, send } from './http-util.ts';
import { route } from './router.ts';

/** Serves the sink's API on host:port; close() ends every connection and websocket. */
export async function startHttp(
  o: { host: string; port: number },
  sink: SinkApi,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    route(req, res, sink).catch((error: unknown) => {
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
  const unsubscribe = sink.events.on((event) => {
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
