// One HTTP server, many hosts: dispatch on the Host header (connect.<domain>, portal.<domain>, ...).
// GET /healthz answers 200 on any host (Playwright's webServer waits on http://localhost:4400/healthz).
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { SandboxConfig } from '../config.ts';
import { APPS, urlsFor } from '../apps.ts';
import { ensureSetting, type Db } from '../store/db.ts';
import type { Mailer } from '../mailer.ts';
import { createConnect, type Connect } from '../connect/index.ts';
import { clientSecret } from '../connect/provider.ts';
import { createRelyingApp } from '../rp/app.ts';
import { eidHandler } from '../eid/index.ts';
import { escapeHtml } from './html.ts';
import type { Kit } from './kit.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface Web {
  server: http.Server;
  connect: Connect;
  hosts: string[];
}

export async function createWeb(config: SandboxConfig, db: Db, mailer: Mailer): Promise<Web> {
  const urls = urlsFor(config);
  const kit: Kit = {
    secret: Buffer.from(
      ensureSetting(db, 'web_secret', () => randomBytes(32).toString('base64url')),
      'base64url',
    ),
    secureCookies: false,
  };
  const connect = await createConnect({ config, urls, db, mailer, kit });
  const handlers = new Map<string, Handler>();
  handlers.set(`connect.${config.SANDBOX_DOMAIN}`, connect.handle);
  const eid = eidHandler(connect.services);
  if (eid) handlers.set(`eid.${config.SANDBOX_DOMAIN}`, eid);
  for (const app of APPS) {
    const koa = createRelyingApp({
      app,
      urls,
      db,
      kit,
      clientSecret: clientSecret(db, app.id),
      services: connect.services,
    });
    handlers.set(`${app.sub}.${config.SANDBOX_DOMAIN}`, koa.callback());
  }

  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
    if (req.url === '/healthz' || req.url?.startsWith('/healthz?')) {
      res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('ok');
      return;
    }
    const handler = handlers.get(host);
    if (handler) {
      handler(req, res);
      return;
    }
    const list = [...handlers.keys()].map((h) => `http://${h}:${urls.port}/`);
    res
      .writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><title>Unknown host</title><h1>No sandbox app at ${escapeHtml(host || '(no host)')}</h1>` +
          `<p>The sandbox answers on:</p><ul>${list.map((u) => `<li><a href="${escapeHtml(u)}">${escapeHtml(u)}</a></li>`).join('')}</ul>`,
      );
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  return { server, connect, hosts: [...handlers.keys()] };
}
