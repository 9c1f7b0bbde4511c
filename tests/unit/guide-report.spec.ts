// The doc writers' report rendered from synthetic results: statuses per step (passed, doc drift, broken
// flow, not run, uncovered), suggestions, screenshots, traces, and the three output files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { FullConfig, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { parseGuide, type GuideRunAttachment, type StepRecord } from '../../lib/guide/index.ts';
import GuideReporter, { scanSpec, writeReport } from '../../reporters/guide.ts';
import { suggestEdits } from '../../reporters/guide-fixes.ts';
import { buildModel, type ReportModel } from '../../reporters/guide-model.ts';
import { renderHtml, renderMarkdown, renderTable } from '../../reporters/guide-render.ts';

const GUIDE_SOURCE = `---
id: reset-demo
title: Reset your password <demo>
locale: nb
start: accountsettings
---

<u>Steg 1</u>: Åpne siden og trykk «Neste».

<u>Steg 2</u>: Trykk «Tilbakestill passord».

<u>Steg 3</u>: Skriv passordet i «Nytt passord» og trykk «Endre passord».

<u>Steg 4</u>: Trykk «Logg inn».

<u>Steg 5</u>: Trykk «Ja» (frist: no later than July 1, 2026).
`;
const guide = parseGuide(GUIDE_SOURCE, { file: 'guides/nb/reset-demo.md' });

const record = (id: string, status: StepRecord['status'], extra: Partial<StepRecord> = {}): StepRecord => ({
  id,
  title: guide.steps.find((s) => s.id === id)!.title,
  status,
  startedAt: '2026-11-22T10:00:00.000Z',
  durationMs: 1234,
  quotes: [],
  ...extra,
});

const run: GuideRunAttachment = {
  schema: 1,
  guide: { id: 'reset-demo', locale: 'nb', title: guide.title, file: guide.file },
  checking: true,
  steps: [
    record('1', 'passed', {
      quotes: [{ text: 'Neste', kind: 'ui', style: 'guillemets', line: 7, status: 'found', surface: 'page' }],
      screenshot: 'guide step 1',
    }),
    record('2', 'drift', {
      quotes: [
        {
          text: 'Tilbakestill passord',
          kind: 'ui',
          style: 'guillemets',
          line: 9,
          status: 'missing',
          surface: 'page',
          suggestions: [
            { text: 'Nullstill passord', score: 0.82 },
            { text: 'Tilbake til innlogging', score: 0.41 },
          ],
        },
      ],
      error: 'doc drift: guide "reset-demo" …',
    }),
    record('3', 'broken', { error: 'locator.click: Timeout 500ms exceeded <button>' }),
  ],
  unknownSteps: [{ id: '9', message: 'guide "reset-demo" has no step "9"' }],
};

function model(): ReportModel {
  return buildModel({
    guides: [guide],
    invalid: [
      { file: 'guides/en/broken.md', message: 'guides/en/broken.md:3: unclosed quote: « has no matching »' },
    ],
    runs: [
      {
        run,
        test: {
          title: 'reset demo @nb',
          file: 'tests/guides/reset.spec.ts',
          line: 5,
          project: 'guides-nb',
          outcome: 'failed',
        },
        screenshots: { 'guide step 1': 'shots/nb-reset-demo-1-1.png' },
        trace: '../../test-results/reset/trace.zip',
      },
    ],
    bound: new Map([['nb/reset-demo', new Set(['1', '2', '3', '4'])]]),
    lint: () => [
      {
        rule: 'past-date',
        guideId: 'reset-demo',
        file: guide.file,
        line: 15,
        stepId: '5',
        message: '"no later than July 1, 2026" lies in the past',
      },
    ],
    runStatus: 'failed',
    now: new Date('2026-11-22T12:00:00Z'),
  });
}

test('each step gets its status: passed, doc drift, broken flow, not run (bound), uncovered (unbound)', () => {
  const m = model();
  const g = m.guides[0]!;
  expect(g.steps.map((s) => [s.id, s.status])).toEqual([
    ['1', 'passed'],
    ['2', 'drift'],
    ['3', 'broken'],
    ['4', 'not-run'],
    ['5', 'uncovered'],
  ]);
  expect(g.status).toBe('broken');
  expect(g.counts).toMatchObject({ passed: 1, drift: 1, broken: 1, 'not-run': 1, uncovered: 1 });
  expect(m.totals.uncovered).toBe(1);
  expect(g.steps[0]?.screenshot).toBe('shots/nb-reset-demo-1-1.png');
  expect(g.steps[3]?.quotes).toEqual([expect.objectContaining({ text: 'Logg inn', status: 'unchecked' })]);
  expect(g.unknownSteps).toEqual([
    { id: '9', message: 'guide "reset-demo" has no step "9"', test: 'reset demo @nb' },
  ]);
  expect(m.guides[1]).toMatchObject({
    status: 'invalid',
    parseError: expect.stringContaining('broken.md:3'),
  });
});

test('the HTML page is self-contained and shows what a doc writer needs', () => {
  const html = renderHtml(model());
  expect(html).not.toMatch(/<script|<link|src="https?:|href="https?:|@import/i);
  expect(html).toContain('<style>');
  expect(html).toContain('Reset your password &lt;demo&gt;');
  expect(html).toContain('closest shown: «Nullstill passord» (0.82), «Tilbake til innlogging» (0.41)');
  expect(html).toContain('<img class="shot" loading="lazy" src="shots/nb-reset-demo-1-1.png"');
  expect(html).toContain('npx playwright show-trace ../../test-results/reset/trace.zip');
  expect(html).toContain('Timeout 500ms exceeded &lt;button&gt;');
  expect(html).toContain('lies in the past');
  expect(html).toContain('guides/en/broken.md:3: unclosed quote');
  for (const label of ['passed', 'doc drift', 'broken flow', 'not run', 'uncovered']) {
    expect(html).toContain(`>1 ${label}</span>`);
  }
});

test('the Markdown summary has a row per guide and lists drift with suggestions', () => {
  const text = renderMarkdown(model());
  expect(text).toContain('## Guide check: 1 passed, 1 doc drift, 1 broken flow, 1 uncovered, 1 not run');
  expect(text).toContain('| reset-demo | nb | broken flow | 1 | 1 | 1 | 1 | 1 | 1 |');
  expect(text).toContain(
    '- **reset-demo** (nb) Steg 2: Trykk «Tilbakestill passord». — guide says «Tilbakestill passord»; closest shown: «Nullstill passord» (0.82)',
  );
  expect(text).toContain('### Broken flow');
  expect(text).toContain('Full report: `reports/guides/index.html`');
});

test('the console table fits one screen and says where the report is', () => {
  const table = renderTable(model(), 'reports/guides/index.html');
  const lines = table.split('\n');
  expect(lines.length).toBeLessThan(25);
  expect(lines.every((l) => l.length <= 110)).toBe(true);
  expect(table).toMatch(/reset-demo\s+nb\s+broken flow\s+1\s+1\s+1\s+1\s+1\s+1/);
  expect(table).toContain('report: reports/guides/index.html');
});

test('writes index.html, results.json and summary.md, and appends the summary for CI', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'guide-report-'));
  const ci = path.join(dir, 'step-summary.md');
  writeFileSync(ci, '# earlier job output\n');
  const before = process.env.GITHUB_STEP_SUMMARY;
  process.env.GITHUB_STEP_SUMMARY = ci;
  try {
    writeReport(model(), path.join(dir, 'out'), dir);
  } finally {
    if (before === undefined) delete process.env.GITHUB_STEP_SUMMARY;
    else process.env.GITHUB_STEP_SUMMARY = before;
  }
  const json = JSON.parse(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8')) as ReportModel;
  expect(json.schema).toBe(1);
  expect(json.guides[0]?.steps[1]?.quotes[0]?.suggestions?.[0]).toEqual({
    text: 'Nullstill passord',
    score: 0.82,
  });
  expect(readFileSync(path.join(dir, 'out', 'index.html'), 'utf8')).toMatch(/^<!doctype html>/);
  const summary = readFileSync(ci, 'utf8');
  expect(summary.startsWith('# earlier job output\n## Guide check:')).toBe(true);
  expect(summary).toContain('Full report: `out/index.html`');
});

test('spec files are read for the guide they walk and the steps they bind', () => {
  const source = `test.use({ guideId: 'portal-first-login' });
    await guide.step('1', () => x);  await guide.step("2", async () => {});
    guide.load('enrolment-wizard');`;
  expect(scanSpec(source)).toEqual({
    guideIds: ['portal-first-login', 'enrolment-wizard'],
    stepIds: ['1', '2'],
  });
});

/** The parts of a Playwright TestCase the reporter reads: a test `title` in `file`, run by `project`. */
function fakeTest(title: string, file: string, project: string): TestCase {
  return {
    id: `${project}:${title}`,
    title,
    titlePath: () => ['', project, path.basename(file), title],
    location: { file, line: 1, column: 1 },
    parent: { project: () => ({ name: project }) },
  } as unknown as TestCase;
}

test('the reporter keeps the last retry, copies screenshots and finds uncovered steps', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'guide-reporter-'));
  mkdirSync(path.join(dir, 'guides', 'nb'), { recursive: true });
  writeFileSync(path.join(dir, 'guides', 'nb', 'reset-demo.md'), GUIDE_SOURCE);
  const spec = path.join(dir, 'reset.spec.ts');
  writeFileSync(spec, `test.use({ guideId: 'reset-demo' }); guide.step('1', f); guide.step('2', f);`);
  const png = path.join(dir, 'shot.png');
  writeFileSync(png, Buffer.from('89504e470d0a1a0a', 'hex'));

  const testCase = fakeTest('reset demo', spec, 'guides-nb');
  const attachmentsFor = (steps: StepRecord[]) => [
    {
      name: 'guidewright-steps',
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify({ ...run, steps, unknownSteps: [] })),
    },
    { name: 'guide step 1', contentType: 'image/png', path: png },
  ];
  const reporter = new GuideReporter({
    outputDir: 'out',
    guidesDir: path.join(dir, 'guides'),
    hostMap: {},
    printTable: false,
  });
  reporter.onBegin(
    { configFile: path.join(dir, 'playwright.config.ts'), projects: [] } as unknown as FullConfig,
    { allTests: () => [testCase] } as unknown as Suite,
  );
  reporter.onTestEnd(testCase, {
    status: 'failed',
    attachments: attachmentsFor([record('1', 'broken')]),
  } as unknown as TestResult);
  reporter.onTestEnd(testCase, {
    status: 'passed',
    attachments: attachmentsFor([record('1', 'passed', { screenshot: 'guide step 1' })]),
  } as unknown as TestResult);
  await reporter.onEnd({ status: 'passed' } as Parameters<GuideReporter['onEnd']>[0]);

  const json = JSON.parse(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8')) as ReportModel;
  const steps = json.guides[0]!.steps;
  expect(steps.map((s) => s.status)).toEqual(['passed', 'not-run', 'uncovered', 'uncovered', 'uncovered']);
  expect(readFileSync(path.join(dir, 'out', steps[0]!.screenshot!))).toEqual(readFileSync(png));
});

test('a run with no guide tests (unit tests only) leaves no guide report', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'guide-reporter-none-'));
  const reporter = new GuideReporter({ outputDir: 'out', hostMap: {}, printTable: false });
  reporter.onBegin(
    { configFile: path.join(dir, 'playwright.config.ts'), projects: [] } as unknown as FullConfig,
    {
      allTests: () => [],
    } as unknown as Suite,
  );
  await reporter.onEnd({ status: 'passed' } as Parameters<GuideReporter['onEnd']>[0]);
  expect(existsSync(path.join(dir, 'out', 'index.html'))).toBe(false);
});

test('a run that walks only guides outside guides/ (the suite’s samples) leaves the report alone', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'guide-reporter-other-'));
  mkdirSync(path.join(dir, 'guides', 'nb'), { recursive: true });
  writeFileSync(path.join(dir, 'guides', 'nb', 'reset-demo.md'), GUIDE_SOURCE);
  const spec = path.join(dir, 'sample.spec.ts');
  writeFileSync(spec, `test.use({ guideId: 'sample' }); guide.step('1', f);`);
  const testCase = fakeTest('sample', spec, 'suite');
  const reporter = new GuideReporter({ outputDir: 'out', guidesDir: path.join(dir, 'guides'), hostMap: {} });
  reporter.onBegin(
    { configFile: path.join(dir, 'playwright.config.ts'), projects: [] } as unknown as FullConfig,
    {
      allTests: () => [testCase],
    } as unknown as Suite,
  );
  const sample = { ...run, guide: { ...run.guide, id: 'sample' } };
  reporter.onTestEnd(testCase, {
    status: 'passed',
    attachments: [
      {
        name: 'guidewright-steps',
        contentType: 'application/json',
        body: Buffer.from(JSON.stringify(sample)),
      },
    ],
  } as unknown as TestResult);
  await reporter.onEnd({ status: 'passed' } as Parameters<GuideReporter['onEnd']>[0]);
  expect(existsSync(path.join(dir, 'out', 'index.html'))).toBe(false);
});

test('a guide whose walked steps all passed says how many of its steps were walked', () => {
  const partial = buildModel({
    guides: [guide],
    invalid: [],
    runs: [
      {
        run: { ...run, steps: [record('1', 'passed')], unknownSteps: [] },
        test: { title: 't', file: 'f', line: 1, project: 'guides-nb', outcome: 'passed' },
        screenshots: {},
      },
    ],
    bound: new Map(),
    lint: () => [],
    runStatus: 'passed',
    now: new Date('2026-11-22T12:00:00Z'),
  });
  expect(partial.guides[0]?.status).toBe('passed');
  expect(renderMarkdown(partial)).toContain(
    '| reset-demo | nb | passed, 1/5 steps walked | 1 | 0 | 0 | 4 | 0 | 0 |',
  );
  expect(renderHtml(partial)).toContain('>passed, 1/5 steps walked</span>');
});

test('a run of one guide (`--guide X`) shows the steps other specs bind as not run, not uncovered', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'guide-reporter-subset-'));
  mkdirSync(path.join(dir, 'guides', 'nb'), { recursive: true });
  writeFileSync(path.join(dir, 'guides', 'nb', 'reset-demo.md'), GUIDE_SOURCE);
  writeFileSync(
    path.join(dir, 'guides', 'nb', 'other-demo.md'),
    GUIDE_SOURCE.replace('id: reset-demo', 'id: other-demo'),
  );
  const specs = path.join(dir, 'tests', 'guides');
  mkdirSync(specs, { recursive: true });
  const walked = path.join(specs, 'reset-demo.spec.ts');
  writeFileSync(walked, `test.use({ guideId: 'reset-demo' }); guide.step('1', f);`);
  writeFileSync(
    path.join(specs, 'other-demo.spec.ts'),
    `test.use({ guideId: 'other-demo' }); guide.step('1', f); guide.step('2', f);`,
  );
  const testCase = fakeTest('reset demo', walked, 'guides-nb');
  const config = {
    configFile: path.join(dir, 'playwright.config.ts'),
    projects: [
      { name: 'unit', testDir: path.join(dir, 'tests', 'unit') },
      { name: 'guides-nb', testDir: specs },
    ],
  } as unknown as FullConfig;
  const reporter = new GuideReporter({
    outputDir: 'out',
    guidesDir: path.join(dir, 'guides'),
    hostMap: {},
    printTable: false,
  });
  reporter.onBegin(config, { allTests: () => [testCase] } as unknown as Suite);
  reporter.onTestEnd(testCase, {
    status: 'passed',
    attachments: [
      {
        name: 'guidewright-steps',
        contentType: 'application/json',
        body: Buffer.from(JSON.stringify({ ...run, steps: [record('1', 'passed')], unknownSteps: [] })),
      },
    ],
  } as unknown as TestResult);
  await reporter.onEnd({ status: 'passed' } as Parameters<GuideReporter['onEnd']>[0]);
  const json = JSON.parse(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8')) as ReportModel;
  const status = (id: string) => json.guides.find((g) => g.id === id)!.steps.map((x) => x.status);
  expect(status('reset-demo')).toEqual(['passed', 'uncovered', 'uncovered', 'uncovered', 'uncovered']);
  expect(status('other-demo')).toEqual(['not-run', 'not-run', 'uncovered', 'uncovered', 'uncovered']);

  // A run of the unit tests alone reads the same specs but walks no guide: the report stays as it was.
  const before = readFileSync(path.join(dir, 'out', 'results.json'), 'utf8');
  const unitOnly = new GuideReporter({ outputDir: 'out', guidesDir: path.join(dir, 'guides'), hostMap: {} });
  unitOnly.onBegin(config, { allTests: () => [] } as unknown as Suite);
  await unitOnly.onEnd({ status: 'passed' } as Parameters<GuideReporter['onEnd']>[0]);
  expect(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8')).toBe(before);
});

test('a confident suggestion becomes a suggested edit beside the finding and a patch git apply takes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-fixes-'));
  const file = path.join(dir, guide.file);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, GUIDE_SOURCE);
  const line = guide.steps.find((s) => s.id === '2')!.quotes[0]!.line;
  // A copy: the model shares the recorded quotes with the other tests.
  const m = structuredClone(model());
  const quote = m.guides[0]!.steps.find((s) => s.id === '2')!.quotes[0]!;
  quote.line = line;

  const patch = suggestEdits(m, dir);
  expect(quote.edit).toEqual({ line, from: 'Tilbakestill passord', to: 'Nullstill passord' });
  expect(patch).toContain('-<u>Steg 2</u>: Trykk «Tilbakestill passord».');
  expect(patch).toContain('+<u>Steg 2</u>: Trykk «Nullstill passord».');
  expect(renderHtml(m)).toContain(
    'suggested edit (in fixes.patch): line 10: «Tilbakestill passord» → «Nullstill passord»',
  );

  const from = /cd (.+) && git apply/.exec(patch)![1]!;
  writeFileSync(path.join(dir, 'fixes.patch'), patch);
  const applied = spawnSync('git', ['apply', path.join(dir, 'fixes.patch')], { cwd: from, encoding: 'utf8' });
  expect(applied.stderr).toBe('');
  expect(readFileSync(file, 'utf8')).toBe(GUIDE_SOURCE.replace('Tilbakestill passord', 'Nullstill passord'));
});

test('no edit when two shown strings are about as close, or the words are not on the quoted line', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-fixes-'));
  mkdirSync(path.dirname(path.join(dir, guide.file)), { recursive: true });
  writeFileSync(path.join(dir, guide.file), GUIDE_SOURCE);
  // A copy: the model shares the recorded quotes with the other tests.
  const m = structuredClone(model());
  const quote = m.guides[0]!.steps.find((s) => s.id === '2')!.quotes[0]!;
  // As the run recorded it: a line that does not hold the words.
  expect(suggestEdits(m, dir)).toBe('');
  quote.line = guide.steps.find((s) => s.id === '2')!.quotes[0]!.line;
  quote.suggestions = [
    { text: 'Nullstill passord', score: 0.82 },
    { text: 'Tilbakestill konto', score: 0.8 },
  ];
  expect(suggestEdits(m, dir)).toBe('');
  expect(quote.edit).toBeUndefined();
});
