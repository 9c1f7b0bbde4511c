// One Chromium DevTools session per page, kept while the page lives, for everything that talks to a page
// below Playwright's traced actions: typing a secret, reading what a page shows, taking a step's picture.
// Opening and detaching one per use would also cost the page its virtual WebAuthn authenticators (Chromium
// drops them when a session detaches), which a passkey test needs.
import type { CDPSession, Page } from '@playwright/test';

const sessions = new WeakMap<Page, Promise<CDPSession>>();

/** The page's DevTools session (Chromium only; rejects elsewhere). */
export function devtools(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
    // A failed start is not kept: the next call tries again.
    session.catch(() => sessions.delete(page));
  }
  return session;
}

/** Sends one DevTools command; when the kept session is gone (closed by someone else), once more on a fresh one. */
export async function sendDevtools<T>(page: Page, method: string, params?: object): Promise<T> {
  try {
    return (await (await devtools(page)).send(method as never, params as never)) as T;
  } catch (error) {
    if (page.isClosed()) throw error;
    sessions.delete(page);
    return (await (await devtools(page)).send(method as never, params as never)) as T;
  }
}
