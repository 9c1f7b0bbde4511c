// Browser steps the sandbox's specs share.
// Secrets (passwords, wrong ones included, and codes) are typed with `typeSecret`, never `fill`:
// Playwright writes a filled value into the step title (`Fill "…"`), the HTML report and the trace, and
// secrets never go there (pages/find.ts' fillSecret inserts the text the way a keyboard would instead).
import type { CDPSession, Locator, Page } from '@playwright/test';
import { fillSecret } from '../../pages/find.ts';

/** How long typing a secret waits for its field to be ready; the test's own time limit still applies. */
export const SECRET_TIMEOUT_MS = 30_000;

// fillSecret opens a CDP session per call and detaches it, and in Chromium a session's detach removes the
// page's virtual WebAuthn authenticators with their passkeys. A test that holds a session of its own for
// those (the passkey tests) hands it over, and secrets on its page are typed through it instead.
const heldSessions = new WeakMap<Page, CDPSession>();

/** From now on, secrets typed on `page` go through `cdp`, which stays attached. */
export function typeSecretsThrough(page: Page, cdp: CDPSession): void {
  heldSessions.set(page, cdp);
}

/** Types a password or code into a field as `fill` would, without the value in step titles or reports. */
export async function typeSecret(
  field: Locator,
  value: string,
  timeoutMs = SECRET_TIMEOUT_MS,
): Promise<void> {
  const cdp = heldSessions.get(field.page());
  if (!cdp) return fillSecret(field, value, timeoutMs);
  // fillSecret's steps on the held session: clear, focus, insert the text as a keyboard would.
  await field.fill('', { timeout: timeoutMs });
  await field.focus({ timeout: timeoutMs });
  await cdp.send('Input.insertText', { text: value });
}
