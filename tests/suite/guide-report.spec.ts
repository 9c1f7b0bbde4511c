// The generated report opened from disk (file://) in Chromium: no console errors, no failed loads,
// the screenshot shows, and a doc writer finds the drifted word and its suggestion.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { parseGuide } from '../../lib/guide/index.ts';
import { writeReport } from '../../reporters/guide.ts';
import { buildModel } from '../../reporters/guide-model.ts';

test('index.html opens from disk with no console errors and shows drift, screenshot and status', async ({
  page,
}) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'guide-report-html-'));
  mkdirSync(path.join(dir, 'shots'));
  await page.setContent('<h1 style="font: 40px sans-serif">Angi din e-postadresse</h1>');
  writeFileSync(path.join(dir, 'shots', 'step-1.png'), await page.screenshot());

  const guide = parseGuide(
    '<u>Steg 1</u>: Trykk «Neste».\n\n<u>Steg 2</u>: Trykk «Tilbakestill passord».\n',
    {
      file: 'guides/nb/demo.md',
      locale: 'nb',
    },
  );
  const model = buildModel({
    guides: [guide],
    invalid: [],
    runs: [
      {
        run: {
          schema: 1,
          guide: { id: guide.id, locale: 'nb', title: guide.title, file: guide.file },
          checking: true,
          steps: [
            {
              id: '1',
              title: 'Steg 1: Trykk «Neste».',
              status: 'passed',
              startedAt: '2026-11-22T10:00:00Z',
              durationMs: 800,
              quotes: [
                { text: 'Neste', kind: 'ui', style: 'guillemets', line: 1, status: 'found', surface: 'page' },
              ],
              screenshot: 'guide step 1',
            },
            {
              id: '2',
              title: 'Steg 2: Trykk «Tilbakestill passord».',
              status: 'drift',
              startedAt: '2026-11-22T10:00:01Z',
              durationMs: 900,
              quotes: [
                {
                  text: 'Tilbakestill passord',
                  kind: 'ui',
                  style: 'guillemets',
                  line: 3,
                  status: 'missing',
                  suggestions: [{ text: 'Nullstill passord', score: 0.82 }],
                },
              ],
            },
          ],
          unknownSteps: [],
        },
        test: {
          title: 'demo',
          file: 'tests/guides/demo.spec.ts',
          line: 3,
          project: 'guides-nb',
          outcome: 'failed',
        },
        screenshots: { 'guide step 1': 'shots/step-1.png' },
      },
    ],
    bound: new Map(),
    lint: () => [],
    runStatus: 'failed',
    now: new Date(),
  });
  writeReport(model, dir, dir);

  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));

  await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
  await expect(page.getByRole('heading', { name: 'Guide check' })).toBeVisible();
  const stepTwo = page.getByRole('row').filter({ hasText: 'Steg 2' });
  await expect(stepTwo.getByText('doc drift')).toBeVisible();
  // Drift steps open by themselves, with the suggestion in sight.
  await expect(stepTwo.getByText('closest shown: «Nullstill passord» (0.82)')).toBeVisible();
  const row1 = page.getByRole('row').filter({ hasText: 'Steg 1' });
  await row1.getByText('Steg 1: Trykk «Neste».').click();
  const shot = row1.getByRole('img', { name: /Screen at the end of Steg 1/ });
  await expect(shot).toBeVisible();
  expect(await shot.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  expect(problems).toEqual([]);
  expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
});
