// Accessibility per step (GUIDEWRIGHT_AXE): axe's WCAG 2.1 A/AA rules on the screen a step ends on, listed
// in the step's record; with "fail", a serious or critical finding fails the step. A self-made page with
// the forgot-password screen of wrong-email-bankid step 4, plus a picture without a text alternative.
import { expect, test as base, type Page } from '@playwright/test';
import { guideFixtures, type GuideFixtures, type GuideOptions } from '../../fixtures/guide.ts';
import type { GuideRunAttachment } from '../../lib/guide/index.ts';
import { renderHtml } from '../../reporters/guide-render.ts';
import { modelOfRun } from './run-report.ts';

const test = base.extend<GuideFixtures & GuideOptions>(guideFixtures);
const ORIGIN = 'http://accountsettings.guide-axe.test';
const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

async function walkStep4(page: Page, guide: GuideFixtures['guide'], picture: string): Promise<void> {
  await page.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="nb"><head><title>Glemt passord</title></head><body><main>
        <h1>Account Settings</h1>${picture}
        <label><input type="checkbox"> Jeg er ikke en robot</label>
        <button type="button">Tilbakestill passord</button>
      </main></body></html>`,
    }),
  );
  await guide.step('4', async () => {
    await page.goto(`${ORIGIN}/forgot`);
    await page.getByLabel('Jeg er ikke en robot').check();
  });
}

const html = (run: GuideRunAttachment | undefined) => renderHtml(modelOfRun(run, { outcome: 'passed' }));

test.describe('listed in the report', () => {
  test.use({ guideId: 'wrong-email-bankid', guideAccessibility: 'report' });

  test('a picture without a text alternative is listed under the step, which still passes', async ({
    page,
    guide,
  }) => {
    await walkStep4(page, guide, `<img src="${PIXEL}" width="40" height="40">`);
    const step = guide.attachment()?.steps[0];
    expect(step?.status).toBe('passed');
    expect(step?.accessibility?.url).toBe(`${ORIGIN}/forgot`);
    const found = step?.accessibility?.violations.find((v) => v.id === 'image-alt');
    expect(found).toMatchObject({ impact: 'critical', nodes: 1, targets: ['img'] });
    expect(found?.helpUrl).toMatch(/^https:\/\/dequeuniversity\.com\//);
    expect(html(guide.attachment())).toMatch(
      /Accessibility \(axe, WCAG 2\.1 A\/AA\) on http:\/\/accountsettings\.guide-axe\.test\/forgot:<ul><li><a href="https:\/\/dequeuniversity\.com\/[^"]+"><code>image-alt<\/code><\/a> \(critical\)/,
    );
  });

  test('the same page with the text alternative has no findings', async ({ page, guide }) => {
    await walkStep4(page, guide, `<img src="${PIXEL}" width="40" height="40" alt="Visma">`);
    expect(guide.attachment()?.steps[0]?.accessibility?.violations).toEqual([]);
  });
});

test.describe('failing the step', () => {
  test.use({ guideId: 'wrong-email-bankid', guideAccessibility: 'fail' });

  test('a critical finding fails the step as broken, naming the rule', async ({ page, guide }) => {
    const error = await walkStep4(page, guide, `<img src="${PIXEL}" width="40" height="40">`).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      /accessibility: 1 serious or critical axe finding\(s\) on http:\/\/accountsettings\.guide-axe\.test\/forgot/,
    );
    expect(error?.message).toContain('image-alt (critical)');
    expect(guide.attachment()?.steps[0]?.status).toBe('broken');
  });
});
