// What the eID guide specs need before their guide starts: BankID linked to an account earlier (by
// mistake, or by the other organisation). A target that seeds it (users.create({ earlier: { linkedEid } }))
// has done it already; on any other the link is made here, in a browser of its own so the guide's browser
// starts fresh. Built from the page objects only.
import type { Browser } from '@playwright/test';
import { expect } from '../../fixtures/index.ts';
import type { Person } from '../../lib/users/index.ts';
import { pageObjects, type AppUrls, type Locale } from '../../pages/index.ts';
import { signInWithPassword } from './two-step.ts';

/**
 * Unless the target seeded the link (person.seeded.linkedEid), signs in to Account Settings as `person`
 * and links the BankID of `nationalId` to that account.
 */
export async function linkBankIdEarlier(
  browser: Browser,
  o: { locale: string | undefined; language: Locale; urls: AppUrls },
  person: Person,
  nationalId: string,
): Promise<void> {
  if (person.seeded.linkedEid) return;
  const context = await browser.newContext(o.locale ? { locale: o.locale } : {});
  try {
    const s = pageObjects(await context.newPage(), o.language, o.urls);
    await s.accountSettings.open();
    await signInWithPassword(s, person);
    await s.eidSection.addEid();
    await s.idPorten.bankId(nationalId);
    await s.eidSignIn.linkAccount();
    await expect(s.eidSection.linkedText).toBeVisible();
  } finally {
    await context.close();
  }
}
