// The mail sink's SMTP side and its edges: malformed SMTP input, the size limit, retention (--max),
// the /api/events websocket, and the web page. Each test spawns its own sink so its limits and counts
// are its own.
import net from 'node:net';
import { once } from 'node:events';
import { MailpitClient } from 'mailpit-api';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import WebSocket from 'ws';
import { expect, test } from '@playwright/test';
import { spawnMailSink, type SpawnedSink } from '../../lib/mail/spawn-sink.ts';
import { ITEM_FIELDS } from './mail-support.ts';

/** A line-by-line SMTP conversation over a raw socket, to say things a well-behaved client never would. */
class SmtpDialog {
  private buffer = '';
  private readonly waiting: Array<(reply: string) => void> = [];
  private readonly replies: string[] = [];

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      // A reply ends with a line "NNN text" (no dash after the code).
      for (
        let m = /^(?:\d{3}-.*\r\n)*\d{3}(?: .*)?\r\n/.exec(this.buffer);
        m;
        m = /^(?:\d{3}-.*\r\n)*\d{3}(?: .*)?\r\n/.exec(this.buffer)
      ) {
        this.buffer = this.buffer.slice(m[0].length);
        const next = this.waiting.shift();
        if (next) next(m[0].trim());
        else this.replies.push(m[0].trim());
      }
    });
  }

  static async open(port: number): Promise<{ dialog: SmtpDialog; greeting: string }> {
    const socket = net.connect(port, '127.0.0.1');
    const dialog = new SmtpDialog(socket);
    const greeting = dialog.reply();
    await once(socket, 'connect');
    return { dialog, greeting: await greeting };
  }

  reply(): Promise<string> {
    const ready = this.replies.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async say(line: string): Promise<string> {
    const reply = this.reply();
    this.socket.write(`${line}\r\n`);
    return reply;
  }

  close(): void {
    this.socket.destroy();
  }
}

async function withSink<T>(
  options: Parameters<typeof spawnMailSink>[0],
  body: (sink: SpawnedSink) => Promise<T>,
) {
  const sink = await spawnMailSink(options);
  try {
    return await body(sink);
  } finally {
    await sink.stop();
  }
}

const send = (sink: SpawnedSink, mail: SendMailOptions) =>
  nodemailer
    .createTransport({ host: '127.0.0.1', port: sink.smtpPort, secure: false })
    .sendMail({ from: 'do.not.reply@sandbox.test', ...mail });

test('malformed SMTP input gets SMTP errors, the connection survives, and the store is intact', async () => {
  await withSink({}, async (sink) => {
    const mailpit = new MailpitClient(sink.url);
    await send(sink, { to: 'before@smtp.test', subject: 'already here', text: 'x' });

    const { dialog, greeting } = await SmtpDialog.open(sink.smtpPort);
    expect(greeting).toMatch(/^220 /);
    expect(await dialog.say('EHLO tester.local')).toMatch(/^250/);
    expect(await dialog.say('FLY ME TO THE MOON')).toMatch(/^5\d\d /);
    expect(await dialog.say('RCPT TO:<nobody@smtp.test>')).toMatch(/^503 /); // no MAIL FROM yet
    expect(await dialog.say('DATA')).toMatch(/^503 /);
    expect(await dialog.say('MAIL FROM:<broken address')).toMatch(/^5\d\d /);
    // The same connection can still deliver a proper message afterwards.
    expect(await dialog.say('MAIL FROM:<sender@smtp.test>')).toMatch(/^250/);
    expect(await dialog.say('RCPT TO:<after@smtp.test>')).toMatch(/^250/);
    expect(await dialog.say('DATA')).toMatch(/^354/);
    expect(await dialog.say('Subject: after the garbage\r\n\r\nstill works\r\n.')).toMatch(/^250/);
    expect(await dialog.say('QUIT')).toMatch(/^221/);
    dialog.close();

    const list = await mailpit.listMessages();
    expect(list.messages.map((m) => m.Subject)).toEqual(['after the garbage', 'already here']);
    expect((await mailpit.getMessageSummary('latest')).Text).toBe('still works');
  });
});

test('authentication: any user and password are accepted, and the username is recorded', async () => {
  await withSink({}, async (sink) => {
    await nodemailer
      .createTransport({
        host: '127.0.0.1',
        port: sink.smtpPort,
        secure: false,
        auth: { user: 'portal-app', pass: 'whatever' },
      })
      .sendMail({
        from: 'do.not.reply@sandbox.test',
        to: 'auth@smtp.test',
        subject: 'authenticated',
        text: 'x',
      });
    const item = (await new MailpitClient(sink.url).listMessages()).messages[0]!;
    expect(item.Subject).toBe('authenticated');
    expect(item.Username).toBe('portal-app');
  });
});

test('an oversized message is refused with 552 naming the limit, and the store is intact', async () => {
  await withSink({ maxSize: 4_000 }, async (sink) => {
    const mailpit = new MailpitClient(sink.url);
    await send(sink, { to: 'small@size.test', subject: 'small', text: 'fits' });
    const error = await send(sink, {
      to: 'big@size.test',
      subject: 'too big',
      text: 'x'.repeat(10_000),
    }).then(
      () => undefined,
      (e: Error & { responseCode?: number }) => e,
    );
    expect(error?.responseCode).toBe(552);
    expect(error?.message).toMatch(/exceeds the limit of 4000 bytes/);

    const info = await mailpit.getInfo();
    expect(info.Messages).toBe(1);
    expect(info.RuntimeStats.SMTPRejected).toBe(1);
    expect((await mailpit.listMessages()).messages.map((m) => m.Subject)).toEqual(['small']);
    // The server still takes mail after the refusal.
    await send(sink, { to: 'small@size.test', subject: 'small again', text: 'fits' });
    expect((await mailpit.getInfo()).Messages).toBe(2);
  });
});

test('retention (--max) keeps the newest messages and deletes the oldest', async () => {
  await withSink({ max: 3 }, async (sink) => {
    const mailpit = new MailpitClient(sink.url);
    for (const n of [1, 2, 3, 4, 5])
      await send(sink, { to: 'keep@max.test', subject: `message ${n}`, text: 'x' });
    const list = await mailpit.listMessages();
    expect(list.total).toBe(3);
    expect(list.messages.map((m) => m.Subject)).toEqual(['message 5', 'message 4', 'message 3']);
    expect((await mailpit.getInfo()).RuntimeStats.MessagesDeleted).toBe(2);
  });
});

test('the /api/events websocket announces new and deleted messages as {Type, Data}', async () => {
  await withSink({}, async (sink) => {
    const mailpit = new MailpitClient(sink.url);
    const ws = new WebSocket(`ws://127.0.0.1:${sink.httpPort}/api/events`);
    const events: Array<{ Type: string; Data: Record<string, unknown> | null }> = [];
    const wanted: Array<{ type: string; resolve: () => void }> = [];
    ws.on('message', (data) => {
      const event = JSON.parse(String(data)) as { Type: string; Data: Record<string, unknown> | null };
      events.push(event);
      for (const w of wanted.filter((x) => x.type === event.Type)) w.resolve();
    });
    const next = (type: string) => new Promise<void>((resolve) => wanted.push({ type, resolve }));
    await once(ws, 'open');

    const arrived = next('new');
    await send(sink, { to: 'events@ws.test', subject: 'event æøå', text: 'x' });
    await arrived;
    const created = events.find((e) => e.Type === 'new')!;
    expect(Object.keys(created.Data!).sort()).toEqual(ITEM_FIELDS);
    expect(created.Data!.Subject).toBe('event æøå');

    const deleted = next('delete');
    await mailpit.deleteMessages({ IDs: [String(created.Data!.ID)] });
    await deleted;
    expect(events.find((e) => e.Type === 'delete')!.Data).toEqual({ ID: created.Data!.ID });
    ws.close();
  });
});

test('the web page lists messages, opens one, and shows message content as text', async ({ page }) => {
  await withSink({}, async (sink) => {
    await send(sink, {
      to: 'Kari Nordmann <kari@page.test>',
      subject: 'Velkommen æøå',
      text: 'Hei Kari',
      html: '<p>Hei <b>Kari</b></p>',
    });
    await send(sink, {
      to: 'x@page.test',
      subject: '<img src=x onerror=alert(1)> sneaky',
      text: '<script>alert(2)</script>',
    });

    await page.goto(sink.url);
    await expect(page.getByRole('heading', { name: 'Mail sink' })).toBeVisible();
    await expect(page.getByRole('row')).toHaveCount(3); // header + 2 messages
    await expect(page.getByRole('link', { name: '<img src=x onerror=alert(1)> sneaky' })).toBeVisible();

    await page.getByRole('link', { name: '<img src=x onerror=alert(1)> sneaky' }).click();
    await expect(
      page
        .getByRole('region', { name: '<img src=x onerror=alert(1)> sneaky' })
        .getByText('<script>alert(2)</script>'),
    ).toBeVisible();

    await page.getByRole('link', { name: 'Velkommen æøå' }).click();
    const opened = page.getByRole('region', { name: 'Velkommen æøå' });
    await expect(opened.getByText('Kari Nordmann <kari@page.test>')).toBeVisible();
    await expect(opened.frameLocator('iframe[title="HTML body"]').getByText('Kari')).toBeVisible();
    await expect(page.getByText('2 messages, 0 unread')).toBeVisible();

    await page.getByLabel('Search').fill('is:maybe');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('cell', { name: 'No messages.' })).toBeVisible();
  });
});
