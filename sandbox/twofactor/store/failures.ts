// Wrong codes in a row per account and method, and the lock they lead to.
import { sql, type Db } from '../../store/db.ts';
import type { Account } from '../../store/accounts.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tfa_failures (
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  method TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  PRIMARY KEY (account_id, method)
);
`;

export class Failures {
  constructor(private readonly db: Db) {
    db.exec(SCHEMA);
  }

  lockedUntil(account: Account, method: string, now: number): number | undefined {
    const r = sql(this.db, 'SELECT locked_until FROM tfa_failures WHERE account_id = ? AND method = ?').get(
      account.id,
      method,
    ) as { locked_until: number | null } | undefined;
    return r?.locked_until && r.locked_until > now ? r.locked_until : undefined;
  }
  /** Counts a wrong code; the limit-th in a row locks the method. Returns the lock's end, if locked. */
  fail(account: Account, method: string, now: number, limit: number, lockMs: number): number | undefined {
    const r = sql(
      this.db,
      'SELECT count, locked_until FROM tfa_failures WHERE account_id = ? AND method = ?',
    ).get(account.id, method) as { count: number; locked_until: number | null } | undefined;
    const wasLocked = r?.locked_until && r.locked_until <= now;
    const count = (wasLocked ? 0 : (r?.count ?? 0)) + 1;
    const locked = count >= limit ? now + lockMs : null;
    sql(
      this.db,
      'INSERT OR REPLACE INTO tfa_failures (account_id, method, count, locked_until) VALUES (?, ?, ?, ?)',
    ).run(account.id, method, locked ? 0 : count, locked);
    return locked ?? undefined;
  }
  succeed(account: Account, method: string): void {
    sql(this.db, 'DELETE FROM tfa_failures WHERE account_id = ? AND method = ?').run(account.id, method);
  }
}
