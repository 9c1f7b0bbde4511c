// A guide goes stale when the product renames a button ("Set password" → "Save password"): the specs that
// press it fail as a broken flow that names the guide step and lists "Save password" as the closest button.
// The guide spec runs in a nested Playwright run, so the outer run's sandbox stays untouched. (The other
// way, the guide's words changing while the product does not, is drift-fixes.spec.ts: doc drift, its
// suggestion and the patch that mends the guide.)
import { expect, test } from '@playwright/test';
import { loadConfig } from '../../lib/config.ts';
import { freeSandboxPorts, outerEnvWithoutTarget, runNested, type Outcome } from './nested-run.ts';

const SPEC = 'tests/guides/portal-first-login.spec.ts';

test.describe.configure({ mode: 'serial' });
test.skip(
  loadConfig().target !== 'sandbox',
  'renaming a button needs the sandbox; a remote target is not ours to change',
);

/** Runs the guide spec once in a nested Playwright run with its own sandbox and returns each test's outcome. */
async function walkGuide(env: Record<string, string>, ...filter: string[]): Promise<Outcome[]> {
  return runNested(['--project=guides-en', SPEC, ...filter], {
    ...outerEnvWithoutTarget(),
    ...(await freeSandboxPorts()),
    ...env,
  });
}

test(
  'a renamed button fails exactly the specs that press it, as a broken flow naming the step and the new name',
  { tag: '@nested' },
  async () => {
    test.setTimeout(600_000);
    const outcomes = await walkGuide({
      SANDBOX_WORDS: JSON.stringify({ en: { 'setpw.submit': 'Save password' } }),
    });
    const titles = (status: 'passed' | 'failed') =>
      outcomes
        .filter((o) => o.status === status)
        .map((o) => o.title)
        .sort();
    // Exactly the two that follow the invitation mail set a password; the later visits sign in to an
    // account that already has one and never see the button.
    expect(titles('failed'), 'the specs that set a password fail').toEqual([
      expect.stringMatching(/^existing account: invitation mail/),
      expect.stringMatching(/^new account: invitation mail/),
    ]);
    expect(titles('passed'), 'the specs that never press it still pass').toEqual([
      expect.stringMatching(/^later visits: "Try another way"/),
      expect.stringMatching(/^later visits: email address/),
    ]);
    for (const f of outcomes.filter((o) => o.status === 'failed')) {
      expect(f.message, f.title).toContain('guide "portal-first-login"');
      expect(f.message, f.title).toMatch(/no button «Set password»; buttons on screen: «Save password»/);
      expect(f.message, f.title).not.toContain('doc drift:');
    }
  },
);
