// `npm run guide:lint`: what the suite reads out of a guide, without running anything. For doc writers
// who drop in their own guide (any of the seed formats): its steps, the strings each step quotes with
// their kind, and the guide lint. Exit code 1 when a guide cannot be read (or, with --strict, has lint).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { hostMapFor, type TargetUrls } from './hosts.ts';
import { lintGuide } from './lint.ts';
import { DEFAULT_GUIDES_DIR, loadGuideFile } from './load.ts';
import type { Guide } from './types.ts';

export const HELP = `Usage: npm run guide:lint -- [options] [file or folder ...]

Reads guides (default: every guide under guides/) and prints, per guide, its steps with the strings each
step quotes and their kind (ui, email, url, date, app-name), then the guide lint: deadlines already past,
links to hosts the configuration does not map, steps that quote nothing.

Options:
  --today YYYY-MM-DD   the day the date rule compares with (default: today)
  --json               print the parsed guides and findings as JSON
  --strict             exit 1 when there are lint findings, too
  --help               this text

Exit code: 0 all guides readable · 1 a guide cannot be read (the message names file and line),
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
  const files: string[] = [];
  let today = new Date();
  let json = false;
  let strict = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { code: 0, out: HELP };
    else if (arg === '--json') json = true;
    else if (arg === '--strict') strict = true;
    else if (arg === '--today') {
      const value = argv[++i] ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
        return { code: 2, out: `guide:lint: --today needs a date as YYYY-MM-DD (got "${value}")\n\n${HELP}` };
      }
      today = new Date(`${value}T00:00:00Z`);
    } else if (arg.startsWith('-')) return { code: 2, out: `guide:lint: unknown option ${arg}\n\n${HELP}` };
    else files.push(path.resolve(cwd, arg));
  }
  const targets = files.length > 0 ? files : [DEFAULT_GUIDES_DIR];
  const paths: string[] = [];
  for (const target of targets) {
    try {
      paths.push(...expand(target));
    } catch {
      return { code: 2, out: `guide:lint: no such file or folder: ${path.relative(cwd, target) || target}` };
    }
  }
  const hosts = hostMap ?? (await defaultHostMap());
  const lines: string[] = [];
  const report: unknown[] = [];
  let unreadable = 0;
  let findings = 0;
  for (const file of paths) {
    const locale = path.basename(path.dirname(file));
    let guide: Guide;
    try {
      guide = loadGuideFile(file, /^[a-z]{2,3}$/.test(locale) ? locale : undefined);
    } catch (error) {
      unreadable++;
      lines.push(`✗ ${(error as Error).message}`, '');
      report.push({ file: path.relative(cwd, file), error: (error as Error).message });
      continue;
    }
    const lint = lintGuide(guide, { today, hosts });
    findings += lint.length;
    report.push({ guide: { ...guide, source: undefined }, lint });
    lines.push(`${guide.file}: ${guide.id} (${guide.locale}), "${guide.title}", ${guide.steps.length} steps`);
    for (const w of guide.warnings) lines.push(`  note: ${w}`);
    for (const step of guide.steps) {
      lines.push(`  ${step.title}`);
      for (const q of step.quotes) {
        lines.push(
          `      «${q.text}» ${q.kind}${q.group !== undefined ? ` (or-group ${q.group})` : ''}  line ${q.line}`,
        );
      }
    }
    for (const f of lint) lines.push(`  lint ${f.rule} line ${f.line}: ${f.message}`);
    lines.push('');
  }
  lines.push(`${paths.length} guide(s), ${unreadable} unreadable, ${findings} lint finding(s)`);
  const code = unreadable > 0 || (strict && findings > 0) ? 1 : 0;
  return { code, out: json ? JSON.stringify(report, null, 2) : lines.join('\n') };
}

function expand(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target)
    .sort()
    .flatMap((name) => {
      const full = path.join(target, name);
      if (statSync(full).isDirectory()) return expand(full);
      return /\.(md|markdown|txt)$/i.test(name) ? [full] : [];
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
