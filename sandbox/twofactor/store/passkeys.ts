// Passkeys (WebAuthn credentials) per account: public key, counter, transports, name.
import { sql, type Db } from '../../store/db.ts';
import type { Account } from '../../store/accounts.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tfa_passkeys (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  public_key BLOB NOT NULL,
  counter INTEGER NOT NULL,
  transports TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
`;

export class Passkeys {
  constructor(private readonly db: Db) {
    db.exec(SCHEMA);
  }

  addPasskey(
    account: Account,
    p: { id: string; publicKey: Uint8Array; counter: number; transports: string[]; name: string },
  ): void {
    sql(
      this.db,
      'INSERT INTO tfa_passkeys (id, account_id, public_key, counter, transports, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      p.id,
      account.id,
      Buffer.from(p.publicKey),
      p.counter,
      JSON.stringify(p.transports),
      p.name,
      Date.now(),
    );
  }
  passkeys(accountId: string): Passkey[] {
    return (
      sql(this.db, 'SELECT * FROM tfa_passkeys WHERE account_id = ? ORDER BY created_at').all(
        accountId,
      ) as PasskeyRow[]
    ).map(passkeyFromRow);
  }
  passkey(id: string): Passkey | undefined {
    const r = sql(this.db, 'SELECT * FROM tfa_passkeys WHERE id = ?').get(id) as PasskeyRow | undefined;
    return r && passkeyFromRow(r);
  }
  setPasskeyCounter(id: string, counter: number): void {
    sql(this.db, 'UPDATE tfa_passkeys SET counter = ? WHERE id = ?').run(counter, id);
  }
  removePasskey(accountId: string, id: string): boolean {
    return (
      sql(this.db, 'DELETE FROM tfa_passkeys WHERE account_id = ? AND id = ?').run(accountId, id).changes > 0
    );
  }
}

export interface Passkey {
  id: string;
  accountId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  name: string;
  createdAt: number;
}
interface PasskeyRow {
  id: string;
  account_id: string;
  public_key: Buffer;
  counter: number;
  transports: string;
  name: string;
  created_at: number;
}
const passkeyFromRow = (r: PasskeyRow): Passkey => ({
  id: r.id,
  accountId: r.account_id,
  publicKey: new Uint8Array(r.public_key),
  counter: r.counter,
  transports: JSON.parse(r.transports) as string[],
  name: r.name,
  createdAt: r.created_at,
});
