// Paired Visma Authenticator devices (key hashed), and pairings in progress from the wizard's QR code.
import { sql, type Db } from '../../store/db.ts';
import type { Account } from '../../store/accounts.ts';
import { sha256 } from './codes.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tfa_push_devices (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  key_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tfa_pairing (
  code_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  secret TEXT NOT NULL,
  device_id TEXT,
  expires_at INTEGER NOT NULL
);
`;

export class PushDevices {
  constructor(private readonly db: Db) {
    db.exec(SCHEMA);
  }

  addPushDevice(account: Account, id: string, key: string, name: string, active: boolean): void {
    sql(
      this.db,
      'INSERT INTO tfa_push_devices (id, account_id, key_hash, name, active, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(id, account.id, sha256(key), name, active ? 1 : 0, Date.now());
  }
  activatePushDevice(id: string): void {
    sql(this.db, 'UPDATE tfa_push_devices SET active = 1 WHERE id = ?').run(id);
  }
  pushDevice(id: string): { id: string; accountId: string; keyHash: string; active: boolean } | undefined {
    const r = sql(this.db, 'SELECT * FROM tfa_push_devices WHERE id = ?').get(id) as
      { id: string; account_id: string; key_hash: string; active: number } | undefined;
    return r && { id: r.id, accountId: r.account_id, keyHash: r.key_hash, active: r.active === 1 };
  }
  hasPush(account: Account): boolean {
    return !!sql(this.db, 'SELECT 1 FROM tfa_push_devices WHERE account_id = ? AND active = 1').get(
      account.id,
    );
  }
  // --- pairing a Visma Authenticator from the wizard's QR code ---
  newPairing(account: Account, code: string, secret: string, ttlMs: number): void {
    sql(this.db, 'DELETE FROM tfa_pairing WHERE expires_at < ?').run(Date.now());
    sql(
      this.db,
      'INSERT OR REPLACE INTO tfa_pairing (code_hash, account_id, secret, expires_at) VALUES (?, ?, ?, ?)',
    ).run(sha256(code), account.id, secret, Date.now() + ttlMs);
  }
  pairing(code: string): { accountId: string; secret: string; deviceId: string | null } | undefined {
    const r = sql(this.db, 'SELECT * FROM tfa_pairing WHERE code_hash = ? AND expires_at > ?').get(
      sha256(code),
      Date.now(),
    ) as { account_id: string; secret: string; device_id: string | null } | undefined;
    return r && { accountId: r.account_id, secret: r.secret, deviceId: r.device_id };
  }
  setPairingDevice(code: string, deviceId: string): void {
    sql(this.db, 'UPDATE tfa_pairing SET device_id = ? WHERE code_hash = ?').run(deviceId, sha256(code));
  }

  /** A device from a SCIM seed: active at once. */
  seedDevice(account: Account, id: string, key: string, name: string): void {
    sql(
      this.db,
      'INSERT OR REPLACE INTO tfa_push_devices (id, account_id, key_hash, name, active, created_at) VALUES (?, ?, ?, ?, 1, ?)',
    ).run(id, account.id, sha256(key), name, Date.now());
  }
  removeAll(account: Account): void {
    sql(this.db, 'DELETE FROM tfa_push_devices WHERE account_id = ?').run(account.id);
  }
}
