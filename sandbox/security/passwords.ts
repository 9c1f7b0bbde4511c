// Password hashing (scrypt from node:crypto, parameters stored with each hash so the cost can change) and
// the password policy: length and character classes, not one of the last 5, not a common/breached one.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';

const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

const memoryFor = (N: number, r: number) => 256 * N * r;

export async function hashPassword(password: string, N: number): Promise<string> {
  const salt = randomBytes(16);
  const r = 8;
  const p = 1;
  const key = await scryptAsync(password, salt, { N, r, p, maxmem: memoryFor(N, r) });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const N = Number(n);
  const R = Number(r);
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), {
    N,
    r: R,
    p: Number(p),
    maxmem: memoryFor(N, R),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password, verified against when an account is unknown, so timing does not tell. */
export async function dummyHash(N: number): Promise<string> {
  return hashPassword(randomBytes(16).toString('hex'), N);
}

export const MAX_PASSWORD_LENGTH = 128;
export const HISTORY_SIZE = 5;

/** Rules shown as the checklist; `pattern` is also used by the page's script, so both agree. */
export const PASSWORD_RULES = [
  { id: 'length', pattern: '^[\\s\\S]{8,}$' },
  { id: 'upper', pattern: '\\p{Lu}' },
  { id: 'lower', pattern: '\\p{Ll}' },
  { id: 'digit', pattern: '\\p{Nd}' },
  { id: 'special', pattern: '[^\\p{L}\\p{N}]' },
] as const;

export type PasswordRuleId = (typeof PASSWORD_RULES)[number]['id'];
export type PasswordProblem = PasswordRuleId | 'mismatch' | 'tooLong' | 'common' | 'reused';

const compiled = PASSWORD_RULES.map((rule) => ({ id: rule.id, re: new RegExp(rule.pattern, 'u') }));

let common: Set<string> | undefined;
/** The zxcvbn-ts common-password dictionary (~49k passwords seen in breaches), compared case-insensitively. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

/** Problems that can be told without the account: rules, confirmation, length, common list. */
export function checkPasswordShape(password: string, confirm: string): PasswordProblem[] {
  if (password.length > MAX_PASSWORD_LENGTH) return ['tooLong'];
  const problems: PasswordProblem[] = compiled.filter((r) => !r.re.test(password)).map((r) => r.id);
  if (problems.length === 0 && isCommonPassword(password)) problems.push('common');
  if (password !== confirm) problems.push('mismatch');
  return problems;
}

/** True when password matches one of the given earlier hashes. */
export async function isReused(password: string, history: string[]): Promise<boolean> {
  for (const hash of history) if (await verifyPassword(password, hash)) return true;
  return false;
}
