// Each project guide as a help centre publishes it (an HTML page, a Zendesk Help Center API article, a PDF
// printed by the browser) reads back to the same steps and quotes as its Markdown.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { bindableSteps, loadGuides, readGuideSource, type Guide } from '../../lib/guide/index.ts';
import { renderGuide, zendeskArticle } from './guide-render.ts';

const guides = [...loadGuides({ manifest: '' }).values()];

/** What a reader must agree on: the bindable steps, and per step its quotes' text and kind. */
function shape(guide: Guide, keep: (q: Guide['steps'][number]['quotes'][number]) => boolean = () => true) {
  return bindableSteps(guide).map((s) => ({
    id: s.id,
    quotes: s.quotes.filter(keep).map((q) => `${q.kind}: ${q.text}`),
  }));
}

const dir = mkdtempSync(path.join(tmpdir(), 'guide-readers-'));
let server: Server;
let base = '';

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const id = Number(/\/articles\/(\d+)\.json$/.exec(req.url ?? '')?.[1]);
    const guide = guides[id];
    if (!guide || req.headers.authorization !== 'Bearer help-centre-token') {
      res.writeHead(guide ? 401 : 404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(zendeskArticle(renderGuide(guide.file), id));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

for (const [index, guide] of guides.entries()) {
  test(`${guide.locale}/${guide.id}: HTML page, Zendesk article and printed PDF read back as the Markdown`, async ({
    page,
  }) => {
    const rendered = renderGuide(guide.file);
    const expected = shape(guide);
    expect(expected.flatMap((s) => s.quotes).length, 'the guide quotes something').toBeGreaterThan(0);

    const html = path.join(dir, `${guide.id}.html`);
    writeFileSync(html, rendered.page);
    const fromHtml = await readGuideSource(html);
    expect(fromHtml.locale).toBe(guide.locale);
    expect(fromHtml.title).toBe(guide.title);
    expect(shape(fromHtml)).toEqual(expected);

    const json = path.join(dir, `${guide.id}.json`);
    writeFileSync(json, zendeskArticle(rendered, index));
    const fromJson = await readGuideSource(json);
    expect(fromJson.format).toBe('zendesk');
    expect(shape(fromJson)).toEqual(expected);
    // The same article from the Help Center API, with the bearer token.
    const fromApi = await readGuideSource(`${base}/api/v2/help_center/articles/${index}.json`, {
      token: 'help-centre-token',
    });
    expect(shape(fromApi)).toEqual(expected);

    await page.setContent(rendered.page);
    const pdf = path.join(dir, `${guide.id}.pdf`);
    writeFileSync(pdf, await page.pdf());
    const fromPdf = await readGuideSource(pdf, { locale: guide.locale });
    expect(fromPdf.format).toBe('pdf');
    // A PDF keeps links only to web addresses: an in-page link ("#") is plain text there.
    const webOnly = (q: Guide['steps'][number]['quotes'][number]) => !(q.style === 'link' && q.href === '#');
    expect(shape(fromPdf, webOnly)).toEqual(shape(guide, webOnly));
    expect(fromPdf.steps.every((s) => s.quotes.every((q) => q.page !== undefined && q.page >= 1))).toBe(true);
  });
}
