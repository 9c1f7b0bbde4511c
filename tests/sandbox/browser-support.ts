// Browser steps the sandbox's specs share: typing secrets, the password sign-in, a new password, sign-out.
// Secrets (passwords, wrong ones included, and codes) are typed with `typeSecret`, never `fill`:
// Playwright writes a filled value into the step title (`Fill "…"`), the HTML report and the trace, and
// secrets never go there (pages/find.ts' fillSecret inserts the text the way a keyboard would instead).
import { expect, type Locator, type Page } from '@playwright/test';
import { fillSecret } from '../../pages/find.ts';

/** How long typing a secret waits for its field to be ready; the test's own time limit still applies. */
export const SECRET_TIMEOUT_MS = 30_000;

/** Types a password or code into a field as `fill` would, without the value in step titles or reports. */
export async function typeSecret(
  field: Locator,
  value: string,
  timeoutMs = SECRET_TIMEOUT_MS,
): Promise<void> {
  await fillSecret(field, value, timeoutMs);
}

export type Lang = 'en' | 'nb';

/** The sandbox's words for the screens below, as the guides quote them. */
export const words = {
  en: {
    email: 'Email address',
    next: 'Next',
    password: 'Password',
    signIn: 'Sign in',
    newPassword: 'New password',
    confirm: 'Confirm password',
    signOut: 'Sign out',
    signedOut: 'You are signed out.',
  },
  nb: {
    email: 'E-postadresse',
    next: 'Neste',
    password: 'Passord',
    signIn: 'Logg inn',
    newPassword: 'Nytt passord',
    confirm: 'Bekreft passord',
    signOut: 'Logg ut',
    signedOut: 'Du er logget ut.',
  },
} as const;

/** On an open sign-in page (step 1): the email, "Next", the password, "Sign in". */
export async function signIn(page: Page, email: string, password: string, lang: Lang = 'en') {
  const w = words[lang];
  await page.getByLabel(w.email, { exact: true }).fill(email);
  await page.getByRole('button', { name: w.next }).click();
  await typeSecret(page.getByLabel(w.password, { exact: true }), password);
  await page.getByRole('button', { name: w.signIn, exact: true }).click();
}

/** Opens an app's sign-in page and signs in with email and password. */
export async function signInWithPassword(
  page: Page,
  app: string,
  email: string,
  password: string,
  lang: Lang = 'en',
) {
  await page.goto(`${app}/login`);
  await signIn(page, email, password, lang);
}

/** The new-password form (activation, reset): the password and its confirmation, the same unless given. */
export async function typeNewPassword(
  page: Page,
  password: string,
  o: { confirm?: string; lang?: Lang } = {},
): Promise<void> {
  const w = words[o.lang ?? 'en'];
  await typeSecret(page.getByLabel(w.newPassword), password);
  await typeSecret(page.getByLabel(w.confirm), o.confirm ?? password);
}

/** "Sign out" in an app, and the signed-out page that confirms it. */
export async function signOut(page: Page, lang: Lang = 'en') {
  await page.getByRole('button', { name: words[lang].signOut }).click();
  await expect(page.getByText(words[lang].signedOut)).toBeVisible();
}
