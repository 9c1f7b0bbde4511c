// A guide whose words change while the product does not, end to end: a copy of the guides in which one
// quoted word no longer matches the screen is walked. The step fails as doc drift (not a broken flow),
// suggesting the word the screen really shows, and the report's fixes.patch, applied with git apply in the
// folder it names, gives back a guide that the next walk passes (issue 13's "a patch for every drift"). Nested runs of `npm run guides` (the whole report,
// a sandbox of their own), limited to the two portal tests that read the changed step.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadConfig } from '../../lib/config.ts';
import { ownSandboxPorts, runGuides, type RunResult } from '../../lib/shard-run.ts';

test.skip(
  loadConfig().target !== 'sandbox',
  'changing a guide and walking it twice needs a sandbox of its own; the configured target is not the sandbox',
);

const GUIDE = path.join('en', 'portal-first-login.md');
const tail = (r: RunResult) => `${r.label} exited ${r.exitCode}:\n${r.log.slice(-2500)}`;

test(
  'a changed quoted word fails as doc drift suggesting the real one, and fixes.patch mends the guide',
  { tag: '@nested' },
  async () => {
    test.setTimeout(600_000);
    const work = mkdtempSync(path.join(tmpdir(), 'gw-fixes-'));
    try {
      const guides = path.join(work, 'guides');
      cpSync('guides', guides, { recursive: true });
      const file = path.join(guides, GUIDE);
      const original = readFileSync(file, 'utf8');
      expect(original, 'the guide quotes the button').toContain('Set password');
      writeFileSync(file, original.replaceAll('Set password', 'Store password'));

      const walk = async (label: string) =>
        runGuides(
          label,
          [
            '--guide',
            'portal-first-login',
            '--grep',
            'invitation mail',
            '--workers=1',
            '--retries=0',
            '--trace=off',
            `--output=${path.join(work, label, 'out')}`,
          ],
          {
            ...(await ownSandboxPorts()),
            GUIDES_DIR: guides,
            GUIDEWRIGHT_SCREENSHOTS: '0',
            GUIDEWRIGHT_TRACE: 'off',
          },
          path.join(work, label),
        );

      const drifted = await walk('drifted');
      expect(drifted.exitCode, tail(drifted)).toBe(1);
      const report = JSON.parse(
        readFileSync(path.join(drifted.reportsDir, 'guides', 'results.json'), 'utf8'),
      ) as {
        guides: {
          id: string;
          steps: { id: string; status: string; error?: string; tests: { outcome: string }[] }[];
        }[];
      };
      const step = report.guides.find((g) => g.id === 'portal-first-login')?.steps.find((s) => s.id === '2');
      // Both specs that walk step 2 (after the invitation mail) read the changed word and fail on it.
      expect(step?.status).toBe('drift');
      expect(step?.tests.map((t) => t.outcome)).toEqual(['failed', 'failed']);
      expect(step?.error).toMatch(/guide says «Store password»; closest shown: «Set password» \(0\.\d+\)/);
      const patchFile = path.join(drifted.reportsDir, 'guides', 'fixes.patch');
      expect(existsSync(patchFile), tail(drifted)).toBe(true);
      const patch = readFileSync(patchFile, 'utf8');
      expect(patch).toMatch(/^-.*Store password/m);
      expect(patch).toMatch(/^\+.*Set password/m);
      expect(readFileSync(path.join(drifted.reportsDir, 'guides', 'index.html'), 'utf8')).toContain(
        '«Store password» → «Set password»',
      );

      const folder = /cd (.+) && git apply/.exec(patch)?.[1];
      // The folder that holds every patched guide (here the one guide's own).
      expect(folder, 'the patch names the folder to apply it from').toBe(path.dirname(file));
      const applied = spawnSync('git', ['apply', patchFile], { cwd: folder, encoding: 'utf8' });
      expect(applied.status, applied.stderr).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(original);

      const fixed = await walk('fixed');
      expect(fixed.exitCode, tail(fixed)).toBe(0);
      expect(existsSync(path.join(fixed.reportsDir, 'guides', 'fixes.patch'))).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
);
