// Helpers for the sandbox's identity tests: HTTP to *.localhost (Node does not resolve it the way Chromium
// does, so requests go to the loopback address with the right Host header), a tiny cookie jar, SCIM
// provisioning and the test-mode control API. Tests talk to the sandbox over HTTP only.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { loadConfig } from '../../lib/config.ts';
import { httpRequest } from '../../lib/http.ts';
import { generatePassword, SCIM_CORE as CORE, SCIM_SANDBOX_EXTENSION as EXT } from '../../lib/users/index.ts';

export { CookieJar, httpRequest, loopbackFetch, type HttpResult as HttpResponse } from '../../lib/http.ts';
export { CORE, EXT };

export const config = loadConfig();
export const urls = config.urls;
export const scimUrl = config.scim?.url ?? `${urls.connect}/scim/v2`;
export const scimToken = config.scim?.token ?? 'sandbox-scim-token';

export const uniqueEmail = (label: string): string =>
  `gw-${label}-${randomBytes(6).toString('hex')}@guidewright.test`;

/** A password that satisfies the policy and is unique to the test (never logged). */
export const strongPassword = generatePassword;

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
