// The release gate's coverage table (reporters/release-gate.ts): requirement names from tags, and the table.
import { expect, test } from '@playwright/test';
import { gateTable, requirementName } from '../../reporters/release-gate.ts';

test('requirement tags read as the standards write them; other tags are not requirements', () => {
  expect(requirementName('@asvs-6.5.1')).toBe('ASVS 6.5.1');
  expect(requirementName('@nist-3.1.4.2')).toBe('NIST 3.1.4.2');
  expect(requirementName('@wstg-athn-11')).toBe('WSTG-ATHN-11');
  expect(requirementName('@en')).toBeUndefined();
  expect(requirementName('@nested')).toBeUndefined();
});

test('the table lists requirement → test → result, sorted by requirement, with a count per result', () => {
  const row = (requirement: string, test: string, result: string, note = '') => ({
    requirement,
    test,
    file: 'tests/regression/x.spec.ts',
    project: 'regression',
    result,
    note,
  });
  const table = gateTable([
    row('ASVS 6.5.5', 'old code | refused', 'passed'),
    row('ASVS 6.4.1', 'link expires', 'skipped', 'the target has no test clock'),
    row('ASVS 6.10.1', 'later', 'failed', 'ASVS 6.10.1: did x; expected y, but the service z'),
  ]);
  const body = table.split('\n').filter((l) => l.startsWith('| ASVS'));
  expect(body).toEqual([
    '| ASVS 6.4.1 | link expires | regression | skipped | the target has no test clock |',
    '| ASVS 6.5.5 | old code \\| refused | regression | passed |  |',
    '| ASVS 6.10.1 | later | regression | failed | ASVS 6.10.1: did x; expected y, but the service z |',
  ]);
  expect(table).toContain('3 requirement checks: 1 passed, 1 skipped, 1 failed.');
});
