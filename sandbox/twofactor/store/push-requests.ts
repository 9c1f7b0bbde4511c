// Sign-in requests sent to a Visma Authenticator and their answers (pending, approved, denied, used, replaced).
import { sql, type Db } from '../../store/db.ts';
import type { Account } from '../../store/accounts.ts';
import { newId } from './codes.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tfa_push_requests (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  app TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
`;

export class PushRequests {
  constructor(private readonly db: Db) {
    db.exec(SCHEMA);
  }

  newPushRequest(account: Account, app: string, now: number, timeoutMs: number): string {
    const id = newId(12);
    sql(
      this.db,
      "UPDATE tfa_push_requests SET status = 'replaced' WHERE account_id = ? AND status = 'pending'",
    ).run(account.id);
    sql(
      this.db,
      "INSERT INTO tfa_push_requests (id, account_id, app, status, created_at, expires_at) VALUES (?, ?, ?, 'pending', ?, ?)",
    ).run(id, account.id, app, now, now + timeoutMs);
    return id;
  }
  pushRequest(
    id: string,
  ):
    | { id: string; accountId: string; app: string; status: string; createdAt: number; expiresAt: number }
    | undefined {
    const r = sql(this.db, 'SELECT * FROM tfa_push_requests WHERE id = ?').get(id) as
      | {
          id: string;
          account_id: string;
          app: string;
          status: string;
          created_at: number;
          expires_at: number;
        }
      | undefined;
    return (
      r && {
        id: r.id,
        accountId: r.account_id,
        app: r.app,
        status: r.status,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
      }
    );
  }
  pendingPush(accountId: string): Array<{ id: string; app: string; createdAt: number; expiresAt: number }> {
    return (
      sql(
        this.db,
        "SELECT * FROM tfa_push_requests WHERE account_id = ? AND status = 'pending' ORDER BY created_at",
      ).all(accountId) as Array<{ id: string; app: string; created_at: number; expires_at: number }>
    ).map((r) => ({ id: r.id, app: r.app, createdAt: r.created_at, expiresAt: r.expires_at }));
  }
  decidePush(id: string, status: 'approved' | 'denied' | 'used'): void {
    sql(this.db, 'UPDATE tfa_push_requests SET status = ? WHERE id = ?').run(status, id);
  }
}
