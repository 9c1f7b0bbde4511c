// How a release-gate check says it failed: the requirement, what was done, what was expected and what the
// service did, in one sentence a reader of the CI log understands without opening the test.
//
//   await expectRequirement(page, { req: 'ASVS 6.5.1', did: `entered the code of step ${step} a second time`,
//     expected: 'the code refused', held: twoStepChallenge.problem, broken: portal.signedInAs,
//     broke: 'accepted it and signed the person in' });
//
// `held` is what the screen shows when the service keeps the requirement, `broken` what it shows when it
// does not; whichever shows first decides. When neither shows, the message says what the browser shows
// instead (heading, alerts, path: never a query string, which can carry a token).
import { expect, type Locator, type Page } from '@playwright/test';

export interface Claim {
  /** The requirement ids as a person reads them, e.g. "ASVS 6.5.1, NIST 3.1.4.2". */
  req: string;
  /** What the test did, in the past tense ("entered the TOTP code of step 58734203 a second time"). */
  did: string;
  /** What the requirement demands ("the code refused"). */
  expected: string;
}

/** The failure sentence: "ASVS 6.5.1: entered …; expected …, but the service …". */
export function breach(c: Claim, serviceDid: string): string {
  return `${c.req}: ${c.did}; expected ${c.expected}, but the service ${serviceDid}`;
}

/** Thrown when a gate check fails; its message is the whole story (see breach()). */
export class RequirementBroken extends Error {
  constructor(c: Claim, serviceDid: string) {
    super(breach(c, serviceDid));
    this.name = 'RequirementBroken';
  }
}

/** What the page shows, in words: its main heading, any alert, and the path (no query). */
export async function describeScreen(page: Page): Promise<string> {
  const url = new URL(page.url());
  const heading = await page
    .getByRole('heading', { level: 1 })
    .first()
    .textContent({ timeout: 1_000 })
    .catch(() => null);
  const alerts = await page
    .getByRole('alert')
    .allTextContents()
    .catch(() => [] as string[]);
  const parts = [
    heading ? `the heading "${heading.trim()}"` : 'no heading',
    ...alerts.filter((a) => a.trim()).map((a) => `the alert "${a.trim().replace(/\s+/g, ' ')}"`),
  ];
  return `showed ${parts.join(' and ')} at ${url.host}${url.pathname}`;
}

/**
 * Waits until the screen shows `held` (the requirement kept) or `broken` (it was not); fails with the
 * requirement's sentence when `broken` shows or neither does in time.
 */
export async function expectRequirement(
  page: Page,
  c: Claim & { held: Locator; broken?: Locator; broke?: string; timeoutMs?: number },
): Promise<void> {
  const either = c.broken ? c.held.or(c.broken) : c.held;
  try {
    await expect(either.first()).toBeVisible({ timeout: c.timeoutMs ?? 10_000 });
  } catch {
    throw new RequirementBroken(c, await describeScreen(page));
  }
  if (c.broken && (await c.broken.first().isVisible()) && !(await c.held.first().isVisible())) {
    throw new RequirementBroken(c, `${c.broke ?? 'did it'} (${await describeScreen(page)})`);
  }
}

/** A check of a value (a cookie, a mail, a count): fails with the requirement's sentence when `ok` is false. */
export function assertRequirement(ok: boolean, c: Claim, serviceDid: string): void {
  if (!ok) throw new RequirementBroken(c, serviceDid);
}
