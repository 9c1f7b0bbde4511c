// Accounts: the identity behind every app. Email is unique (case-insensitive) but changeable; the id
// (uuid) never changes. Each account has its own clock offset so tests can move one account's time
// (link expiry, lockout) without touching others or real time.
import { randomUUID } from 'node:crypto';
import { sql, type Db } from './db.ts';

export type Language = 'en' | 'nb';
export type AccountStatus = 'invited' | 'active';

export interface Account {
  id: string;
  email: string;
  externalId: string | null;
  givenName: string;
  familyName: string;
  displayName: string;
  language: Language | null;
  country: string | null;
  phone: string | null;
  status: AccountStatus;
  enabled: boolean;
  passwordHash: string | null;
  /** The app the invitation was for: where activation and one-time links land. */
  app: string;
  tenants: string[];
  /** Free-form seeds for later features (2FA, eID), kept as JSON. */
  extension: Record<string, unknown>;
  clockOffsetMs: number;
  failedCount: number;
  failedSince: number | null;
  lockedUntil: number | null;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: string;
  email: string;
  external_id: string | null;
  given_name: string;
  family_name: string;
  display_name: string;
  language: string | null;
  country: string | null;
  phone: string | null;
  status: AccountStatus;
  enabled: number;
  password_hash: string | null;
  app: string;
  tenants: string;
  extension: string;
  clock_offset_ms: number;
  failed_count: number;
  failed_since: number | null;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
}

function fromRow(r: Row): Account {
  return {
    id: r.id,
    email: r.email,
    externalId: r.external_id,
    givenName: r.given_name,
    familyName: r.family_name,
    displayName: r.display_name,
    language: r.language === 'en' || r.language === 'nb' ? r.language : null,
    country: r.country,
    phone: r.phone,
    status: r.status,
    enabled: r.enabled === 1,
    passwordHash: r.password_hash,
    app: r.app,
    tenants: JSON.parse(r.tenants) as string[],
    extension: JSON.parse(r.extension) as Record<string, unknown>,
    clockOffsetMs: r.clock_offset_ms,
    failedCount: r.failed_count,
    failedSince: r.failed_since,
    lockedUntil: r.locked_until,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The account's own "now": real time plus the offset the control API has added. */
export function accountNow(account: Pick<Account, 'clockOffsetMs'>): number {
  return Date.now() + account.clockOffsetMs;
}

export function fullName(a: Pick<Account, 'displayName' | 'givenName' | 'familyName' | 'email'>): string {
  return a.displayName || [a.givenName, a.familyName].filter(Boolean).join(' ') || a.email;
}

export type NewAccount = Pick<Account, 'email' | 'status' | 'app'> &
  Partial<
    Pick<
      Account,
      | 'externalId'
      | 'givenName'
      | 'familyName'
      | 'displayName'
      | 'language'
      | 'country'
      | 'phone'
      | 'enabled'
      | 'passwordHash'
      | 'tenants'
      | 'extension'
    >
  >;

export type AccountChanges = Partial<Omit<Account, 'id' | 'createdAt' | 'updatedAt'>>;

const COLUMNS: Record<keyof AccountChanges, string> = {
  email: 'email',
  externalId: 'external_id',
  givenName: 'given_name',
  familyName: 'family_name',
  displayName: 'display_name',
  language: 'language',
  country: 'country',
  phone: 'phone',
  status: 'status',
  enabled: 'enabled',
  passwordHash: 'password_hash',
  app: 'app',
  tenants: 'tenants',
  extension: 'extension',
  clockOffsetMs: 'clock_offset_ms',
  failedCount: 'failed_count',
  failedSince: 'failed_since',
  lockedUntil: 'locked_until',
};

function toColumnValue(key: keyof AccountChanges, value: unknown): unknown {
  if (key === 'tenants' || key === 'extension') return JSON.stringify(value);
  if (key === 'enabled') return value ? 1 : 0;
  return value ?? null;
}

export class Accounts {
  constructor(private readonly db: Db) {}

  byId(id: string): Account | undefined {
    const row = sql(this.db, 'SELECT * FROM accounts WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  byEmail(email: string): Account | undefined {
    const row = sql(this.db, 'SELECT * FROM accounts WHERE email = ?').get(email.trim()) as Row | undefined;
    return row && fromRow(row);
  }

  list(offset: number, limit: number): { total: number; items: Account[] } {
    const total = (sql(this.db, 'SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
    const rows = sql(this.db, 'SELECT * FROM accounts ORDER BY created_at, id LIMIT ? OFFSET ?').all(
      limit,
      offset,
    ) as Row[];
    return { total, items: rows.map(fromRow) };
  }

  create(input: NewAccount): Account {
    const id = randomUUID();
    const now = Date.now();
    sql(
      this.db,
      `INSERT INTO accounts (id, email, external_id, given_name, family_name, display_name, language, country,
           phone, status, enabled, password_hash, app, tenants, extension, created_at, updated_at)
         VALUES (@id, @email, @externalId, @givenName, @familyName, @displayName, @language, @country,
           @phone, @status, @enabled, @passwordHash, @app, @tenants, @extension, @now, @now)`,
    ).run({
      id,
      email: input.email.trim(),
      externalId: input.externalId ?? null,
      givenName: input.givenName ?? '',
      familyName: input.familyName ?? '',
      displayName: input.displayName ?? '',
      language: input.language ?? null,
      country: input.country ?? null,
      phone: input.phone ?? null,
      status: input.status,
      enabled: input.enabled === false ? 0 : 1,
      passwordHash: input.passwordHash ?? null,
      app: input.app,
      tenants: JSON.stringify(input.tenants ?? []),
      extension: JSON.stringify(input.extension ?? {}),
      now,
    });
    return this.byId(id)!;
  }

  update(id: string, changes: AccountChanges): Account | undefined {
    const keys = Object.keys(changes) as Array<keyof AccountChanges>;
    if (keys.length > 0) {
      const sets = keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ');
      const params: Record<string, unknown> = { id, updatedAt: Date.now() };
      for (const k of keys) params[k] = toColumnValue(k, changes[k]);
      sql(this.db, `UPDATE accounts SET ${sets}, updated_at = @updatedAt WHERE id = @id`).run(params);
    }
    return this.byId(id);
  }

  delete(id: string): boolean {
    return sql(this.db, 'DELETE FROM accounts WHERE id = ?').run(id).changes > 0;
  }

  /** Password hashes of the account, newest first (the current one included). */
  passwordHistory(id: string, limit: number): string[] {
    return (
      sql(
        this.db,
        'SELECT hash FROM password_history WHERE account_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
      ).all(id, limit) as Array<{ hash: string }>
    ).map((r) => r.hash);
  }

  /** Sets a new password hash, records it in the history and clears failures, in one transaction. */
  setPassword(id: string, hash: string, at: number): void {
    this.db.transaction(() => {
      this.update(id, {
        passwordHash: hash,
        status: 'active',
        failedCount: 0,
        failedSince: null,
        lockedUntil: null,
      });
      sql(this.db, 'INSERT INTO password_history (account_id, hash, created_at) VALUES (?, ?, ?)').run(
        id,
        hash,
        at,
      );
    })();
  }
}
