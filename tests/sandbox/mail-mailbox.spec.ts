// The suite's mailbox (lib/mail/mailbox.ts and the `mailbox` fixture) against the sandbox mail sink:
// waiting by websocket or poll, matching by address/subject/time, the failure message, the link and
// code helpers, and cleanup that never touches other tests' mail.
import nodemailer from 'nodemailer';
import { MailpitClient } from 'mailpit-api';
import { expect, test as base } from '@playwright/test';
import { loadConfig } from '../../lib/config.ts';
import { Mailbox, type MailboxOptions } from '../../lib/mail/mailbox.ts';
import { mailboxFixtures } from '../../fixtures/mailbox.ts';
import { sinkTest } from './mail-support.ts';

const test = sinkTest.extend<{ open: (o?: MailboxOptions & { timeoutMs?: number }) => Mailbox }>({
  open: async ({ sink }, use) => {
    const opened: Mailbox[] = [];
    await use((o = {}) => {
      const mailbox = new Mailbox({ url: sink.url, timeoutMs: o.timeoutMs ?? 10_000 }, o);
      opened.push(mailbox);
      return mailbox;
    });
    for (const m of opened) m.close();
  },
});

const ACTIVATION_HTML =
  '<h1>Welcome</h1><p>Press the button.</p><a href="http://connect.localhost:4400/activate?token=t0k3n&amp;l=en">Activate account</a>';

test('waitFor gets mail that arrives after it started (websocket), with link and code helpers', async ({
  open,
  send,
}) => {
  const mailbox = open();
  const to = mailbox.address('anna');
  expect(to).toMatch(/^gw-[0-9a-f]{16}-anna@guidewright\.test$/);
  const waiting = mailbox.waitFor({ to, subject: 'Welcome' });
  await send({ to, subject: 'Welcome to Visma', text: 'Your code is 493020.', html: ACTIVATION_HTML });
  const mail = await waiting;
  expect(mail.subject).toBe('Welcome to Visma');
  expect(mail.from).toBe('do.not.reply@sandbox.test');
  expect(mail.link('Activate account')).toBe('http://connect.localhost:4400/activate?token=t0k3n&l=en');
  expect(mail.code()).toBe('493020');
  // Reading it marked it read, as in Mailpit.
  expect((await mailbox.messagesFor(to))[0]?.Read).toBe(true);
});

test('waitFor finds mail that came before the call, and picks by subject and time', async ({
  open,
  send,
}) => {
  const mailbox = open();
  const to = mailbox.address();
  await send({ to, subject: 'Change password request', text: 'old link' });
  // "after" = just after the first mail was received (sink time, milliseconds).
  const after = new Date(Date.parse((await mailbox.messagesFor(to))[0]!.Created) + 1);
  await send({ to, subject: 'Your password was changed', text: 'notice' });
  await send({ to, subject: 'Change password request', text: 'new link' });

  expect((await mailbox.waitFor({ to, subject: 'password was changed' })).text).toBe('notice');
  expect((await mailbox.waitFor({ to, subject: 'Change password request' })).text).toBe('old link');
  expect((await mailbox.waitFor({ to, subject: /^Change password/, after })).text).toBe('new link');
});

test('mail.open follows the button in the browser', async ({ sink, open, send, page }) => {
  const mailbox = open();
  const to = mailbox.address();
  await send({
    to,
    subject: 'Your inbox',
    html: `<p>See <a href="${sink.url}/?q=${encodeURIComponent(`to:${to}`)}">Open the inbox</a></p>`,
  });
  await (await mailbox.waitFor({ to })).open(page, 'Open the inbox');
  await expect(page.getByRole('link', { name: 'Your inbox' })).toBeVisible();
  await expect(page.getByLabel('Search')).toHaveValue(`to:${to}`);
});

test('waitFor without the websocket falls back to a short poll', async ({ open, send }) => {
  const mailbox = open({ websocket: false, pollMs: 50 });
  const to = mailbox.address('poll');
  const waiting = mailbox.waitFor({ to, subject: 'SMS' });
  await send({ to, subject: 'SMS', text: 'Visma code: 112233' });
  expect((await waiting).code()).toBe('112233');
});

test('a websocket that is refused does not stop waitFor: it polls instead', async ({ sink, open, send }) => {
  // The sink only upgrades /api/events; any other path is refused, as a proxy without websockets would.
  const mailbox = open({ eventsUrl: `ws://127.0.0.1:${sink.httpPort}/no-events-here`, pollMs: 50 });
  const to = mailbox.address();
  const waiting = mailbox.waitFor({ to });
  await send({ to, subject: 'still found', text: 'x' });
  expect((await waiting).subject).toBe('still found');
});

test('a miss fails within the timeout and lists what did arrive for that address', async ({ open, send }) => {
  const mailbox = open({ timeoutMs: 400 });
  const to = mailbox.address();
  await send({ to, subject: 'Welcome to Visma', text: 'x' });
  await send({ to: mailbox.address(), subject: 'Change password request', text: 'someone else' });
  const started = Date.now();
  const error = await mailbox.waitFor({ to, subject: 'Change password request' }).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(error?.message).toContain(
    `No mail to ${to} with subject containing "Change password request" arrived within 400 ms`,
  );
  expect(error?.message).toMatch(
    /What did arrive for that address \(newest first\):\n {2}- "Welcome to Visma" from do\.not\.reply@sandbox\.test at /,
  );
  expect(error?.message).not.toContain('someone else');

  const empty = await mailbox.waitFor({ to: mailbox.address(), timeoutMs: 200 }).then(
    () => '',
    (e: Error) => e.message,
  );
  expect(empty).toContain('Nothing arrived for that address.');
});

test("cleanup deletes this mailbox's mail and mail it read, and nothing else", async ({
  sink,
  open,
  send,
}) => {
  const mine = open();
  const theirs = open();
  const smsAddress = '4791234567@sms.localhost';
  const a = mine.address();
  const b = theirs.address();
  await send({ to: a, subject: 'mine 1', text: 'x' });
  await send({ to: a, subject: 'mine 2', text: 'x' });
  await send({ to: b, subject: 'theirs', text: 'x' });
  await send({ to: smsAddress, subject: 'SMS', text: 'Code 555111' });
  await send({ to: smsAddress, subject: 'SMS', text: 'Code 999000 (someone else, unread)' });
  expect((await mine.waitFor({ to: smsAddress, subject: 'SMS' })).code()).toBe('555111');

  await mine.cleanup();
  const left = (await new MailpitClient(sink.url).listMessages()).messages.map(
    (m) => m.Subject + ':' + m.Snippet,
  );
  expect(left).toContain('theirs:x');
  expect(left).toContain('SMS:Code 999000 (someone else, unread)');
  expect(left.filter((s) => s.startsWith('mine'))).toEqual([]);
  expect(left).not.toContain('SMS:Code 555111');
});

// The composed fixture itself, against the configured MAILPIT_URL: with TARGET=sandbox that is the
// sandbox that Playwright's webServer started, whose SMTP listens on localhost:MAIL_SMTP_PORT (1025).
const fixtureTest = base.extend(mailboxFixtures);

fixtureTest(
  'the mailbox fixture reads mail from MAILPIT_URL and cleans up after itself',
  async ({ mailbox }) => {
    fixtureTest.skip(
      loadConfig().target !== 'sandbox',
      "needs the sandbox's SMTP to send mail into MAILPIT_URL; a remote target's SMTP is not ours to use",
    );
    const to = mailbox.address('fixture');
    const waiting = mailbox.waitFor({ to, subject: 'Fixture check' });
    await nodemailer
      .createTransport({ host: '127.0.0.1', port: loadConfig().sandbox.smtpPort, secure: false })
      .sendMail({ from: 'do.not.reply@sandbox.test', to, subject: 'Fixture check', text: 'ok' });
    expect((await waiting).text).toBe('ok');
  },
);
