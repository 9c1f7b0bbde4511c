// Two-step flows outside a sign-in (Account Settings, by hashed id and cookie), and WebAuthn challenges
// that belong to no sign-in or flow (the activation page).
import { sql, type Db } from '../../store/db.ts';
import type { Account } from '../../store/accounts.ts';
import { newId, sha256 } from './codes.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tfa_flows (
  id_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  data TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
`;

export class Flows {
  constructor(private readonly db: Db) {
    db.exec(SCHEMA);
  }

  // --- WebAuthn challenges that belong to no sign-in or flow (activation page) ---
  setChallenge(key: string, challenge: string): void {
    sql(this.db, 'DELETE FROM tfa_flows WHERE id_hash = ?').run(sha256(`challenge:${key}`));
    sql(
      this.db,
      'INSERT INTO tfa_flows (id_hash, account_id, purpose, data, expires_at) VALUES (?, ?, ?, ?, ?)',
    ).run(
      sha256(`challenge:${key}`),
      key.split(':')[1],
      'challenge',
      JSON.stringify({ challenge }),
      Date.now() + 10 * 60_000,
    );
  }
  takeChallenge(key: string): string | undefined {
    const r = sql(this.db, 'SELECT data FROM tfa_flows WHERE id_hash = ? AND expires_at > ?').get(
      sha256(`challenge:${key}`),
      Date.now(),
    ) as { data: string } | undefined;
    sql(this.db, 'DELETE FROM tfa_flows WHERE id_hash = ?').run(sha256(`challenge:${key}`));
    return r ? (JSON.parse(r.data) as { challenge: string }).challenge : undefined;
  }

  // --- wizard flows outside a sign-in (Account Settings) ---
  newFlow(account: Account, purpose: string, data: Record<string, unknown>, ttlMs: number): string {
    const id = newId(32);
    sql(this.db, 'DELETE FROM tfa_flows WHERE expires_at < ?').run(Date.now());
    sql(
      this.db,
      'INSERT INTO tfa_flows (id_hash, account_id, purpose, data, expires_at) VALUES (?, ?, ?, ?, ?)',
    ).run(sha256(id), account.id, purpose, JSON.stringify(data), Date.now() + ttlMs);
    return id;
  }
  flow(id: string): { accountId: string; purpose: string; data: Record<string, unknown> } | undefined {
    const r = sql(this.db, 'SELECT * FROM tfa_flows WHERE id_hash = ? AND expires_at > ?').get(
      sha256(id),
      Date.now(),
    ) as { account_id: string; purpose: string; data: string } | undefined;
    return (
      r && {
        accountId: r.account_id,
        purpose: r.purpose,
        data: JSON.parse(r.data) as Record<string, unknown>,
      }
    );
  }
  saveFlow(id: string, data: Record<string, unknown>): void {
    sql(this.db, 'UPDATE tfa_flows SET data = ? WHERE id_hash = ?').run(JSON.stringify(data), sha256(id));
  }
  endFlow(id: string): void {
    sql(this.db, 'DELETE FROM tfa_flows WHERE id_hash = ?').run(sha256(id));
  }
}
