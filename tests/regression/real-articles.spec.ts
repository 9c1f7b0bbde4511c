// The five real help articles (../shared/seeds, read at run time through tests/data/real-articles.guides.ts)
// walked by the existing guide specs against a sandbox of its own, in a nested Playwright run: every step
// of every article is walked or says why not, no flow is broken, and where an article's words differ from
// the screens the step records doc drift naming the closest string shown.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadConfig } from '../../lib/config.ts';
import {
  bindableSteps,
  readGuideSet,
  STEPS_ATTACHMENT,
  type GuideRunAttachment,
} from '../../lib/guide/index.ts';
import { freeSandboxPorts, outerEnvWithoutTarget } from './nested-run.ts';

const MANIFEST = path.resolve('tests/data/real-articles.guides.ts');
const SEEDS = path.resolve('../shared/seeds');

test.skip(
  !existsSync(SEEDS),
  'needs the real articles (../shared/seeds) beside this checkout, which the target run here has no copy of',
);
test.skip(
  loadConfig().target !== 'sandbox',
  'needs a sandbox of its own to walk the articles against; the configured target is not the sandbox',
);

interface JsonResult {
  status: string;
  error?: { message?: string };
  attachments?: { name: string; body?: string; path?: string; contentType: string }[];
}
interface JsonSuite {
  suites?: JsonSuite[];
  specs?: { title: string; tests: { results: JsonResult[] }[] }[];
}

test('CI walks the five real articles through the manifest: every step walked or marked uncovered with a reason, 0 broken flows', async () => {
  test.setTimeout(45 * 60_000);
  const { guides, invalid } = readGuideSet({ manifest: MANIFEST });
  expect(invalid).toEqual([]);
  expect(guides.map((g) => g.id).sort()).toEqual([
    'bankid-other-organisation',
    'enable-2fa-later',
    'enrolment-wizard',
    'portal-first-login',
    'wrong-email-bankid',
  ]);

  const dir = mkdtempSync(path.join(tmpdir(), 'gw-real-articles-'));
  try {
    const json = path.join(dir, 'results.json');
    const child = spawn(
      'npx',
      [
        'playwright',
        'test',
        '--project=guides-en',
        '--project=guides-nb',
        '--reporter=json',
        '--retries=1',
        '--workers=1',
        `--output=${dir}/out`,
      ],
      {
        env: {
          ...outerEnvWithoutTarget(),
          ...(await freeSandboxPorts()),
          GUIDES_MANIFEST: MANIFEST,
          PLAYWRIGHT_JSON_OUTPUT_NAME: json,
        },
        stdio: 'ignore',
      },
    );
    await new Promise((resolve) => child.on('exit', resolve));
    const report = JSON.parse(readFileSync(json, 'utf8')) as { suites: JsonSuite[] };

    const runs: GuideRunAttachment[] = [];
    const failures: string[] = [];
    const visit = (suite: JsonSuite) => {
      for (const spec of suite.specs ?? [])
        for (const t of spec.tests) {
          // The last try is the one that counts.
          const r = t.results[t.results.length - 1];
          if (!r) continue;
          if (r.status !== 'passed' && r.status !== 'skipped')
            failures.push(`${spec.title}: ${r.error?.message ?? r.status}`);
          for (const a of r.attachments ?? []) {
            if (a.name !== STEPS_ATTACHMENT) continue;
            const body = a.body ? Buffer.from(a.body, 'base64').toString() : readFileSync(a.path!, 'utf8');
            runs.push(JSON.parse(body) as GuideRunAttachment);
          }
        }
      suite.suites?.forEach(visit);
    };
    report.suites.forEach(visit);

    // 0 broken flows: every spec walks its article to the end (drift is recorded and the walk goes on).
    expect(failures, 'specs that failed on the real articles').toEqual([]);
    const records = runs.flatMap((r) => r.steps.map((s) => ({ guide: r.guide.id, ...s })));
    expect(records.filter((s) => s.status === 'broken')).toEqual([]);
    expect(runs.flatMap((r) => r.unknownSteps)).toEqual([]);

    for (const guide of guides) {
      const walked = new Set(records.filter((r) => r.guide === guide.id).map((r) => r.id));
      for (const step of bindableSteps(guide)) {
        expect(
          walked.has(step.id) || !!step.uncovered,
          `${guide.id} step ${step.id} (${step.title}) is walked by a spec or says why not`,
        ).toBe(true);
      }
    }
    // Drift names the words and the closest string the screen showed.
    const drift = records.filter((s) => s.status === 'drift');
    for (const d of drift) expect(d.error, `${d.guide} ${d.id}`).toMatch(/guide says «.+»; closest shown: «/);
    // Guide 001 names one button two ways: the second way is drift, next to the button the screen shows.
    expect(drift.find((d) => d.guide === 'enable-2fa-later' && d.id === '6')?.error).toContain(
      'guide says «I’m using a different authenticator app.»; closest shown: «I use a different Authenticator app»',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
