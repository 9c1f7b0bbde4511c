// oidc-provider's storage (sessions, interactions, grants, codes, tokens) in the sandbox's SQLite file,
// in place of its development-only memory store: that one is a 1,000-entry LRU shared by both providers,
// so a long run (a local sandbox reused across many test runs) could evict a session still in use; it is
// also lost on every restart. One row per stored object, keyed by provider, model and id; expired rows
// are invisible at once and deleted now and then.
import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider';
import { sql, type Db } from './db.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS oidc_store (
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  id TEXT NOT NULL,
  payload TEXT NOT NULL,
  grant_id TEXT,
  uid TEXT,
  user_code TEXT,
  expires_at INTEGER,
  consumed_at INTEGER,
  PRIMARY KEY (provider, model, id)
);
CREATE INDEX IF NOT EXISTS oidc_store_grant ON oidc_store (provider, grant_id);
CREATE INDEX IF NOT EXISTS oidc_store_uid ON oidc_store (provider, model, uid);
CREATE INDEX IF NOT EXISTS oidc_store_expiry ON oidc_store (expires_at);
`;

/**
 * The models a grant's revocation removes (oidc-provider's own memory adapter keeps the same list); an
 * Interaction or a Session may name a grant too, but must outlive its revocation (a sign-in that replaces
 * another account's session logs that one out and then resumes the interaction).
 */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

/** Every this many writes, expired rows are deleted. */
const SWEEP_EVERY = 500;

interface Row {
  payload: string;
  consumed_at: number | null;
}

/** The adapter class for one provider (`connect`, `eid`) of the sandbox, stored in `db`. */
export function sqliteAdapter(db: Db, provider: string): AdapterConstructor {
  db.exec(SCHEMA);
  sql(db, 'DELETE FROM oidc_store WHERE expires_at <= ?').run(Date.now());
  let writes = 0;

  const live = 'provider = ? AND model = ? AND (expires_at IS NULL OR expires_at > ?)';
  return class SqliteAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      sql(
        db,
        `INSERT INTO oidc_store (provider, model, id, payload, grant_id, uid, user_code, expires_at, consumed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)
         ON CONFLICT (provider, model, id) DO UPDATE SET payload = excluded.payload,
           grant_id = excluded.grant_id, uid = excluded.uid, user_code = excluded.user_code,
           expires_at = excluded.expires_at, consumed_at = NULL`,
      ).run(
        provider,
        this.model,
        id,
        JSON.stringify(payload),
        GRANTABLE.has(this.model) ? (payload.grantId ?? null) : null,
        payload.uid ?? null,
        payload.userCode ?? null,
        expiresIn ? Date.now() + expiresIn * 1000 : null,
      );
      if (++writes % SWEEP_EVERY === 0) {
        sql(db, 'DELETE FROM oidc_store WHERE expires_at <= ?').run(Date.now());
      }
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return this.findBy('id', id);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.findBy('uid', uid);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.findBy('user_code', userCode);
    }

    /** The live (unexpired) object of this model whose `column` is `value`. */
    private findBy(column: 'id' | 'uid' | 'user_code', value: string): AdapterPayload | undefined {
      const row = sql(db, `SELECT payload, consumed_at FROM oidc_store WHERE ${live} AND ${column} = ?`).get(
        provider,
        this.model,
        Date.now(),
        value,
      ) as Row | undefined;
      if (!row) return undefined;
      const payload = JSON.parse(row.payload) as AdapterPayload;
      return row.consumed_at === null ? payload : { ...payload, consumed: row.consumed_at };
    }

    async consume(id: string): Promise<void> {
      sql(db, 'UPDATE oidc_store SET consumed_at = ? WHERE provider = ? AND model = ? AND id = ?').run(
        Math.floor(Date.now() / 1000),
        provider,
        this.model,
        id,
      );
    }

    async destroy(id: string): Promise<void> {
      sql(db, 'DELETE FROM oidc_store WHERE provider = ? AND model = ? AND id = ?').run(
        provider,
        this.model,
        id,
      );
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      sql(db, 'DELETE FROM oidc_store WHERE provider = ? AND grant_id = ?').run(provider, grantId);
    }
  };
}
