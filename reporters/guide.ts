// The doc writers' report. Register in playwright.config.ts:
//   reporter: [..., ['./reporters/guide.ts', { outputDir: 'reports/guides' }]]
// Writes reports/guides/index.html (opens from disk), results.json (schema: docs/guide-report.md),
// summary.md (also appended to $GITHUB_STEP_SUMMARY when set), copies step screenshots and traces next
// to them (so the folder is self-contained), and prints a one-screen table with the report's path at the
// end of the run. Everything comes from the test results and their attachments, so the same reporter run
// by `playwright merge-reports` over the shards' blob reports gives a single run's report; one shard's
// own report covers only that shard's guides and says so. Under `--list` it writes nothing.
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type {
  FullConfig,
  FullResult,
  Reporter,
  Suite,
  TestCase,
  TestResult,
} from '@playwright/test/reporter';
import { hostMapFor } from '../lib/guide/hosts.ts';
import { lintGuide } from '../lib/guide/lint.ts';
import { DEFAULT_GUIDES_DIR, readGuideSet } from '../lib/guide/load.ts';
import { STEPS_ATTACHMENT, type GuideRunAttachment } from '../lib/guide/results.ts';
import type { Guide } from '../lib/guide/types.ts';
import { buildModel, type ReportModel, type RunInput } from './guide-model.ts';
import { renderHtml, renderMarkdown, renderTable } from './guide-render.ts';
import { suggestEdits } from './guide-fixes.ts';
import { loadConfig } from '../lib/config.ts';

export interface GuideReporterOptions {
  /** Where the report goes (relative to the config file). Default reports/guides. */
  outputDir?: string;
  /**
   * Which Playwright projects walk guides for the report (default: names starting with "guides-"). Other
   * projects may bind guide steps on self-made pages (the suite's own tests); they do not belong in it.
   */
  projects?: RegExp;
  /** Where the guides are. Default: the repository's guides/. */
  guidesDir?: string;
  /** "Today" for the lint's date rule, YYYY-MM-DD. Default: the real today. */
  today?: string;
  /** Real host → target URL for the lint's link rule. Default: built from lib/config (the target's URLs). */
  hostMap?: Record<string, string>;
  /** Print the table at the end (default true). */
  printTable?: boolean;
  /** Write the report even when no test in the run walks a guide (default false). */
  always?: boolean;
  /** Set by Playwright: "list" for `--list` (the reporter then leaves the last report alone), "merge". */
  _mode?: string;
}

/** The spec files (*.spec.ts / *.test.ts, as Playwright's default match) below `dir`; none if it is unreadable. */
function specFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(spec|test)\.[cm]?[jt]sx?$/.test(f))
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/** "<locale>/<id>" of the guides a spec file walks, and the step ids it binds, read from its source. */
export function scanSpec(source: string): { guideIds: string[]; stepIds: string[] } {
  const guideIds = [
    ...source.matchAll(/guideId\s*:\s*['"`]([\w-]+)['"`]/g),
    ...source.matchAll(/guide\.load\(\s*['"`]([\w-]+)['"`]/g),
  ].map((m) => m[1]!);
  const stepIds = [...source.matchAll(/guide\.step\(\s*['"`]([^'"`]+)['"`]/g)].map((m) => m[1]!);
  return { guideIds: [...new Set(guideIds)], stepIds: [...new Set(stepIds)] };
}

export default class GuideReporter implements Reporter {
  private config?: FullConfig;
  private root = process.cwd();
  private outDir = '';
  private readonly latest = new Map<string, RunInput[]>();
  /** Guide id → the step ids some spec of the guide projects binds (whether or not it runs now). */
  private readonly boundByGuideId = new Map<string, Set<string>>();
  /** The guide ids the tests of this run walk. */
  private readonly walkedNow = new Set<string>();
  private shotCount = 0;
  private traceCount = 0;
  /** Trace file → its copy inside the report (a test's steps share one trace). */
  private readonly traces = new Map<string, string>();
  /** `--shard=i/n`: this run is one part; its report covers only the guides this part walks. */
  private shard?: { current: number; total: number };
  private guides: ReturnType<typeof readGuides> = { guides: [], invalid: [] };

  constructor(private readonly options: GuideReporterOptions = {}) {}

  printsToStdio(): boolean {
    return false;
  }

  private get listing(): boolean {
    return this.options._mode === 'list';
  }

  onBegin(config: FullConfig, suite: Suite): void {
    // `--list` runs no test: the report of the last real run stays as it is.
    if (this.listing) return;
    this.config = config;
    if (config.shard) this.shard = config.shard;
    this.root = config.configFile ? path.dirname(config.configFile) : process.cwd();
    this.outDir = path.resolve(this.root, this.options.outputDir ?? 'reports/guides');
    this.guides = readGuides(
      this.options.guidesDir ?? loadConfig().guidesDir ?? DEFAULT_GUIDES_DIR,
      this.root,
    );
    // Every spec of the guide projects is read, also those this run leaves out (`--guide X`, a grep):
    // their steps are then "not run", not "uncovered".
    const now = new Set(
      suite
        .allTests()
        .filter((t) => this.walks(t))
        .map((t) => t.location.file),
    );
    const all = new Set(now);
    for (const project of config.projects) {
      if (this.walksProject(project.name)) specFilesIn(project.testDir).forEach((f) => all.add(f));
    }
    for (const file of all) {
      let source: string;
      try {
        source = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const { guideIds, stepIds } = scanSpec(source);
      for (const id of guideIds) {
        const set = this.boundByGuideId.get(id) ?? new Set<string>();
        stepIds.forEach((s) => set.add(s));
        this.boundByGuideId.set(id, set);
        if (now.has(file)) this.walkedNow.add(id);
      }
    }
    // Only a run that walks the project's guides replaces the report (and its screenshots).
    if (this.walksGuides() || this.options.always) {
      for (const folder of ['shots', 'traces'])
        rmSync(path.join(this.outDir, folder), { recursive: true, force: true });
      mkdirSync(path.join(this.outDir, 'shots'), { recursive: true });
    }
  }

  private walksProject(name: string): boolean {
    return (this.options.projects ?? /^guides-/).test(name);
  }

  private walks(test: TestCase): boolean {
    return this.walksProject(test.parent.project()?.name ?? '');
  }

  private walksGuides(): boolean {
    const ids = new Set(this.guides.guides.map((g) => g.id));
    return [...this.walkedNow].some((id) => ids.has(id));
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (this.listing || !this.walks(test)) return;
    const inputs: RunInput[] = [];
    const ref = {
      title: test.titlePath().slice(2).join(' › ') || test.title,
      file: path.relative(this.root, test.location.file),
      line: test.location.line,
      project: test.parent.project()?.name ?? '',
      outcome: result.status,
    };
    // The trace is copied into the report, so its link works wherever the report is uploaded to.
    const trace = this.copyTrace(result.attachments.find((a) => a.name === 'trace' && a.path)?.path);
    for (const a of result.attachments) {
      if (a.name !== STEPS_ATTACHMENT) continue;
      let run: GuideRunAttachment;
      try {
        run = JSON.parse((a.body ?? readFileSync(a.path!)).toString('utf8')) as GuideRunAttachment;
      } catch {
        continue;
      }
      const screenshots: Record<string, string> = {};
      for (const step of run.steps) {
        if (!step.screenshot) continue;
        const shot = result.attachments.find(
          (x) => x.name === step.screenshot && x.contentType === 'image/png',
        );
        if (!shot) continue;
        const name = `shots/${run.guide.locale}-${run.guide.id}-${step.id}-${++this.shotCount}.png`.replace(
          /[^\w./-]/g,
          '_',
        );
        try {
          mkdirSync(path.join(this.outDir, 'shots'), { recursive: true });
          if (shot.body) writeFileSync(path.join(this.outDir, name), shot.body);
          else if (shot.path) copyFileSync(shot.path, path.join(this.outDir, name));
          else continue;
          screenshots[step.screenshot] = name;
        } catch {
          // A missing screenshot file must not lose the rest of the report.
        }
      }
      inputs.push({
        run,
        test: ref,
        screenshots,
        ...(trace ? { trace } : {}),
      });
    }
    // Retries: the last result of a test is the one that counts.
    this.latest.set(test.id, inputs);
  }

  /** Copies a trace into the report's traces/ folder; its path there, relative to the report. */
  private copyTrace(file: string | undefined): string | undefined {
    if (!file) return undefined;
    const known = this.traces.get(file);
    if (known) return known;
    const name = `traces/${++this.traceCount}-${path.basename(file).replace(/[^\w.-]/g, '_')}`;
    try {
      mkdirSync(path.join(this.outDir, 'traces'), { recursive: true });
      copyFileSync(file, path.join(this.outDir, name));
    } catch {
      // A trace that cannot be copied is left out rather than linked dead.
      return undefined;
    }
    this.traces.set(file, name);
    return name;
  }

  async onEnd(result: FullResult): Promise<void> {
    if (this.listing) return;
    // Runs that walk none of the project's guides (unit tests, say) leave no report and print nothing.
    const { invalid } = this.guides;
    // A shard reports the guides it walks; the others are another shard's, not "not run".
    const guides = this.shard
      ? this.guides.guides.filter((g) => this.walkedNow.has(g.id))
      : this.guides.guides;
    const known = new Set(guides.map((g) => `${g.locale}/${g.id}`));
    const ran = [...this.latest.values()]
      .flat()
      .some((r) => known.has(`${r.run.guide.locale}/${r.run.guide.id}`));
    if (!ran && !this.walksGuides() && !this.options.always) return;
    const bound = new Map<string, Set<string>>();
    for (const g of guides) {
      const ids = this.boundByGuideId.get(g.id);
      if (ids) bound.set(`${g.locale}/${g.id}`, ids);
    }
    const hostMap = this.options.hostMap ?? hostMapFor(loadConfig().urls);
    const today = this.options.today ? new Date(`${this.options.today}T00:00:00Z`) : new Date();
    const model = buildModel({
      guides,
      invalid,
      runs: [...this.latest.values()].flat(),
      bound,
      lint: (g) => lintGuide(g, { today, hosts: hostMap }),
      runStatus: result.status,
      now: new Date(),
      ...(this.shard ? { shard: this.shard } : {}),
    });
    writeReport(model, this.outDir, this.root);
    if (this.options.printTable !== false) {
      process.stdout.write(
        renderTable(model, path.relative(process.cwd(), path.join(this.outDir, 'index.html'))),
      );
    }
  }
}

/** Writes index.html, results.json and summary.md (and the CI job summary when $GITHUB_STEP_SUMMARY is set). */
export function writeReport(model: ReportModel, outDir: string, root = process.cwd()): void {
  mkdirSync(outDir, { recursive: true });
  // Before the HTML: the edits are shown beside their findings.
  const patch = suggestEdits(model, root);
  const fixes = path.join(outDir, 'fixes.patch');
  if (patch) writeFileSync(fixes, patch);
  else rmSync(fixes, { force: true });
  const index = path.join(outDir, 'index.html');
  writeFileSync(index, renderHtml(model));
  writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(model, null, 2)}\n`);
  const summary = renderMarkdown(model, path.relative(root, index) || index);
  writeFileSync(path.join(outDir, 'summary.md'), summary);
  if (process.env.GITHUB_STEP_SUMMARY) {
    try {
      appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${summary}\n`);
    } catch (error) {
      process.stderr.write(
        `guide report: could not write $GITHUB_STEP_SUMMARY: ${(error as Error).message}\n`,
      );
    }
  }
}

function readGuides(
  dir: string,
  root: string,
): { guides: Guide[]; invalid: { file: string; message: string }[] } {
  // The guide manifest (GUIDES_MANIFEST) when one is set, else <dir>/<locale>/*.
  const set = readGuideSet({ dir });
  return {
    guides: set.guides,
    invalid: set.invalid.map((i) => ({ ...i, file: path.relative(root, i.file) || i.file })),
  };
}
