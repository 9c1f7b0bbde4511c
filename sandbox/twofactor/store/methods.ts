// Which two-step methods an account has (authenticator key, phone, emergency code), one row per account;
// seeds from SCIM are taken in on first use.
import { sql, type Db } from '../../store/db.ts';
import type { Account } from '../../store/accounts.ts';
import { sha256 } from './codes.ts';
import { seedMark, seedSchema, type TwoFactorSeed } from './seed.ts';
import type { PushDevices } from './push-devices.ts';

export interface TfaAccount {
  enrolled: boolean;
  totpSecret: string | null;
  totpLastStep: number | null;
  phone: string | null;
  emergencyHash: string | null;
  postponedSignins: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tfa_accounts (
  account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  enrolled INTEGER NOT NULL DEFAULT 0,
  totp_secret TEXT,
  totp_last_step INTEGER,
  phone TEXT,
  emergency_hash TEXT,
  postponed_signins INTEGER,
  enrolled_at INTEGER,
  seed_mark TEXT
);
`;

export class TfaMethods {
  constructor(
    private readonly db: Db,
    private readonly devices: PushDevices,
  ) {
    db.exec(SCHEMA);
  }

  /** The account's 2FA row; seeds from SCIM are taken in on first use. */
  get(account: Account): TfaAccount {
    let row = sql(this.db, 'SELECT * FROM tfa_accounts WHERE account_id = ?').get(account.id) as
      Record<string, unknown> | undefined;
    // Seeds (SCIM create, or a later SCIM change of them) replace the 2FA state once per version.
    const reseed = account.extension.twofactor !== undefined && !!row && row.seed_mark !== seedMark(account);
    if (!row || reseed) {
      if (row) sql(this.db, 'DELETE FROM tfa_accounts WHERE account_id = ?').run(account.id);
      this.importSeed(account);
      row = sql(this.db, 'SELECT * FROM tfa_accounts WHERE account_id = ?').get(account.id) as Record<
        string,
        unknown
      >;
    }
    return {
      enrolled: row.enrolled === 1,
      totpSecret: (row.totp_secret as string | null) ?? null,
      totpLastStep: (row.totp_last_step as number | null) ?? null,
      phone: (row.phone as string | null) ?? null,
      emergencyHash: (row.emergency_hash as string | null) ?? null,
      postponedSignins: (row.postponed_signins as number | null) ?? null,
    };
  }

  private importSeed(account: Account): void {
    const parsed = seedSchema.safeParse(account.extension.twofactor ?? {});
    const seed: TwoFactorSeed = parsed.success ? parsed.data : {};
    if (!parsed.success) console.error('sandbox: ignoring an invalid twofactor seed of an account');
    const enrolled = seed.enrolled ?? Boolean(seed.totpSecret || seed.pushDevice);
    sql(
      this.db,
      `INSERT OR IGNORE INTO tfa_accounts (account_id, enrolled, totp_secret, phone, emergency_hash, postponed_signins, enrolled_at, seed_mark)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      account.id,
      enrolled ? 1 : 0,
      seed.totpSecret ?? null,
      seed.phone ?? null,
      seed.emergencyCode ? sha256(seed.emergencyCode) : null,
      seed.postponedSignins ?? null,
      enrolled ? Date.now() : null,
      account.extension.twofactor !== undefined ? seedMark(account) : null,
    );
    if (seed.pushDevice) {
      const { id, key, name } = seed.pushDevice;
      this.devices.seedDevice(account, id, key, name ?? 'Visma Authenticator');
    }
  }

  update(account: Account, changes: Partial<TfaAccount> & { enrolledAt?: number | null }): void {
    this.get(account);
    const columns: Record<string, string> = {
      enrolled: 'enrolled',
      totpSecret: 'totp_secret',
      totpLastStep: 'totp_last_step',
      phone: 'phone',
      emergencyHash: 'emergency_hash',
      postponedSignins: 'postponed_signins',
      enrolledAt: 'enrolled_at',
    };
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    const sets = keys.map((k) => `${columns[k]} = @${k}`).join(', ');
    const params: Record<string, unknown> = { id: account.id };
    for (const k of keys) {
      const v = (changes as Record<string, unknown>)[k];
      params[k] = typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null);
    }
    sql(this.db, `UPDATE tfa_accounts SET ${sets} WHERE account_id = @id`).run(params);
  }

  /** Turns every method off (the caller removes devices and remembered browsers too). */
  clear(account: Account): void {
    this.update(account, {
      enrolled: false,
      totpSecret: null,
      totpLastStep: null,
      phone: null,
      emergencyHash: null,
      postponedSignins: null,
      enrolledAt: null,
    });
  }
}
