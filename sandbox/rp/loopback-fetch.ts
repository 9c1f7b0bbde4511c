// Node does not resolve *.localhost the way Chromium does, so the apps' server-side OIDC calls to connect
// go through this fetch: *.localhost is sent to the loopback address with the original Host header.
import http from 'node:http';
import * as oidc from 'openid-client';

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost');
}

export const loopbackFetch: oidc.CustomFetch = async (url, options) => {
  const target = new URL(url);
  if (!isLoopbackHost(target.hostname) || target.protocol !== 'http:')
    return fetch(url, options as RequestInit);
  let body: Buffer | undefined;
  if (typeof options.body === 'string') body = Buffer.from(options.body);
  else if (options.body instanceof URLSearchParams) body = Buffer.from(options.body.toString());
  else if (options.body instanceof Uint8Array) body = Buffer.from(options.body);
  else if (options.body instanceof ArrayBuffer) body = Buffer.from(new Uint8Array(options.body));
  else if (options.body) throw new Error('loopbackFetch: streamed bodies are not supported');
  const headers: Record<string, string> = { ...options.headers, host: target.host };
  if (body) headers['content-length'] = String(body.length);
  return new Promise<Response>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: Number(target.port || 80),
        path: `${target.pathname}${target.search}`,
        method: options.method,
        headers,
        signal: options.signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const out = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) for (const v of value) out.append(name, v);
            else if (value !== undefined) out.set(name, value);
          }
          const status = res.statusCode ?? 502;
          const noBody = status === 204 || status === 304;
          resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: out }));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
};

/**
 * openid-client discovery of a sandbox issuer through loopbackFetch, made once and shared. A failed attempt
 * is forgotten, so the next call tries again (the issuer may not have been listening yet).
 */
export function loopbackDiscovery(
  issuer: string,
  clientId: string,
  secret: string,
): () => Promise<oidc.Configuration> {
  let configuration: Promise<oidc.Configuration> | undefined;
  return () => {
    configuration ??= oidc
      .discovery(new URL(issuer), clientId, secret, oidc.ClientSecretBasic(secret), {
        execute: [oidc.allowInsecureRequests],
        [oidc.customFetch]: loopbackFetch,
      })
      .then((c) => {
        c[oidc.customFetch] = loopbackFetch;
        return c;
      })
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  };
}
