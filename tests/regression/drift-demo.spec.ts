// The two ways a guide goes stale, shown end to end on a real guide spec against a sandbox of its own:
//  - the product renames a button ("Set password" → "Save password"): the specs that press it fail as a
//    broken flow that names the guide step and lists "Save password" as the closest button;
//  - the guide's words change while the product does not: the step fails as doc drift, suggesting the
//    word the screen really shows.
// Each case runs the guide spec in a nested Playwright run, so the outer run's sandbox stays untouched.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadConfig } from '../../lib/config.ts';
import { freeSandboxPorts, outerEnvWithoutTarget, runNested, type Outcome } from './nested-run.ts';

const SPEC = 'tests/guides/portal-first-login.spec.ts';
const GUIDE = 'guides/en/portal-first-login.md';

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

test(
  'a guide whose quoted word no longer matches the screen fails as doc drift, suggesting the real word',
  { tag: '@nested' },
  async () => {
    test.setTimeout(600_000);
    const guides = mkdtempSync(path.join(tmpdir(), 'gw-guides-'));
    try {
      cpSync('guides', guides, { recursive: true });
      const file = path.join(guides, path.relative('guides', GUIDE));
      const text = readFileSync(file, 'utf8');
      expect(text, 'the guide quotes the button').toContain('Set password');
      writeFileSync(file, text.replaceAll('Set password', 'Store password'));

      // The two specs that walk the guide's step 2 (after the invitation mail) read the changed word.
      const outcomes = await walkGuide({ GUIDES_DIR: guides }, '--grep', 'invitation mail');
      expect(outcomes).toHaveLength(2);
      for (const f of outcomes) {
        expect(f.status, f.title).toBe('failed');
        expect(f.message, f.title).toContain('doc drift:');
        expect(f.message, f.title).toContain('«Store password»');
        expect(f.message, f.title).toMatch(
          /guide says «Store password»; closest shown: .*«Set password» \(0\.\d+\)/,
        );
      }
    } finally {
      rmSync(guides, { recursive: true, force: true });
    }
  },
);
