// No false alarm on a slow target: with every sandbox response 300 ms late and every mail delivered 2 s
// after it was sent (SANDBOX_DELAY_MS, SANDBOX_MAIL_DELAY_MS, test mode), the guide whose step 2 once
// lost «My Account» to a navigation still passes every step. A sandbox of its own (nested run).
import { expect, test } from '@playwright/test';
import { loadConfig } from '../../lib/config.ts';
import { freeSandboxPorts, outerEnvWithoutTarget, runNested } from './nested-run.ts';

test.skip(
  loadConfig().target !== 'sandbox',
  'slowing every response down needs a sandbox of its own; a remote target is not ours to change',
);

test(
  'the guides pass on a slow target: responses 300 ms late, mail 2 s late',
  { tag: '@nested' },
  async () => {
    test.setTimeout(600_000);
    const outcomes = await runNested(
      [
        '--project=guides-en',
        'tests/guides/enable-2fa-later.spec.ts',
        '--grep',
        'QR code, with SMS|Remind me later',
      ],
      {
        ...outerEnvWithoutTarget(),
        ...(await freeSandboxPorts()),
        SANDBOX_DELAY_MS: '300',
        SANDBOX_MAIL_DELAY_MS: '2000',
      },
    );
    expect(outcomes.map((o) => o.title).sort()).toEqual([
      expect.stringMatching(/^from Visma Home's "My Account", QR code, with SMS/),
      expect.stringMatching(/^the offer at sign-in: "Remind me later"/),
    ]);
    for (const o of outcomes) {
      expect(o.status, `${o.title}\n${o.message}`).toBe('passed');
      const steps = o.guideRun?.steps ?? [];
      expect(steps.length, o.title).toBeGreaterThan(0);
      for (const s of steps) expect(s.status, `${o.title}: step ${s.id} ${s.error ?? ''}`).toBe('passed');
    }
  },
);
