// The state of each sign-in (one oidc-provider interaction), kept between its screens: who the person has
// proved to be, what was used, which extra steps are done and which one is open now.
import { sql, type Db } from './db.ts';

export interface SignInState {
  /** Email entered on step 1 (or remembered). */
  email?: string;
  /** Set once the person has proved who they are. */
  accountId?: string;
  /** Authentication methods used so far (RFC 8176 values: pwd, otp, hwk, ...), passed on as amr. */
  amr: string[];
  /** Ids of extra steps already completed in this sign-in. */
  done: string[];
  /** The extra step the pipeline sent the browser to last: the only one whose screens answer now. */
  current?: string;
  /** Scratch space for steps, by step id. */
  data: Record<string, unknown>;
}

export class InteractionStore {
  constructor(private readonly db: Db) {
    // Interactions live at most an hour in oidc-provider; older state is of no use.
    sql(db, 'DELETE FROM interactions WHERE created_at < ?').run(Date.now() - 2 * 3600_000);
  }

  get(uid: string): SignInState {
    const row = sql(this.db, 'SELECT data FROM interactions WHERE uid = ?').get(uid) as
      { data: string } | undefined;
    return row ? (JSON.parse(row.data) as SignInState) : { amr: [], done: [], data: {} };
  }

  save(uid: string, state: SignInState): void {
    sql(
      this.db,
      'INSERT INTO interactions (uid, data, created_at) VALUES (?, ?, ?) ON CONFLICT(uid) DO UPDATE SET data = excluded.data',
    ).run(uid, JSON.stringify(state), Date.now());
  }

  delete(uid: string): void {
    sql(this.db, 'DELETE FROM interactions WHERE uid = ?').run(uid);
  }
}
