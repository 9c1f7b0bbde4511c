// connect as an OpenID provider: discovery, JWKS, and an authorization code + PKCE round trip driven by
// openid-client from the test (the sandbox's test-mode public client), signing in over the real screens.
import { expect, test } from '@playwright/test';
import * as oidc from 'openid-client';
import {
  CookieJar,
  createUser,
  csrfFrom,
  deleteUser,
  form,
  httpRequest,
  loopbackFetch,
  strongPassword,
  urls,
} from './identity-support.ts';

const CLIENT_ID = 'guidewright-test';
const REDIRECT_URI = 'http://127.0.0.1/callback';

async function discover(): Promise<oidc.Configuration> {
  const config = await oidc.discovery(new URL(urls.connect), CLIENT_ID, undefined, oidc.None(), {
    execute: [oidc.allowInsecureRequests],
    [oidc.customFetch]: loopbackFetch,
  });
  config[oidc.customFetch] = loopbackFetch;
  return config;
}

/** Follows the sign-in screens by HTTP like a browser would, and returns the final redirect to the client. */
async function signInByHttp(authorizationUrl: URL, email: string, password: string): Promise<URL> {
  const jar = new CookieJar();
  const start = await httpRequest(authorizationUrl.href, { jar });
  expect(start.status).toBe(303);
  const interaction = start.location!;
  expect(interaction).toMatch(/\/interaction\/[\w-]+$/);
  const step1 = await httpRequest(interaction, { jar });
  expect(step1.text).toContain('Email address');
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  const email1 = await httpRequest(`${interaction}/email`, {
    method: 'POST',
    jar,
    headers,
    body: form({ _csrf: csrfFrom(step1.text), Username: email }),
  });
  expect(email1.status).toBe(303);
  const step2 = await httpRequest(interaction, { jar });
  expect(step2.text).toContain('Forgot your password?');
  const done = await httpRequest(`${interaction}/password`, {
    method: 'POST',
    jar,
    headers,
    body: form({ _csrf: csrfFrom(step2.text), Password: password }),
  });
  expect(done.status).toBe(303);
  // Resume, and (for this native test client) the implied consent, until the redirect leaves connect.
  let next = new URL(done.location!);
  for (let hops = 0; next.origin === urls.connect && hops < 5; hops++) {
    const res = await httpRequest(next.href, { jar });
    expect(res.status, `GET ${next.pathname}`).toBe(303);
    next = new URL(res.location!);
  }
  return next;
}

test.describe('OIDC', () => {
  test('discovery names the endpoints, S256 PKCE and a usable JWKS', async () => {
    const res = await httpRequest(`${urls.connect}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const meta = res.json<Record<string, unknown>>();
    expect(meta).toMatchObject({
      issuer: urls.connect,
      authorization_endpoint: `${urls.connect}/auth`,
      token_endpoint: `${urls.connect}/token`,
      end_session_endpoint: `${urls.connect}/session/end`,
      code_challenge_methods_supported: ['S256'],
    });
    const jwks = (await httpRequest(String(meta.jwks_uri))).json<{ keys: Array<Record<string, string>> }>();
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  test('code + PKCE round trip with openid-client gives an ID token for the signed-in account', async () => {
    const password = strongPassword();
    const user = await createUser({ password, givenName: 'Round', familyName: 'Trip' });
    const config = await discover();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const callback = await signInByHttp(url, user.userName, password);
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('code')).toBeTruthy();

    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      iss: urls.connect,
      aud: CLIENT_ID,
      sub: user.id,
      email: user.userName,
      name: 'Round Trip',
    });
    expect(claims.amr).toEqual(['pwd']);
    const info = await oidc.fetchUserInfo(config, tokens.access_token, user.id);
    expect(info.email).toBe(user.userName);

    // The code is single use.
    await expect(
      oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    await deleteUser(user.id);
  });

  test('a code cannot be redeemed with the wrong PKCE verifier', async () => {
    const password = strongPassword();
    const user = await createUser({ password });
    const config = await discover();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const callback = await signInByHttp(url, user.userName, password);
    await expect(
      oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
        expectedState: state,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    await deleteUser(user.id);
  });

  test('requests without PKCE or with an unregistered redirect_uri are refused, never redirected', async () => {
    const noPkce = new URL(`${urls.connect}/auth`);
    noPkce.search = new URLSearchParams({
      client_id: CLIENT_ID,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: REDIRECT_URI,
    }).toString();
    const a = await httpRequest(noPkce.href);
    expect(a.status).toBe(303);
    expect(new URL(a.location!).searchParams.get('error')).toBe('invalid_request');

    const evil = new URL(noPkce);
    evil.searchParams.set('redirect_uri', 'https://evil.example/steal');
    evil.searchParams.set('code_challenge', 'x'.repeat(43));
    evil.searchParams.set('code_challenge_method', 'S256');
    const b = await httpRequest(evil.href);
    expect(b.status).toBe(400);
    expect(b.headers.location).toBeUndefined();
    expect(b.text).toContain('redirect_uri');
  });
});
