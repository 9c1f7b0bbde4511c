// The suite's one HTTP client for what is not a browser: SCIM, the sandbox's control API, an HTTP SMS sink,
// a simulated authenticator's API. Chromium resolves every *.localhost name to loopback by itself; Node's
// resolver may not, so those names are looked up as 127.0.0.1 here (the Host header stays the name). A
// small cookie jar lets a test follow a sign-in by hand.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The Location header resolved against the request URL, when there is one. */
  location?: string;
  json<T = Record<string, unknown>>(): T;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Cookies sent and kept per host. */
  jar?: CookieJar;
  /** No answer within this time is an error naming the origin (default 15 s). */
  timeoutMs?: number;
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
      const [pair = '', ...attrs] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
  }
}

const isLoopbackName = (hostname: string) => hostname === 'localhost' || hostname.endsWith('.localhost');

/** A DNS lookup for Node's http(s) that answers 127.0.0.1 for localhost and every *.localhost name. */
export const lookup: http.RequestOptions['lookup'] = (hostname, options, callback) => {
  if (isLoopbackName(hostname)) {
    if ((options as dns.LookupOptions).all)
      (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [
        { address: '127.0.0.1', family: 4 },
      ]);
    else callback(null, '127.0.0.1', 4);
    return;
  }
  dns.lookup(hostname, options, callback);
};

export function httpRequest(url: string, o: HttpOptions = {}): Promise<HttpResult> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { ...o.headers };
  const cookie = o.jar?.header(target.host);
  if (cookie) headers.cookie = cookie;
  if (o.body !== undefined) headers['content-length'] = String(Buffer.byteLength(o.body));
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      { method: o.method ?? 'GET', headers, lookup, timeout: o.timeoutMs ?? 15_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          o.jar?.store(target.host, res.headers['set-cookie']);
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            ...(res.headers.location ? { location: new URL(res.headers.location, url).href } : {}),
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${target.origin} in time`)));
    req.on('error', reject);
    req.end(o.body);
  });
}

/** A fetch (for openid-client's customFetch and the like) that reaches *.localhost. */
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
  const res = await httpRequest(url, {
    method: options.method,
    headers: options.headers,
    ...(body !== undefined ? { body } : {}),
  });
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  return new Response(res.status === 204 ? null : res.text, { status: res.status, headers });
}
