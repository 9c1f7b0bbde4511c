// What the SCIM extension may seed for two-step verification (`seeds.twofactor`), and its check.
import { z } from 'zod';
import type { Account } from '../../store/accounts.ts';
import { sha256 } from './codes.ts';

/** What the SCIM extension may seed (`seeds.twofactor`), so later tests need not repeat enrolment. */
export const seedSchema = z
  .object({
    enrolled: z.boolean().optional(),
    totpSecret: z
      .string()
      .regex(/^[A-Z2-7]{16,64}$/, 'totpSecret must be base32 (A-Z, 2-7), 16 to 64 characters')
      .optional(),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'phone must be an E.164 number such as +4791234567')
      .optional(),
    emergencyCode: z
      .string()
      .regex(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/, 'emergencyCode must look like XXXX-XXXX-XXXX-XXXX-XXXX')
      .optional(),
    pushDevice: z
      .object({
        id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'pushDevice.id: 8 to 64 of A-Z a-z 0-9 _ -'),
        key: z.string().min(16, 'pushDevice.key: at least 16 characters').max(200),
        name: z.string().max(80).optional(),
      })
      .strict()
      .optional(),
    postponedSignins: z.number().int().min(0).max(100).optional(),
  })
  .strict();
export type TwoFactorSeed = z.infer<typeof seedSchema>;

export const seedMark = (account: Account): string =>
  sha256(`seed:${JSON.stringify(account.extension.twofactor ?? null)}`);

/** Checks the `twofactor` part of the SCIM extension's `seeds`. The feature hands it to SCIM. */
export function checkTwoFactorSeed(seeds: Record<string, unknown> | undefined, ctx: z.RefinementCtx): void {
  if (!seeds || !('twofactor' in seeds)) return;
  const parsed = seedSchema.safeParse(seeds.twofactor);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: ['twofactor', ...issue.path.map(String)] });
  }
}
