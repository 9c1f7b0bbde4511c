// What the guide check records about its own cost: the same six-step flow (pages served by page.route, a
// dialog, navigations) walked with checking on and off (GUIDEWRIGHT_CHECK). With checking on every step
// passes and carries the time the check spent on it (the report prints it per step, and `npm run
// bench:guides` compares whole paths with the check on and off); with it off the steps are unchecked and
// carry none. How much that time may be is a benchmark's question, not this test's: no bound on time here.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext, type TestInfo } from '@playwright/test';
import { GuideSession } from '../../lib/guide/session.ts';
import { Secrets } from '../../lib/secrets.ts';

const STEPS = 6;
const ORIGIN = 'http://guide-overhead.test';

const dir = mkdtempSync(path.join(tmpdir(), 'guidewright-bench-'));
mkdirSync(path.join(dir, 'en'));
writeFileSync(
  path.join(dir, 'en', 'bench.md'),
  `---\nid: bench\ntitle: Bench\nlocale: en\nstart: portal\n---\n\n` +
    Array.from(
      { length: STEPS },
      (_, i) =>
        `## Step ${i + 1}: Page ${i + 1}\n\nRead "Heading ${i + 1}", confirm "Sure ${i + 1}?" and press "Next".\n`,
    ).join('\n'),
);

function pageHtml(n: number): string {
  const filler = Array.from(
    { length: 60 },
    (_, i) =>
      `<li><label>Field ${i} <input name="f${i}" placeholder="Value ${i}"></label> <a href="#x${i}">Help ${i}</a></li>`,
  ).join('');
  return `<!doctype html><html lang="en"><body><h1>Heading ${n}</h1><ul>${filler}</ul>
    <button type="button" id="ask">Ask</button>
    <form action="/p${n + 1}" method="get"><button>Next</button></form>
    <script>
      document.getElementById('ask').onclick = () => {
        const d = document.createElement('div'); d.setAttribute('role', 'dialog');
        d.innerHTML = '<p>Sure ${n}?</p><button type="button">OK</button>';
        d.querySelector('button').onclick = () => d.remove();
        document.body.append(d);
      };
    </script></body></html>`;
}

async function walk(context: BrowserContext, testInfo: TestInfo, checking: boolean) {
  const page = await context.newPage();
  await page.route(`${ORIGIN}/**`, (route) => {
    const n = Number(new URL(route.request().url()).pathname.slice(2));
    return route.fulfill({ contentType: 'text/html', body: pageHtml(n) });
  });
  await page.goto(`${ORIGIN}/p1`);
  const guide = new GuideSession(context, testInfo, {
    guideId: 'bench',
    dir,
    hostMap: {},
    checking,
    screenshots: true,
    secrets: new Secrets(),
  });
  for (let n = 1; n <= STEPS; n++) {
    await guide.step(String(n), async () => {
      await expect(page.getByRole('heading', { name: `Heading ${n}` })).toBeVisible();
      await page.getByRole('button', { name: 'Ask' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
      await expect(page.getByRole('dialog')).toBeHidden();
      await page.getByRole('button', { name: 'Next' }).click();
      await expect(page.getByRole('heading', { name: `Heading ${n + 1}` })).toBeVisible();
    });
  }
  return guide.attachment()?.steps ?? [];
}

test('with checking on every step passes and records what the check cost it; with it off none does', async ({
  browser,
}, testInfo) => {
  for (const checking of [true, false]) {
    const context = await browser.newContext();
    const steps = await walk(context, testInfo, checking);
    await context.close();
    expect(steps.map((s) => s.status)).toEqual(Array(STEPS).fill(checking ? 'passed' : 'unchecked'));
    for (const step of steps) {
      if (checking) expect(step.overheadMs, `step ${step.id}`).toBeGreaterThanOrEqual(0);
      else expect(step.overheadMs, `step ${step.id}`).toBeUndefined();
    }
  }
});
