// The promise that no artifact shows a secret, held end to end: a nested `npm run guides` (a sandbox of
// its own, every reporter) walks the authenticator guide with the sign-in's «Verify» renamed, so the test
// walks every step (password, QR code, key, codes, SMS, emergency code) and then fails with its trace kept.
// Every secret the run registered (GUIDEWRIGHT_SECRETS_LOG) is then searched for in everything the run
// wrote: the guide report (HTML, JSON, Markdown, pictures), Playwright's HTML report (and the zip inside its
// index.html), JUnit, the failed test's trace and error context; every picture is decoded for QR codes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { scanArtifacts } from '../../lib/artifact-scan.ts';
import { loadConfig } from '../../lib/config.ts';
import { Secrets, type SecretKind } from '../../lib/secrets.ts';
import { ownSandboxPorts, runGuides } from '../../lib/shard-run.ts';

test.skip(
  loadConfig().target !== 'sandbox',
  'failing a guide on purpose needs a sandbox of its own with a renamed button; the target is not the sandbox',
);

test(
  'a run that fails keeps its trace and pictures, and no artifact holds a secret it used',
  { tag: '@nested' },
  async () => {
    test.setTimeout(600_000);
    const work = mkdtempSync(path.join(tmpdir(), 'gw-secrets-'));
    try {
      const log = path.join(work, 'secrets.jsonl');
      const reports = path.join(work, 'reports');
      const output = path.join(work, 'test-results');
      const run = await runGuides(
        'artifacts',
        [
          '--guide',
          'enable-2fa-later',
          '--grep',
          'QR code, with SMS',
          '--workers=1',
          '--retries=0',
          `--output=${output}`,
        ],
        {
          ...(await ownSandboxPorts()),
          SANDBOX_WORDS: JSON.stringify({ en: { 'tfa.verify': 'Confirm' } }),
          GUIDEWRIGHT_SECRETS_LOG: log,
          GUIDEWRIGHT_TRACE: 'retain-on-failure',
        },
        reports,
      );
      expect(run.exitCode, run.log.slice(-2000)).toBe(1);
      expect(run.log).toContain('no button «Verify»');

      const secrets = new Secrets();
      const kinds = new Set<SecretKind>();
      for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
        const { kind, value } = JSON.parse(line) as { kind: SecretKind; value: string };
        secrets.add(value, kind);
        kinds.add(kind);
      }
      const used: SecretKind[] = [
        'password',
        'otpauth uri',
        'authenticator key',
        'one-time code',
        'sms code',
        'emergency code',
      ];
      expect([...kinds].sort()).toEqual(expect.arrayContaining(used));
      // The search finds what it looks for: the log itself holds every kind.
      const control = await scanArtifacts([log], secrets);
      expect(control.findings.flatMap((f) => f.what).sort()).toEqual(expect.arrayContaining(used));

      const scan = await scanArtifacts([reports, output], secrets);
      test.info().annotations.push({ type: 'searched', description: JSON.stringify(scan.searched) });
      expect(scan.findings, JSON.stringify(scan.findings, null, 2)).toEqual([]);
      // What was searched: the failed test's trace (records and pictures), the reports of every kind.
      for (const kind of ['html', 'json', 'md', 'xml', 'png', 'zip', 'trace records']) {
        expect(scan.searched[kind] ?? 0, `searched ${kind}`).toBeGreaterThan(0);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
);
