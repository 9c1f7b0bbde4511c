// BankID test people: synthetic Norwegian national identity numbers (11 digits: birth date, individual
// number, two mod-11 check digits). Synthetic numbers add 80 to the month (the Test Norge convention), so
// they can never belong to a real person, and test eID providers accept them.
import type { Secrets } from './secrets.ts';

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function checkDigit(digits: number[], weights: number[]): number | undefined {
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i]!, 0);
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  return k === 10 ? undefined : k;
}

/** Appends the two check digits to 9 digits, or returns undefined when that individual number has none. */
export function withCheckDigits(nine: string): string | undefined {
  if (!/^\d{9}$/.test(nine)) throw new Error('withCheckDigits needs exactly 9 digits');
  const d = [...nine].map(Number);
  const k1 = checkDigit(d, W1);
  if (k1 === undefined) return undefined;
  const k2 = checkDigit([...d, k1], W2);
  return k2 === undefined ? undefined : `${nine}${k1}${k2}`;
}

export interface TestPerson {
  /** Synthetic national identity number (never print it in step titles; it identifies the test person). */
  nationalId: string;
  givenName: string;
  familyName: string;
  birthDate: string;
}

const GIVEN = ['Kari', 'Ola', 'Ingrid', 'Per', 'Sigrid', 'Lars', 'Astrid', 'Nils'];
const FAMILY = ['Nordmann', 'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Berg', 'Haugen', 'Dahl'];

/**
 * A fresh synthetic test person. `seed` picks the person deterministically (same seed, same person);
 * without one, every call gives a different person, so parallel tests never share a national id.
 */
export function testPerson(seed: number = Math.floor(Math.random() * 2 ** 31)): TestPerson {
  let n = Math.abs(Math.trunc(seed));
  for (;;) {
    const day = 1 + (n % 28);
    const month = 1 + (Math.floor(n / 28) % 12);
    const year = 1950 + (Math.floor(n / 336) % 50);
    const individual = 100 + (Math.floor(n / 16800) % 400); // 100–499: born 1900–1999
    const nine =
      String(day).padStart(2, '0') +
      String(month + 80).padStart(2, '0') +
      String(year % 100).padStart(2, '0') +
      String(individual).padStart(3, '0');
    const nationalId = withCheckDigits(nine);
    if (nationalId) {
      return {
        nationalId,
        givenName: GIVEN[n % GIVEN.length]!,
        familyName: FAMILY[Math.floor(n / 7) % FAMILY.length]!,
        birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      };
    }
    n += 16800; // next individual number, same birth date
  }
}

/**
 * BankID test people for one test: one fresh person per call, so parallel tests never share one. The national
 * id identifies the person: it is registered as a secret the moment the person exists.
 */
export class EidPeople {
  readonly people: TestPerson[] = [];

  constructor(private readonly secrets: Secrets) {}

  /** A fresh test person; `seed` picks one deterministically (same seed, same person). */
  person(seed?: number): TestPerson {
    const person = testPerson(seed);
    this.secrets.add(person.nationalId, 'national id');
    this.people.push(person);
    return person;
  }

  /** "Kari Nordmann", as an eID provider names the person. */
  static fullName(person: TestPerson): string {
    return `${person.givenName} ${person.familyName}`;
  }
}
