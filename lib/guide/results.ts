// What the guide fixture records per step, and what the guide reporter reads back. The fixture attaches
// one JSON document (name STEPS_ATTACHMENT) per test; the schema is described in docs/guide-report.md.
import type { AxeScan } from './axe.ts';
import type { MailCheck } from '../mail/links.ts';
import type { QuoteKind, QuoteStyle } from './types.ts';
import type { Suggestion } from './match.ts';

export const STEPS_ATTACHMENT = 'guidewright-steps';
export const STEPS_SCHEMA = 1;

/** found: shown during the step · missing: not shown · not-checkable: no surface to check it against. */
export type QuoteStatus = 'found' | 'missing' | 'not-checkable';
export type Surface = 'page' | 'mail' | 'sms' | 'url';

export interface QuoteResult {
  text: string;
  kind: QuoteKind;
  style: QuoteStyle;
  line: number;
  group?: number;
  status: QuoteStatus;
  /** Where it was found, or which surface it was checked against. */
  surface?: Surface;
  /** Why it could not be checked, or how it matched ("same sender name, other domain"). */
  note?: string;
  /** For missing strings: the closest strings that were shown, best first. */
  suggestions?: Suggestion[];
}

/**
 * passed: the step ran and every quoted UI string was shown · broken: the step's actions failed (the
 * flow is broken) · drift: the actions worked but the guide's words were not all shown · unchecked: ran
 * with GUIDEWRIGHT_CHECK=0.
 */
export type RecordedStatus = 'passed' | 'broken' | 'drift' | 'unchecked';
/** In the report, also: uncovered (no spec binds the step) and not-run (bound, but never reached). */
export type StepStatus = RecordedStatus | 'uncovered' | 'not-run';

export interface StepRecord {
  id: string;
  title: string;
  status: RecordedStatus;
  startedAt: string;
  durationMs: number;
  /** Of durationMs, the time the guide check itself took (page reads and matching; not the screenshot). */
  overheadMs?: number;
  quotes: QuoteResult[];
  /** The failure (redacted), for broken and drift steps. */
  error?: string;
  /** Name of the screenshot attachment of this step. */
  screenshot?: string;
  /** The step's quoted UI words that its picture shows (the picture is of the screen that showed most). */
  pictureShows?: string[];
  /** Why the step's picture shows none of its quoted words, or why it has none (pictures on). */
  pictureNote?: string;
  /** axe's findings on the screen the step ended on (GUIDEWRIGHT_AXE). */
  accessibility?: AxeScan;
  /** Link (and HTML) checks of the mails read in this step. */
  mails?: MailCheck[];
}

export interface GuideRunAttachment {
  schema: typeof STEPS_SCHEMA;
  guide: { id: string; locale: string; title: string; file: string };
  checking: boolean;
  steps: StepRecord[];
  /** guide.step(id) calls for ids the guide does not have. */
  unknownSteps: { id: string; message: string }[];
}
