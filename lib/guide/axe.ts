// Accessibility per step: axe-core's WCAG 2.1 A/AA rules run on the screen a guide step ends on, each
// document once per test. axe-core is sent over the page's DevTools session (as the step pictures are), not
// through @axe-core/playwright, whose page.evaluate calls are traced test actions: they would fill the
// trace and the HTML report's steps with axe's source and results.
import axe from 'axe-core';
import type { Page } from '@playwright/test';
import { sendDevtools } from '../devtools.ts';

export type AxeImpact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeViolation {
  /** axe's rule id, e.g. "color-contrast". */
  id: string;
  impact?: AxeImpact;
  /** What the rule asks for, in axe's words. */
  help: string;
  helpUrl: string;
  /** How many elements break it, and the first few (CSS selectors). */
  nodes: number;
  targets: string[];
}

export interface AxeScan {
  /** The address of the document scanned (without its query, which may carry a token). */
  url: string;
  violations: AxeViolation[];
  /** Set when this document was scanned at an earlier step already: its id. */
  sameAs?: string;
}

/** The serious and critical ones: what GUIDEWRIGHT_AXE=fail fails a step for. */
export const failing = (v: AxeViolation) => v.impact === 'serious' || v.impact === 'critical';

const DOCUMENT = `location.href.split(/[?#]/)[0] + ' ' + performance.timeOrigin`;

const RUN = `axe.run(document, {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
}).then((r) => r.violations.map((v) => ({
  id: v.id, impact: v.impact || undefined, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.length,
  targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
})))`;

interface Answer<T> {
  result?: { value?: T };
  exceptionDetails?: { exception?: { description?: string } };
}

/**
 * Runs axe on the page's main document; `seen` maps documents already scanned in this test to their step.
 * Undefined when the page went away (or is not Chromium) while it ran.
 */
export async function scanStep(
  page: Page,
  stepId: string,
  seen: Map<string, string>,
): Promise<AxeScan | undefined> {
  try {
    const here = await sendDevtools<Answer<{ document: string; loaded: boolean }>>(page, 'Runtime.evaluate', {
      expression: `({ document: ${DOCUMENT}, loaded: typeof window.axe === 'object' })`,
      returnByValue: true,
    });
    const doc = here.result?.value;
    if (!doc) return undefined;
    const url = doc.document.split(' ')[0]!;
    // The same screen as an earlier step: not scanned twice.
    const earlier = seen.get(doc.document);
    if (earlier) return { url, violations: [], sameAs: earlier };
    if (!doc.loaded)
      await sendDevtools(page, 'Runtime.evaluate', { expression: axe.source, returnByValue: true });
    const answer = await sendDevtools<Answer<AxeViolation[]>>(page, 'Runtime.evaluate', {
      expression: RUN,
      awaitPromise: true,
      returnByValue: true,
    });
    const violations = answer.result?.value;
    if (!violations) return undefined;
    seen.set(doc.document, stepId);
    return { url, violations };
  } catch {
    return undefined;
  }
}
