// `npm run bench:sandbox`: latency of the sandbox's sign-in under load. Measures the sign-in page GET and
// the password POST (sign-in step 2, with the real scrypt hash check) with 1 client and with 8 concurrent
// clients, and prints p50/p95 against the targets (page GET p95 ≤ 20 ms, password POST p95 ≤ 250 ms at 8).
// Uses a running sandbox at CONNECT_URL, or starts one for the run.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { createHash, randomBytes } from 'node:crypto';
import { loadConfigOrExit } from '../lib/config.ts';

const HELP = `Usage: npm run bench:sandbox [-- --requests N] [-- --clients 1,8] [-- --check]

Measures, against the sandbox (TARGET=sandbox; CONNECT_URL and SCIM_URL/SCIM_TOKEN from .env):
  - GET of the sign-in page (step 1 of a sign-in)
  - POST of the password (step 2, with the scrypt hash check), each on a fresh sign-in
with 1 client and with 8 concurrent clients, N requests per client count (default 200 per measurement;
the password POST uses N/2). Prints p50/p95/max in ms. Starts a sandbox if none answers on /healthz.
--check exits with status 1 when a target is missed (page GET p95 ≤ 20 ms, password POST p95 ≤ 250 ms,
both at 8 clients).`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const requests = Number(argValue('--requests') ?? 200);
const clientCounts = (argValue('--clients') ?? '1,8').split(',').map(Number);
if (!Number.isInteger(requests) || requests < 2 || clientCounts.some((c) => !Number.isInteger(c) || c < 1)) {
  console.error('bench:sandbox: --requests needs a whole number ≥ 2 and --clients a list such as 1,8');
  process.exit(2);
}

const config = loadConfigOrExit();
if (config.target !== 'sandbox') {
  console.error('bench:sandbox: measures the sandbox only (TARGET=sandbox)');
  process.exit(2);
}
const connect = new URL(config.urls.connect);
const scimUrl = config.scim?.url ?? `${config.urls.connect}/scim/v2`;
const scimToken = config.scim?.token ?? 'sandbox-scim-token';
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const EXT = 'urn:guidewright:params:scim:schemas:extension:sandbox:2.0:User';

interface Res {
  status: number;
  text: string;
  location?: string;
  cookies: string[];
}

/** HTTP to *.localhost through the loopback address, keeping cookies per client. */
function request(
  url: string,
  jar: Map<string, string>,
  method = 'GET',
  body?: string,
  type?: string,
  extra: Record<string, string> = {},
): Promise<Res> {
  const target = new URL(url);
  const headers: Record<string, string> = { ...extra, host: target.host };
  if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  if (body !== undefined) {
    headers['content-type'] = type ?? 'application/x-www-form-urlencoded';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: Number(target.port || 80),
        path: target.pathname + target.search,
        method,
        headers,
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          for (const line of res.headers['set-cookie'] ?? []) {
            const [pair] = line.split(';');
            const at = pair!.indexOf('=');
            const value = pair!.slice(at + 1);
            if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(pair!.slice(0, at));
            else jar.set(pair!.slice(0, at), value);
          }
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            location: res.headers.location ? new URL(res.headers.location, url).href : undefined,
            cookies: res.headers['set-cookie'] ?? [],
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function healthy(): Promise<boolean> {
  try {
    return (await request(`${connect.origin}/healthz`, new Map())).status === 200;
  } catch {
    return false;
  }
}

let child: ChildProcess | undefined;
async function ensureSandbox(): Promise<void> {
  if (await healthy()) return;
  console.log('bench:sandbox: no sandbox answering; starting one (npm run sandbox)…');
  const proc = spawn('npm', ['run', 'sandbox', '--silent'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  child = proc;
  // Ready when the sandbox says its web hosts listen (a signal, not a timer).
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('web hosts on')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it was ready`)));
  });
  proc.stdout!.resume();
  if (!(await healthy())) throw new Error('the sandbox started but /healthz does not answer');
}

const csrfOf = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';

/** A fresh sign-in with the email entered: ready for a page GET or the password POST. */
async function newSignIn(email: string) {
  const jar = new Map<string, string>();
  const verifier = randomBytes(32).toString('base64url');
  const auth = new URL(`${connect.origin}/auth`);
  auth.search = new URLSearchParams({
    client_id: 'guidewright-test',
    response_type: 'code',
    scope: 'openid',
    redirect_uri: 'http://127.0.0.1/callback',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'),
  }).toString();
  const start = await request(auth.href, jar);
  if (!start.location) throw new Error(`no interaction (${start.status}): is the sandbox in test mode?`);
  const page = await request(start.location, jar);
  const csrf = csrfOf(page.text);
  await request(
    `${start.location}/email`,
    jar,
    'POST',
    new URLSearchParams({ _csrf: csrf, Username: email }).toString(),
  );
  return { jar, url: start.location, csrf };
}

const tty = process.stdout.isTTY === true;
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;

interface Result {
  name: string;
  clients: number;
  p50: number;
  p95: number;
  max: number;
  n: number;
  errors: number;
}

async function measure(
  name: string,
  clients: number,
  total: number,
  prepare: (client: number) => Promise<() => Promise<boolean>>,
): Promise<Result> {
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const worker = async (_: unknown, client: number) => {
    while (next < total) {
      next++;
      const run = await prepare(client);
      const t0 = performance.now();
      const ok = await run();
      times.push(performance.now() - t0);
      if (!ok) errors++;
      if (tty && times.length % 50 === 0)
        process.stdout.write(`\r  ${name}, ${clients} client(s): ${times.length}/${total}`);
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  if (tty) process.stdout.write('\r\x1b[K');
  else console.log(`  ${name}, ${clients} client(s): ${times.length} requests done`);
  times.sort((a, b) => a - b);
  return {
    name,
    clients,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    max: times.at(-1)!,
    n: times.length,
    errors,
  };
}

try {
  await ensureSandbox();
  const email = `bench-${randomBytes(6).toString('hex')}@guidewright.test`;
  const password = `Bench!${randomBytes(8).toString('base64url')}9a`;
  const scim = await request(
    `${scimUrl}/Users`,
    new Map(),
    'POST',
    JSON.stringify({
      schemas: [CORE, EXT],
      userName: email,
      [EXT]: { password },
    }),
    'application/scim+json',
    { authorization: `Bearer ${scimToken}` },
  );
  if (scim.status !== 201 && scim.status !== 409)
    throw new Error(`could not create the bench account: ${scim.status} ${scim.text}`);

  // Warm-up (JIT, first hash, caches).
  for (let i = 0; i < 5; i++) {
    const s = await newSignIn(email);
    await request(`${s.url}?step=email`, s.jar);
  }

  const results: Result[] = [];
  const signIns: Array<Awaited<ReturnType<typeof newSignIn>>> = [];
  for (const clients of clientCounts) {
    results.push(
      // Each client opens one sign-in and loads its page again and again (a GET changes nothing).
      await measure('sign-in page GET', clients, requests, async (client) => {
        const s = (signIns[client] ??= await newSignIn(email));
        return async () => (await request(`${s.url}?step=email`, s.jar)).status === 200;
      }),
    );
  }
  for (const clients of clientCounts) {
    results.push(
      await measure('password POST', clients, Math.max(2, Math.floor(requests / 2)), async () => {
        const s = await newSignIn(email);
        const body = new URLSearchParams({ _csrf: s.csrf, Password: password }).toString();
        return async () => {
          const res = await request(`${s.url}/password`, s.jar, 'POST', body);
          return res.status === 303 && !!res.location?.includes('/auth/');
        };
      }),
    );
  }

  const fmt = (n: number) => n.toFixed(1).padStart(7);
  console.log('measurement            clients      p50      p95      max   (ms)     n  errors');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(22)} ${String(r.clients).padStart(7)} ${fmt(r.p50)}  ${fmt(r.p95)}  ${fmt(r.max)}  ${String(r.n).padStart(9)}  ${r.errors}`,
    );
  }
  // Figures on a shared machine depend on what else runs: say so next to them.
  const load = os.loadavg().map((l) => l.toFixed(1));
  console.log(`machine: ${os.cpus().length} cores, load average ${load.join(' ')} (1, 5, 15 min)`);
  const at8 = (name: string) => results.find((r) => r.name === name && r.clients === 8);
  const checks = [
    { label: 'page GET p95 ≤ 20 ms at 8 clients', r: at8('sign-in page GET'), limit: 20 },
    { label: 'password POST p95 ≤ 250 ms at 8 clients', r: at8('password POST'), limit: 250 },
  ];
  let missed = false;
  for (const c of checks) {
    if (!c.r) continue;
    const ok = c.r.p95 <= c.limit && c.r.errors === 0;
    missed ||= !ok;
    console.log(
      `${ok ? 'met   ' : 'MISSED'} ${c.label} (p95 ${c.r.p95.toFixed(1)} ms, ${c.r.errors} errors)`,
    );
  }
  if (missed && args.includes('--check')) process.exitCode = 1;
} catch (error) {
  console.error(`bench:sandbox: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  agent.destroy();
  if (child?.pid) process.kill(-child.pid, 'SIGTERM');
}
