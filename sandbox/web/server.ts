// One HTTP server, many hosts: dispatch on the Host header (connect.<domain>, portal.<domain>, ...); the
// composition root (compose.ts) hands it the handler of each host.
// GET /healthz answers 200 on any host (Playwright's webServer waits on http://localhost:4400/healthz).
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { escapeHtml } from './html.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Longest request target (path and query) any host takes; longer ones get 414 URI Too Long. */
const MAX_URL_BYTES = 8 * 1024;
/** Request line and headers together; more gets 431 from the parser (see answerClientError). */
const MAX_HEADER_BYTES = 256 * 1024;

function tooLarge(res: http.ServerResponse, status: 414 | 431, text: string): void {
  res.shouldKeepAlive = false;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(text);
}

/**
 * Requests the parser refuses (oversized headers, malformed lines) get a complete answer, and the rest of
 * what the client is still sending is read and dropped, so it sees the status instead of a reset connection.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, text] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          `Request Header Fields Too Large: at most ${MAX_HEADER_BYTES} bytes of request line and headers.`,
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout']
        : [400, 'Bad Request'];
  const reason = http.STATUS_CODES[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: text/plain; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
  );
  socket.on('data', () => {});
  socket.resume();
  // A client that never stops sending is cut off after a while.
  setTimeout(() => socket.destroy(), 5_000).unref();
}

/** The server for these hosts (full host name → handler); `port` is the public port the hosts list shows. */
export function createHostServer(
  handlers: ReadonlyMap<string, Handler>,
  port: number,
  /** Test mode: answer every request (but /healthz) this many milliseconds late, as a slow service does. */
  delayMs = 0,
): http.Server {
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    if ((req.url ?? '').length > MAX_URL_BYTES) {
      tooLarge(res, 414, `The address is too long: at most ${MAX_URL_BYTES} bytes of path and query.`);
      return;
    }
    const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
    if (req.url === '/healthz' || req.url?.startsWith('/healthz?')) {
      res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('ok');
      return;
    }
    const handler = handlers.get(host);
    if (handler && delayMs > 0) {
      setTimeout(() => handler(req, res), delayMs);
      return;
    }
    if (handler) {
      handler(req, res);
      return;
    }
    const list = [...handlers.keys()].map((h) => `http://${h}:${port}/`);
    res
      .writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><title>Unknown host</title><h1>No sandbox app at ${escapeHtml(host || '(no host)')}</h1>` +
          `<p>The sandbox answers on:</p><ul>${list.map((u) => `<li><a href="${escapeHtml(u)}">${escapeHtml(u)}</a></li>`).join('')}</ul>`,
      );
  });
  server.on('clientError', answerClientError);
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  return server;
}
