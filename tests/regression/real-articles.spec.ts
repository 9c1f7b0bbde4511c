// The five real help articles (../shared/seeds, read at run time through tests/data/real-articles.guides.ts)
// walked by the existing guide specs against a sandbox of its own, in a nested Playwright run: every step
// of every article is walked or says why not, no flow is broken, and where an article's words differ from
// the screens the step records doc drift naming the closest string shown.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadConfig } from '../../lib/config.ts';
import { bindableSteps, readGuideSet } from '../../lib/guide/index.ts';
import { freeSandboxPorts, outerEnvWithoutTarget, runNested } from './nested-run.ts';

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

  const outcomes = await runNested(
    ['--project=guides-en', '--project=guides-nb'],
    { ...outerEnvWithoutTarget(), ...(await freeSandboxPorts()), GUIDES_MANIFEST: MANIFEST },
    { retries: 1 },
  );
  // The last try of each test is the one that counts.
  const last = outcomes.filter(
    (o) =>
      !outcomes.some(
        (later) => later.title === o.title && later.project === o.project && later.retry > o.retry,
      ),
  );
  const failures = last
    .filter((o) => o.status !== 'passed' && o.status !== 'skipped')
    .map((o) => `${o.title}: ${o.message || o.status}`);
  const runs = last.flatMap((o) => (o.guideRun ? [o.guideRun] : []));
  expect(runs.length, 'guide tests walked').toBeGreaterThan(0);

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
  // The articles' true drift, and nothing else: where they quote words the real screens do not show
  // (../shared/reference/visma-connect-facts.md). Back-references ("After selecting “…”") and example data
  // in a mock-up of a screen are not demanded, and the sandbox shows the real words everywhere else.
  // (A step walked by two specs records its drift twice.)
  expect([...new Set(drift.map((d) => `${d.guide} ${d.id}`))].sort()).toEqual([
    'enable-2fa-later 6',
    'enable-2fa-later intro',
  ]);
  // Guide 001 names one button two ways: the second way is drift, next to the button the screen shows.
  expect(drift.find((d) => d.guide === 'enable-2fa-later' && d.id === '6')?.error).toContain(
    'guide says «I’m using a different authenticator app.»; closest shown: «I use a different Authenticator app»',
  );
  // It calls the prompt by the name one product gives it; the prompt's title is another.
  expect(drift.find((d) => d.guide === 'enable-2fa-later' && d.id === 'intro')?.error).toContain(
    'guide says «Set up Visma 2FA»',
  );
});
