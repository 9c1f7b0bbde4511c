// Checks one step's quoted strings against what was observed during the step: UI words against the
// screen (and the mail/SMS read in the step), an email address against the mail, a URL against the pages
// opened. Dates and app names have nothing to check them against and are reported as such.
import { closest, containsNormalized, describeMissing, normalize } from './match.ts';
import { mapAddress, mapUrl } from './hosts.ts';
import { redact } from './redact.ts';
import type { QuoteResult, Surface } from './results.ts';
import type { Guide, GuideStep, Quote } from './types.ts';

export interface Observed {
  page: Iterable<string>;
  mail: Iterable<string>;
  sms: Iterable<string>;
  /** URLs requested by navigations during the step (redirect hops included). */
  urls: Iterable<string>;
}

export interface CheckOptions {
  /** Real host → target URL, for checking quoted URLs (see hostMapFor). */
  hostMap?: Record<string, string>;
  /** Values to mask in suggestions (passwords the test typed, …). */
  secrets?: Iterable<string>;
}

/** A guide's words did not match the screen (as opposed to the flow being broken). */
export class DocDriftError extends Error {
  constructor(
    readonly guideId: string,
    readonly stepId: string,
    readonly missing: QuoteResult[],
    message: string,
  ) {
    super(message);
    this.name = 'DocDriftError';
  }
}

export const DRIFT_PREFIX = 'doc drift:';

export function checkStep(step: GuideStep, observed: Observed, options: CheckOptions = {}): QuoteResult[] {
  const seen = new Set<string>();
  const quotes = step.quotes.filter((quote) => {
    const key = `${quote.kind}:${normalize(quote.text)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const context = stepContext(observed, options);
  const results = quotes.map((quote) => checkOne(quote, baseResult(quote), context));
  settleAlternatives(results);
  return results;
}

/** What one step showed, read once, for checking each of its quotes. */
interface StepContext {
  page: string[];
  mail: string[];
  sms: string[];
  urls: string[];
  normalized: (readonly [Surface, string[]])[];
  secrets: string[];
  hostMap: Record<string, string>;
}

function stepContext(observed: Observed, options: CheckOptions): StepContext {
  const page = [...observed.page];
  const mail = [...observed.mail];
  const sms = [...observed.sms];
  const surfaces: [Surface, string[]][] = [
    ['page', page],
    ['mail', mail],
    ['sms', sms],
  ];
  return {
    page,
    mail,
    sms,
    urls: [...observed.urls],
    normalized: surfaces.map(([s, texts]) => [s, texts.map(normalize)] as const),
    secrets: [...(options.secrets ?? [])],
    hostMap: options.hostMap ?? {},
  };
}

function baseResult(quote: Quote): QuoteResult {
  return {
    text: quote.text,
    kind: quote.kind,
    style: quote.style,
    line: quote.line,
    status: 'not-checkable',
    ...(quote.group !== undefined ? { group: quote.group } : {}),
  };
}

/** "A" or "B": one of them shown is enough. */
function settleAlternatives(results: QuoteResult[]): void {
  for (const r of results) {
    if (r.status !== 'missing' || r.group === undefined) continue;
    const shown = results.find((o) => o.group === r.group && o.status === 'found');
    if (shown) {
      r.status = 'not-checkable';
      r.note = `an alternative, «${shown.text}», was shown`;
      delete r.suggestions;
    }
  }
}

function checkOne(quote: Quote, r: QuoteResult, context: StepContext): QuoteResult {
  switch (quote.kind) {
    case 'ui':
      return checkUiWords(quote, r, context);
    case 'email':
      return checkEmail(quote, r, context);
    case 'url':
      return checkUrl(quote, r, context);
    case 'date':
      return { ...r, note: 'a date: the lint checks whether it has passed' };
    case 'app-name':
      return { ...r, note: 'an app on the phone: not shown by the service' };
    case 'other':
      return { ...r, note: quote.note ?? 'not a word of the service (the guide manifest says so)' };
    case 'earlier':
      return { ...r, note: 'named as done in an earlier step: checked there, not demanded on this screen' };
    case 'picture':
      return {
        ...r,
        note: "in the guide's picture (a screenshot, its description or example data): not demanded on screen",
      };
  }
}

function checkUiWords(
  quote: Quote,
  r: QuoteResult,
  { normalized, page, mail, sms, secrets }: StepContext,
): QuoteResult {
  const needle = normalize(quote.text);
  for (const [surface, texts] of normalized) {
    if (texts.some((t) => containsNormalized(t, needle))) return { ...r, status: 'found', surface };
  }
  const suggestions = closest(quote.text, [...page, ...mail, ...sms]).map((s) => ({
    ...s,
    text: redact(s.text, secrets),
  }));
  return { ...r, status: 'missing', surface: 'page', suggestions };
}

/**
 * A quoted address matches whole: as the guide writes it, or as the target writes it (its domain through
 * the host map, as a quoted URL is). The same sender name at another domain is not the guide's address.
 */
function checkEmail(quote: Quote, r: QuoteResult, { mail, hostMap }: StepContext): QuoteResult {
  if (mail.length === 0) return { ...r, note: 'no mail was read in this step' };
  const wanted = quote.text.toLowerCase();
  const addresses = mail.flatMap((t) => t.toLowerCase().match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? []);
  if (addresses.includes(wanted)) return { ...r, status: 'found', surface: 'mail' };
  const mapped = mapAddress(wanted, hostMap);
  if (mapped && mapped !== wanted && addresses.includes(mapped)) {
    return { ...r, status: 'found', surface: 'mail', note: `as the target writes it: ${mapped}` };
  }
  const suggestions = closest(quote.text, [...new Set(addresses)]);
  return { ...r, status: 'missing', surface: 'mail', suggestions };
}

function checkUrl(quote: Quote, r: QuoteResult, { urls, hostMap }: StepContext): QuoteResult {
  const href = quote.href && /^https?:/i.test(quote.href) ? quote.href : quote.text.replace(/^<|>$/g, '');
  const origin = mapUrl(href, hostMap);
  if (!origin) return { ...r, note: 'its host is not mapped to the target (see the lint)' };
  if (urls.length === 0) return { ...r, note: 'no page was opened in this step' };
  if (urls.some((u) => u.startsWith(origin))) return { ...r, status: 'found', surface: 'url' };
  const suggestions = closest(origin, urls.map(originOf)).map((s) => ({ ...s, text: redact(s.text) }));
  return { ...r, status: 'missing', surface: 'url', suggestions };
}

/** The message of a doc-drift failure: guide, step, each missing string with its closest shown strings. */
export function driftMessage(guide: Guide, step: GuideStep, missing: QuoteResult[]): string {
  const lines = missing.map((m) => `  - ${describeMissing(m.text, m.suggestions ?? [])}${surfaceNote(m)}`);
  const count = missing.length === 1 ? '1 quoted string was' : `${missing.length} quoted strings were`;
  return `${DRIFT_PREFIX} guide "${guide.id}" (${guide.file}), ${step.title}: ${count} not shown during the step\n${lines.join('\n')}`;
}

function surfaceNote(m: QuoteResult): string {
  if (m.surface === 'mail') return ' (in the mail read in this step)';
  if (m.surface === 'url') return ' (among the pages opened in this step)';
  return '';
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
