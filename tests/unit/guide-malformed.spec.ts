// A corpus of malformed guides, written here (the binary and the 5 MB file at test time): each gives a
// clear finding or error naming the file and line (or the URL and its status), the rest is still read,
// and nothing crashes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { GuideError, parseGuide, readGuideSource, type Guide } from '../../lib/guide/index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'guide-corpus-'));
const file = (name: string, body: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, body);
  return p;
};
const ui = (g: Guide, id: string) =>
  g.steps
    .find((s) => s.id === id)
    ?.quotes.filter((q) => q.kind === 'ui')
    .map((q) => q.text);
async function failure(source: string, timeoutMs?: number): Promise<GuideError> {
  try {
    await readGuideSource(source, { locale: 'en', ...(timeoutMs ? { timeoutMs } : {}) });
  } catch (error) {
    expect(error).toBeInstanceOf(GuideError);
    return error as GuideError;
  }
  throw new Error(`${source} was read without an error`);
}

test('an inch mark, a quote in a code span and an escaped quote are no bad quotes', () => {
  const g = parseGuide('Step 1: On a 13" laptop press `Ctrl+"` and then \\"Continue\\".\n', {
    file: 'x.md',
    locale: 'en',
  });
  expect(g.findings).toEqual([]);
  expect(ui(g, '1')).toEqual(['Continue']);
});

test('a second section starting again at "Step 1" is a finding; both sections are read', () => {
  const g = parseGuide(
    '## New users\n\nStep 1: Press "Create".\n\n## Existing users\n\nStep 1: Press "Sign in".\n',
    {
      file: 'two.md',
      locale: 'en',
    },
  );
  expect(g.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['two.md:7']);
  expect(ui(g, '1')).toEqual(['Create']);
  expect(ui(g, '1~2')).toEqual(['Sign in']);
});

test('setext underlines stay out of titles, comments and code blocks out of the steps', () => {
  const g = parseGuide(
    'Step 1: Sign in\n===\n\nPress "Next".\n\n<!-- Step 2: Press "Hidden" -->\n\n```\nStep 3: press "Code"\n```\n\n    "Indented"\n',
    { file: 'x.md', locale: 'en' },
  );
  expect(g.steps.map((s) => s.title)).toEqual(['Step 1: Sign in']);
  expect(ui(g, '1')).toEqual(['Next']);
});

test('a troubleshooting section after the steps is bindable; image alt text and screenshot descriptions are pictures', () => {
  const g = parseGuide(
    'Step 1: Press "Next".\n\n![The "VISMA" logo](logo.png)\n\nThe screenshot shows "Navn Navnesen" and "+45".\n\n## Troubleshooting\n\nNo code? Press "Resend".\n',
    { file: 'x.md', locale: 'en' },
  );
  expect(g.steps[0]?.quotes.map((q) => `${q.kind}: ${q.text}`)).toEqual([
    'ui: Next',
    'picture: The "VISMA" logo',
    'picture: Navn Navnesen',
    'picture: +45',
  ]);
  expect(g.after).toEqual([expect.objectContaining({ id: 'troubleshooting', kind: 'section' })]);
  expect(g.after[0]?.quotes.map((q) => q.text)).toEqual(['Resend']);
});

test('an unknown locale is an error naming the file, never English', () => {
  expect(() => parseGuide('---\nlocale: xx\n---\nStep 1: Press "Next".\n', { file: 'bad/x.md' })).toThrow(
    /bad\/x\.md: the guide's locale: unknown language "xx"/,
  );
});

test('empty, white-space-only, binary, 5 MB, missing and folder sources: errors naming the file', async () => {
  expect((await failure(file('empty.md', ''))).message).toMatch(/empty\.md:1: is empty/);
  expect((await failure(file('blank.txt', '\n  \n'))).message).toMatch(
    /blank\.txt:1: holds only white space/,
  );
  expect((await failure(file('binary.md', Buffer.from([0x53, 0x0a, 0x0a, 0x00, 0xff])))).message).toMatch(
    /binary\.md:3: is binary/,
  );
  expect((await failure(file('latin1.txt', Buffer.from([0x53, 0xe6, 0x0a])))).message).toMatch(
    /is not UTF-8/,
  );
  const big = file('big.md', Buffer.alloc(5 * 1024 * 1024, 'Step 1: "Next"\n'));
  expect((await failure(big)).message).toMatch(/big\.md:1: is 5\.0 MB; a guide over 4 MB is not read/);
  expect((await failure(path.join(dir, 'missing.md'))).message).toMatch(
    /missing\.md: cannot be read: ENOENT/,
  );
  expect((await failure(dir)).message).toMatch(/is a folder/);
  expect((await failure(file('broken.pdf', 'not a pdf at all'))).message).toMatch(
    /broken\.pdf: cannot be read as a PDF/,
  );
  expect((await failure(file('bad.json', '{"article": {"title": 1}}'))).message).toMatch(
    /bad\.json:1: is not a Zendesk Help Center article .*article\.title/,
  );
});

test.describe('URLs', () => {
  let server: Server;
  let base = '';

  test.beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/slow') return; // never answers
      res.writeHead(404, 'Not Found').end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  test.afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  test('a URL that answers 404, one that does not answer, one that refuses: the URL and what happened', async () => {
    expect((await failure(`${base}/missing.html`)).message).toBe(
      `${base}/missing.html: answered HTTP 404 Not Found`,
    );
    expect((await failure(`${base}/slow`, 300)).message).toBe(`${base}/slow: no answer within 0.3 s`);
    expect((await failure('http://127.0.0.1:1/x.html')).message).toMatch(
      /127\.0\.0\.1:1\/x\.html: cannot be fetched/,
    );
  });
});
