// Browsers where "Remember this device" was ticked: a hashed token, until expiry or a new password.
import { sql, type Db } from '../../store/db.ts';
import type { Account } from '../../store/accounts.ts';
import { passwordMark, sha256 } from './codes.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tfa_remembered (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  password_mark TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
`;

export class RememberedDevices {
  constructor(private readonly db: Db) {
    db.exec(SCHEMA);
  }

  remember(account: Account, token: string, expiresAt: number): void {
    sql(
      this.db,
      'INSERT INTO tfa_remembered (token_hash, account_id, password_mark, expires_at) VALUES (?, ?, ?, ?)',
    ).run(sha256(token), account.id, passwordMark(account), expiresAt);
  }
  isRemembered(account: Account, tokens: string[], now: number): boolean {
    for (const token of tokens) {
      const r = sql(this.db, 'SELECT * FROM tfa_remembered WHERE token_hash = ?').get(sha256(token)) as
        { account_id: string; password_mark: string; expires_at: number } | undefined;
      if (r && r.account_id === account.id && r.expires_at > now && r.password_mark === passwordMark(account))
        return true;
    }
    return false;
  }

  forgetAll(account: Account): void {
    sql(this.db, 'DELETE FROM tfa_remembered WHERE account_id = ?').run(account.id);
  }
}
