// connect's side of the federation to eid.<domain> (openid-client: authorization code + PKCE, state and
// nonce checked by openid-client, ID token signature checked against eid's JWKS). Each started flow is a
// row (verifier, state, nonce, purpose) found through a random cookie of the browser that started it; the
// row is spent by the first answer, so a replayed callback (same code) or another browser gets nothing.
import { randomBytes } from 'node:crypto';
import type Koa from 'koa';
import * as oidc from 'openid-client';
import { sql } from '../store/db.ts';
import { hashToken } from '../store/tokens.ts';
import { cookieOptions, seeOther } from '../web/kit.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { Services } from '../connect/services.ts';
import { loopbackDiscovery } from '../rp/loopback-fetch.ts';
import { EID_CLIENT_ID, eidClientSecret } from './provider.ts';
import { checkNationalId, type EidPerson } from './people.ts';
import type { EidMethod } from './links.ts';

const FLOW_COOKIE = 'eid_flow';
const FLOW_MS = 15 * 60_000;

export type Purpose = 'signin' | 'link';

export interface FlowStart {
  purpose: Purpose;
  redirectUri: string;
  /** The connect interaction (sign-in) or the account (linking in Account Settings). */
  uid?: string;
  accountId?: string;
  lang: string;
}

export type FlowResult =
  | {
      ok: true;
      purpose: Purpose;
      uid: string | null;
      accountId: string | null;
      person: EidPerson;
      method: EidMethod;
    }
  | { ok: false; uid: string | null; reason: MessageKey; detail?: string };

interface FlowRow {
  purpose: Purpose;
  uid: string | null;
  account_id: string | null;
  verifier: string;
  state: string;
  nonce: string;
  redirect_uri: string;
  created_at: number;
}

export class EidClient {
  private readonly discover: () => Promise<oidc.Configuration>;

  constructor(private readonly services: Services) {
    this.discover = loopbackDiscovery(services.urls.eid, EID_CLIENT_ID, eidClientSecret(services));
    services.db.exec(`CREATE TABLE IF NOT EXISTS eid_flows (
      id_hash TEXT PRIMARY KEY,
      purpose TEXT NOT NULL,
      uid TEXT,
      account_id TEXT,
      verifier TEXT NOT NULL,
      state TEXT NOT NULL,
      nonce TEXT NOT NULL,
      redirect_uri TEXT NOT NULL,
      created_at INTEGER NOT NULL
    )`);
    sql(services.db, 'DELETE FROM eid_flows WHERE created_at < ?').run(Date.now() - FLOW_MS);
  }

  /** Sends the browser to ID-porten (always a fresh eID sign-in: prompt=login). */
  async start(ctx: Koa.Context, o: FlowStart): Promise<void> {
    const config = await this.discover();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: o.redirectUri,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      prompt: 'login',
      acr_values: 'idporten-loa-high',
      ui_locales: o.lang,
    });
    const id = randomBytes(32).toString('base64url');
    const db = this.services.db;
    sql(db, 'DELETE FROM eid_flows WHERE created_at < ?').run(Date.now() - FLOW_MS);
    const old = ctx.cookies.get(FLOW_COOKIE);
    if (old) sql(db, 'DELETE FROM eid_flows WHERE id_hash = ?').run(hashToken(old));
    sql(
      db,
      `INSERT INTO eid_flows (id_hash, purpose, uid, account_id, verifier, state, nonce, redirect_uri, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      hashToken(id),
      o.purpose,
      o.uid ?? null,
      o.accountId ?? null,
      verifier,
      state,
      nonce,
      o.redirectUri,
      Date.now(),
    );
    ctx.cookies.set(FLOW_COOKIE, id, cookieOptions(this.services.kit, FLOW_MS));
    seeOther(ctx, url.href);
  }

  /** Handles ID-porten's answer at the redirect URI. The flow is spent whatever the outcome. */
  async finish(ctx: Koa.Context): Promise<FlowResult> {
    const id = ctx.cookies.get(FLOW_COOKIE);
    ctx.cookies.set(FLOW_COOKIE, null, cookieOptions(this.services.kit));
    const db = this.services.db;
    const row = id
      ? (sql(db, 'SELECT * FROM eid_flows WHERE id_hash = ?').get(hashToken(id)) as FlowRow | undefined)
      : undefined;
    if (!row || row.created_at < Date.now() - FLOW_MS)
      return { ok: false, uid: null, reason: 'eid.reason.noFlow' };
    sql(db, 'DELETE FROM eid_flows WHERE id_hash = ?').run(hashToken(id!));
    if (ctx.query.error === 'access_denied')
      return { ok: false, uid: row.uid, reason: 'eid.reason.cancelled' };
    let tokens;
    try {
      const current = new URL(`${row.redirect_uri}${ctx.querystring ? `?${ctx.querystring}` : ''}`);
      tokens = await oidc.authorizationCodeGrant(await this.discover(), current, {
        pkceCodeVerifier: row.verifier,
        expectedState: row.state,
        expectedNonce: row.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      return { ok: false, uid: row.uid, reason: 'eid.reason.rejected', detail: (error as Error).message };
    }
    const claims = tokens.claims()!;
    const pid = checkNationalId(String(claims.pid ?? ''));
    if (!pid.ok)
      return { ok: false, uid: row.uid, reason: 'eid.reason.rejected', detail: 'no valid pid claim' };
    const amr = Array.isArray(claims.amr) ? claims.amr.map(String) : [];
    return {
      ok: true,
      purpose: row.purpose,
      uid: row.uid,
      accountId: row.account_id,
      method: amr.includes('BankID Mobil') ? 'bankid-mobile' : 'bankid',
      person: {
        pid: pid.value,
        givenName: String(claims.given_name ?? ''),
        familyName: String(claims.family_name ?? ''),
      },
    };
  }
}
