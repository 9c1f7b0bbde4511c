// Two-step verification state, in the sandbox's SQLite file (tables of this module, created on start):
// enrolled methods per account, SMS codes, failure counters, remembered devices, push devices and
// requests, passkeys, and the wizard's flows. Secrets that need only be compared are stored hashed.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { sql, type Db } from '../store/db.ts';
import type { Account } from '../store/accounts.ts';

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
CREATE TABLE IF NOT EXISTS tfa_sms (
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  phone TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, purpose)
);
CREATE TABLE IF NOT EXISTS tfa_failures (
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  method TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  PRIMARY KEY (account_id, method)
);
CREATE TABLE IF NOT EXISTS tfa_remembered (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  password_mark TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tfa_push_devices (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  key_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tfa_push_requests (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  app TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tfa_pairing (
  code_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  secret TEXT NOT NULL,
  device_id TEXT,
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tfa_passkeys (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  public_key BLOB NOT NULL,
  counter INTEGER NOT NULL,
  transports TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tfa_flows (
  id_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  data TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
`;

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('base64url');

export interface TfaAccount {
  enrolled: boolean;
  totpSecret: string | null;
  totpLastStep: number | null;
  phone: string | null;
  emergencyHash: string | null;
  postponedSignins: number | null;
}

/** What the SCIM extension may seed (`seeds.twofactor`), so later tests need not repeat enrolment. */
export const seedSchema = z
  .object({
    enrolled: z.boolean().optional(),
    totpSecret: z
      .string()
      .regex(/^[A-Z2-7]{16,64}$/, 'totpSecret must be base32 (A-Z, 2-7), 16 to 64 characters')
      .optional(),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'phone must be an E.164 number such as +4791234567')
      .optional(),
    emergencyCode: z
      .string()
      .regex(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/, 'emergencyCode must look like XXXX-XXXX-XXXX-XXXX-XXXX')
      .optional(),
    pushDevice: z
      .object({
        id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'pushDevice.id: 8 to 64 of A-Z a-z 0-9 _ -'),
        key: z.string().min(16, 'pushDevice.key: at least 16 characters').max(200),
        name: z.string().max(80).optional(),
      })
      .strict()
      .optional(),
    postponedSignins: z.number().int().min(0).max(100).optional(),
  })
  .strict();
export type TwoFactorSeed = z.infer<typeof seedSchema>;

const seedMark = (account: Account): string =>
  sha256(`seed:${JSON.stringify(account.extension.twofactor ?? null)}`);

/** Checks the `twofactor` part of the SCIM extension's `seeds`. Used by connect/scim.ts. */
export function checkTwoFactorSeed(seeds: Record<string, unknown> | undefined, ctx: z.RefinementCtx): void {
  if (!seeds || !('twofactor' in seeds)) return;
  const parsed = seedSchema.safeParse(seeds.twofactor);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: ['twofactor', ...issue.path.map(String)] });
  }
}

/** Emergency codes: 5 groups of 4 from an alphabet without look-alikes (0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newEmergencyCode(): string {
  const groups = Array.from({ length: 5 }, () =>
    Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}
export const normaliseEmergency = (s: string): string => {
  const clean = s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return clean.match(/.{1,4}/g)?.join('-') ?? '';
};

export const sixDigits = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');
export const newId = (bytes = 18): string => randomBytes(bytes).toString('base64url');

/** A mark of the current password: remembered devices die with it. */
export const passwordMark = (account: Account): string => sha256(`pw:${account.passwordHash ?? ''}`);

export class TfaStore {
  constructor(readonly db: Db) {
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
      sql(
        this.db,
        'INSERT OR REPLACE INTO tfa_push_devices (id, account_id, key_hash, name, active, created_at) VALUES (?, ?, ?, ?, 1, ?)',
      ).run(
        seed.pushDevice.id,
        account.id,
        sha256(seed.pushDevice.key),
        seed.pushDevice.name ?? 'Visma Authenticator',
        Date.now(),
      );
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

  /** Turns 2FA off: every method and remembered device of the account goes. */
  disable(account: Account): void {
    this.update(account, {
      enrolled: false,
      totpSecret: null,
      totpLastStep: null,
      phone: null,
      emergencyHash: null,
      postponedSignins: null,
      enrolledAt: null,
    });
    sql(this.db, 'DELETE FROM tfa_push_devices WHERE account_id = ?').run(account.id);
    sql(this.db, 'DELETE FROM tfa_remembered WHERE account_id = ?').run(account.id);
  }

  // --- SMS codes (one per account and purpose; a new one replaces the old) ---
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

  // --- failures per method ---
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

  // --- remembered devices ---
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

  // --- push ---
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

  // --- passkeys ---
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
