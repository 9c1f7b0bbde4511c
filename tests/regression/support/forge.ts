// Forced browsing (WSTG-ATHN-11): an attacker who knows the password sends the requests of later steps
// of a flow without doing the steps in between. The requests come from walking the flows once for real
// (recorded as the browser sends them), so nothing here knows the target's paths in advance.
import type { Page, Request } from '@playwright/test';

export interface StepRequest {
  /** Path of the request, e.g. /interaction/<flow id>/tfa/finished. */
  path: string;
  /** The form fields the browser sent (URL-encoded body), values included. */
  fields: Array<[string, string]>;
}

const WORD = /^[a-z]{1,20}$/i;

/** Records the form POSTs the browser sends to `origin` between start() and stop(). */
export class StepRecorder {
  private readonly seen: StepRequest[] = [];
  private on = false;
  private readonly listener = (request: Request) => {
    if (!this.on || request.method() !== 'POST') return;
    const url = new URL(request.url());
    if (url.origin !== this.origin || request.resourceType() !== 'document') return;
    // Only word-like values (choice=keep, Stored=on) are kept: codes, numbers and tokens are the person's
    // secrets, and a forger would not have them anyway.
    const fields = [...new URLSearchParams(request.postData() ?? '')].filter(([, v]) => WORD.test(v));
    this.seen.push({ path: url.pathname, fields });
  };

  constructor(
    private readonly page: Page,
    private readonly origin: string,
  ) {
    page.on('request', this.listener);
  }

  start(): void {
    this.on = true;
  }
  stop(): void {
    this.on = false;
  }

  /** Every distinct path recorded, in the order first seen, with its first body. */
  get steps(): StepRequest[] {
    const byPath = new Map<string, StepRequest>();
    for (const s of this.seen) if (!byPath.has(s.path)) byPath.set(s.path, s);
    return [...byPath.values()];
  }
}

/** Opaque per-flow ids in a path: long URL-safe random segments. */
const OPAQUE = /^[A-Za-z0-9_-]{16,}$/;

/**
 * Moves a recorded path into another flow: each opaque id segment of `recordedFlow` (the page the
 * recording started on) is replaced by the segment at the same place in `victimFlow`.
 */
export function rebase(path: string, recordedFlow: string, victimFlow: string): string {
  const from = recordedFlow.split('/');
  const to = victimFlow.split('/');
  return path
    .split('/')
    .map((segment) => {
      if (!OPAQUE.test(segment)) return segment;
      const at = from.indexOf(segment);
      return at >= 0 && to[at] !== undefined ? to[at] : segment;
    })
    .join('/');
}

/**
 * Submits a forged form POST from the page the person is on, as a script on it would: `withToken` copies
 * the hidden fields of the page's own forms (its CSRF token) over the recorded ones; without it, the hidden
 * fields are left out. Waits for the answer page to load.
 */
export async function forgePost(
  page: Page,
  path: string,
  fields: Array<[string, string]>,
  withToken: boolean,
) {
  const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await page.evaluate(
    ({ path, fields, withToken }) => {
      const hidden = new Map<string, string>();
      for (const input of Array.from(document.querySelectorAll<HTMLInputElement>('form input[type=hidden]')))
        hidden.set(input.name, input.value);
      const form = document.createElement('form');
      form.method = 'post';
      form.action = path;
      const add = (name: string, value: string) => {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        form.append(input);
      };
      for (const [name, value] of fields) if (!hidden.has(name)) add(name, value);
      if (withToken) for (const [name, value] of hidden) add(name, value);
      document.body.append(form);
      form.submit();
    },
    { path, fields, withToken },
  );
  await navigated;
  await page.waitForLoadState('load');
}
