// The sandbox's state: one SQLite file (better-sqlite3, synchronous, so every request sees a consistent
// state). The schema is created on start; a fresh temporary file is used unless SANDBOX_DB names one.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  external_id TEXT,
  given_name TEXT NOT NULL DEFAULT '',
  family_name TEXT NOT NULL DEFAULT '',
  display_name TEXT NOT NULL DEFAULT '',
  language TEXT,
  country TEXT,
  phone TEXT,
  status TEXT NOT NULL CHECK (status IN ('invited', 'active')),
  enabled INTEGER NOT NULL DEFAULT 1,
  password_hash TEXT,
  app TEXT NOT NULL DEFAULT 'portal',
  tenants TEXT NOT NULL DEFAULT '[]',
  extension TEXT NOT NULL DEFAULT '{}',
  clock_offset_ms INTEGER NOT NULL DEFAULT 0,
  failed_count INTEGER NOT NULL DEFAULT 0,
  failed_since INTEGER,
  locked_until INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS password_history (
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS password_history_account ON password_history(account_id, created_at);

CREATE TABLE IF NOT EXISTS tokens (
  hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  client_id TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX IF NOT EXISTS tokens_account ON tokens(account_id, kind);

CREATE TABLE IF NOT EXISTS interactions (
  uid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS app_sessions (
  id_hash TEXT PRIMARY KEY,
  app TEXT NOT NULL,
  sub TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  locale TEXT,
  id_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
`;

export function openDb(file?: string): { db: Db; file: string } {
  const target =
    file && file.trim() !== ''
      ? file
      : path.join(mkdtempSync(path.join(os.tmpdir(), 'sandbox-')), 'sandbox.sqlite');
  const db = new Database(target);
  db.pragma('journal_mode = WAL');
  // Sandbox state need not survive a power cut; NORMAL skips an fsync per write in WAL mode.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 2000');
  db.exec(SCHEMA);
  return { db, file: target };
}

export function getSetting(db: Db, key: string): string | undefined {
  const row = sql(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

/** Returns the stored value for key, creating it with make() on first use ("generated at first start"). */
export function ensureSetting(db: Db, key: string, make: () => string): string {
  const existing = getSetting(db, key);
  if (existing !== undefined) return existing;
  const value = make();
  db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, value);
  return getSetting(db, key) ?? value;
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement, compiled once per database and SQL text (preparing costs more than running). Texts
 * built per query (a mail search has a condition per term) could grow the cache without end, so it starts
 * over at 500.
 */
export function sql(db: Db, text: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) {
    if (cache.size >= 500) cache.clear();
    cache.set(text, (statement = db.prepare(text)));
  }
  return statement;
}
