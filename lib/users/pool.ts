// Pre-created accounts read from a JSON file (USERS_POOL_FILE), for targets without provisioning: they can
// be signed in with, not invited, and must not be changed.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LOCALES } from '../locale.ts';
import { CannotProvide, type NewAccount, type Person, type PersonSpec, type Provisioning } from './person.ts';

const poolAccount = z
  .object({
    email: z.email(),
    password: z.string().min(1),
    name: z.string().min(1).optional(),
    givenName: z.string().optional(),
    familyName: z.string().optional(),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +4791234567')
      .optional(),
    language: z.enum(LOCALES).optional(),
    tenants: z.array(z.string()).optional(),
    /** Base32 key of the account's authenticator app, for accounts that have two-step verification. */
    totpSecret: z
      .string()
      .regex(/^[A-Z2-7]{16,}$/, 'must be a base32 key (A–Z, 2–7)')
      .optional(),
  })
  .strict();
const poolFile = z.union([
  z.array(poolAccount),
  z.object({ accounts: z.array(poolAccount) }).transform((f) => f.accounts),
]);
export type PoolAccount = z.infer<typeof poolAccount>;

/** Reads and checks a pool file; the message names the file and every problem. */
export function readPool(file: string): PoolAccount[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`USERS_POOL_FILE ${file}: cannot read it as JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = poolFile.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`USERS_POOL_FILE ${file}: ${problems.join('; ')}`);
  }
  return parsed.data;
}

export class PoolProvisioning implements Provisioning {
  readonly name = 'pool';
  constructor(
    private readonly accounts: PoolAccount[],
    /** Which of the fitting accounts this test gets: parallel workers must not share one. */
    private readonly slot: number,
    private readonly file = 'USERS_POOL_FILE',
  ) {}

  async invite(): Promise<Person> {
    throw new CannotProvide(
      `the target has no provisioning API, only pre-created accounts (${this.file}); inviting a new user (activation mail) needs one (set SCIM_URL and SCIM_TOKEN)`,
    );
  }

  async create(_account: NewAccount, spec: PersonSpec): Promise<Person> {
    if (spec.changesAccount) {
      throw new CannotProvide(
        `this test changes the account (password, linked eID …) and pre-created accounts (${this.file}) must stay as they are; it needs a provisioning API (SCIM_URL, SCIM_TOKEN)`,
      );
    }
    const fitting = this.accounts.filter(
      (a) =>
        (!spec.language || !a.language || a.language === spec.language) &&
        (!spec.phone || !!a.phone) &&
        (!(spec.authenticator || spec.earlier?.twoStepEnrolled) || !!a.totpSecret) &&
        (spec.tenants ?? []).every((t) => a.tenants?.includes(t)),
    );
    const a = fitting[this.slot];
    if (!a) {
      throw new CannotProvide(
        `${this.file} has ${fitting.length} account(s) that fit (language ${spec.language ?? 'any'}${spec.phone ? ', with phone' : ''}${spec.tenants?.length ? `, tenants ${spec.tenants.join(', ')}` : ''}); parallel worker ${this.slot + 1} needs its own`,
      );
    }
    const [given = a.email, ...family] = (a.name ?? '').split(/\s+/).filter(Boolean);
    const givenName = a.givenName ?? given;
    const familyName = a.familyName ?? family.join(' ');
    return {
      email: a.email,
      password: a.password,
      givenName,
      familyName,
      name: a.name ?? [givenName, familyName].filter(Boolean).join(' '),
      ...(a.phone ? { phone: a.phone } : {}),
      ...(a.totpSecret ? { totpSecret: a.totpSecret } : {}),
      language: a.language ?? spec.language ?? 'en',
      source: 'pool',
      seeded: spec.earlier?.twoStepEnrolled ? { twoStepEnrolled: true } : {},
    };
  }

  async remove(): Promise<void> {
    // Pre-created accounts are kept for the next run.
  }
}
