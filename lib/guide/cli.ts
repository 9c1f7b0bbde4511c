// `npm run guide:lint`: what the suite reads out of a guide, without running anything. For doc writers
// who drop in their own guide (any of the seed formats): its steps, the strings each step quotes with
// their kind, and the guide lint. Exit code 1 when a guide cannot be read (or, with --strict, has lint).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { localeFromTag } from '../locale.ts';
import { hostMapFor, type TargetUrls } from './hosts.ts';
import { lintGuide, type LintFinding } from './lint.ts';
import { DEFAULT_GUIDES_DIR, manifestFor } from './load.ts';
import { applyBinding, readManifest, readOptionsOf } from './manifest.ts';
import { formatOf } from './parse.ts';
import { bindableSteps } from './rules.ts';
import { isUrl, readGuideSource, shownPath } from './source.ts';
import type { Guide, Quote } from './types.ts';

export const HELP = `Usage: npm run guide:lint -- [options] [file, folder or http(s) URL ...]

Reads guides (default: every guide under guides/, or the guide manifest's) in any format: Markdown,
plain text, HTML (help-centre exports, saved pages), Zendesk Help Center article JSON, PDF; and prints,
per guide, its introduction's quotes, its steps with the strings each step quotes and their kind (ui,
email, url, date, app-name, picture, other), the sections after the steps, the reading findings (a bad
quote, a repeated step number) and the guide lint: deadlines already past, links to hosts the
configuration does not map, steps that quote nothing.

Options:
  --manifest <file>    read the guides a guide manifest lists (default: $GUIDES_MANIFEST when no file
                       is named)
  --locale <tag>       the guides' language when a file does not say (front matter, <html lang>)
  --format <name>      read every file as markdown, text, html, zendesk or pdf (default: by extension)
  --today YYYY-MM-DD   the day the date rule compares with (default: today)
  --json               print the parsed guides (steps with ids and lines, quotes with text, kind and
                       line, sections) and findings as JSON
  --strict             exit 1 when there are lint findings, too
  --help               this text

A URL is fetched with $GUIDES_TOKEN as bearer token when set (a Zendesk API token).

Exit code: 0 all guides readable · 1 a guide cannot be read (the message names file and line, or the URL
and its status),
or lint findings with --strict · 2 bad options.`;

export interface CliResult {
  code: number;
  out: string;
}

export async function main(
  argv: string[],
  hostMap?: Record<string, string>,
  cwd = process.cwd(),
): Promise<CliResult> {
  const args = parseArgs(argv, cwd);
  if ('code' in args) return args;
  const jobs = collectJobs(args, cwd);
  if ('code' in jobs) return jobs;
  const hosts = hostMap ?? (await defaultHostMap());
  const lines: string[] = [];
  const report: unknown[] = [];
  let unreadable = 0;
  let findings = 0;
  for (const job of jobs) {
    let guide: Guide;
    try {
      guide = await job.read();
    } catch (error) {
      unreadable++;
      lines.push(`✗ ${(error as Error).message}`, '');
      report.push({
        file: isUrl(job.source) ? job.source : shownPath(job.source),
        error: (error as Error).message,
      });
      continue;
    }
    const lint = lintGuide(guide, { today: args.today, hosts });
    findings += lint.length + guide.findings.length;
    report.push({
      guide: { ...guide, source: undefined, bindable: bindableSteps(guide).map((s) => s.id) },
      lint,
    });
    lines.push(...describeGuide(guide, lint), '');
  }
  lines.push(`${jobs.length} guide(s), ${unreadable} unreadable, ${findings} finding(s)`);
  const code = unreadable > 0 || (args.strict && findings > 0) ? 1 : 0;
  return { code, out: args.json ? JSON.stringify(report, null, 2) : lines.join('\n') };
}

interface CliArgs {
  files: string[];
  today: Date;
  json: boolean;
  strict: boolean;
  manifest?: string;
  locale?: string;
  format?: string;
}

/** The options and the files, folders and URLs named; or the answer to --help or to bad options. */
function parseArgs(argv: string[], cwd: string): CliArgs | CliResult {
  const args: CliArgs = { files: [], today: new Date(), json: false, strict: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { code: 0, out: HELP };
    else if (arg === '--json') args.json = true;
    else if (arg === '--strict') args.strict = true;
    else if (arg === '--manifest' || arg === '--locale' || arg === '--format') {
      const value = argv[++i];
      if (!value) return { code: 2, out: `guide:lint: ${arg} needs a value\n\n${HELP}` };
      if (arg === '--manifest') args.manifest = path.resolve(cwd, value);
      else if (arg === '--locale') args.locale = value;
      else if (!['markdown', 'text', 'html', 'zendesk', 'pdf'].includes(value)) {
        return {
          code: 2,
          out: `guide:lint: --format must be markdown, text, html, zendesk or pdf (got "${value}")\n\n${HELP}`,
        };
      } else args.format = value;
    } else if (arg === '--today') {
      const value = argv[++i] ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
        return { code: 2, out: `guide:lint: --today needs a date as YYYY-MM-DD (got "${value}")\n\n${HELP}` };
      }
      args.today = new Date(`${value}T00:00:00Z`);
    } else if (arg.startsWith('-')) return { code: 2, out: `guide:lint: unknown option ${arg}\n\n${HELP}` };
    else args.files.push(isUrl(arg) ? arg : path.resolve(cwd, arg));
  }
  return args;
}

interface Job {
  source: string;
  read: () => Promise<Guide>;
}

/** What to read: the named files, folders and URLs; else the manifest; else guides/. */
function collectJobs(args: CliArgs, cwd: string): Job[] | CliResult {
  const { files, manifest, locale, format } = args;
  const jobs: Job[] = [];
  const options = {
    ...(locale ? { locale } : {}),
    ...(format ? { format: format as Guide['format'] & string } : {}),
  };
  const useManifest = manifest ?? (files.length === 0 ? manifestFor() : undefined);
  if (useManifest) {
    try {
      jobs.push(...manifestJobs(useManifest));
    } catch (error) {
      return { code: 2, out: `guide:lint: ${(error as Error).message}` };
    }
  }
  const targets = files.length > 0 || useManifest ? files : [DEFAULT_GUIDES_DIR];
  for (const target of targets) {
    if (isUrl(target)) {
      jobs.push({ source: target, read: () => readGuideSource(target, options) });
      continue;
    }
    let found: string[];
    try {
      found = expand(target);
    } catch {
      return { code: 2, out: `guide:lint: no such file or folder: ${path.relative(cwd, target) || target}` };
    }
    for (const file of found) {
      // A file below guides/<locale>/ is in that language unless it says otherwise.
      const folder = path.basename(path.dirname(file));
      const folderLocale = localeFromTag(folder) === folder ? folder : undefined;
      const l = locale ?? folderLocale;
      jobs.push({
        source: file,
        read: () => readGuideSource(file, { ...options, ...(l ? { locale: l } : {}) }),
      });
    }
  }
  return jobs;
}

/** One job per guide the manifest lists, read with the entry's settings and bound to the spec's ids. */
function manifestJobs(manifestFile: string): Job[] {
  return readManifest(manifestFile).guides.map((entry) => ({
    source: entry.path,
    read: async () => {
      const guide = await readGuideSource(entry.path, readOptionsOf(entry));
      return applyBinding({ ...guide, id: entry.id }, entry, manifestFile);
    },
  }));
}

/** The text lines for one readable guide: its heading, quotes per step, reading findings and lint. */
function describeGuide(guide: Guide, lint: LintFinding[]): string[] {
  const lines = [
    `${guide.file}: ${guide.id} (${guide.locale}, ${guide.format ?? formatOf(guide.file) ?? 'markdown'}), "${guide.title}", ${guide.steps.length} steps`,
  ];
  for (const w of guide.warnings) lines.push(`  note: ${w}`);
  if (guide.intro.quotes.length > 0) {
    lines.push(
      `  Introduction (bind as "intro")${guide.introUncovered ? ` — not walked: ${guide.introUncovered}` : ''}`,
    );
    for (const x of guide.intro.quotes) lines.push(quoteLine(x));
  }
  for (const step of [...guide.steps, ...guide.after]) {
    const from = step.sourceId ? ` (the article's ${step.sourceId})` : '';
    const head = step.kind === 'section' ? `Section "${step.id}": ${step.title}` : step.title;
    lines.push(
      `  [${step.id}]${from} ${head}  line ${step.line}${step.uncovered ? ` — not walked: ${step.uncovered}` : ''}`,
    );
    for (const x of step.quotes) lines.push(quoteLine(x));
  }
  for (const f of guide.findings) lines.push(`  finding line ${f.line}: ${f.message}`);
  for (const f of lint) lines.push(`  lint ${f.rule} line ${f.line}: ${f.message}`);
  return lines;
}

function quoteLine(x: Quote): string {
  return `      «${x.text}» ${x.kind}${x.group !== undefined ? ` (or-group ${x.group})` : ''}  line ${x.line}${x.page ? ` (page ${x.page})` : ''}${x.note ? ` — ${x.note}` : ''}`;
}

function expand(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target)
    .sort()
    .flatMap((name) => {
      const full = path.join(target, name);
      if (statSync(full).isDirectory()) return expand(full);
      return /\.(md|markdown|txt|html?|json|pdf)$/i.test(name) ? [full] : [];
    });
}

async function defaultHostMap(): Promise<Record<string, string>> {
  try {
    const { loadConfig } = (await import('../config.ts')) as { loadConfig: () => { urls: TargetUrls } };
    return hostMapFor(loadConfig().urls);
  } catch {
    return {};
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { code, out } = await main(process.argv.slice(2));
  (code === 0 ? process.stdout : process.stderr).write(`${out}\n`);
  process.exitCode = code;
}
