// SMTP side of the mail sink: accepts any (or no) authentication, like Mailpit's --smtp-auth-accept-any,
// enforces the size limit with a clear 552 reply, and hands complete messages to `onMessage`.
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { Envelope } from './types.ts';

export interface SmtpOptions {
  host: string;
  port: number;
  maxMessageBytes: number;
  onMessage(raw: Buffer, envelope: Envelope & { remote?: string }): Promise<void>;
  onRejected(): void;
}

type SmtpError = Error & { responseCode?: number };

function smtpError(code: number, message: string): SmtpError {
  const e: SmtpError = new Error(message);
  e.responseCode = code;
  return e;
}

export async function startSmtp(o: SmtpOptions): Promise<{ port: number; close(): Promise<void> }> {
  const options: SMTPServerOptions = {
    name: 'guidewright-mail-sink',
    banner: 'guidewright mail sink (Mailpit-compatible)',
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
    size: o.maxMessageBytes,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        // Stop holding data once over the limit; smtp-server keeps reading so the reply stays in sync.
        if (bytes <= o.maxMessageBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || bytes > o.maxMessageBytes) {
          o.onRejected();
          callback(
            smtpError(552, `Message size exceeds the limit of ${o.maxMessageBytes} bytes; it was not stored`),
          );
          return;
        }
        const raw = Buffer.concat(chunks);
        const user = session.user;
        const username = typeof user === 'string' ? user : '';
        o.onMessage(raw, {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          username,
          remote: `${session.clientHostname || session.hostNameAppearsAs || 'unknown'} [${session.remoteAddress}]`,
        }).then(
          () => callback(null, 'Message stored'),
          (error: unknown) => {
            o.onRejected();
            callback(smtpError(554, `Message could not be parsed: ${(error as Error).message}`));
          },
        );
      });
    },
  };
  const server = new SMTPServer(options);
  server.on('error', () => {
    // Client-side protocol errors are answered on the connection; nothing to do for the server.
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
