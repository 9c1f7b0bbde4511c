// The guide fixture in a real browser, on pages served by page.route (no sandbox): words shown during a
// step pass it, even when they were in a dialog that closed or on a page the step navigated away from;
// a word that was never shown fails the step as doc drift with the closest real words; a step id the
// guide does not have fails clearly; a failing action is a broken flow, not drift.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';
import { DocDriftError, guideFixtures, type GuideFixtures, type GuideOptions } from '../../fixtures/guide.ts';
import { STEPS_ATTACHMENT, type GuideRunAttachment } from '../../lib/guide/index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'guidewright-guides-'));
mkdirSync(path.join(dir, 'en'));
writeFileSync(
  path.join(dir, 'en', 'sample.md'),
  `---
id: sample
title: A sample guide for the fixture's own tests
locale: en
start: portal
---

## Step 1: Open the start page

The page greets you with "Welcome aboard". Press "Continue".

## Step 2: Confirm in the dialog

A dialog asks "Are you sure?". Answer "Yes, remove it".

## Step 3: Follow the link

The first page says 'Check your inbox'; follow "Open the next page" to reach the summary.

## Step 4: Reset your password

Press «Reset password».

## Step 5: The mail

A mail from "do.not.reply@mail.connect.visma.com" brings the button "Activate account".

## Step 6: Open Account Settings

Go to https://accountsettings.connect.visma.com and look for "Account Settings".
`,
);

const test = base.extend<GuideFixtures & GuideOptions>(guideFixtures);
test.use({ guideId: 'sample', guideDir: dir });

const ORIGIN = 'http://guide-fixture.test';

async function serve(page: Page, pages: Record<string, string>): Promise<void> {
  await page.route(`${ORIGIN}/**`, (route) => {
    const body = pages[new URL(route.request().url()).pathname];
    return body === undefined
      ? route.fulfill({ status: 404, body: 'not found' })
      : route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><html lang="en"><body>${body}</body></html>`,
        });
  });
}

test('a step whose page shows the quoted words passes, and is recorded as passed', async ({
  page,
  guide,
}) => {
  await serve(page, { '/': '<h1>Welcome aboard</h1><button type="button">Continue</button>' });
  await guide.step('1', async () => {
    await page.goto(`${ORIGIN}/`);
    await page.getByRole('button', { name: 'Continue' }).click();
  });
  const run = guide.attachment();
  expect(run?.steps.map((s) => [s.id, s.status])).toEqual([['1', 'passed']]);
  expect(run?.steps[0]?.quotes.map((q) => [q.text, q.status])).toEqual([
    ['Welcome aboard', 'found'],
    ['Continue', 'found'],
  ]);
  expect(run?.steps[0]?.screenshot).toBe('guide step 1');
});

test('words in a dialog that opened and closed during the step still count', async ({ page, guide }) => {
  await serve(page, {
    '/': `<button type="button" id="open">Remove</button>
      <div id="slot"></div>
      <script>
        document.getElementById('open').addEventListener('click', () => {
          const d = document.createElement('div');
          d.setAttribute('role', 'dialog');
          d.innerHTML = '<p>Are you sure?</p><button type="button">Yes, remove it</button>';
          d.querySelector('button').addEventListener('click', () => { d.remove(); document.getElementById('slot').textContent = 'Removed'; });
          document.body.append(d);
        });
      </script>`,
  });
  await page.goto(`${ORIGIN}/`);
  await guide.step('2', async () => {
    await page.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, remove it' }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page.getByText('Removed')).toBeVisible();
  });
  expect(guide.attachment()?.steps[0]?.status).toBe('passed');
});

test('a dialog that fades in and is closed before the step ends still counts', async ({ page, guide }) => {
  await serve(page, {
    '/': `<style>.modal { opacity: 0; transition: opacity 300ms; } .modal.show { opacity: 1; }</style>
      <button type="button" id="open">Remove</button><p id="slot"></p>
      <script>
        document.getElementById('open').addEventListener('click', () => {
          const d = document.createElement('div');
          d.className = 'modal';
          d.setAttribute('role', 'dialog');
          d.innerHTML = '<p>Are you sure?</p><button type="button">Yes, remove it</button>';
          d.querySelector('button').addEventListener('click', () => { d.remove(); document.getElementById('slot').textContent = 'Removed'; });
          document.body.append(d);
          requestAnimationFrame(() => d.classList.add('show'));
        });
      </script>`,
  });
  await page.goto(`${ORIGIN}/`);
  await guide.step('2', async () => {
    await page.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, remove it' }).click();
    await expect(page.getByText('Removed')).toBeVisible();
  });
  expect(guide.attachment()?.steps[0]?.status).toBe('passed');
});

test('words on a page the step navigated away from still count', async ({ page, guide }) => {
  await serve(page, {
    '/first': '<p>Check your inbox</p><a href="/second">Open the next page</a>',
    '/second': '<h1>Summary</h1>',
  });
  await guide.step('3', async () => {
    await page.goto(`${ORIGIN}/first`);
    await page.getByRole('link', { name: 'Open the next page' }).click();
    await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible();
  });
  await expect(page.getByText('Check your inbox')).toHaveCount(0);
  expect(guide.attachment()?.steps[0]?.status).toBe('passed');
});

test('a quoted word that was never shown fails as doc drift, naming the closest real word', async ({
  page,
  guide,
}) => {
  await serve(page, { '/': '<h1>Forgot your password?</h1><button type="button">Change password</button>' });
  const error = await guide
    .step('4', async () => {
      await page.goto(`${ORIGIN}/`);
      await page.getByRole('button', { name: 'Change password' }).click();
    })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(DocDriftError);
  const message = (error as Error).message;
  expect(message).toMatch(
    /^doc drift: guide "sample" \(.*sample\.md\), Step 4: Reset your password: 1 quoted string/,
  );
  expect(message).toContain('guide says «Reset password»; closest shown: «Change password» (');
  const step = guide.attachment()?.steps[0];
  expect(step?.status).toBe('drift');
  expect(step?.quotes[0]?.suggestions?.[0]?.text).toBe('Change password');
});

test('hidden text does not count as shown', async ({ page, guide }) => {
  await serve(page, { '/': '<button type="button">Go</button><p hidden>Reset password</p>' });
  await expect(
    guide.step('4', async () => {
      await page.goto(`${ORIGIN}/`);
    }),
  ).rejects.toThrow(/^doc drift:/);
});

test('a step id the guide does not have fails clearly', async ({ guide }) => {
  await expect(guide.step('12', () => undefined)).rejects.toThrow(
    /guide "sample" \(.*sample\.md\) has no step "12"; its steps are 1, 2, 3, 4, 5, 6\./,
  );
  expect(guide.attachment()?.unknownSteps.map((u) => u.id)).toEqual(['12']);
});

test('a failing action is a broken flow, and still lists the closest words shown', async ({
  page,
  guide,
}) => {
  await serve(page, { '/': '<button type="button">Change password</button>' });
  await expect(
    guide.step('4', async () => {
      await page.goto(`${ORIGIN}/`);
      await page.getByRole('button', { name: 'Reset password' }).click({ timeout: 500 });
    }),
  ).rejects.toThrow(/Timeout 500ms exceeded/);
  const step = guide.attachment()?.steps[0];
  expect(step?.status).toBe('broken');
  expect(step?.error).toContain('Reset password');
  expect(step?.quotes[0]).toMatchObject({ text: 'Reset password', status: 'missing' });
  expect(step?.quotes[0]?.suggestions?.[0]?.text).toBe('Change password');
});

test('the mail read in a step is checked: its button text and sender', async ({ guide }) => {
  await guide.step('5', () => {
    guide.sawMail({
      from: 'Visma Connect <do.not.reply@mail.connect.localhost>',
      subject: 'Welcome to Customer Portal',
      html: '<p>Hello</p><a href="http://x/activate?token=abc">Activate&nbsp;account</a>',
    });
  });
  const quotes = guide.attachment()?.steps[0]?.quotes ?? [];
  expect(quotes.map((q) => [q.text, q.status, q.surface])).toEqual([
    ['do.not.reply@mail.connect.visma.com', 'found', 'mail'],
    ['Activate account', 'found', 'mail'],
  ]);
  expect(quotes[0]?.note).toContain('mail.connect.localhost');
});

test('the step results are attached as JSON for the report', async ({ page, guide }, testInfo) => {
  await serve(page, { '/': '<h1>Welcome aboard</h1><button type="button">Continue</button>' });
  await guide.step('1', () => page.goto(`${ORIGIN}/`));
  // The fixture attaches at teardown; here the same document is read straight from the session.
  const run = guide.attachment() as GuideRunAttachment;
  expect(run.guide).toMatchObject({ id: 'sample', locale: 'en' });
  expect(run.checking).toBe(true);
  expect(STEPS_ATTACHMENT).toBe('guidewright-steps');
  expect(testInfo.attachments.map((a) => a.name)).toContain('guide step 1');
});

test.describe('a quoted URL', () => {
  test.use({ guideHostMap: { 'accountsettings.connect.visma.com': `${ORIGIN}/settings` } });

  test('is checked against the pages opened in the step, through the host map', async ({ page, guide }) => {
    await serve(page, { '/settings': '<h1>Account Settings</h1>' });
    await guide.step('6', () => page.goto(`${ORIGIN}/settings`));
    expect(guide.attachment()?.steps[0]?.quotes.map((q) => [q.kind, q.status, q.surface])).toEqual([
      ['url', 'found', 'url'],
      ['ui', 'found', 'page'],
    ]);
  });

  test('is "not checkable" when the step opens no page, and never silently dropped', async ({
    page,
    guide,
  }) => {
    await serve(page, { '/settings': '<h1>Account Settings</h1>' });
    await page.goto(`${ORIGIN}/settings`);
    await guide.step('6', () => undefined);
    const [url] = guide.attachment()?.steps[0]?.quotes ?? [];
    expect(url).toMatchObject({
      kind: 'url',
      status: 'not-checkable',
      note: 'no page was opened in this step',
    });
  });
});

test('the step screenshot blacks out what the step masks', async ({ page, guide }, testInfo) => {
  await serve(page, {
    '/': `<h1>Welcome aboard</h1><button type="button">Continue</button>
      <p id="code" style="position:absolute; left:100px; top:200px; width:300px; height:80px; margin:0; background:#fff; font-size:40px">5917-AJ4D-JMPZ</p>`,
  });
  await page.goto(`${ORIGIN}/`);
  await guide.step('1', () => undefined, { mask: [page.locator('#code')] });
  const shot = testInfo.attachments.find((a) => a.name === 'guide step 1');
  const png = PNG.sync.read(shot?.body ?? readFileSync(shot!.path!));
  const pixel = (x: number, y: number) => [
    ...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3),
  ];
  // Playwright paints masks magenta by default; the heading next to it stays as it was.
  expect(pixel(250, 240)).toEqual([255, 0, 255]);
  expect(pixel(5, 5)).toEqual([255, 255, 255]);
});

test('set-content pages are observed too, including text added after the step began', async ({
  page,
  guide,
}) => {
  await page.setContent('<h1>Welcome aboard</h1>');
  await guide.step('1', async () => {
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.textContent = 'Continue';
      document.body.append(b);
    });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.setContent('<p>Something else</p>');
  });
  expect(guide.attachment()?.steps[0]?.status).toBe('passed');
});
