// Users: hands a test fresh people through a provisioning port, registers their secrets at birth, skips a
// test with the reason when the target cannot give what it asks for, and deletes what it created.
import { randomBytes, randomInt } from 'node:crypto';
import type { TestInfo } from '@playwright/test';
import { generateSecret } from 'otplib';
import type { Mailbox } from '../mail/mailbox.ts';
import type { Secrets } from '../secrets.ts';
import {
  CannotProvide,
  type Language,
  type NewAccount,
  type Person,
  type PersonSpec,
  type Provisioning,
} from './person.ts';

const GIVEN = ['Kari', 'Ola', 'Ingrid', 'Per', 'Sigrid', 'Lars', 'Emma', 'Jonas', 'Nora', 'Henrik'];
const FAMILY = ['Nordmann', 'Hansen', 'Berg', 'Larsen', 'Dahl', 'Lund', 'Moe', 'Strand', 'Eide'];

/**
 * A password that meets the policy (at least 8 characters; upper and lower case, a digit, a special
 * character), is on no list of common passwords, and is unique to the call.
 */
export function generatePassword(): string {
  return `Gw#${randomBytes(9).toString('base64url')}4x`;
}

/** A Norwegian mobile number (+47 4xxxxxxx / 9xxxxxxx) no other test is likely to use. */
export function generatePhone(): string {
  return `+47${randomInt(0, 2) === 0 ? '4' : '9'}${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
}

export interface UsersOptions {
  provisioning?: Provisioning;
  /** Why there is no provisioning (shown as the skip reason). */
  unavailable?: string;
  mailbox: Mailbox;
  testInfo: TestInfo;
  /** Default language: the test project's. */
  language: Language;
  /** The test's secrets registry: every password and authenticator key is registered at birth. */
  secrets: Secrets;
}

export class Users {
  private readonly created: { person: Person; port: Provisioning }[] = [];

  constructor(private readonly o: UsersOptions) {}

  /** An invited account: the target sends its activation mail to `person.email`. */
  async invite(spec: PersonSpec = {}): Promise<Person> {
    return this.provide('invite', spec);
  }

  /** An active account with a password (`person.password`). */
  async create(spec: PersonSpec = {}): Promise<Person> {
    return this.provide('create', spec);
  }

  /** A new password for the person to choose (reset, first sign-in): policy-conform, registered as a secret. */
  newPassword(): string {
    return this.o.secrets.add(generatePassword(), 'password');
  }

  /** Deletes every account this test created (run by the fixture after the test). */
  async cleanup(): Promise<void> {
    const problems: string[] = [];
    for (const { person, port } of this.created.splice(0)) {
      await port.remove(person).catch((error: unknown) => problems.push((error as Error).message));
    }
    if (problems.length) throw new Error(`users: cleanup failed: ${problems.join('; ')}`);
  }

  private async provide(kind: 'invite' | 'create', spec: PersonSpec): Promise<Person> {
    const port = this.o.provisioning;
    if (!port) return this.skip(this.o.unavailable ?? 'the target has no way to provide test users');
    const givenName = spec.givenName ?? GIVEN[randomInt(0, GIVEN.length)]!;
    const familyName = spec.familyName ?? FAMILY[randomInt(0, FAMILY.length)]!;
    const phone = spec.phone === true ? generatePhone() : spec.phone || undefined;
    const account: NewAccount = {
      email: this.o.mailbox.address(givenName),
      password: generatePassword(),
      givenName,
      familyName,
      language: spec.language ?? this.o.language,
      ...(phone ? { phone } : {}),
      ...(spec.app ? { app: spec.app } : {}),
      ...(spec.tenants ? { tenants: spec.tenants } : {}),
      ...(spec.authenticator ? { totpSecret: generateSecret() } : {}),
    };
    let person: Person;
    try {
      person = kind === 'invite' ? await port.invite(account, spec) : await port.create(account, spec);
    } catch (error) {
      if (error instanceof CannotProvide) return this.skip(error.message);
      throw error;
    }
    this.o.secrets.add(person.password, 'password');
    this.o.secrets.add(person.totpSecret, 'authenticator key');
    this.created.push({ person, port });
    return person;
  }

  private skip(reason: string): never {
    this.o.testInfo.skip(true, `needs a test user the target cannot provide: ${reason}`);
    throw new Error(reason); // not reached: skip() ends the test
  }
}
