// The composition root: the one place that knows every part of the sandbox and puts them together. The
// mail sink, the store, the mailer, connect's core, its features (two-step verification, electronic ID),
// the relying apps and the web server that dispatches on the Host header. main.ts starts what this returns.
import type http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { SandboxConfig } from './config.ts';
import { APPS, urlsFor } from './apps.ts';
import { startMailSink } from './mail/index.ts';
import { createMailer, type Mailer } from './mailer.ts';
import { ensureSetting, openDb, type Db } from './store/db.ts';
import type { Kit } from './web/kit.ts';
import { createHostServer } from './web/server.ts';
import { createConnect, createServices } from './connect/index.ts';
import { clientSecret } from './connect/provider.ts';
import type { HostHandler, Services } from './connect/services.ts';
import { createRelyingApp } from './rp/app.ts';
import { twoFactorFeature } from './twofactor/index.ts';
import { eidFeature } from './eid/index.ts';

export interface Sandbox {
  server: http.Server;
  /** Host names the server answers on, connect first. */
  hosts: string[];
  /** Where the state lives (SQLite file). */
  dbFile: string;
  /** Where the mail sink listens, when it runs in this process. */
  mail?: { smtpPort: number; httpPort: number };
  /** Closes the mail sink, the mailer and the store (the server is closed by its owner). */
  close(): Promise<void>;
}

/** The web part: services, features, connect, apps, eid; one handler per host. */
export async function composeWeb(
  config: SandboxConfig,
  db: Db,
  mailer: Mailer,
  env: Record<string, string | undefined> = process.env,
): Promise<{ server: http.Server; services: Services; hosts: string[] }> {
  const urls = urlsFor(config);
  const kit: Kit = {
    secret: Buffer.from(
      ensureSetting(db, 'web_secret', () => randomBytes(32).toString('base64url')),
      'base64url',
    ),
    secureCookies: false,
  };
  const services = await createServices({ config, urls, db, mailer, kit });
  // Features in order: their sign-in steps run in this order, and their app sections and pages follow it.
  services.features = [twoFactorFeature(services), eidFeature(services, env)];

  const handlers = new Map<string, HostHandler>();
  const host = (sub: string) => `${sub}.${config.SANDBOX_DOMAIN}`;
  handlers.set(host('connect'), createConnect(services));
  for (const feature of services.features) {
    for (const [sub, handler] of Object.entries(feature.hosts ?? {})) handlers.set(host(sub), handler);
  }
  for (const app of APPS) {
    const koa = createRelyingApp({ app, clientSecret: clientSecret(db, app.id), services });
    handlers.set(host(app.sub), koa.callback());
  }
  const delayMs = config.SANDBOX_TEST_MODE ? config.SANDBOX_DELAY_MS : 0;
  return { server: createHostServer(handlers, urls.port, delayMs), services, hosts: [...handlers.keys()] };
}

/** Everything: the mail sink (MAIL_SINK), the store, the mailer and the web part. */
export async function composeSandbox(config: SandboxConfig): Promise<Sandbox> {
  const sink = config.MAIL_SINK
    ? await startMailSink({
        host: config.SANDBOX_HOST,
        smtpPort: config.MAIL_SMTP_PORT,
        httpPort: config.MAIL_HTTP_PORT,
        dbFile: config.MAIL_DB,
        maxMessages: config.MAIL_MAX_MESSAGES,
        maxMessageBytes: config.MAIL_MAX_MESSAGE_BYTES,
      })
    : undefined;
  const { db, file } = openDb(config.SANDBOX_DB);
  const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM, {
    brokenLink: config.SANDBOX_TEST_MODE && config.SANDBOX_MAIL_BROKEN_LINK,
    delayMs: config.SANDBOX_TEST_MODE ? config.SANDBOX_MAIL_DELAY_MS : 0,
  });
  const web = await composeWeb(config, db, mailer);
  return {
    server: web.server,
    hosts: web.hosts,
    dbFile: file,
    mail: sink && { smtpPort: sink.smtpPort, httpPort: sink.httpPort },
    async close() {
      // The mailer first: the SMTP server's close waits (up to 30 s) for the mailer's pooled connections.
      mailer.close();
      await sink?.close();
      db.close();
    },
  };
}
