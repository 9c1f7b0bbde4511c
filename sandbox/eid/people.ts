// National identity numbers and the simulated ID-porten's test people. Numbers are checked with
// @navikt/fnrvalidator (fødselsnummer, D-number and synthetic test numbers, both mod-11 check digits and
// the date); a person's name comes from SANDBOX_EID_PEOPLE, else it is made up from the number.
import { createHash } from 'node:crypto';
import fnrvalidator from '@navikt/fnrvalidator';
import { z } from 'zod';
import type { Lang } from '../i18n/index.ts';

export type NationalIdProblem = 'empty' | 'digits' | 'length' | 'checksum' | 'date';
export type NationalIdCheck =
  { ok: true; value: string } | { ok: false; problem: NationalIdProblem; count: number };

/** Checks a national identity number as typed (spaces allowed between digit groups). */
export function checkNationalId(typed: string): NationalIdCheck {
  const value = typed.replace(/\s+/g, '');
  if (value === '') return { ok: false, problem: 'empty', count: 0 };
  if (!/^\d+$/.test(value)) return { ok: false, problem: 'digits', count: value.length };
  if (value.length !== 11) return { ok: false, problem: 'length', count: value.length };
  const result = fnrvalidator.idnr(value);
  if (result.status === 'valid') return { ok: true, value };
  const problem = result.reasons.some((r) => r.startsWith('checksum')) ? 'checksum' : 'date';
  return { ok: false, problem, count: 11 };
}

export const isNationalId = (v: string): boolean => /^\d{11}$/.test(v) && checkNationalId(v).ok;

export interface EidPerson {
  pid: string;
  givenName: string;
  familyName: string;
}

export const personName = (p: EidPerson): string => `${p.givenName} ${p.familyName}`;

/** Synthetic test numbers (month + 80, "Test Norge"), so they can never be a real person's. */
export const DEFAULT_PEOPLE = '15888532142=Kari Nordmann;02829045691=Ola Nordmann;12837523492=Navn Navnesen';

const GIVEN = ['Kari', 'Ola', 'Ingrid', 'Per', 'Sigrid', 'Lars', 'Astrid', 'Nils', 'Hedda', 'Jonas'];
const FAMILY = ['Nordmann', 'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Berg', 'Haugen', 'Dahl', 'Lie', 'Moen'];

/** Reads `SANDBOX_EID_PEOPLE` ("<11 digits>=<given> <family>;..."); throws naming the bad entry. */
export function parsePeople(setting: string): Map<string, EidPerson> {
  const people = new Map<string, EidPerson>();
  for (const entry of setting
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter(Boolean)) {
    const m = entry.match(/^([^=]+)=\s*(\S+)\s+(.+)$/);
    if (!m) {
      throw new Error(`"${entry}" must look like 15888532142=Kari Nordmann (number=given family)`);
    }
    const check = checkNationalId(m[1]!);
    if (!check.ok) {
      throw new Error(`"${m[1]!.trim()}" is not a valid national identity number (${check.problem})`);
    }
    people.set(check.value, { pid: check.value, givenName: m[2]!, familyName: m[3]!.trim() });
  }
  return people;
}

export const peopleSetting = z
  .string()
  .default(DEFAULT_PEOPLE)
  .transform((v, ctx) => {
    try {
      return parsePeople(v);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

/** The configured test person with this number, or one whose name is made up from the number. */
export function personFor(people: Map<string, EidPerson>, pid: string): EidPerson {
  const known = people.get(pid);
  if (known) return known;
  const h = createHash('sha256').update(pid).digest();
  return { pid, givenName: GIVEN[h[0]! % GIVEN.length]!, familyName: FAMILY[h[1]! % FAMILY.length]! };
}

const MONTHS: Record<Lang, string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  nb: ['jan', 'feb', 'mar', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'des'],
};

/** "15 mar 2021 11:09" (UTC), as Account Settings shows when an electronic ID was linked. */
export function formatLinkedAt(iso: string, lang: Lang): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[lang][d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}
