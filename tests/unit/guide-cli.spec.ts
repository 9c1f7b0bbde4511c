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
  expect(out).toContain('1 guide(s), 0 unreadable, 2 finding(s)');
  expect((await main(['--strict', '--today', '2026-11-22', dir], {}, dir)).code).toBe(1);
});

test('a guide that cannot be read is named, and the exit code says so; a bad quote is a finding at its line', async () => {
  const dir = folder({
    'en/broken.md': 'Step 1: Press “Next.\n\nStep 2: Press "Back".\n',
    'en/empty.md': '',
    'en/fine.md': 'Step 1: Press "Next".\n',
  });
  const { code, out } = await main([dir], {}, dir);
  expect(code).toBe(1);
  expect(out).toMatch(/✗ .*empty\.md:1: is empty/);
  expect(out).toMatch(/finding line 1: unclosed quote: “ has no matching ”/);
  expect(out).toContain('«Back» ui  line 3');
  expect(out).toContain('3 guide(s), 1 unreadable');
});

test('--json prints the model: steps with ids and lines, quotes with kind and line, sections; the text shows the intro quotes', async () => {
  const dir = folder({
    'en/g.html':
      '<html lang="en"><body><article><h1>Title</h1><p>Seen «Oops»?</p><h2>Step 1: Go</h2><p>Press <strong>Next</strong>.</p>' +
      '<h2>Troubleshooting</h2><p>Try <kbd>Reload</kbd>.</p></article></body></html>',
  });
  const text = await main([path.join(dir, 'en/g.html')], {}, dir);
  expect(text.out).toContain('Introduction (bind as "intro")');
  expect(text.out).toContain('«Oops» ui  line 1');
  const { code, out } = await main(['--json', path.join(dir, 'en/g.html')], {}, dir);
  expect(code).toBe(0);
  const [{ guide }] = JSON.parse(out) as [
    { guide: { steps: unknown[]; after: unknown[]; sections: unknown[]; format: string } },
  ];
  expect(guide.format).toBe('html');
  expect(guide.steps).toEqual([
    expect.objectContaining({
      id: '1',
      line: 1,
      quotes: [expect.objectContaining({ text: 'Next', kind: 'ui', style: 'bold', line: 1 })],
    }),
  ]);
  expect(guide.after).toEqual([
    expect.objectContaining({
      id: 'troubleshooting',
      kind: 'section',
      quotes: [expect.objectContaining({ text: 'Reload', style: 'kbd' })],
    }),
  ]);
  expect(guide.sections).toEqual([
    expect.objectContaining({ title: 'Step 1: Go', role: 'steps' }),
    expect.objectContaining({ title: 'Troubleshooting', role: 'after' }),
  ]);
});

test('--help, bad options and missing paths', async () => {
  expect(await main(['--help'])).toEqual({ code: 0, out: HELP });
  expect((await main(['--today', 'tomorrow'])).code).toBe(2);
  expect((await main(['--frobnicate'])).out).toContain('unknown option --frobnicate');
  const missing = await main(['no/such/guide.md'], {}, tmpdir());
  expect(missing).toEqual({ code: 2, out: 'guide:lint: no such file or folder: no/such/guide.md' });
});
