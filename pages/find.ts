// Finding what a person looks for, and saying clearly when it is not there. Page objects act through
// `act(...)`: when the element does not show up in time, the error lists the names of that kind of element
// the page does show, closest first ("no button «Tilbakestill passord»; buttons on screen:
// «Nullstill passord», «Tilbake til innlogging»"), so a renamed label is obvious from the message alone.
import type { Locator, Page } from '@playwright/test';
import { sendDevtools } from '../lib/devtools.ts';
import { similarity } from '../lib/guide/index.ts';

/** The ARIA roles page objects look for (a subset of Playwright's; add more as screens need them). */
export type Role =
  | 'button'
  | 'link'
  | 'textbox'
  | 'checkbox'
  | 'radio'
  | 'combobox'
  | 'heading'
  | 'region'
  | 'dialog'
  | 'alert'
  | 'status'
  | 'img'
  | 'menuitem'
  | 'tab'
  | 'navigation';

/** An element as a person finds it: its role and its visible (accessible) name in the page's words. */
export interface Target {
  role: Role;
  name: string | RegExp;
  /**
   * true (default): the whole name, case-sensitive, as the words list has it. false: the name contains
   * the words (case ignored) — for labels that carry a hint ("Save my email … Not recommended …").
   */
  exact?: boolean;
}

/** What people call the roles in an error message ("no button «…»; buttons on screen: …"). */
const PLURAL: Record<Role, string> = {
  button: 'buttons',
  link: 'links',
  textbox: 'fields',
  checkbox: 'checkboxes',
  radio: 'radio buttons',
  combobox: 'drop-downs',
  heading: 'headings',
  region: 'regions',
  dialog: 'dialogs',
  alert: 'alerts',
  status: 'status messages',
  img: 'images',
  menuitem: 'menu items',
  tab: 'tabs',
  navigation: 'navigation areas',
};
const SINGULAR: Partial<Record<Role, string>> = { textbox: 'field', combobox: 'drop-down' };

export function locate(page: Page, target: Target): Locator {
  return page.getByRole(target.role, { name: target.name, exact: target.exact ?? true });
}

export const describeTarget = (target: Target): string =>
  `${SINGULAR[target.role] ?? target.role} «${typeof target.name === 'string' ? target.name : String(target.name)}»`;

/** The element was not on the screen (or not uniquely): the message lists what was there instead. */
export class ElementNotFoundError extends Error {
  constructor(
    readonly target: Target,
    /** Names of elements with the target's role shown on the page, closest first. */
    readonly shown: string[],
    message: string,
  ) {
    super(message);
    this.name = 'ElementNotFoundError';
  }
}

const SNAPSHOT_LINE = /^\s*- ([a-z]+) "((?:[^"\\]|\\.)*)"/;

/** Accessible names of every element with `role` on the page (all frames of the main document's tree). */
export async function namesOnScreen(page: Page, role: Role, timeoutMs = 2_000): Promise<string[]> {
  if (page.isClosed()) return [];
  const snapshot = await page
    .locator('body')
    .ariaSnapshot({ timeout: timeoutMs })
    .catch(() => '');
  const names: string[] = [];
  for (const line of snapshot.split('\n')) {
    const m = SNAPSHOT_LINE.exec(line);
    if (m && m[1] === role) {
      const name = m[2]!.replace(/\\(.)/g, '$1');
      if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}

/** "no button «X»; buttons on screen: «A», «B»" — closest first, at most `max` names. */
export function notFoundMessage(target: Target, shown: string[], problem = 'no', max = 5): string {
  const wanted = typeof target.name === 'string' ? target.name : target.name.source;
  const names = [...shown]
    .map((text, i) => ({ text, i, score: similarity(wanted, text) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((s) => s.text);
  const list = names
    .slice(0, max)
    .map((n) => `«${n}»`)
    .join(', ');
  const more = names.length > max ? ` (and ${names.length - max} more)` : '';
  const onScreen = names.length
    ? `${PLURAL[target.role]} on screen: ${list}${more}`
    : `no ${PLURAL[target.role]} on screen at all`;
  return `${problem} ${describeTarget(target)}; ${onScreen}`;
}

export interface ActOptions {
  /** How long the element may take to appear (and to become actionable). */
  timeoutMs: number;
  /**
   * The action waits for the element to be visible itself (click, fill, check): no separate wait before it,
   * one browser round trip less. When it fails, the element is looked at to tell "not there" (or "more than
   * one") from "there, but the action failed", which keeps its own error.
   */
  actionWaits?: boolean;
}

/**
 * Finds the target, waits for it to be visible, then runs `action` on it. When it does not appear in
 * time (or the name matches several elements), throws ElementNotFoundError naming what the page shows.
 */
export async function act<T>(
  page: Page,
  target: Target,
  action: (element: Locator, timeoutMs: number) => Promise<T>,
  options: ActOptions,
): Promise<T> {
  const element = locate(page, target);
  if (options.actionWaits) {
    try {
      return await action(element, options.timeoutMs);
    } catch (error) {
      if (page.isClosed()) throw error;
      const count = await element.count().catch(() => 0);
      const shown = count === 1 && (await element.isVisible().catch(() => false));
      if (shown && !/strict mode violation/i.test((error as Error).message)) throw error;
      throw await notFound(page, target, error as Error, count);
    }
  }
  const started = Date.now();
  try {
    await element.waitFor({ state: 'visible', timeout: options.timeoutMs });
  } catch (error) {
    if (page.isClosed()) throw error;
    throw await notFound(page, target, error as Error, await element.count().catch(() => 0));
  }
  return action(element, Math.max(1_000, options.timeoutMs - (Date.now() - started)));
}

/** The error for a target that did not show up in time (or showed up more than once). */
async function notFound(
  page: Page,
  target: Target,
  error: Error,
  count: number,
): Promise<ElementNotFoundError> {
  // Counted, not only read from the error: on a busy machine the wait can run out before Playwright
  // reports the strict-mode violation, and two same-named buttons would read as none.
  const strict = /strict mode violation/i.test(error.message) || count > 1;
  const shown = await namesOnScreen(page, target.role);
  const message =
    notFoundMessage(target, shown, strict ? 'more than one' : 'no') + ` (page: ${pageAddress(page)})`;
  return new ElementNotFoundError(target, shown, message);
}

/** The page's address without query or fragment: tokens in links must not end up in messages. */
export function pageAddress(page: Page): string {
  try {
    const url = new URL(page.url());
    return `${url.origin}${url.pathname}`;
  } catch {
    return page.url();
  }
}

/**
 * Types a secret (password, code) into a field without it appearing in Playwright's step titles, report
 * or trace (`fill` would show the value there): the field is cleared and focused, then the text is
 * inserted like a keyboard/IME would (Chromium: CDP Input.insertText; elsewhere: the value is set and
 * the field's input/change events fire, as fill does).
 */
export async function fillSecret(element: Locator, value: string, timeoutMs: number): Promise<void> {
  await element.fill('', { timeout: timeoutMs });
  await element.focus({ timeout: timeoutMs });
  const page = element.page();
  if (page.context().browser()?.browserType().name() === 'chromium') {
    await sendDevtools(page, 'Input.insertText', { text: value });
    return;
  }
  await element.evaluate((field, text) => {
    const input = field as HTMLInputElement;
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')?.set;
    if (setter) setter.call(input, text);
    else input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}
