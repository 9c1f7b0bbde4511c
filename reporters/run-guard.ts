// Never green on nothing: a run whose every test was skipped, or that had guide tests and skipped them
// all, has tested nothing, whatever Playwright's exit code would say. This reporter turns such a run into
// a failure and says why in one line. (Filters that match no test are Playwright's own error, as long as
// nobody passes --pass-with-no-tests.) Register it before the reports so they show the final status:
//   reporter: [['list'], ['./reporters/run-guard.ts'], ['html', …], …]
import type { FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';

export interface RunGuardOptions {
  /** Projects whose tests walk guides (default: names starting with "guides-"). */
  guideProjects?: RegExp;
  /** Set by Playwright: "list" for `--list`, "merge" for merge-reports. */
  _mode?: string;
}

interface Tally {
  total: number;
  skipped: number;
  /** The first skip reason seen, to name the cause. */
  reason?: string;
}

export interface GuardVerdict {
  /** The one line to print; none when the run tested something. */
  message?: string;
}

/** Decides from the tallies whether a passing run tested nothing. Pure, for the unit tests. */
export function judge(all: Tally, guides: Tally): GuardVerdict {
  const because = (t: Tally) => (t.reason ? ` (first reason: ${t.reason})` : '');
  if (all.total > 0 && all.skipped === all.total) {
    return {
      message: `guidewright: failing the run: all ${all.total} test${all.total === 1 ? ' was' : 's were'} skipped, so nothing was tested${because(all)}.`,
    };
  }
  if (guides.total > 0 && guides.skipped === guides.total) {
    return {
      message: `guidewright: failing the run: all ${guides.total} guide test${guides.total === 1 ? ' was' : 's were'} skipped, so no guide was walked${because(guides)}.`,
    };
  }
  return {};
}

export default class RunGuard implements Reporter {
  private readonly last = new Map<string, { guide: boolean; skipped: boolean; reason?: string }>();
  private message?: string;

  constructor(private readonly options: RunGuardOptions = {}) {}

  printsToStdio(): boolean {
    return false;
  }

  onBegin(_config: unknown, suite: Suite): void {
    // Tests that never get a result (the run was interrupted) count as not run, i.e. skipped.
    for (const test of suite.allTests()) this.record(test, undefined);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.record(test, result);
  }

  private record(test: TestCase, result: TestResult | undefined): void {
    const project = test.parent.project()?.name ?? '';
    const skip = [...(result?.annotations ?? []), ...test.annotations].find((a) => a.type === 'skip');
    this.last.set(test.id, {
      guide: (this.options.guideProjects ?? /^guides-/).test(project),
      // Retries: the last result counts.
      skipped: !result || result.status === 'skipped',
      ...(skip?.description ? { reason: skip.description } : {}),
    });
  }

  async onEnd(result: FullResult): Promise<{ status: FullResult['status'] } | undefined> {
    if (this.options._mode === 'list' || result.status !== 'passed') return undefined;
    const tally = (guideOnly: boolean): Tally => {
      const rows = [...this.last.values()].filter((r) => !guideOnly || r.guide);
      const skipped = rows.filter((r) => r.skipped);
      const reason = skipped.find((r) => r.reason)?.reason;
      return { total: rows.length, skipped: skipped.length, ...(reason ? { reason } : {}) };
    };
    this.message = judge(tally(false), tally(true)).message;
    return this.message ? { status: 'failed' } : undefined;
  }

  async onExit(): Promise<void> {
    // After every other reporter's output, so the line is the last thing the run prints.
    if (this.message) process.stderr.write(`${this.message}\n`);
  }
}
