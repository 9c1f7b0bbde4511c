// Guide lint: problems a doc writer can fix without running anything. Dated statements already in the
// past ("no later than July 1, 2026"), links to hosts the configuration does not map, steps that quote
// nothing (so nothing in them can be checked).
import { findDates } from './dates.ts';
import type { Guide } from './types.ts';

export type LintRule = 'past-date' | 'unmapped-host' | 'no-quotes';

export interface LintFinding {
  rule: LintRule;
  guideId: string;
  file: string;
  line: number;
  stepId?: string;
  message: string;
}

export interface LintOptions {
  /** "Today" for the date rule (tests pass a fixed day). */
  today: Date;
  /**
   * Hosts the configuration maps to a target URL (real host → target URL, or a plain list of hosts).
   * A leading "*." matches any subdomain. Links to other hosts are reported.
   */
  hosts: Iterable<string> | Record<string, string>;
}

// Words that make a date a deadline or a start date, i.e. a statement that goes stale.
const DEADLINE_CUE =
  /(no later than|not later than|at the latest|before|by|until|till|from|starting|as of|after|deadline|expires?|innen|senest|før|fra og med|fra|frist|etter|uiterlijk|vóór|voor|tot|vanaf|na)\s+(the\s+|den\s+)?$/i;

export function lintGuide(guide: Guide, options: LintOptions): LintFinding[] {
  const findings: LintFinding[] = [];
  const base = { guideId: guide.id, file: guide.file };
  const stepAt = (line: number) => guide.steps.find((s) => line >= s.line && line <= s.endLine)?.id;

  const today = Date.UTC(
    options.today.getUTCFullYear(),
    options.today.getUTCMonth(),
    options.today.getUTCDate(),
  );
  guide.source.split('\n').forEach((text, i) => {
    for (const found of findDates(text)) {
      if (found.date.getTime() >= today) continue;
      const before = text.slice(Math.max(0, found.index - 40), found.index);
      if (!DEADLINE_CUE.test(before)) continue;
      const line = i + 1;
      const stepId = stepAt(line);
      findings.push({
        ...base,
        rule: 'past-date',
        line,
        ...(stepId ? { stepId } : {}),
        message: `"${cueWords(before)} ${found.text}" lies in the past (today is ${iso(options.today)}): is this statement still true?`,
      });
    }
  });

  const patterns = (Symbol.iterator in options.hosts ? [...options.hosts] : Object.keys(options.hosts)).map(
    (h) => h.toLowerCase(),
  );
  const mapped = (host: string) =>
    patterns.some((p) => (p.startsWith('*.') ? host.endsWith(p.slice(1)) : host === p));
  const reported = new Set<string>();
  for (const link of guide.links) {
    const host = hostOf(link.href);
    if (!host || mapped(host) || reported.has(`${host}:${link.line}`)) continue;
    reported.add(`${host}:${link.line}`);
    const stepId = stepAt(link.line);
    findings.push({
      ...base,
      rule: 'unmapped-host',
      line: link.line,
      ...(stepId ? { stepId } : {}),
      message: `link to ${host} (${link.href}) goes to a host the configuration does not map, so the run cannot follow it`,
    });
  }

  for (const step of guide.steps) {
    if (step.quotes.length > 0) continue;
    findings.push({
      ...base,
      rule: 'no-quotes',
      line: step.line,
      stepId: step.id,
      message: `${step.title.split(':')[0]} quotes nothing, so no words of it can be checked against the screen`,
    });
  }
  return findings.sort((a, b) => a.line - b.line);
}

/** The last few words before a date ("no later than"), without the bracket or quote that opens them. */
function cueWords(before: string): string {
  return before
    .trim()
    .split(/\s+/)
    .slice(-3)
    .join(' ')
    .replace(/^[([«"“‘']+/, '');
}

function hostOf(href: string): string | undefined {
  try {
    const url = new URL(href.replace(/^<|>$/g, ''));
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}
