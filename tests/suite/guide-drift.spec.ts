// The drift demo on a real project guide, without the sandbox: step 4 of wrong-email-bankid on a page
// that shows the Norwegian forgot-password screen. The guide as written passes; a copy with one quoted
// word changed fails as doc drift and the report suggests the real word; a renamed button on the page
// fails as a broken flow with the closest names listed.
import { expect, test as base, type Page } from '@playwright/test';
import { DocDriftError, guideFixtures, type GuideFixtures, type GuideOptions } from '../../fixtures/guide.ts';
import { writeGuideCopy, type GuideRunAttachment } from '../../lib/guide/index.ts';
import { renderMarkdown } from '../../reporters/guide-render.ts';
import { modelOfRun } from './run-report.ts';

const test = base.extend<GuideFixtures & GuideOptions>(guideFixtures);
const ORIGIN = 'http://accountsettings.guide-drift.test';

function forgotPage(resetLabel: string): string {
  return `<!doctype html><html lang="nb"><body><main>
    <h1>Account Settings</h1>
    <p>Angi din e-postadresse og klikk på ønsket knapp under for å motta en epost med ditt valg.</p>
    <label><input type="checkbox"> Jeg er ikke en robot</label>
    <button type="button" id="reset">${resetLabel}</button><p>Motta en epost for å tilbakestille ditt passord.</p>
    <button type="button">Engangs innloggingslenke</button>
    <a href="/">Tilbake til innlogging</a>
    <p id="done" hidden>Sjekk e-posten din</p>
    <script>document.getElementById('reset').onclick = () => { document.getElementById('done').hidden = false; };</script>
  </main></body></html>`;
}

async function walkStep4(page: Page, guide: GuideFixtures['guide'], shown: string): Promise<void> {
  await page.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: forgotPage(shown) }),
  );
  await guide.step('4', async () => {
    await page.goto(`${ORIGIN}/forgot`);
    await page.getByLabel('Jeg er ikke en robot').check();
    await page.getByRole('button', { name: 'Tilbakestill passord' }).click({ timeout: 1_000 });
    await expect(page.getByText('Sjekk e-posten din')).toBeVisible();
  });
}

function report(run: GuideRunAttachment | undefined, guideDir?: string): string {
  return renderMarkdown(modelOfRun(run, { ...(guideDir ? { guideDir } : {}), outcome: 'failed' }));
}

test.describe('the guide as written', () => {
  test.use({ guideId: 'wrong-email-bankid' });

  test('step 4 passes on the screen it describes', async ({ page, guide }) => {
    await walkStep4(page, guide, 'Tilbakestill passord');
    const step = guide.attachment()?.steps[0];
    expect(step?.status).toBe('passed');
    expect(step?.quotes.map((q) => [q.text, q.status])).toEqual([
      ['Jeg er ikke en robot', 'found'],
      ['Tilbakestill passord', 'found'],
    ]);
  });

  test('a renamed button on the screen is a broken flow, with the closest names listed', async ({
    page,
    guide,
  }) => {
    await expect(walkStep4(page, guide, 'Nullstill passord')).rejects.not.toBeInstanceOf(DocDriftError);
    const run = guide.attachment();
    const step = run?.steps[0];
    expect(step?.status).toBe('broken');
    const quote = step?.quotes.find((q) => q.text === 'Tilbakestill passord');
    expect(quote?.status).toBe('missing');
    expect(quote?.suggestions?.[0]?.text).toBe('Nullstill passord');
    expect(report(run)).toContain('### Broken flow');
  });
});

test.describe('a copy of the guide with one quoted word changed', () => {
  const copy = writeGuideCopy('wrong-email-bankid', {
    locale: 'nb',
    replace: { from: '«Tilbakestill passord»', to: '«Nullstill passord»' },
  });
  test.use({ guideId: 'wrong-email-bankid', guideDir: copy });

  test('fails as doc drift, not as a broken flow, and the report suggests the real word', async ({
    page,
    guide,
  }) => {
    const error = await walkStep4(page, guide, 'Tilbakestill passord').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DocDriftError);
    expect((error as Error).message).toContain(
      'guide says «Nullstill passord»; closest shown: «Tilbakestill passord» (',
    );
    const run = guide.attachment();
    expect(run?.steps[0]?.status).toBe('drift');
    const summary = report(run, copy);
    expect(summary).toContain('### Doc drift');
    expect(summary).toMatch(
      /guide says «Nullstill passord»; closest shown: «Tilbakestill passord» \(0\.\d\d\)/,
    );
  });
});
