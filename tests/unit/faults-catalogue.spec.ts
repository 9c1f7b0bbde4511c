// The fault catalogue stays in step with the sandbox: every edit's anchor is found exactly once, so the
// fault script can run (a refactor of the sandbox that moves an anchor fails here, not in a long run).
import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { FAULTS } from '../../scripts/faults/catalogue.ts';

test('every anchor of the fault catalogue is in the sandbox exactly once', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/faults.ts', '--list'], {
    encoding: 'utf8',
  });
  expect(run.stderr + run.stdout).toContain(`${FAULTS.length} faults; every anchor found exactly once.`);
  expect(run.status).toBe(0);
});
