// The doc writers' report, as data: per guide and step, what happened in the run. Built from the
// fixture's JSON attachments plus the guides themselves (steps nobody binds are "uncovered"). This is
// the schema of reports/guides/results.json; docs/guide-report.md describes it field by field.
import type { AxeScan } from '../lib/guide/axe.ts';
import type { MailCheck } from '../lib/mail/links.ts';
import type { LintFinding } from '../lib/guide/lint.ts';
import { bindableSteps } from '../lib/guide/parse.ts';
import type { Guide } from '../lib/guide/types.ts';
import type {
  GuideRunAttachment,
  QuoteResult,
  QuoteStatus,
  StepRecord,
  StepStatus,
} from '../lib/guide/results.ts';

export const REPORT_SCHEMA = 1;

export type ReportQuote = Omit<QuoteResult, 'status'> & {
  status: QuoteStatus | 'unchecked';
  /** The guide's line rewritten with the words the screen showed (reporters/guide-fixes.ts). */
  edit?: { line: number; from: string; to: string };
};

export interface ReportStep {
  id: string;
  title: string;
  text: string;
  line: number;
  optional: boolean;
  status: StepStatus;
  /** Why no spec walks the step (from the guide manifest), when it is uncovered. */
  reason?: string;
  durationMs?: number;
  /** Of durationMs, the time the guide check took. */
  overheadMs?: number;
  quotes: ReportQuote[];
  error?: string;
  /** Path relative to the report folder. */
  screenshot?: string;
  /** The step's quoted UI words its picture shows. */
  pictureShows?: string[];
  /** Why the picture shows none of the step's quoted words, or why there is none. */
  pictureNote?: string;
  /** axe's findings on the screen the step ended on (GUIDEWRIGHT_AXE). */
  accessibility?: AxeScan;
  /** Link and HTML checks of the mails read in the step. */
  mails?: MailCheck[];
  /** Path of the Playwright trace of the test that ran the step (relative to the report folder). */
  trace?: string;
  tests: ReportTestRef[];
}

export interface ReportTestRef {
  title: string;
  file: string;
  line: number;
  project: string;
  outcome: string;
}

export interface ReportGuide {
  id: string;
  locale: string;
  title: string;
  file: string;
  start?: string;
  status: StepStatus | 'invalid';
  counts: Record<StepStatus, number>;
  lint: LintFinding[];
  /** The guide could not be parsed: the message names file and line. */
  parseError?: string;
  unknownSteps: { id: string; message: string; test: string }[];
  steps: ReportStep[];
}

export interface ReportModel {
  schema: typeof REPORT_SCHEMA;
  generatedAt: string;
  /** Playwright's overall status: passed, failed, timedout, interrupted. */
  runStatus: string;
  checking: boolean;
  /**
   * Set when the run was one shard of several (`--shard=2/3`): the report then covers only the guides
   * this shard walked, and the merged report (merge-reports over every shard's blob) covers them all.
   */
  shard?: { current: number; total: number };
  totals: Record<StepStatus, number>;
  guides: ReportGuide[];
}

/** One test's final result, as the reporter hands it over. */
export interface RunInput {
  run: GuideRunAttachment;
  test: ReportTestRef;
  /** Attachment name → file path, relative to the report folder, after copying. */
  screenshots: Record<string, string>;
  trace?: string;
}

export const STATUSES: StepStatus[] = ['passed', 'drift', 'broken', 'uncovered', 'not-run', 'unchecked'];
const SEVERITY: Record<StepStatus, number> = {
  broken: 6,
  drift: 5,
  'not-run': 4,
  unchecked: 3,
  passed: 2,
  uncovered: 1,
};

export const emptyCounts = (): Record<StepStatus, number> =>
  Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<StepStatus, number>;

export interface BuildInput {
  guides: Guide[];
  /** Guides that failed to parse: file → message. */
  invalid: { file: string; message: string }[];
  runs: RunInput[];
  /** "<locale>/<id>" → step ids some spec binds (from reading the spec files). */
  bound: Map<string, Set<string>>;
  lint: (guide: Guide) => LintFinding[];
  runStatus: string;
  now: Date;
  shard?: { current: number; total: number };
}

export function buildModel(input: BuildInput): ReportModel {
  const totals = emptyCounts();
  const guides: ReportGuide[] = [];
  let checking = true;
  for (const guide of input.guides) {
    const key = `${guide.locale}/${guide.id}`;
    const runs = input.runs.filter((r) => r.run.guide.id === guide.id && r.run.guide.locale === guide.locale);
    if (runs.some((r) => !r.run.checking)) checking = false;
    const counts = emptyCounts();
    const steps = bindableSteps(guide).map((step): ReportStep => {
      const hits: { record: StepRecord; input: RunInput }[] = [];
      for (const r of runs)
        for (const record of r.run.steps) if (record.id === step.id) hits.push({ record, input: r });
      const base = {
        id: step.id,
        title: step.title,
        text: step.text,
        line: step.line,
        optional: step.optional,
        tests: [
          ...new Map(hits.map((h) => [`${h.input.test.file}:${h.input.test.line}`, h.input.test])).values(),
        ],
      };
      // The worst result; among equals, the first test by file and line, so the step's picture and
      // trace come from the same test however the tests were spread over workers or shards.
      const worst = hits.sort(
        (a, b) =>
          SEVERITY[b.record.status] - SEVERITY[a.record.status] ||
          a.input.test.file.localeCompare(b.input.test.file) ||
          a.input.test.line - b.input.test.line ||
          a.input.test.project.localeCompare(b.input.test.project),
      )[0];
      let result: ReportStep;
      if (worst) {
        const { record, input: r } = worst;
        const screenshot = record.screenshot ? r.screenshots[record.screenshot] : undefined;
        result = {
          ...base,
          status: record.status,
          durationMs: record.durationMs,
          ...(record.overheadMs !== undefined ? { overheadMs: record.overheadMs } : {}),
          quotes: record.quotes,
          ...(record.error ? { error: record.error } : {}),
          ...(record.mails ? { mails: record.mails } : {}),
          ...(screenshot ? { screenshot } : {}),
          ...(screenshot && record.pictureShows ? { pictureShows: record.pictureShows } : {}),
          ...(record.pictureNote ? { pictureNote: record.pictureNote } : {}),
          ...(record.accessibility ? { accessibility: record.accessibility } : {}),
          ...(r.trace ? { trace: r.trace } : {}),
        };
      } else {
        result = {
          ...base,
          status: input.bound.get(key)?.has(step.id) ? 'not-run' : 'uncovered',
          ...(step.uncovered ? { reason: step.uncovered } : {}),
          quotes: step.quotes.map((q) => ({ ...q, status: 'unchecked' as const })),
        };
      }
      counts[result.status]++;
      totals[result.status]++;
      return result;
    });
    const status = steps.reduce<StepStatus>(
      (w, s) => (SEVERITY[s.status] > SEVERITY[w] ? s.status : w),
      steps.every((s) => s.status === 'uncovered') ? 'uncovered' : 'passed',
    );
    guides.push({
      id: guide.id,
      locale: guide.locale,
      title: guide.title,
      file: guide.file,
      ...(guide.start ? { start: guide.start } : {}),
      status,
      counts,
      lint: input.lint(guide),
      unknownSteps: runs.flatMap((r) => r.run.unknownSteps.map((u) => ({ ...u, test: r.test.title }))),
      steps,
    });
  }
  for (const bad of input.invalid) {
    guides.push({
      id: bad.file,
      locale: '',
      title: bad.file,
      file: bad.file,
      status: 'invalid',
      counts: emptyCounts(),
      lint: [],
      parseError: bad.message,
      unknownSteps: [],
      steps: [],
    });
  }
  return {
    schema: REPORT_SCHEMA,
    generatedAt: input.now.toISOString(),
    runStatus: input.runStatus,
    checking,
    ...(input.shard ? { shard: input.shard } : {}),
    totals,
    guides,
  };
}
