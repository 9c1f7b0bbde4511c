// Contract of the sandbox mail sink: the `mailpit-api` client (MailpitClient) against a sink spawned on
// free ports, mail sent over real SMTP with nodemailer. Expected field names are Mailpit's (its swagger:
// MessagesSummary, MessageSummary, Message, Attachment, AppInformation; listed in mail-support.ts), not read from our own code.
import { createHash } from 'node:crypto';
import { MailpitClient } from 'mailpit-api';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { expect } from '@playwright/test';
import {
  ATTACHMENT_FIELDS,
  INFO_FIELDS,
  ITEM_FIELDS,
  LIST_FIELDS,
  MESSAGE_FIELDS,
  RUNTIME_FIELDS,
  sinkTest,
} from './mail-support.ts';

const test = sinkTest.extend<{ mailpit: MailpitClient; uid: string }>({
  mailpit: async ({ sink }, use) => {
    await use(new MailpitClient(sink.url));
  },
  // A token unique to the test, so searches only ever see this test's mail.
  uid: async ({}, use, testInfo) => {
    await use(
      `t${testInfo.workerIndex}x${createHash('sha1').update(testInfo.testId).digest('hex').slice(0, 10)}`,
    );
  },
});

const keys = (o: object) => Object.keys(o).sort();

test.describe('Mailpit REST API v1 via MailpitClient', () => {
  test("listMessages returns Mailpit's list shape, newest first, with start/limit paging", async ({
    mailpit,
    send,
    uid,
  }) => {
    for (const n of [1, 2, 3])
      await send({ to: `${uid}@list.test`, subject: `${uid} list ${n}`, text: `body ${n}` });

    const all = await mailpit.listMessages();
    expect(keys(all)).toEqual(LIST_FIELDS);
    const mine = all.messages.filter((m) => m.Subject.startsWith(uid));
    expect(mine.map((m) => m.Subject)).toEqual([`${uid} list 3`, `${uid} list 2`, `${uid} list 1`]);
    const item = mine[0]!;
    expect(keys(item)).toEqual(ITEM_FIELDS);
    expect(item.From).toEqual({ Name: 'Sandbox', Address: 'do.not.reply@sandbox.test' });
    expect(item.To).toEqual([{ Name: '', Address: `${uid}@list.test` }]);
    expect(item.Snippet).toBe('body 3');
    expect(item.Read).toBe(false);
    expect(new Date(item.Created).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(all.messages_count).toBe(all.total);

    const page = await mailpit.listMessages(1, 1);
    expect(page.start).toBe(1);
    expect(page.messages).toHaveLength(1);
    expect(page.messages[0]!.ID).toBe(all.messages[1]!.ID);
  });

  test('HTML + text + attachment + æøå round-trip exactly', async ({ mailpit, send, uid }) => {
    const subject = `${uid} Bekreft kontoen din – æøå ÆØÅ «sitat»`;
    const text = `Hei Åse Ørnø!\n\nTrykk «Aktiver konto» for å fortsette. Ærlig talt: æøå.\nKode: 123456`;
    const html = `<p>Hei Åse Ørnø!</p><p><a href="https://connect.localhost:4400/activate?t=a%C3%A6&amp;x=1">Aktiver konto</a> – æøå</p>`;
    const attachment = Buffer.from('Vedlegg med æøå\nlinje 2\n', 'utf8');
    await send({
      to: `Åse Ørnø <${uid}@roundtrip.test>`,
      subject,
      text,
      html,
      attachments: [
        { filename: 'søknad-æøå.txt', content: attachment, contentType: 'text/plain; charset=utf-8' },
      ],
    });

    const found = await mailpit.searchMessages({ query: `to:${uid}@roundtrip.test` });
    expect(found.messages).toHaveLength(1);
    const message = await mailpit.getMessageSummary(found.messages[0]!.ID);
    expect(keys(message)).toEqual(MESSAGE_FIELDS);
    expect(message.Subject).toBe(subject);
    expect(message.Text).toBe(text);
    expect(message.HTML).toBe(html);
    expect(message.To).toEqual([{ Name: 'Åse Ørnø', Address: `${uid}@roundtrip.test` }]);
    expect(message.Attachments).toHaveLength(1);
    const part = message.Attachments[0]!;
    expect(keys(part)).toEqual(ATTACHMENT_FIELDS);
    expect(part.FileName).toBe('søknad-æøå.txt');
    expect(part.Size).toBe(attachment.length);
    expect(part.Checksums.SHA256).toBe(createHash('sha256').update(attachment).digest('hex'));
    expect(part.Checksums.MD5).toBe(createHash('md5').update(attachment).digest('hex'));
    const blob = await mailpit.getMessageAttachment(message.ID, part.PartID);
    expect(Buffer.from(await blob.arrayBuffer()).equals(attachment)).toBe(true);
    expect(blob.type).toMatch(/^text\/plain/);
    expect(await mailpit.renderMessageText(message.ID)).toBe(text);
    expect(await mailpit.renderMessageHTML(message.ID)).toBe(html);
  });

  test('getMessageSource returns the message as sent over SMTP, after the headers Mailpit adds on arrival', async ({
    mailpit,
    sink,
    uid,
  }) => {
    const raw = await new MailComposer({
      from: 'do.not.reply@sandbox.test',
      to: `${uid}@raw.test`,
      subject: `${uid} rå kilde æøå`,
      text: 'Linje én\r\n.linje som starter med punktum\r\nsiste',
    })
      .compile()
      .build();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.smtpPort, secure: false });
    await transport.sendMail({
      envelope: { from: 'do.not.reply@sandbox.test', to: [`${uid}@raw.test`] },
      raw,
    });
    transport.close();
    const id = (await mailpit.searchMessages({ query: `to:${uid}@raw.test` })).messages[0]!.ID;
    const source = await mailpit.getMessageSource(id);
    expect(source.endsWith(raw.toString('utf8'))).toBe(true);
    const added = source
      .slice(0, source.length - raw.length)
      .split('\r\n')
      .filter(Boolean);
    expect(added.map((h) => h.split(':')[0]).sort()).toEqual(['Received', 'Return-Path']);
    expect(added).toContain('Return-Path: <do.not.reply@sandbox.test>');
  });

  test('getMessageSummary("latest") is the newest message and marks it read', async ({
    sink,
    mailpit,
    send,
    uid,
  }) => {
    await send({ to: `${uid}@latest.test`, subject: `${uid} older`, text: 'x' });
    await send({ to: `${uid}@latest.test`, subject: `${uid} newest`, text: 'y' });
    const latest = await mailpit.getMessageSummary('latest');
    expect(latest.Subject).toBe(`${uid} newest`);
    const after = await mailpit.searchMessages({ query: `to:${uid}@latest.test` });
    expect(after.messages.map((m) => [m.Subject, m.Read])).toEqual([
      [`${uid} newest`, true],
      [`${uid} older`, false],
    ]);
    expect(after.messages_unread).toBe(1);

    // Mailpit's latest can be narrowed with ?query=; a search with no match is a 404.
    const older = await fetch(
      `${sink.url}/api/v1/message/latest?query=${encodeURIComponent(`subject:"${uid} older"`)}`,
    );
    expect(((await older.json()) as { Subject: string }).Subject).toBe(`${uid} older`);
    const none = await fetch(
      `${sink.url}/view/latest.txt?query=${encodeURIComponent(`${uid} nothing-like-this`)}`,
    );
    expect([none.status, await none.text()]).toEqual([404, 'Message not found']);
  });

  test('getMessageHeaders returns raw header values under canonical keys, alphabetically', async ({
    mailpit,
    send,
    uid,
  }) => {
    await send({
      to: `${uid}@headers.test`,
      cc: 'kopi@headers.test',
      subject: `${uid} overskrift æøå`,
      text: 'x',
      headers: { 'X-Guide-Step': '3', 'X-Multi': ['a', 'b'] },
    });
    const id = (await mailpit.searchMessages({ query: `to:${uid}@headers.test` })).messages[0]!.ID;
    const headers = await mailpit.getMessageHeaders(id);
    expect(Object.keys(headers)).toEqual([...Object.keys(headers)].sort());
    expect(headers['X-Guide-Step']).toEqual(['3']);
    expect(headers['X-Multi']).toEqual(['a', 'b']);
    expect(headers['Cc']).toEqual(['kopi@headers.test']);
    expect(headers['Mime-Version']).toEqual(['1.0']);
    expect(headers['Message-Id']?.[0]).toMatch(/^<.+@.+>$/);
    // Values are as on the wire: the æøå subject is still an encoded word.
    expect(headers['Subject']?.[0]).toMatch(/^=\?UTF-8\?[BQ]\?/i);
  });

  test.describe('searchMessages filters', () => {
    test('to:, from:, cc:, subject:, message-id:', async ({ mailpit, send, uid }) => {
      const a = await send({
        to: `${uid}-a@s.test`,
        from: `alpha-${uid}@from.test`,
        subject: `${uid} Alpha`,
        text: 'a',
      });
      await send({ to: `${uid}-b@s.test`, cc: `${uid}-cc@s.test`, subject: `${uid} Beta`, text: 'b' });
      const subjects = async (query: string) =>
        (await mailpit.searchMessages({ query })).messages.map((m) => m.Subject).sort();

      expect(await subjects(`to:${uid}-a@s.test`)).toEqual([`${uid} Alpha`]);
      expect(await subjects(`from:alpha-${uid}`)).toEqual([`${uid} Alpha`]);
      expect(await subjects(`cc:${uid}-cc@s.test`)).toEqual([`${uid} Beta`]);
      expect(await subjects(`subject:"${uid} beta"`)).toEqual([`${uid} Beta`]);
      expect(await subjects(`message-id:${a.messageId.replace(/[<>]/g, '')}`)).toEqual([`${uid} Alpha`]);
    });

    test('bare words, "quoted phrase", negation with - and !, terms AND-ed', async ({
      mailpit,
      send,
      uid,
    }) => {
      await send({ to: `${uid}@w.test`, subject: `${uid} one`, text: 'the red fox jumps' });
      await send({ to: `${uid}@w.test`, subject: `${uid} two`, text: 'the fox is red' });
      await send({ to: `${uid}@w.test`, subject: `${uid} three`, text: 'a blue bird' });
      const subjects = async (query: string) =>
        (await mailpit.searchMessages({ query: `${uid} ${query}` })).messages.map((m) => m.Subject).sort();

      expect(await subjects('fox')).toEqual([`${uid} one`, `${uid} two`]);
      expect(await subjects('"red fox"')).toEqual([`${uid} one`]);
      expect(await subjects('fox -jumps')).toEqual([`${uid} two`]);
      expect(await subjects('!fox')).toEqual([`${uid} three`]);
      expect(await subjects('red fox')).toEqual([`${uid} one`, `${uid} two`]);
      expect(await subjects('red bird')).toEqual([]);
      expect(await subjects('-"red fox" the')).toEqual([`${uid} two`]);
      expect(await subjects('BLUE')).toEqual([`${uid} three`]);
    });

    test('is:read, is:unread, has:attachment', async ({ mailpit, send, uid }) => {
      await send({ to: `${uid}@flags.test`, subject: `${uid} plain`, text: 'x' });
      await send({
        to: `${uid}@flags.test`,
        subject: `${uid} with file`,
        text: 'y',
        attachments: [{ filename: 'a.pdf', content: Buffer.from('%PDF-1.4') }],
      });
      const q = `to:${uid}@flags.test`;
      const withFile = (await mailpit.searchMessages({ query: `${q} has:attachment` })).messages;
      expect(withFile.map((m) => [m.Subject, m.Attachments])).toEqual([[`${uid} with file`, 1]]);
      expect(
        (await mailpit.searchMessages({ query: `${q} -has:attachment` })).messages.map((m) => m.Subject),
      ).toEqual([`${uid} plain`]);
      await mailpit.getMessageSummary(withFile[0]!.ID); // reading marks it read
      expect(
        (await mailpit.searchMessages({ query: `${q} is:read` })).messages.map((m) => m.Subject),
      ).toEqual([`${uid} with file`]);
      expect(
        (await mailpit.searchMessages({ query: `${q} is:unread` })).messages.map((m) => m.Subject),
      ).toEqual([`${uid} plain`]);
    });

    test('before: and after: (with tz)', async ({ mailpit, send, uid }) => {
      await send({ to: `${uid}@dates.test`, subject: `${uid} today`, text: 'x' });
      const q = `to:${uid}@dates.test`;
      const count = async (query: string, tz?: string) =>
        (await mailpit.searchMessages({ query: `${q} ${query}`, tz })).messages_count;
      const now = new Date();
      const iso = (ms: number) => new Date(ms).toISOString();
      expect(await count(`after:${iso(now.getTime() - 3_600_000)}`)).toBe(1);
      expect(await count(`before:${iso(now.getTime() - 3_600_000)}`)).toBe(0);
      expect(await count(`before:${iso(now.getTime() + 3_600_000)}`)).toBe(1);
      expect(await count(`-after:${iso(now.getTime() + 3_600_000)}`)).toBe(1);
      const tomorrow = new Date(now.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
      expect(await count(`before:${tomorrow}`, 'Europe/Oslo')).toBe(1);
      expect(await count(`after:${tomorrow}`, 'Pacific/Auckland')).toBe(0);
    });
  });

  test('a search counts every match and every unread one, whichever page it returns', async ({
    mailpit,
    send,
    uid,
  }) => {
    for (let n = 1; n <= 5; n++) await send({ to: `${uid}@pages.test`, subject: `${uid} p${n}`, text: 'x' });
    const q = `to:${uid}@pages.test`;
    const ids = (await mailpit.searchMessages({ query: q })).messages.map((m) => m.ID);
    await mailpit.setReadStatus({ IDs: ids.slice(0, 2), Read: true });
    const page = async (start: number, limit: number) => {
      const r = await mailpit.searchMessages({ query: q, start, limit });
      return [r.messages.length, r.messages_count, r.messages_unread];
    };
    expect(await page(0, 2)).toEqual([2, 5, 3]); // a full first page
    expect(await page(0, 10)).toEqual([5, 5, 3]); // every match on one page
    expect(await page(4, 2)).toEqual([1, 5, 3]); // the last, short page
    expect(await page(9, 2)).toEqual([0, 5, 3]); // past the end
  });

  test('setReadStatus by IDs and by Search; both at once is refused', async ({ mailpit, send, uid }) => {
    await send({ to: `${uid}@read.test`, subject: `${uid} r1`, text: 'x' });
    await send({ to: `${uid}@read.test`, subject: `${uid} r2`, text: 'x' });
    const q = `to:${uid}@read.test`;
    const ids = (await mailpit.searchMessages({ query: q })).messages.map((m) => m.ID);
    expect(await mailpit.setReadStatus({ IDs: [ids[0]!], Read: true })).toBe('ok');
    expect((await mailpit.searchMessages({ query: `${q} is:read` })).messages.map((m) => m.ID)).toEqual([
      ids[0],
    ]);
    expect(await mailpit.setReadStatus({ Search: q, Read: true })).toBe('ok');
    expect((await mailpit.searchMessages({ query: q })).messages_unread).toBe(0);
    await mailpit.setReadStatus({ Search: q, Read: false });
    expect((await mailpit.searchMessages({ query: q })).messages_unread).toBe(2);
    await expect(mailpit.setReadStatus({ IDs: [ids[0]!], Search: q, Read: true })).rejects.toThrow(
      /400.*either IDs or a search/,
    );
  });

  test('deleteMessagesBySearch deletes only what matches; deleteMessages by IDs', async ({
    mailpit,
    send,
    uid,
  }) => {
    await send({ to: `${uid}-keep@del.test`, subject: `${uid} keep`, text: 'x' });
    await send({ to: `${uid}-gone@del.test`, subject: `${uid} gone 1`, text: 'x' });
    await send({ to: `${uid}-gone@del.test`, subject: `${uid} gone 2`, text: 'x' });
    expect(await mailpit.deleteMessagesBySearch({ query: `to:${uid}-gone@del.test` })).toBe('ok');
    expect((await mailpit.searchMessages({ query: uid })).messages.map((m) => m.Subject)).toEqual([
      `${uid} keep`,
    ]);

    const keepId = (await mailpit.searchMessages({ query: uid })).messages[0]!.ID;
    expect(await mailpit.deleteMessages({ IDs: [keepId] })).toBe('ok');
    expect((await mailpit.searchMessages({ query: uid })).messages_count).toBe(0);
    await expect(mailpit.getMessageSummary(keepId)).rejects.toThrow(/404/);
  });

  test('getInfo counts messages and SMTP traffic', async ({ mailpit, send, uid }) => {
    const before = await mailpit.getInfo();
    expect(keys(before)).toEqual(INFO_FIELDS);
    expect(keys(before.RuntimeStats)).toEqual(RUNTIME_FIELDS);
    await send({ to: `${uid}@info.test`, subject: `${uid} info`, text: 'x' });
    const after = await mailpit.getInfo();
    expect(after.Messages).toBe(before.Messages + 1);
    expect(after.Unread).toBe(before.Unread + 1);
    expect(after.RuntimeStats.SMTPAccepted).toBe(before.RuntimeStats.SMTPAccepted + 1);
    expect(after.RuntimeStats.SMTPAcceptedSize).toBeGreaterThan(before.RuntimeStats.SMTPAcceptedSize);
  });

  test('waitForMessage returns the message once it arrives', async ({ mailpit, send, uid }) => {
    const waiting = mailpit.waitForMessage(
      { query: `to:${uid}@wait.test` },
      { timeout: 10_000, interval: 50 },
    );
    await send({ to: `${uid}@wait.test`, subject: `${uid} awaited`, text: 'here' });
    const message = await waiting;
    expect(message.Subject).toBe(`${uid} awaited`);
    expect(message.Text).toBe('here');
  });

  test('sendMessage stores a message given as JSON; bad input gets a JSON error', async ({
    mailpit,
    uid,
  }) => {
    const { ID } = await mailpit.sendMessage({
      From: { Email: 'api@send.test', Name: 'API Avsender' },
      To: [{ Email: `${uid}@send.test`, Name: 'Mottaker Ærlig' }],
      Bcc: [`${uid}-hidden@send.test`],
      Subject: `${uid} sendt via API æøå`,
      Text: 'Tekst æøå',
      HTML: '<p>HTML æøå</p>',
      Headers: { 'X-Guide': 'reset-password' },
      Attachments: [{ Filename: 'a.txt', Content: Buffer.from('vedlegg').toString('base64') }],
    });
    const message = await mailpit.getMessageSummary(ID);
    expect(message.Subject).toBe(`${uid} sendt via API æøå`);
    expect(message.From).toEqual({ Name: 'API Avsender', Address: 'api@send.test' });
    expect(message.To).toEqual([{ Name: 'Mottaker Ærlig', Address: `${uid}@send.test` }]);
    expect(message.Bcc).toEqual([{ Name: '', Address: `${uid}-hidden@send.test` }]);
    expect([message.Text, message.HTML]).toEqual(['Tekst æøå', '<p>HTML æøå</p>']);
    expect(message.Attachments.map((a) => [a.FileName, a.Size])).toEqual([['a.txt', 7]]);
    expect((await mailpit.getMessageHeaders(ID))['X-Guide']).toEqual(['reset-password']);

    await expect(
      mailpit.sendMessage({
        From: { Email: 'api@send.test' },
        To: [{ Email: 'not an address' }],
        Subject: 'x',
      }),
    ).rejects.toThrow(/400.*invalid To address: not an address/);
    await expect(
      mailpit.sendMessage({
        From: { Email: 'api@send.test' },
        To: [{ Email: `${uid}@send.test` }],
        Headers: { Subject: 'sneaky' },
      }),
    ).rejects.toThrow(/cannot overwrite header: \\"Subject\\"/);
    expect((await mailpit.searchMessages({ query: `to:${uid}@send.test` })).messages_count).toBe(1);
  });

  test('unknown IDs get 404 on every message route', async ({ sink, mailpit }) => {
    const id = 'NoSuchMessageId123456';
    for (const path of [
      `/api/v1/message/${id}`,
      `/api/v1/message/${id}/headers`,
      `/api/v1/message/${id}/raw`,
      `/api/v1/message/${id}/part/1`,
      `/view/${id}.html`,
      `/view/${id}.txt`,
    ]) {
      const res = await fetch(sink.url + path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/plain/);
    }
    await expect(mailpit.getMessageHeaders(id)).rejects.toThrow(/404/);

    const badEncoding = await fetch(`${sink.url}/api/v1/message/%E0%A4%A`);
    expect([badEncoding.status, await badEncoding.text()]).toEqual([
      400,
      'Bad percent-encoding in the path: %E0%A4%A',
    ]);
    const wrongMethod = await fetch(`${sink.url}/api/v1/info`, { method: 'DELETE' });
    expect([wrongMethod.status, await wrongMethod.text()]).toEqual([
      405,
      'Method DELETE is not allowed on /api/v1/info',
    ]);
  });

  test('queries Mailpit accepts are accepted: nonsense is ignored or searched as text, never a 400', async ({
    sink,
    mailpit,
    send,
    uid,
  }) => {
    await send({ to: `${uid}@garbage.test`, subject: `${uid} survivor`, text: 'x' });
    const before = (await mailpit.listMessages(0, 1000)).messages.map((m) => m.ID).sort();
    for (const query of ['', '   ']) {
      const res = await fetch(`${sink.url}/api/v1/search?query=${encodeURIComponent(query)}`);
      expect([res.status, await res.text()]).toEqual([400, 'Error: no search query']);
    }
    // Ignored terms leave the rest of the query in force.
    for (const junk of ['after:notadate', 'before:2025-02-30', 'from:', '<>', '"']) {
      const found = await mailpit.searchMessages({ query: `${uid} ${junk}` });
      expect(
        found.messages.map((m) => m.Subject),
        junk,
      ).toEqual([`${uid} survivor`]);
    }
    // Unknown flags and bad sizes are searched as text, so they find nothing here.
    for (const text of ['is:maybe', 'has:pdf', 'larger:abc']) {
      expect((await mailpit.searchMessages({ query: `${uid} ${text}` })).messages, text).toEqual([]);
    }
    expect((await mailpit.searchMessages({ query: `${uid}`, tz: 'Mars/Olympus' })).messages).toHaveLength(1);
    const paged = await fetch(`${sink.url}/api/v1/search?query=${uid}&limit=-1&start=abc`);
    expect(((await paged.json()) as { start: number; messages: unknown[] }).messages).toHaveLength(1);
    const after = (await mailpit.listMessages(0, 1000)).messages;
    expect(after.map((m) => m.ID).sort()).toEqual(before);
  });

  test('bad request bodies get 400 and change nothing', async ({ sink, mailpit, send, uid }) => {
    await send({ to: `${uid}@body.test`, subject: `${uid} body`, text: 'x' });
    const total = (await mailpit.listMessages()).total;
    for (const [method, body, reason] of [
      ['DELETE', '{"IDs": [', /not valid JSON/],
      ['DELETE', '{"IDs": "all"}', /IDs must be an array/],
      ['PUT', '[1,2]', /JSON object/],
    ] as const) {
      const res = await fetch(`${sink.url}/api/v1/messages`, {
        method,
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(reason);
    }
    expect((await mailpit.listMessages()).total).toBe(total);
  });

  test('/view renders latest, /livez and /readyz answer', async ({ sink, send, uid }) => {
    await send({ to: `${uid}@view.test`, subject: `${uid} view`, text: 'plain æøå', html: '<b>fet æøå</b>' });
    const html = await fetch(`${sink.url}/view/latest.html`);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    // A message's HTML opened on its own runs sandboxed: no scripts against this origin's API.
    expect(html.headers.get('content-security-policy')).toMatch(/^sandbox\b/);
    expect(await html.text()).toBe('<b>fet æøå</b>');
    expect(await (await fetch(`${sink.url}/view/latest.txt`)).text()).toBe('plain æøå');
    expect((await fetch(`${sink.url}/livez`)).status).toBe(200);
    expect((await fetch(`${sink.url}/readyz`)).status).toBe(200);
  });
});
