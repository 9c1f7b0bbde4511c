// eID links: which national identity number an account is linked to (one per account; linking again
// replaces it; one number may be linked to several accounts). Kept in the account's extension JSON as
// `eid`, so the SCIM sandbox extension seeds and shows it (`seeds.eid`), and deleting an account deletes
// its link.
import { z } from 'zod';
import { sql } from '../store/db.ts';
import type { Account } from '../store/accounts.ts';
import type { Services } from '../connect/services.ts';
import { isNationalId } from './people.ts';

export const EID_METHODS = ['bankid', 'bankid-mobile'] as const;
export type EidMethod = (typeof EID_METHODS)[number];

export const linkSchema = z
  .object({
    nationalId: z
      .string()
      .refine(isNationalId, 'must be a valid 11-digit Norwegian national identity number'),
    method: z.enum(EID_METHODS).default('bankid'),
    linkedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export interface EidLink {
  nationalId: string;
  method: EidMethod;
  linkedAt: string;
}

/** Checks the `eid` part of the SCIM extension's `seeds` (`eid: null` means no link). Used by connect/scim.ts. */
export function checkEidSeed(seeds: Record<string, unknown> | undefined, ctx: z.RefinementCtx): void {
  if (!seeds || !('eid' in seeds) || seeds.eid === null) return;
  const parsed = linkSchema.safeParse(seeds.eid);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: ['eid', ...issue.path.map(String)] });
  }
}

/** The account's eID link, if it has a valid one. */
export function linkOf(account: Account): EidLink | undefined {
  const parsed = linkSchema.safeParse(account.extension.eid);
  if (!parsed.success) return undefined;
  return { ...parsed.data, linkedAt: parsed.data.linkedAt ?? new Date(account.createdAt).toISOString() };
}

/** Enabled accounts linked to this national identity number, oldest first. */
export function accountsLinkedTo(services: Services, nationalId: string): Account[] {
  const rows = sql(
    services.db,
    `SELECT id FROM accounts WHERE json_extract(extension, '$.eid.nationalId') = ? ORDER BY created_at, id`,
  ).all(nationalId) as Array<{ id: string }>;
  return rows
    .map((r) => services.accounts.byId(r.id))
    .filter((a): a is Account => !!a && a.enabled && linkOf(a)?.nationalId === nationalId);
}

/** Links (or with null, unlinks) the account; the rest of its extension is kept. */
export function setLink(services: Services, accountId: string, link: EidLink | null): void {
  const account = services.accounts.byId(accountId);
  if (!account) return;
  const extension = { ...account.extension };
  if (link) extension.eid = link;
  else delete extension.eid;
  services.accounts.update(accountId, { extension });
}
