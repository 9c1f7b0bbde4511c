// Codes, ids and hashes of two-step verification (no table).
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Account } from '../../store/accounts.ts';

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('base64url');

/** Emergency codes: 5 groups of 4 from an alphabet without look-alikes (0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newEmergencyCode(): string {
  const groups = Array.from({ length: 5 }, () =>
    Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}
export const normaliseEmergency = (s: string): string => {
  const clean = s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return clean.match(/.{1,4}/g)?.join('-') ?? '';
};

export const sixDigits = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');
export const newId = (bytes = 18): string => randomBytes(bytes).toString('base64url');

/** A mark of the current password: remembered devices die with it. */
export const passwordMark = (account: Account): string => sha256(`pw:${account.passwordHash ?? ''}`);
