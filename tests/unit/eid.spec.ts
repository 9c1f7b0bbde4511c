import { idnr } from '@navikt/fnrvalidator';
import { expect, test } from '@playwright/test';
import { testPerson, withCheckDigits } from '../../lib/eid.ts';

test('check digits match published examples', () => {
  // Test Norge's example T-number and a published synthetic D-number/H-number from NAV's validator docs.
  expect(withCheckDigits('109155967')).toBe('10915596784');
  expect(withCheckDigits('135272480')).toBe('13527248013');
});

test('some individual numbers have no valid check digit and are skipped', () => {
  const nines = Array.from({ length: 100 }, (_, i) => `0181501${String(i).padStart(2, '0')}`);
  const results = nines.map(withCheckDigits);
  expect(results.some((r) => r === undefined)).toBe(true);
  expect(results.filter((r) => r !== undefined).every((r) => /^\d{11}$/.test(r!))).toBe(true);
});

test('synthetic numbers of test people pass an independent validator', () => {
  for (let seed = 0; seed < 500; seed += 37) {
    const person = testPerson(seed);
    expect(person.nationalId).toMatch(/^\d{11}$/);
    expect(Number(person.nationalId.slice(2, 4))).toBeGreaterThan(80); // synthetic month
    expect(idnr(person.nationalId)).toEqual({ status: 'valid', type: 'tnr' });
  }
});

test('the same seed gives the same person; random ones differ', () => {
  expect(testPerson(42)).toEqual(testPerson(42));
  const ids = new Set(Array.from({ length: 20 }, () => testPerson().nationalId));
  expect(ids.size).toBeGreaterThan(15);
});
