// `npm run bench:mail`: measures the sandbox mail sink and the suite's mailbox, on a sink of its own
// (spawned on free ports, temporary database): SMTP ingest rate, search latency over a full store, and
// mailbox latency from SMTP accept to message-in-hand.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { MailpitClient } from 'mailpit-api';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { Mailbox } from '../lib/mail/mailbox.ts';
import { spawnMailSink } from '../lib/mail/spawn-sink.ts';

const HELP = `Usage: npm run bench:mail -- [options]

Starts its own mail sink on free ports and prints:
  1. SMTP ingest rate: --messages messages over --senders concurrent SMTP connections, after --warmup
     untimed ones (a sink in a test run is past its first mails; the warm-up's own rate is printed too)
  2. search latency p50/p95 (MailpitClient.searchMessages) once the store holds --store messages
  3. mailbox latency p50/p95 from SMTP accept to message-in-hand (Mailbox.waitFor), websocket and poll-only

Options:
  --messages <n>   messages for the ingest measurement (default 1000)
  --warmup <n>     untimed messages sent first, 0 for none (default 200)
  --senders <n>    concurrent SMTP senders (default 4)
  --store <n>      store size for the search measurement (default 5000)
  --searches <n>   searches to time (default 300)
  --rounds <n>     mailbox waits to time, per mode (default 100)
  -h, --help       show this help`;

function positive(name: string, value: string | undefined, fallback: number, least = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < least) {
    console.error(
      `bench:mail: --${name} must be a whole number of at least ${least} (got "${value}")\n\n${HELP}`,
    );
    process.exit(2);
  }
  return n;
}

let values;
try {
  values = parseArgs({
    options: {
      messages: { type: 'string' },
      warmup: { type: 'string' },
      senders: { type: 'string' },
      store: { type: 'string' },
      searches: { type: 'string' },
      rounds: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
} catch (error) {
  console.error(`bench:mail: ${(error as Error).message}\n\n${HELP}`);
  process.exit(2);
}
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const MESSAGES = positive('messages', values.messages, 1000);
const WARMUP = positive('warmup', values.warmup, 200, 0);
const SENDERS = positive('senders', values.senders, 4);
const STORE = positive('store', values.store, 5000);
const SEARCHES = positive('searches', values.searches, 300);
const ROUNDS = positive('rounds', values.rounds, 100);

const WORDS = [
  'activate',
  'account',
  'password',
  'request',
  'welcome',
  'code',
  'portal',
  'konto',
  'passord',
  'kode',
];
const SUBJECTS = [
  'Welcome to Visma',
  'Change password request',
  'Your sign-in link',
  'Password changed',
  'Bekreft e-post',
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const progress = (text: string) => process.stderr.write(`bench:mail: ${text}\n`);

function mail(n: number): SendMailOptions {
  const word = WORDS[n % WORDS.length]!;
  return {
    from: 'Visma <do.not.reply@sandbox.test>',
    to: `user${n}@bench.test`,
    subject: `${SUBJECTS[n % SUBJECTS.length]} #${n}`,
    text: `Hello user ${n}. Your ${word} code is ${String(100000 + (n % 900000))}. Æøå.`,
    html: `<p>Hello user ${n}.</p><p><a href="http://connect.localhost:4400/x?n=${n}">Activate account</a> ${word}</p>`,
    attachments: n % 10 === 0 ? [{ filename: `file-${n}.txt`, content: `attachment ${n}` }] : undefined,
  };
}

/** Sends messages first..first+count-1 over `senders` SMTP connections (one pooled connection each). */
async function sendMany(smtpPort: number, first: number, count: number, senders: number, label: string) {
  let next = first;
  let done = 0;
  const end = first + count;
  const step = Math.max(1, Math.floor(count / 4));
  await Promise.all(
    Array.from({ length: senders }, async () => {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: smtpPort,
        secure: false,
        pool: true,
        maxConnections: 1,
        maxMessages: Infinity,
      });
      try {
        while (next < end) {
          const n = next++;
          await transport.sendMail(mail(n));
          done += 1;
          if (done % step === 0) progress(`${label}: ${done}/${count} sent`);
        }
      } finally {
        transport.close();
      }
    }),
  );
}

const sink = await spawnMailSink({ max: 0 });
progress(`sink on smtp :${sink.smtpPort}, http ${sink.url}`);
try {
  const mailpit = new MailpitClient(sink.url);

  // 1. Ingest: the warm-up's mails first (the sink's first mails also pay for compiling its code), then
  //    the timed ones.
  const w0 = performance.now();
  if (WARMUP > 0) await sendMany(sink.smtpPort, 0, WARMUP, SENDERS, 'warm-up');
  const warmupRate = WARMUP / ((performance.now() - w0) / 1000);
  const t0 = performance.now();
  await sendMany(sink.smtpPort, WARMUP, MESSAGES, SENDERS, 'ingest');
  const ingestSeconds = (performance.now() - t0) / 1000;
  const sent = WARMUP + MESSAGES;
  const stored = (await mailpit.getInfo()).Messages;
  if (stored !== sent) throw new Error(`expected ${sent} messages in the store, found ${stored}`);
  const rate = MESSAGES / ingestSeconds;

  // 2. Search over a full store.
  if (STORE > sent) await sendMany(sink.smtpPort, sent, STORE - sent, SENDERS, 'filling store');
  const total = (await mailpit.getInfo()).Messages;
  const queries = (i: number): string => {
    const n = (i * 7919) % total;
    const kinds = [
      `to:user${n}@bench.test`,
      `subject:"Change password request"`,
      WORDS[i % WORDS.length]!,
      `"user ${n}."`,
      'has:attachment is:unread',
      `from:do.not.reply -subject:welcome ${WORDS[(i + 3) % WORDS.length]}`,
      `after:${new Date(Date.now() - 3_600_000).toISOString()} to:user${n}@`,
    ];
    return kinds[i % kinds.length]!;
  };
  const searchTimes: number[] = [];
  for (let i = 0; i < SEARCHES; i++) {
    const s = performance.now();
    await mailpit.searchMessages({ query: queries(i), limit: 50 });
    searchTimes.push(performance.now() - s);
  }
  searchTimes.sort((a, b) => a - b);
  progress(`searched ${SEARCHES} times over ${total} messages`);

  // 3. Mailbox latency: waitFor is already waiting when the mail is sent, as in a test that clicks
  //    "Reset password" and then waits; measured from the SMTP 250 reply to the full message in hand.
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: sink.smtpPort,
    secure: false,
    pool: true,
    maxConnections: 1,
  });
  async function fixtureLatency(options: { websocket: boolean }): Promise<number[]> {
    const mailbox = new Mailbox({ url: sink.url, timeoutMs: 10_000 }, { ...options, pollMs: 100 });
    const times: number[] = [];
    try {
      for (let i = 0; i < ROUNDS; i++) {
        const to = mailbox.address('bench');
        let accepted = 0;
        let inHand = 0;
        const waiting = mailbox.waitFor({ to, subject: 'Latency' }).then((m) => {
          inHand = performance.now();
          return m;
        });
        await transport.sendMail({
          from: 'do.not.reply@sandbox.test',
          to,
          subject: `Latency ${i}`,
          text: 'Code 123456',
        });
        accepted = performance.now();
        const got = await waiting;
        if (got.code() !== '123456') throw new Error('mailbox returned the wrong mail');
        times.push(Math.max(0, inHand - accepted));
      }
    } finally {
      mailbox.close();
    }
    return times.sort((a, b) => a - b);
  }
  const wsTimes = await fixtureLatency({ websocket: true });
  progress(`mailbox (websocket): ${ROUNDS} mails`);
  const pollTimes = await fixtureLatency({ websocket: false });
  progress(`mailbox (poll only, 100 ms): ${ROUNDS} mails`);
  transport.close();

  const p95 = percentile(wsTimes, 95);
  const searchP95 = percentile(searchTimes, 95);
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  const [load1] = loadavg();
  console.log(`
mail sink benchmark (own sink on free ports, temporary SQLite store; load average ${load1?.toFixed(1)} on ${cpus().length} cores)
  SMTP ingest:        ${MESSAGES} messages, ${SENDERS} concurrent senders: ${rate.toFixed(0)} messages/s (${ingestSeconds.toFixed(2)} s)  (target ≥ 300/s: ${verdict(rate >= 300)})
                      ${WARMUP > 0 ? `after ${WARMUP} untimed warm-up messages into the fresh sink, sent at ${warmupRate.toFixed(0)} messages/s` : "no warm-up: the fresh sink's first mails are in the figure"}
  search latency:     ${SEARCHES} searches over ${total} messages: p50 ${ms(percentile(searchTimes, 50))}, p95 ${ms(searchP95)}  (target p95 ≤ 10 ms: ${verdict(searchP95 <= 10)})
  mailbox latency:    SMTP accept → message in hand, ${ROUNDS} mails
    websocket:        p50 ${ms(percentile(wsTimes, 50))}, p95 ${ms(p95)}, max ${ms(wsTimes.at(-1) ?? Number.NaN)}  (target p95 ≤ 100 ms: ${verdict(p95 <= 100)})
    poll-only 100 ms: p50 ${ms(percentile(pollTimes, 50))}, p95 ${ms(percentile(pollTimes, 95))}  (fallback when the websocket is unavailable)`);
  if (p95 > 100 || searchP95 > 10 || rate < 300) process.exitCode = 1;
} finally {
  await sink.stop();
}
