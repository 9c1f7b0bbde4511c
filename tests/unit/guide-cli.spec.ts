// `npm run guide:lint`: a doc writer's own guide in, its steps, quotes and lint out; bad files named.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { HELP, main } from '../../lib/guide/cli.ts';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'guide-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('lists steps with their quotes and kinds, and the lint findings', async () => {
  const dir = folder({
    'nb/mine.txt': 'Steg 1: Trykk «Neste».\n\nSteg 2: Gjør dette innen 1. juli 2026.\n',
  });
  const { code, out } = await main(['--today', '2026-11-22', dir], {}, dir);
  expect(code).toBe(0);
  expect(out).toContain('Steg 1: Trykk «Neste».');
  expect(out).toContain('«Neste» ui  line 1');
  expect(out).toContain('lint past-date line 3: "Gjør dette innen 1. juli 2026" lies in the past');
  expect(out).toContain('lint no-quotes line 3: Steg 2 quotes nothing');
  expect(out).toContain('1 guide(s), 0 unreadable, 2 lint finding(s)');
  expect((await main(['--strict', '--today', '2026-11-22', dir], {}, dir)).code).toBe(1);
});

test('a guide that cannot be read is named with its line, and the exit code says so', async () => {
  const dir = folder({ 'en/broken.md': 'Step 1: Press “Next.\n', 'en/fine.md': 'Step 1: Press "Next".\n' });
  const { code, out } = await main([dir], {}, dir);
  expect(code).toBe(1);
  expect(out).toMatch(/✗ .*broken\.md:1: unclosed quote: “ has no matching ”/);
  expect(out).toContain('2 guide(s), 1 unreadable');
});

test('--help, bad options and missing paths', async () => {
  expect(await main(['--help'])).toEqual({ code: 0, out: HELP });
  expect((await main(['--today', 'tomorrow'])).code).toBe(2);
  expect((await main(['--frobnicate'])).out).toContain('unknown option --frobnicate');
  const missing = await main(['no/such/guide.md'], {}, tmpdir());
  expect(missing).toEqual({ code: 2, out: 'guide:lint: no such file or folder: no/such/guide.md' });
});
