// Browsers elsewhere: a guide walked through Playwright's browser server (`npx playwright run-server`, what
// a grid or a cloud offers) instead of a browser of the run's own. Here the server runs on this machine;
// it launches the browser CHROMIUM_PATH names (it accepts a client's path only with --unsafe). The sandbox's
// *.localhost hosts are reached directly: tunnelling them through the client (PW_TEST_CONNECT_EXPOSE_NETWORK)
// fails, as Node outside the browser does not resolve *.localhost names.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { resolveBrowser } from '../../lib/browser.ts';
import { freePort, ownSandboxPorts, runGuides } from '../../lib/shard-run.ts';

test('a guide walks through a local playwright run-server', async () => {
  test.setTimeout(10 * 60_000);
  const work = mkdtempSync(path.join(tmpdir(), 'gw-remote-browser-'));
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [
      'node_modules/@playwright/test/cli.js',
      'run-server',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--unsafe',
    ],
    { env: { ...process.env, DEBUG: 'pw:server' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let serverLog = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        serverLog += chunk.toString();
        if (serverLog.includes('Listening on ws://')) resolve();
      };
      server.stdout!.on('data', onData);
      server.stderr!.on('data', onData);
      server.once('exit', (code) => reject(new Error(`run-server exited (${code}):\n${serverLog}`)));
    });
    const endpoint = `ws://127.0.0.1:${port}/`;
    // The server's machine is this one: its browser is the one this machine would drive.
    const serverBrowser = resolveBrowser().executablePath;
    const run = await runGuides(
      'remote browser',
      // One test of the guide that walks its steps: the point is where its browser runs, not the whole guide.
      [
        '--guide',
        'enrolment-wizard',
        '--locale',
        'en',
        '-g',
        'another authenticator app, QR code',
        '--workers=1',
        `--output=${path.join(work, 'test-results')}`,
      ],
      {
        ...(await ownSandboxPorts()),
        PW_TEST_CONNECT_WS_ENDPOINT: endpoint,
        ...(serverBrowser ? { CHROMIUM_PATH: serverBrowser } : {}),
      },
      path.join(work, 'reports'),
    );
    expect(run.exitCode, run.log.slice(-3000)).toBe(0);
    expect(run.log).toContain(`(served by ${endpoint})`);
    // Every browser of the run came from the server: the global setup's and the worker's connections.
    expect(serverLog.match(/serving connection/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    const report = JSON.parse(readFileSync(path.join(work, 'reports', 'guides', 'results.json'), 'utf8')) as {
      guides: { id: string; locale: string; status: string; counts: Record<string, number> }[];
    };
    const guide = report.guides.find((g) => g.id === 'enrolment-wizard' && g.locale === 'en')!;
    expect(guide.counts.passed).toBeGreaterThan(0);
    expect(guide.counts).toMatchObject({ drift: 0, broken: 0 });
  } finally {
    server.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
});
