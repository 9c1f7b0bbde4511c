// The suite's inbox: reads mail through Mailpit's REST API (MailpitClient), so it works the same against
// the sandbox's mail sink and a real Mailpit. New mail is noticed through Mailpit's /api/events
// websocket; if the socket cannot be used, a short bounded poll takes over.
import { sendDevtools } from '../devtools.ts';
import { randomBytes } from 'node:crypto';
import { MailpitClient, type MailpitMessageListItem, type MailpitMessageSummaryResponse } from 'mailpit-api';
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { codeFromText, linkByText, subjectMatches, toQuery } from './extract.ts';

export interface MailpitSettings {
  url: string;
  username?: string;
  password?: string;
  /** How long waitFor waits by default. */
  timeoutMs: number;
}

export interface MailboxOptions {
  /** Domain of the addresses that address() hands out. */
  domain?: string;
  /** A short tag in every address (e.g. the worker index), handy when reading the inbox by eye. */
  tag?: string;
  /** Poll interval when the websocket is not available. */
  pollMs?: number;
  /** Set false to poll only (for measuring, or a proxy that blocks websockets). */
  websocket?: boolean;
  /** Where Mailpit's events websocket is, if not at `<url>/api/events` (e.g. behind a proxy). */
  eventsUrl?: string;
}

export interface WaitForOptions {
  to: string;
  /** Contained in the subject (case ignored), or a RegExp. */
  subject?: string | RegExp;
  /** Only mail received at or after this time. */
  after?: Date;
  timeoutMs?: number;
}

/** One received mail, with the helpers a test needs. */
export class Mail {
  constructor(readonly summary: MailpitMessageSummaryResponse) {}

  get id(): string {
    return this.summary.ID;
  }
  get subject(): string {
    return this.summary.Subject;
  }
  get text(): string {
    return this.summary.Text;
  }
  get html(): string {
    return this.summary.HTML;
  }
  get from(): string {
    return this.summary.From.Address;
  }

  /** The address behind a button or link text in the HTML, e.g. link('Activate account'). */
  link(name: string | RegExp): string {
    if (!this.html)
      throw new Error(`The mail "${this.subject}" has no HTML part to find "${String(name)}" in`);
    return linkByText(this.html, name);
  }

  /**
   * Follows the link behind a button or link text in the browser, as the person would after clicking it. The
   * link carries a token, so it is opened without page.goto, whose step title ("Navigate to <url>") would put
   * the token in the report: over DevTools in Chromium, by the page itself elsewhere.
   */
  async open(page: Page, name: string | RegExp): Promise<void> {
    const url = this.link(name);
    const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
    try {
      await sendDevtools(page, 'Page.navigate', { url });
    } catch {
      await page.evaluate((to) => window.location.assign(to), url);
    }
    await navigated;
    await page.waitForLoadState('load');
  }

  /** A one-time code from the text part (6 digits by default, or the first group of `pattern`). */
  code(pattern?: RegExp): string {
    return codeFromText(this.text || this.html, pattern);
  }
}

type Listener = (item: MailpitMessageListItem) => void;

/** Called with every mail waitFor hands to a test, before the test gets it; a throw fails waitFor. */
export type ReadListener = (mail: Mail) => void | Promise<void>;

export class Mailbox {
  readonly client: MailpitClient;
  private readonly settings: MailpitSettings;
  private readonly options: Required<Omit<MailboxOptions, 'eventsUrl'>> & { eventsUrl?: string };
  /** Addresses handed out by this mailbox: its mail is this test's own, and cleanup deletes it. */
  private readonly own = new Set<string>();
  /** Mail this mailbox handed to the test (at other addresses, e.g. SMS numbers): cleanup deletes it too. */
  private readonly seen = new Set<string>();
  private socket?: WebSocket;
  private socketState: 'none' | 'connecting' | 'open' | 'failed' = 'none';
  private socketReady?: Promise<boolean>;
  private readonly listeners = new Set<Listener>();
  private readonly readListeners = new Set<ReadListener>();

  constructor(settings: MailpitSettings, options: MailboxOptions = {}) {
    this.settings = settings;
    this.options = {
      domain: options.domain ?? 'guidewright.test',
      tag: options.tag ?? '',
      pollMs: options.pollMs ?? 100,
      websocket: options.websocket ?? true,
      eventsUrl: options.eventsUrl,
    };
    const auth =
      settings.username !== undefined && settings.password !== undefined
        ? { username: settings.username, password: settings.password }
        : undefined;
    this.client = new MailpitClient(settings.url, auth ? { auth } : undefined);
  }

  /** A fresh address that no other test uses, e.g. `gw-w1-k3j9x2m4q8-anna@guidewright.test`. */
  address(label = ''): string {
    const random = randomBytes(8).toString('hex');
    const parts = ['gw', this.options.tag, random, label.toLowerCase().replace(/[^a-z0-9]+/g, '-')].filter(
      Boolean,
    );
    const address = `${parts.join('-').replace(/-+$/, '')}@${this.options.domain}`;
    this.own.add(address.toLowerCase());
    return address;
  }

  /** Everything that arrived for an address, newest first (list items, not marked read). */
  async messagesFor(to: string): Promise<MailpitMessageListItem[]> {
    const result = await this.client.searchMessages({ query: toQuery(to), limit: 200 });
    const wanted = to.toLowerCase();
    // Mailpit's to: matches parts of addresses; keep exact recipients only.
    return result.messages.filter((m) => recipients(m).includes(wanted));
  }

  /**
   * Waits for a mail to `to` (subject contained or matching; received at/after `after`) and returns it,
   * fully read. Fails after the timeout listing what did arrive for that address.
   */
  async waitFor(o: WaitForOptions): Promise<Mail> {
    const timeoutMs = o.timeoutMs ?? this.settings.timeoutMs;
    const started = Date.now();
    const wanted = o.to.toLowerCase();
    const fits = (m: MailpitMessageListItem) =>
      recipients(m).includes(wanted) &&
      subjectMatches(m.Subject, o.subject) &&
      (o.after === undefined || Date.parse(m.Created) >= o.after.getTime());

    const result = deferred<MailpitMessageListItem | undefined>();
    let done = false;
    let searching = false;
    let searchAgain = false;
    let poller: ReturnType<typeof setInterval> | undefined;
    const deadline = AbortSignal.timeout(Math.max(1, timeoutMs - (Date.now() - started)));
    const finish = (value: MailpitMessageListItem | undefined, error?: unknown) => {
      if (done) return;
      done = true;
      deadline.removeEventListener('abort', onDeadline);
      if (poller) clearInterval(poller);
      this.listeners.delete(onNew);
      this.lostHandlers.delete(startPolling);
      if (error !== undefined) result.reject(error);
      else result.resolve(value);
    };
    const onDeadline = () => finish(undefined);
    // One search at a time; a request that comes in meanwhile runs once the current one is over.
    const search = () => {
      if (done) return;
      if (searching) {
        searchAgain = true;
        return;
      }
      searching = true;
      this.messagesFor(o.to).then(
        (list) => {
          searching = false;
          const hit = [...list].reverse().find(fits); // the oldest fitting mail
          if (hit) finish(hit);
          else if (searchAgain) {
            searchAgain = false;
            search();
          }
        },
        (error: unknown) => {
          searching = false;
          finish(undefined, error);
        },
      );
    };
    const onNew: Listener = (item) => {
      if (fits(item)) finish(item);
    };
    const startPolling = () => {
      if (!poller && !done) poller = setInterval(search, this.options.pollMs);
    };

    deadline.addEventListener('abort', onDeadline);
    this.listeners.add(onNew);
    this.lostHandlers.add(startPolling);
    void this.connect().then((live) => {
      if (!live) startPolling();
      // Mail that came before the socket was listening is found by this search.
      search();
    });
    const found = await result.promise;

    if (!found) throw new Error(await this.describeMiss(o, timeoutMs));
    const summary = await this.client.getMessageSummary(found.ID);
    this.seen.add(found.ID);
    const mail = new Mail(summary);
    for (const listener of [...this.readListeners]) await listener(mail);
    return mail;
  }

  /** Tells `listener` about every mail this mailbox reads for the test (e.g. to check its links). */
  onRead(listener: ReadListener): () => void {
    this.readListeners.add(listener);
    return () => this.readListeners.delete(listener);
  }

  /** Deletes this test's own mail: everything to the addresses it handed out, and mail it read. */
  async cleanup(): Promise<void> {
    for (const address of this.own) await this.client.deleteMessagesBySearch({ query: toQuery(address) });
    if (this.seen.size > 0) await this.client.deleteMessages({ IDs: [...this.seen] });
    this.own.clear();
    this.seen.clear();
  }

  close(): void {
    this.listeners.clear();
    this.readListeners.clear();
    this.socket?.terminate();
    this.socket = undefined;
    this.socketState = 'none';
    this.socketReady = undefined;
  }

  private readonly lostHandlers = new Set<() => void>();

  /** Opens the events socket once; resolves true when live, false when the caller must poll. */
  private connect(): Promise<boolean> {
    if (!this.options.websocket) return Promise.resolve(false);
    if (this.socketState === 'open') return Promise.resolve(true);
    if (this.socketState === 'failed') return Promise.resolve(false);
    if (this.socketReady) return this.socketReady;
    this.socketState = 'connecting';
    const url = new URL(
      this.options.eventsUrl ?? new URL('api/events', this.settings.url.replace(/\/*$/, '/')),
    );
    if (url.protocol === 'https:' || url.protocol === 'http:')
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const headers: Record<string, string> = {};
    if (this.settings.username !== undefined && this.settings.password !== undefined) {
      headers.authorization = `Basic ${Buffer.from(`${this.settings.username}:${this.settings.password}`).toString('base64')}`;
    }
    this.socketReady = new Promise<boolean>((resolve) => {
      const socket = new WebSocket(url, { headers, handshakeTimeout: 2_000 });
      this.socket = socket;
      socket.on('open', () => {
        this.socketState = 'open';
        resolve(true);
      });
      socket.on('message', (data) => {
        let event: { Type?: string; Data?: unknown };
        try {
          event = JSON.parse(String(data)) as { Type?: string; Data?: unknown };
        } catch {
          return;
        }
        if (event.Type !== 'new' || typeof event.Data !== 'object' || event.Data === null) return;
        for (const listener of [...this.listeners]) listener(event.Data as MailpitMessageListItem);
      });
      const lost = () => {
        if (this.socket !== socket) return; // an old socket, closed on purpose
        const wasOpen = this.socketState === 'open';
        this.socketState = 'failed';
        resolve(false);
        if (wasOpen) for (const handler of [...this.lostHandlers]) handler();
      };
      socket.on('error', lost);
      socket.on('close', lost);
    });
    return this.socketReady;
  }

  private async describeMiss(o: WaitForOptions, timeoutMs: number): Promise<string> {
    const what = [
      `to ${o.to}`,
      o.subject !== undefined
        ? `with subject ${typeof o.subject === 'string' ? `containing "${o.subject}"` : String(o.subject)}`
        : '',
      o.after ? `received after ${o.after.toISOString()}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    let arrived: string;
    try {
      const list = await this.messagesFor(o.to);
      arrived =
        list.length === 0
          ? 'Nothing arrived for that address.'
          : `What did arrive for that address (newest first):\n${list
              .map((m) => `  - "${m.Subject}" from ${m.From?.Address ?? '?'} at ${m.Created}`)
              .join('\n')}`;
    } catch (error) {
      arrived = `(Could not list the mail that did arrive: ${(error as Error).message})`;
    }
    return `No mail ${what} arrived within ${timeoutMs} ms (Mailpit at ${this.settings.url}).\n${arrived}`;
  }
}

function deferred<T>(): { promise: Promise<T>; resolve(v: T): void; reject(e: unknown): void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function recipients(m: MailpitMessageListItem): string[] {
  return [...(m.To ?? []), ...(m.Cc ?? []), ...(m.Bcc ?? [])].map((a) => a.Address.toLowerCase());
}
