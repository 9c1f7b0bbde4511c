// One-time tokens (activation, password reset, one-time sign-in, sign-in tickets): 256-bit random values
// handed out once; only their SHA-256 is stored. Expiry is measured on the account's own clock.
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Db } from './db.ts';
import { accountNow, type Account, type Accounts } from './accounts.ts';

export type TokenKind = 'activation' | 'reset' | 'onetime' | 'ticket';

export const hashToken = (raw: string): string => createHash('sha256').update(raw).digest('base64url');
export const randomToken = (): string => randomBytes(32).toString('base64url');

interface TokenRow {
  hash: string;
  kind: TokenKind;
  account_id: string;
  client_id: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export type TokenCheck =
  | { ok: true; account: Account; clientId: string | null }
  | { ok: false; reason: 'unknown' | 'used' | 'expired'; account?: Account; clientId?: string | null };

export class Tokens {
  constructor(
    private readonly db: Db,
    private readonly accounts: Accounts,
  ) {}

  issue(kind: TokenKind, account: Account, ttlMs: number, clientId: string | null): string {
    const raw = randomToken();
    const now = accountNow(account);
    sql(
      this.db,
      'INSERT INTO tokens (hash, kind, account_id, client_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(hashToken(raw), kind, account.id, clientId, now, now + ttlMs);
    return raw;
  }

  /** Looks a token up without using it (GET of a link must not spend it). */
  check(kind: TokenKind, raw: string | undefined): TokenCheck {
    if (!raw || raw.length > 200) return { ok: false, reason: 'unknown' };
    const row = sql(this.db, 'SELECT * FROM tokens WHERE hash = ? AND kind = ?').get(hashToken(raw), kind) as
      TokenRow | undefined;
    if (!row) return { ok: false, reason: 'unknown' };
    const account = this.accounts.byId(row.account_id);
    if (!account) return { ok: false, reason: 'unknown' };
    if (row.used_at !== null) return { ok: false, reason: 'used', account, clientId: row.client_id };
    if (accountNow(account) >= row.expires_at)
      return { ok: false, reason: 'expired', account, clientId: row.client_id };
    return { ok: true, account, clientId: row.client_id };
  }

  /** Checks and spends a token; of two concurrent uses only one succeeds. */
  consume(kind: TokenKind, raw: string | undefined): TokenCheck {
    const result = this.check(kind, raw);
    if (!result.ok || !raw) return result;
    const spent = sql(this.db, 'UPDATE tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL').run(
      accountNow(result.account),
      hashToken(raw),
    );
    return spent.changes === 1 ? result : { ok: false, reason: 'used', account: result.account };
  }

  /** How many tokens of these kinds were issued to the account within the last windowMs (account clock). */
  issuedSince(account: Account, kinds: TokenKind[], windowMs: number): number {
    const placeholders = kinds.map(() => '?').join(', ');
    const row = sql(
      this.db,
      `SELECT count(*) AS n FROM tokens WHERE account_id = ? AND created_at > ? AND kind IN (${placeholders})`,
    ).get(account.id, accountNow(account) - windowMs, ...kinds) as { n: number };
    return row.n;
  }

  /** Spends every open token of a kind for an account (e.g. older reset links after a password change). */
  revokeAll(kind: TokenKind, account: Account): void {
    sql(this.db, 'UPDATE tokens SET used_at = ? WHERE account_id = ? AND kind = ? AND used_at IS NULL').run(
      accountNow(account),
      account.id,
      kind,
    );
  }
}
