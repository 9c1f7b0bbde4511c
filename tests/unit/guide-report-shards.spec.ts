// The guide reporter in a shard, under `--list`, and with a trace: a shard's report covers the guides it
// walked and says it is one shard; --list leaves the last report alone; a trace is copied into the report
// so its link works wherever the report is uploaded. And the run guard: a run that skipped everything fails.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { FullConfig, FullResult, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { parseGuide, type GuideRunAttachment } from '../../lib/guide/index.ts';
import GuideReporter from '../../reporters/guide.ts';
import { buildModel, type ReportModel, type RunInput } from '../../reporters/guide-model.ts';
import RunGuard, { judge } from '../../reporters/run-guard.ts';

const guideSource = (id: string) => `---
id: ${id}
title: Demo ${id}
locale: nb
---

<u>Steg 1</u>: Trykk «Neste».

<u>Steg 2</u>: Trykk «Logg inn».
`;

function fakeTest(title: string, file: string, project: string): TestCase {
  return {
    id: `${project}:${title}`,
    title,
    titlePath: () => ['', project, path.basename(file), title],
    location: { file, line: 1, column: 1 },
    annotations: [],
    parent: { project: () => ({ name: project }) },
  } as unknown as TestCase;
}

const attachment = (id: string): GuideRunAttachment => ({
  schema: 1,
  guide: { id, locale: 'nb', title: `Demo ${id}`, file: `guides/nb/${id}.md` },
  checking: true,
  steps: [
    {
      id: '1',
      title: 'Steg 1: Trykk «Neste».',
      status: 'passed',
      startedAt: '2026-11-22T10:00:00.000Z',
      durationMs: 10,
      quotes: [],
    },
  ],
  unknownSteps: [],
});

/** A project with two guides (alpha, beta), one spec each, in a temporary folder. */
function project() {
  const dir = mkdtempSync(path.join(tmpdir(), 'guide-reporter-shards-'));
  mkdirSync(path.join(dir, 'guides', 'nb'), { recursive: true });
  const specs = path.join(dir, 'tests', 'guides');
  mkdirSync(specs, { recursive: true });
  const tests: Record<string, TestCase> = {};
  for (const id of ['alpha', 'beta']) {
    writeFileSync(path.join(dir, 'guides', 'nb', `${id}.md`), guideSource(id));
    const spec = path.join(specs, `${id}.spec.ts`);
    writeFileSync(spec, `test.use({ guideId: '${id}' }); guide.step('1', f); guide.step('2', f);`);
    tests[id] = fakeTest(id, spec, 'guides-nb');
  }
  const config = (shard: FullConfig['shard']) =>
    ({
      configFile: path.join(dir, 'playwright.config.ts'),
      projects: [{ name: 'guides-nb', testDir: specs }],
      shard,
    }) as unknown as FullConfig;
  const reporter = (extra: Record<string, unknown> = {}) =>
    new GuideReporter({
      outputDir: 'out',
      guidesDir: path.join(dir, 'guides'),
      hostMap: {},
      printTable: false,
      ...extra,
    });
  const result = (id: string, more: TestResult['attachments'] = []) =>
    ({
      status: 'passed',
      attachments: [
        {
          name: 'guidewright-steps',
          contentType: 'application/json',
          body: Buffer.from(JSON.stringify(attachment(id))),
        },
        ...more,
      ],
    }) as unknown as TestResult;
  const read = () => JSON.parse(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8')) as ReportModel;
  return { dir, tests, config, reporter, result, read };
}

const passed = { status: 'passed' } as FullResult;

test('a shard reports only the guides it walked, and its summary says it is one shard of several', async () => {
  const p = project();
  const r = p.reporter();
  // Shard 1 of 2 walks alpha; beta belongs to shard 2 and must not show as "not run" here.
  r.onBegin(p.config({ current: 1, total: 2 }), { allTests: () => [p.tests.alpha!] } as unknown as Suite);
  r.onTestEnd(p.tests.alpha!, p.result('alpha'));
  await r.onEnd(passed);
  const model = p.read();
  expect(model.shard).toEqual({ current: 1, total: 2 });
  expect(model.guides.map((g) => g.id)).toEqual(['alpha']);
  expect(model.totals['not-run']).toBe(1);
  const summary = readFileSync(path.join(p.dir, 'out', 'summary.md'), 'utf8');
  expect(summary.split('\n')[0]).toBe(
    '## Guide check (shard 1/2): 1 passed, 0 doc drift, 0 broken flow, 0 uncovered, 1 not run',
  );
  expect(summary).toContain('covers only the 1 guide this shard walked');
  expect(readFileSync(path.join(p.dir, 'out', 'index.html'), 'utf8')).toContain('Shard 1 of 2');

  // The same tests without a shard (a single run, or the merge): both guides, beta not run.
  const whole = p.reporter();
  whole.onBegin(p.config(null), { allTests: () => [p.tests.alpha!, p.tests.beta!] } as unknown as Suite);
  whole.onTestEnd(p.tests.alpha!, p.result('alpha'));
  await whole.onEnd(passed);
  const all = p.read();
  expect(all.shard).toBeUndefined();
  expect(all.guides.map((g) => g.id)).toEqual(['alpha', 'beta']);
  expect(readFileSync(path.join(p.dir, 'out', 'summary.md'), 'utf8')).not.toContain('shard');
});

test('--list leaves the last report and its pictures alone', async () => {
  const p = project();
  const png = path.join(p.dir, 'shot.png');
  writeFileSync(png, Buffer.from('89504e470d0a1a0a', 'hex'));
  const first = p.reporter();
  first.onBegin(p.config(null), { allTests: () => [p.tests.alpha!] } as unknown as Suite);
  const withShot = attachment('alpha');
  withShot.steps[0]!.screenshot = 'guide step 1';
  first.onTestEnd(p.tests.alpha!, {
    status: 'passed',
    attachments: [
      {
        name: 'guidewright-steps',
        contentType: 'application/json',
        body: Buffer.from(JSON.stringify(withShot)),
      },
      { name: 'guide step 1', contentType: 'image/png', path: png },
    ],
  } as unknown as TestResult);
  await first.onEnd(passed);
  const before = readFileSync(path.join(p.dir, 'out', 'results.json'), 'utf8');
  const shot = p.read().guides[0]!.steps[0]!.screenshot!;
  expect(existsSync(path.join(p.dir, 'out', shot))).toBe(true);

  const listing = p.reporter({ _mode: 'list' });
  listing.onBegin(p.config(null), { allTests: () => [p.tests.alpha!, p.tests.beta!] } as unknown as Suite);
  await listing.onEnd(passed);
  expect(readFileSync(path.join(p.dir, 'out', 'results.json'), 'utf8')).toBe(before);
  expect(existsSync(path.join(p.dir, 'out', shot))).toBe(true);
});

test('a trace is copied into the report and linked relative to it', async () => {
  const p = project();
  const trace = path.join(p.dir, 'test-results', 'alpha', 'trace.zip');
  mkdirSync(path.dirname(trace), { recursive: true });
  writeFileSync(trace, 'PK trace');
  const r = p.reporter();
  r.onBegin(p.config(null), { allTests: () => [p.tests.alpha!] } as unknown as Suite);
  r.onTestEnd(
    p.tests.alpha!,
    p.result('alpha', [{ name: 'trace', contentType: 'application/zip', path: trace }]),
  );
  await r.onEnd(passed);
  const link = p.read().guides[0]!.steps[0]!.trace!;
  expect(link).toMatch(/^traces\/[^/]+\.zip$/);
  expect(readFileSync(path.join(p.dir, 'out', link), 'utf8')).toBe('PK trace');
  expect(readFileSync(path.join(p.dir, 'out', 'index.html'), 'utf8')).toContain(`<a href="${link}">`);
});

test('the run guard fails a passing run whose tests, or whose guide tests, were all skipped', async () => {
  expect(judge({ total: 3, skipped: 1 }, { total: 2, skipped: 1 }).message).toBeUndefined();
  expect(judge({ total: 0, skipped: 0 }, { total: 0, skipped: 0 }).message).toBeUndefined();
  expect(judge({ total: 4, skipped: 2 }, { total: 0, skipped: 0 }).message).toBeUndefined();
  expect(judge({ total: 2, skipped: 2, reason: 'no SCIM' }, { total: 2, skipped: 2 }).message).toBe(
    'guidewright: failing the run: all 2 tests were skipped, so nothing was tested (first reason: no SCIM).',
  );
  expect(judge({ total: 5, skipped: 2 }, { total: 2, skipped: 2 }).message).toBe(
    'guidewright: failing the run: all 2 guide tests were skipped, so no guide was walked.',
  );

  // Through the reporter: a guide test that passes on retry counts as run.
  const guideTest = fakeTest('g', '/x/g.spec.ts', 'guides-en');
  const unitTest = fakeTest('u', '/x/u.spec.ts', 'unit');
  const guard = new RunGuard();
  guard.onBegin({}, { allTests: () => [guideTest, unitTest] } as unknown as Suite);
  guard.onTestEnd(unitTest, { status: 'passed', annotations: [] } as unknown as TestResult);
  const skipped = {
    status: 'skipped',
    annotations: [{ type: 'skip', description: 'the target has no SCIM' }],
  } as unknown as TestResult;
  guard.onTestEnd(guideTest, skipped);
  expect(await guard.onEnd({ status: 'passed' } as FullResult)).toEqual({ status: 'failed' });
  const retried = new RunGuard();
  retried.onBegin({}, { allTests: () => [guideTest, unitTest] } as unknown as Suite);
  retried.onTestEnd(unitTest, { status: 'passed', annotations: [] } as unknown as TestResult);
  retried.onTestEnd(guideTest, skipped);
  retried.onTestEnd(guideTest, { status: 'passed', annotations: [] } as unknown as TestResult);
  expect(await retried.onEnd({ status: 'passed' } as FullResult)).toBeUndefined();
  // A failing run stays failed as it is; under --list the guard has nothing to say.
  expect(await guard.onEnd({ status: 'failed' } as FullResult)).toBeUndefined();
  const listing = new RunGuard({ _mode: 'list' });
  listing.onBegin({}, { allTests: () => [guideTest] } as unknown as Suite);
  expect(await listing.onEnd({ status: 'passed' } as FullResult)).toBeUndefined();
});

test('two tests walking one step: the picture comes from the same test whichever finished first', () => {
  const guide = parseGuide(guideSource('alpha'), { file: 'guides/nb/alpha.md' });
  const input = (line: number, shot: string): RunInput => ({
    run: {
      ...attachment('alpha'),
      steps: [{ ...attachment('alpha').steps[0]!, screenshot: 'guide step 1' }],
    },
    test: {
      title: `t${line}`,
      file: 'tests/guides/alpha.spec.ts',
      line,
      project: 'guides-nb',
      outcome: 'passed',
    },
    screenshots: { 'guide step 1': shot },
  });
  const shotOf = (runs: RunInput[]) =>
    buildModel({
      guides: [guide],
      invalid: [],
      runs,
      bound: new Map(),
      lint: () => [],
      runStatus: 'passed',
      now: new Date('2026-11-22T12:00:00Z'),
    }).guides[0]!.steps[0]!.screenshot;
  const early = input(10, 'shots/from-line-10.png');
  const late = input(40, 'shots/from-line-40.png');
  expect(shotOf([early, late])).toBe('shots/from-line-10.png');
  expect(shotOf([late, early])).toBe('shots/from-line-10.png');
});
