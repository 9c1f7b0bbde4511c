// SMS codes, hashed: one per account and purpose; a new one replaces the old.
import { sql, type Db } from '../../store/db.ts';
import type { Account } from '../../store/accounts.ts';
import { sha256 } from './codes.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tfa_sms (
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  phone TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, purpose)
);
`;

export class SmsCodes {
  constructor(private readonly db: Db) {
    db.exec(SCHEMA);
  }

  setSms(account: Account, purpose: string, phone: string, code: string, expiresAt: number): void {
    sql(
      this.db,
      'INSERT OR REPLACE INTO tfa_sms (account_id, purpose, phone, code_hash, expires_at) VALUES (?, ?, ?, ?, ?)',
    ).run(account.id, purpose, phone, sha256(code), expiresAt);
  }
  getSms(
    account: Account,
    purpose: string,
  ): { phone: string; codeHash: string; expiresAt: number } | undefined {
    const r = sql(this.db, 'SELECT * FROM tfa_sms WHERE account_id = ? AND purpose = ?').get(
      account.id,
      purpose,
    ) as { phone: string; code_hash: string; expires_at: number } | undefined;
    return r && { phone: r.phone, codeHash: r.code_hash, expiresAt: r.expires_at };
  }
  clearSms(account: Account, purpose: string): void {
    sql(this.db, 'DELETE FROM tfa_sms WHERE account_id = ? AND purpose = ?').run(account.id, purpose);
  }
}
