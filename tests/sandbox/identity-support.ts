// Helpers for the sandbox's identity tests: HTTP to *.localhost (Node does not resolve it the way Chromium
// does, so requests go to the loopback address with the right Host header), a tiny cookie jar, SCIM
// provisioning and the test-mode control API. Tests talk to the sandbox over HTTP only.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { loadConfig } from '../../lib/config.ts';

export const config = loadConfig();
export const urls = config.urls;
export const scimUrl = config.scim?.url ?? `${urls.connect}/scim/v2`;
export const scimToken = config.scim?.token ?? 'sandbox-scim-token';
export const EXT = 'urn:guidewright:params:scim:schemas:extension:sandbox:2.0:User';
export const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
  location?: string;
}

/** Cookies per host, enough for following a sign-in by hand. */
export class CookieJar {
  private readonly jars = new Map<string, Map<string, string>>();
  header(host: string): string | undefined {
    const jar = this.jars.get(host);
    return jar && jar.size ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
  }
  store(host: string, setCookie: string[] | undefined): void {
    const jar = this.jars.get(host) ?? new Map<string, string>();
    this.jars.set(host, jar);
    for (const line of setCookie ?? []) {
      const [pair, ...attrs] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
  }
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  jar?: CookieJar;
}

export function httpRequest(url: string, o: RequestOptions = {}): Promise<HttpResponse> {
  const target = new URL(url);
  const loopback = target.hostname === 'localhost' || target.hostname.endsWith('.localhost');
  const headers: Record<string, string> = { ...o.headers, host: target.host };
  const cookie = o.jar?.header(target.host);
  if (cookie) headers.cookie = cookie;
  if (o.body !== undefined) headers['content-length'] = String(Buffer.byteLength(o.body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: loopback ? '127.0.0.1' : target.hostname,
        port: Number(target.port || 80),
        path: `${target.pathname}${target.search}`,
        method: o.method ?? 'GET',
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          o.jar?.store(target.host, res.headers['set-cookie']);
          const text = Buffer.concat(chunks).toString('utf8');
          const location = res.headers.location ? new URL(res.headers.location, url).href : undefined;
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            location,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

/** A fetch for openid-client's customFetch option that reaches *.localhost. */
export async function loopbackFetch(
  url: string,
  options: { method: string; headers: Record<string, string>; body?: unknown },
): Promise<Response> {
  const body =
    typeof options.body === 'string'
      ? options.body
      : options.body instanceof URLSearchParams
        ? options.body.toString()
        : undefined;
  const res = await httpRequest(url, { method: options.method, headers: options.headers, body });
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  return new Response(res.status === 204 ? null : res.text, { status: res.status, headers });
}

export const uniqueEmail = (label: string): string =>
  `gw-${label}-${randomBytes(6).toString('hex')}@guidewright.test`;

/** A password that satisfies the policy and is unique to the test (never logged). */
export const strongPassword = (): string => `Gw!${randomBytes(6).toString('base64url')}7a`;

export function scimRequest(method: string, path: string, body?: unknown, token = scimToken) {
  return httpRequest(`${scimUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/scim+json',
      ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface NewUser {
  email?: string;
  givenName?: string;
  familyName?: string;
  password?: string;
  status?: 'invited' | 'active';
  language?: 'en' | 'nb';
  /** The app the invitation (and its activation link) is for; the sandbox's default is the portal. */
  app?: string;
  /** The SCIM extension's `seeds` (e.g. two-step verification state), stored as given. */
  seeds?: Record<string, unknown>;
}

/**
 * Seeds for an account that signs in to Visma Home in a test about something else: Home offers two-step
 * verification ("Remind me later") before its deadline; these sign-ins count as already postponed.
 */
export const HOME_PROMPT_POSTPONED = { twofactor: { postponedSignins: 5 } } as const;

export interface ScimUser {
  id: string;
  userName: string;
  [key: string]: unknown;
}

export async function createUser(u: NewUser = {}): Promise<ScimUser> {
  const body = {
    schemas: [CORE, EXT],
    userName: u.email ?? uniqueEmail('user'),
    name: { givenName: u.givenName ?? 'Test', familyName: u.familyName ?? 'Person' },
    [EXT]: {
      ...(u.password ? { password: u.password } : {}),
      ...(u.status ? { status: u.status } : {}),
      ...(u.language ? { language: u.language } : {}),
      ...(u.app ? { app: u.app } : {}),
      ...(u.seeds ? { seeds: u.seeds } : {}),
    },
  };
  const res = await scimRequest('POST', '/Users', body);
  if (res.status !== 201) throw new Error(`SCIM create failed: ${res.status} ${res.text}`);
  return res.json<ScimUser>();
}

export async function deleteUser(id: string): Promise<void> {
  await scimRequest('DELETE', `/Users/${id}`);
}

/** Moves one account's clock forward (test-mode control API). */
export async function advanceClock(id: string, seconds: number): Promise<void> {
  const res = await httpRequest(`${urls.connect}/control/v1/accounts/${id}/clock`, {
    method: 'POST',
    headers: { authorization: `Bearer ${scimToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  if (res.status !== 200) throw new Error(`clock advance failed: ${res.status} ${res.text}`);
}

/** The CSRF field of the first form in a page. */
export function csrfFrom(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  if (!m) throw new Error('no CSRF field in the page');
  return m[1]!;
}

export const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

/** An app's signed-in page: the "Signed in as" section with the session's name and email. */
export const signedInAs = (page: Page, lang: 'en' | 'nb' = 'en') =>
  page.getByRole('region', { name: lang === 'nb' ? 'Logget inn som' : 'Signed in as', exact: true });
