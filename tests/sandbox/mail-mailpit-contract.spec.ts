// The Mailpit contract: what a user switching between the built-in sink and a real Mailpit (v1.30) would
// notice, held against Mailpit's documented behaviour and its own search tests' cases (as data in
// mail-contract-cases.ts). It runs against the built-in sink always, and against a real Mailpit when
// MAILPIT_URL is set in the environment (SMTP on MAILPIT_SMTP_PORT, default 1025).
import { createHash } from 'node:crypto';
import { MailpitClient } from 'mailpit-api';
import nodemailer from 'nodemailer';
import sharp from 'sharp';
import { expect } from '@playwright/test';
import {
  NUMBERED,
  TAGGED,
  nestedRaw,
  numbered,
  searchCaseCount,
  setQueries,
  taggedRaw,
  uniqueQueries,
} from './mail-contract-cases.ts';
import { sinkTest } from './mail-support.ts';

interface Target {
  url: string;
  smtpHost: string;
  smtpPort: number;
  builtIn: boolean;
}

const test = sinkTest.extend<{
  target: Target;
  mailpit: MailpitClient;
  uid: string;
  smtp: (raw: string, to: string) => Promise<void>;
}>({
  target: async ({ sink }, use, testInfo) => {
    const real = testInfo.titlePath.some((t) => t.includes('real Mailpit'));
    const url = process.env.MAILPIT_URL ?? '';
    await use(
      real
        ? {
            url,
            smtpHost: new URL(url).hostname,
            smtpPort: Number(process.env.MAILPIT_SMTP_PORT ?? 1025),
            builtIn: false,
          }
        : { url: sink.url, smtpHost: '127.0.0.1', smtpPort: sink.smtpPort, builtIn: true },
    );
  },
  mailpit: async ({ target }, use) => {
    await use(new MailpitClient(target.url));
  },
  uid: async ({}, use, testInfo) => {
    const hash = createHash('sha1').update(`${testInfo.testId}${Date.now()}`).digest('hex');
    await use(`c${hash.slice(0, 12)}`);
  },
  smtp: async ({ target }, use) => {
    const transport = nodemailer.createTransport({
      host: target.smtpHost,
      port: target.smtpPort,
      secure: false,
    });
    await use(async (raw, to) => {
      await transport.sendMail({ envelope: { from: `envelope@${to.split('@')[1]}`, to: [to] }, raw });
    });
    transport.close();
  },
});

const servers = [
  ['the built-in sink', false],
  ['a real Mailpit at MAILPIT_URL', true],
] as const;

for (const [name, real] of servers) {
  test.describe(`Mailpit contract on ${name}`, () => {
    test.skip(
      real && !process.env.MAILPIT_URL,
      'needs a real Mailpit service to hold the contract against: set MAILPIT_URL (and MAILPIT_SMTP_PORT) to run it on one',
    );

    test(`search: ${searchCaseCount()} cases ported from Mailpit's search tests and docs`, async ({
      mailpit,
      uid,
    }) => {
      for (let i = 1; i <= NUMBERED; i++) await mailpit.sendMessage(numbered(uid, i));
      const failures: string[] = [];
      let cases = 0;
      for (let i = 1; i <= NUMBERED; i++) {
        for (const query of uniqueQueries(uid, i)) {
          cases++;
          const found = await mailpit.searchMessages({ query, limit: 100 });
          const subjects = found.messages.map((m) => m.Subject);
          if (subjects.length !== 1 || subjects[0] !== `Subject line ${i} end`)
            failures.push(`${query} → ${JSON.stringify(subjects)}`);
        }
      }
      for (const [query, count, why] of setQueries(uid)) {
        cases++;
        const found = await mailpit.searchMessages({ query, limit: 100 });
        if (found.messages_count !== count)
          failures.push(`${query} → ${found.messages_count}, not ${count}: ${why}`);
      }
      expect(cases).toBe(searchCaseCount());
      expect(failures).toEqual([]);
    });

    test('tags: X-Tags and plus-addresses on arrival, tag: and is:tagged, set, rename and delete', async ({
      mailpit,
      smtp,
      uid,
    }) => {
      await smtp(taggedRaw(uid), `recipient+ToTag@${uid}.example`);
      const [item] = (await mailpit.searchMessages({ query: `subject:"tagged ${uid}"` })).messages;
      expect(item?.Tags).toEqual(TAGGED);
      expect(await mailpit.getTags()).toEqual(expect.arrayContaining(TAGGED));
      expect((await mailpit.searchMessages({ query: `tag:x-TAG1 ${uid}` })).messages_count).toBe(1);
      expect((await mailpit.searchMessages({ query: `is:tagged ${uid}` })).messages_count).toBe(1);
      expect((await mailpit.searchMessages({ query: `-tag:X-tag2 ${uid}` })).messages_count).toBe(0);

      const sent = await mailpit.sendMessage({
        From: { Email: `api@${uid}.example` },
        To: [{ Email: `someone@${uid}.example` }],
        Subject: `api ${uid}`,
        Tags: [`Api ${uid}`],
      });
      expect((await mailpit.getMessageSummary(sent.ID)).Tags).toEqual([`Api ${uid}`]);

      await mailpit.setTags({ IDs: [item!.ID], Tags: [`First ${uid}`, `first ${uid}`, 'b@d!'] });
      expect((await mailpit.getMessageSummary(item!.ID)).Tags).toEqual([`First ${uid}`, 'b d']);
      await mailpit.renameTag(`First ${uid}`, `Renamed ${uid}`);
      expect((await mailpit.searchMessages({ query: `tag:"renamed ${uid}"` })).messages_count).toBe(1);
      await mailpit.deleteTag(`Renamed ${uid}`);
      expect((await mailpit.getMessageSummary(item!.ID)).Tags).toEqual(['b d']);
      expect(await mailpit.getTags()).not.toContain(`Renamed ${uid}`);
      await mailpit.setTags({ IDs: [item!.ID], Tags: [] });
      expect((await mailpit.searchMessages({ query: `is:tagged ${uid}` })).messages.map((m) => m.ID)).toEqual(
        [sent.ID],
      );
    });

    test('parts are numbered by their place in the MIME tree; thumbnails are 180×120 JPEGs', async ({
      mailpit,
      smtp,
      uid,
    }) => {
      await smtp(nestedRaw(uid), `parts@${uid}.example`);
      const [item] = (await mailpit.searchMessages({ query: `subject:"parts ${uid}"` })).messages;
      const message = await mailpit.getMessageSummary(item!.ID);
      expect(message.Inline.map((p) => [p.PartID, p.FileName])).toEqual([['1.2.2', 'pic.png']]);
      expect(message.Attachments.map((p) => [p.PartID, p.FileName])).toEqual([
        ['2', 'report-q3.pdf'],
        ['3', 'chart.png'],
      ]);
      const pdf = await mailpit.getMessageAttachment(item!.ID, '2');
      expect(Buffer.from(await pdf.arrayBuffer()).toString()).toBe('%PDF-1.4 not really');
      expect((await mailpit.searchMessages({ query: `report-q3.pdf ${uid}` })).messages_count).toBe(1);
      expect((await mailpit.searchMessages({ query: `has:inline ${uid}` })).messages_count).toBe(1);
      for (const part of ['3', '2']) {
        const thumb = Buffer.from(await (await mailpit.getAttachmentThumbnail(item!.ID, part)).arrayBuffer());
        const meta = await sharp(thumb).metadata();
        expect([meta.format, meta.width, meta.height], part).toEqual(['jpeg', 180, 120]);
      }
    });

    test('arrival adds Received and Return-Path (and a Message-ID when missing); a missing From is empty', async ({
      mailpit,
      smtp,
      uid,
    }) => {
      const raw = [`To: bare@${uid}.example`, `Subject: bare ${uid}`, '', 'No From, no Message-ID.', ''].join(
        '\r\n',
      );
      await smtp(raw, `bare@${uid}.example`);
      const [item] = (await mailpit.searchMessages({ query: `subject:"bare ${uid}"` })).messages;
      expect(item?.From).toEqual({ Name: '', Address: '' });
      const headers = await mailpit.getMessageHeaders(item!.ID);
      expect(headers['Return-Path']).toEqual([`<envelope@${uid}.example>`]);
      expect(headers.Received).toHaveLength(1);
      expect(headers['Message-Id'] ?? headers['Message-ID']).toHaveLength(1);
      expect(item?.MessageID).not.toBe('');
      expect((await mailpit.searchMessages({ query: `envelope@${uid}.example` })).messages_count).toBe(1);
    });

    test('viewing the HTML marks a message read', async ({ mailpit, uid }) => {
      const sent = await mailpit.sendMessage({
        From: { Email: `view@${uid}.example` },
        To: [{ Email: `view@${uid}.example` }],
        Subject: `view ${uid}`,
        HTML: '<p>Hello</p>',
      });
      expect((await mailpit.searchMessages({ query: `is:unread ${uid}` })).messages_count).toBe(1);
      expect(await mailpit.renderMessageHTML(sent.ID)).toContain('Hello');
      expect((await mailpit.searchMessages({ query: `is:read ${uid}` })).messages_count).toBe(1);
    });

    test('html-check scores the HTML', async ({ mailpit, uid }) => {
      const sent = await mailpit.sendMessage({
        From: { Email: `html@${uid}.example` },
        To: [{ Email: `html@${uid}.example` }],
        Subject: `html ${uid}`,
        HTML: '<div style="display:flex"><svg width="1" height="1"></svg><p>x</p></div>',
      });
      const check = await mailpit.htmlCheck(sent.ID);
      expect(check.Total.Tests).toBeGreaterThan(0);
      expect(check.Total.Nodes).toBeGreaterThanOrEqual(3);
      expect(check.Total.Supported).toBeLessThan(100);
      expect(check.Warnings.map((w) => w.Slug)).toEqual(
        expect.arrayContaining(['html-svg', 'css-display-flex']),
      );
    });

    test('every MailpitClient method a default Mailpit serves works', async ({ mailpit, smtp, uid }) => {
      const called = new Set<string>();
      const call = <T>(name: string, p: Promise<T>) => {
        called.add(name);
        return p;
      };
      expect((await call('getInfo', mailpit.getInfo())).Version).toMatch(/^v\d/);
      expect(typeof (await call('getConfiguration', mailpit.getConfiguration())).SpamAssassin).toBe(
        'boolean',
      );
      const sent = await call(
        'sendMessage',
        mailpit.sendMessage({
          From: { Email: `all@${uid}.example`, Name: 'All' },
          To: [{ Email: `all@${uid}.example` }],
          Subject: `all ${uid}`,
          Text: 'text part',
          HTML: '<p>html part <a href="https://example.invalid/">x</a></p>',
          Tags: [`all-${uid}`],
        }),
      );
      await smtp(nestedRaw(uid), `parts@${uid}.example`);
      const waited = await call(
        'waitForMessage',
        mailpit.waitForMessage({ query: `subject:"parts ${uid}"` }, { timeout: 5_000, interval: 50 }),
      );
      const many = await call(
        'waitForMessages',
        mailpit.waitForMessages({ query: uid, count: 2 }, { timeout: 5_000, interval: 50 }),
      );
      expect(many.messages_count).toBe(2);
      expect((await call('listMessages', mailpit.listMessages(0, 500))).messages.map((m) => m.ID)).toContain(
        sent.ID,
      );
      expect(
        (await call('searchMessages', mailpit.searchMessages({ query: `all ${uid}` }))).messages_count,
      ).toBe(1);
      expect((await call('getMessageSummary', mailpit.getMessageSummary(sent.ID))).Text).toBe('text part');
      expect(Object.keys(await call('getMessageHeaders', mailpit.getMessageHeaders(sent.ID)))).toContain(
        'Subject',
      );
      expect(await call('getMessageSource', mailpit.getMessageSource(sent.ID))).toContain(`all ${uid}`);
      const part = await call('getMessageAttachment', mailpit.getMessageAttachment(waited.ID, '2'));
      expect(part.size).toBeGreaterThan(0);
      const thumb = await call('getAttachmentThumbnail', mailpit.getAttachmentThumbnail(waited.ID, '3'));
      expect(thumb.type).toMatch(/jpeg/);
      expect(await call('renderMessageHTML', mailpit.renderMessageHTML(sent.ID))).toContain('html part');
      expect(await call('renderMessageText', mailpit.renderMessageText(sent.ID))).toBe('text part');
      expect((await call('htmlCheck', mailpit.htmlCheck(sent.ID))).Total.Tests).toBeGreaterThan(0);
      expect((await call('linkCheck', mailpit.linkCheck(sent.ID))).Links).toHaveLength(1);
      expect(await call('getTags', mailpit.getTags())).toContain(`all-${uid}`);
      await call('setTags', mailpit.setTags({ IDs: [sent.ID], Tags: [`set-${uid}`] }));
      await call('renameTag', mailpit.renameTag(`set-${uid}`, `renamed-${uid}`));
      expect((await mailpit.getMessageSummary(sent.ID)).Tags).toEqual([`renamed-${uid}`]);
      await call('deleteTag', mailpit.deleteTag(`renamed-${uid}`));
      await call('setReadStatus', mailpit.setReadStatus({ IDs: [waited.ID], Read: false }));
      expect((await mailpit.searchMessages({ query: `is:unread ${uid}` })).messages.map((m) => m.ID)).toEqual(
        [waited.ID],
      );
      await call('deleteMessages', mailpit.deleteMessages({ IDs: [sent.ID] }));
      await call('deleteMessagesBySearch', mailpit.deleteMessagesBySearch({ query: uid }));
      expect((await mailpit.searchMessages({ query: uid })).messages_count).toBe(0);
      // Not served by a default Mailpit (no relay, no SpamAssassin, chaos off): releaseMessage,
      // spamAssassinCheck, getChaosTriggers, setChaosTriggers.
      expect(called.size).toBe(23);
    });

    test('link-check answers every link of the message with its status', async ({ mailpit, target, uid }) => {
      test.skip(!target.builtIn, 'a default Mailpit service cannot check links to internal addresses');
      const sent = await mailpit.sendMessage({
        From: { Email: `links@${uid}.example` },
        To: [{ Email: `links@${uid}.example` }],
        Subject: `links ${uid}`,
        HTML: `<a href="${target.url}/livez">up</a> <a href="${target.url}/no-such-page">gone</a>`,
        Text: `Also ${target.url}/livez and ${target.url}/readyz.`,
      });
      const check = await mailpit.linkCheck(sent.ID);
      expect(check.Links.map((l) => [l.URL.replace(target.url, ''), l.StatusCode])).toEqual([
        ['/livez', 200],
        ['/no-such-page', 404],
        ['/readyz', 200],
      ]);
      expect(check.Errors).toBe(1);
    });
  });
}
