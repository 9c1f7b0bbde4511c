// SQLite storage for the mail sink. The raw message is kept as received; the columns hold what the
// list and search endpoints need, so they never re-parse the MIME.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from '../store/db.ts';

export interface Address {
  Name: string;
  Address: string;
}

/** One row of the message list, shaped like Mailpit's MessageSummary (list item). */
export interface ListItem {
  ID: string;
  MessageID: string;
  Read: boolean;
  From: Address;
  To: Address[];
  Cc: Address[];
  Bcc: Address[];
  ReplyTo: Address[];
  Subject: string;
  Created: string;
  Username: string;
  Tags: string[];
  Size: number;
  Attachments: number;
  Snippet: string;
}

export interface NewMessage {
  messageId: string;
  from: Address;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  replyTo: Address[];
  subject: string;
  snippet: string;
  /** Mailpit's search text: headers, body text, attachment names, normalised (search.ts normalise). */
  searchText: string;
  tags: string[];
  attachments: number;
  inline: number;
  /** Envelope sender (MAIL FROM). */
  mailFrom: string;
  username: string;
  raw: Buffer;
}

interface Row {
  seq: number;
  id: string;
  created: number;
  message_id: string;
  read: number;
  from_json: string;
  to_json: string;
  cc_json: string;
  bcc_json: string;
  reply_to_json: string;
  subject: string;
  username: string;
  size: number;
  attachments: number;
  snippet: string;
}

/** A compiled search: an SQL condition over the `messages` table and its parameters. */
export interface Where {
  sql: string;
  params: unknown[];
}

const LIST_COLUMNS =
  'seq, id, created, message_id, read, from_json, to_json, cc_json, bcc_json, reply_to_json, subject, username, size, attachments, snippet';

const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** A 22-character random ID, like the short UUIDs Mailpit gives its messages. */
export function newId(): string {
  const bytes = randomBytes(22);
  let id = '';
  for (const b of bytes) id += ID_ALPHABET[b % ID_ALPHABET.length];
  return id;
}

export class MailStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly tempDir?: string;

  constructor(dbFile?: string) {
    if (dbFile) {
      this.file = path.resolve(dbFile);
    } else {
      this.tempDir = mkdtempSync(path.join(tmpdir(), 'guidewright-mail-'));
      this.file = path.join(this.tempDir, 'mail.sqlite');
    }
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // A search reads every row's list and search columns: 5,000 messages are about 4 MB, twice SQLite's
    // default page cache, so each search read them back from the file. 64 MB holds a full store.
    this.db.pragma('cache_size = -65536');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        created INTEGER NOT NULL,
        message_id TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        from_json TEXT NOT NULL,
        to_json TEXT NOT NULL,
        cc_json TEXT NOT NULL,
        bcc_json TEXT NOT NULL,
        reply_to_json TEXT NOT NULL,
        subject TEXT NOT NULL,
        username TEXT NOT NULL,
        size INTEGER NOT NULL,
        attachments INTEGER NOT NULL,
        snippet TEXT NOT NULL,
        inline INTEGER NOT NULL,
        mail_from TEXT NOT NULL,
        search_text TEXT NOT NULL
      );
      -- The raw message lives apart, so scanning the list columns for a search never reads it.
      CREATE TABLE IF NOT EXISTS message_raw (id TEXT PRIMARY KEY, raw BLOB NOT NULL);
      CREATE INDEX IF NOT EXISTS messages_created ON messages (created);
      -- Counting all and unread messages (every list answer carries both) reads this index, not the rows.
      CREATE INDEX IF NOT EXISTS messages_read ON messages (read);
      CREATE TABLE IF NOT EXISTS message_tags (
        message_id TEXT NOT NULL,
        tag TEXT NOT NULL,
        PRIMARY KEY (message_id, tag)
      );
      CREATE INDEX IF NOT EXISTS message_tags_tag ON message_tags (tag COLLATE NOCASE);
    `);
  }

  private sql(text: string): Database.Statement {
    return sql(this.db, text);
  }

  add(m: NewMessage, id = newId()): ListItem {
    // One transaction, one commit: the message, its raw form and its tags arrive together or not at all.
    this.db.transaction(() => this.insert(m, id))();
    const item = this.get(id);
    if (!item) throw new Error('mail store: message vanished right after insert');
    return item;
  }

  private insert(m: NewMessage, id: string): void {
    const created = Date.now();
    this.sql(
      `INSERT INTO messages (id, created, message_id, from_json, to_json, cc_json, bcc_json, reply_to_json,
           subject, username, size, attachments, snippet, inline, mail_from, search_text)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      created,
      m.messageId,
      JSON.stringify(m.from),
      JSON.stringify(m.to),
      JSON.stringify(m.cc),
      JSON.stringify(m.bcc),
      JSON.stringify(m.replyTo),
      m.subject,
      m.username,
      m.raw.length,
      m.attachments,
      m.snippet,
      m.inline,
      m.mailFrom,
      m.searchText,
    );
    this.sql('INSERT INTO message_raw (id, raw) VALUES (?, ?)').run(id, m.raw);
    if (m.tags.length > 0) this.setTags([id], m.tags);
  }

  /** Replaces the tags of these messages; a name already in use with other casing keeps that casing. */
  setTags(ids: string[], tags: string[]): void {
    const existing = this.sql('SELECT tag FROM message_tags WHERE tag = ? COLLATE NOCASE LIMIT 1');
    const clear = this.sql('DELETE FROM message_tags WHERE message_id = ?');
    const insert = this.sql('INSERT OR IGNORE INTO message_tags (message_id, tag) VALUES (?, ?)');
    this.db.transaction(() => {
      const spelled = tags.map((t) => (existing.get(t) as { tag: string } | undefined)?.tag ?? t);
      for (const id of ids) {
        clear.run(id);
        for (const tag of spelled) insert.run(id, tag);
      }
    })();
  }

  /** Every tag in use, sorted. */
  allTags(): string[] {
    const rows = this.sql('SELECT DISTINCT tag FROM message_tags ORDER BY tag').all() as Array<{
      tag: string;
    }>;
    return rows.map((r) => r.tag);
  }

  /** Renames a tag on every message (case ignored when finding it); false when no message has it. */
  renameTag(from: string, to: string): boolean {
    const ids = this.sql('SELECT message_id FROM message_tags WHERE tag = ? COLLATE NOCASE').all(
      from,
    ) as Array<{ message_id: string }>;
    if (ids.length === 0) return false;
    this.db.transaction(() => {
      this.sql('DELETE FROM message_tags WHERE tag = ? COLLATE NOCASE').run(from);
      const insert = this.sql('INSERT OR IGNORE INTO message_tags (message_id, tag) VALUES (?, ?)');
      for (const r of ids) insert.run(r.message_id, to);
    })();
    return true;
  }

  /** Removes a tag from every message; the messages stay. Returns how many carried it. */
  deleteTag(tag: string): number {
    return this.sql('DELETE FROM message_tags WHERE tag = ? COLLATE NOCASE').run(tag).changes;
  }

  private tagsOf(ids: string[]): Map<string, string[]> {
    const map = new Map<string, string[]>();
    if (ids.length === 0) return map;
    const rows = this.sql(
      `SELECT message_id, tag FROM message_tags WHERE message_id IN (${ids.map(() => '?').join(',')}) ORDER BY tag`,
    ).all(...ids) as Array<{ message_id: string; tag: string }>;
    for (const r of rows) map.set(r.message_id, [...(map.get(r.message_id) ?? []), r.tag]);
    return map;
  }

  private withTags(rows: Row[]): ListItem[] {
    const tags = this.tagsOf(rows.map((r) => r.id));
    return rows.map((r) => ({ ...toItem(r), Tags: tags.get(r.id) ?? [] }));
  }

  /** Deletes the oldest messages beyond `max` (0 = keep all); returns the deleted IDs. */
  prune(max: number): string[] {
    if (max <= 0) return [];
    const rows = this.sql('SELECT id FROM messages ORDER BY seq DESC LIMIT -1 OFFSET ?').all(max) as Array<{
      id: string;
    }>;
    const ids = rows.map((r) => r.id);
    this.deleteIds(ids);
    return ids;
  }

  /** Resolves `latest` to the newest message's ID. */
  resolveId(id: string): string | undefined {
    if (id === 'latest') {
      const row = this.sql('SELECT id FROM messages ORDER BY seq DESC LIMIT 1').get() as
        { id: string } | undefined;
      return row?.id;
    }
    const row = this.sql('SELECT id FROM messages WHERE id = ?').get(id) as { id: string } | undefined;
    return row?.id;
  }

  get(id: string): ListItem | undefined {
    const row = this.sql(`SELECT ${LIST_COLUMNS} FROM messages WHERE id = ?`).get(id) as Row | undefined;
    return row ? this.withTags([row])[0] : undefined;
  }

  envelopeFrom(id: string): string {
    const row = this.sql('SELECT mail_from FROM messages WHERE id = ?').get(id) as
      { mail_from: string } | undefined;
    return row?.mail_from ?? '';
  }

  raw(id: string): Buffer | undefined {
    const row = this.sql('SELECT raw FROM message_raw WHERE id = ?').get(id) as { raw: Buffer } | undefined;
    return row?.raw;
  }

  list(
    where: Where | undefined,
    start: number,
    limit: number,
  ): { items: ListItem[]; count: number; unread: number } {
    const cond = where ? `WHERE ${where.sql}` : '';
    const params = where?.params ?? [];
    const rows = this.sql(
      `SELECT ${LIST_COLUMNS} FROM messages ${cond} ORDER BY seq DESC LIMIT ? OFFSET ?`,
    ).all(...params, limit, start) as Row[];
    // A first page shorter than the limit holds every match: count them here rather than test the
    // condition on every message a second time. (A test's search for its own address is such a page.)
    if (start === 0 && rows.length < limit) {
      const unread = rows.filter((r) => r.read === 0).length;
      return { items: this.withTags(rows), count: rows.length, unread };
    }
    const totals = this.sql(
      `SELECT COUNT(*) AS count, COALESCE(SUM(read = 0), 0) AS unread FROM messages ${cond}`,
    ).get(...params) as { count: number; unread: number };
    return { items: this.withTags(rows), count: totals.count, unread: totals.unread };
  }

  ids(where: Where | undefined): string[] {
    const cond = where ? `WHERE ${where.sql}` : '';
    const rows = this.sql(`SELECT id FROM messages ${cond}`).all(...(where?.params ?? [])) as Array<{
      id: string;
    }>;
    return rows.map((r) => r.id);
  }

  totals(): { total: number; unread: number } {
    const t = this.sql(
      'SELECT COUNT(*) AS total, COALESCE(SUM(read = 0), 0) AS unread FROM messages',
    ).get() as { total: number; unread: number };
    return t;
  }

  setRead(ids: string[], read: boolean): void {
    const stmt = this.sql('UPDATE messages SET read = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) stmt.run(read ? 1 : 0, id);
    })();
  }

  deleteIds(ids: string[]): void {
    const stmt = this.sql('DELETE FROM messages WHERE id = ?');
    const tags = this.sql('DELETE FROM message_tags WHERE message_id = ?');
    const raw = this.sql('DELETE FROM message_raw WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) {
        stmt.run(id);
        tags.run(id);
        raw.run(id);
      }
    })();
  }

  deleteAll(): number {
    this.sql('DELETE FROM message_tags').run();
    this.sql('DELETE FROM message_raw').run();
    return this.sql('DELETE FROM messages').run().changes;
  }

  size(): number {
    const page = this.db.pragma('page_count', { simple: true }) as number;
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    return page * pageSize;
  }

  close(): void {
    this.db.close();
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
  }
}

function toItem(r: Row): ListItem {
  return {
    ID: r.id,
    MessageID: r.message_id,
    Read: r.read === 1,
    From: JSON.parse(r.from_json) as Address,
    To: JSON.parse(r.to_json) as Address[],
    Cc: JSON.parse(r.cc_json) as Address[],
    Bcc: JSON.parse(r.bcc_json) as Address[],
    ReplyTo: JSON.parse(r.reply_to_json) as Address[],
    Subject: r.subject,
    Created: new Date(r.created).toISOString(),
    Username: r.username,
    Tags: [],
    Size: r.size,
    Attachments: r.attachments,
    Snippet: r.snippet,
  };
}
