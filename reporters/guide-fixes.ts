// A patch for every drift the check is sure about: where a step's quoted UI words were not shown and one
// shown string is clearly the closest, the guide's line that quotes them is rewritten with the shown words.
// All edits go into reports/guides/fixes.patch as unified diffs (paths relative to the folder that holds
// the patched guides, which the patch's first lines name), and each edit is set on its quote, so the HTML
// report shows it beside the finding. Only text sources (Markdown, plain text) are edited: an edit in an
// HTML export, a Zendesk article or a PDF belongs in the help centre, not in a file here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { ReportModel, ReportQuote } from './guide-model.ts';

/**
 * A suggestion this close (0–1) to the guide's words, and ahead of the next one by this much, is an edit:
 * a renamed button scores about 0.7–0.8 against its new name, while other words on the same screen that
 * share a word with it ("New password" for "Set password") come 0.05–0.1 lower.
 */
export const CONFIDENT = 0.7;
const AHEAD = 0.05;

const EDITABLE = /\.(md|markdown|txt|text)$/i;

/** The shown string a missing quote should read, when the check is sure of it. */
function confidentWord(q: ReportQuote): string | undefined {
  if (q.status !== 'missing' || q.kind !== 'ui') return undefined;
  const [best, next] = q.suggestions ?? [];
  if (!best || best.score < CONFIDENT || (next && best.score - next.score < AHEAD)) return undefined;
  if (best.text.includes('•') || best.text === q.text) return undefined;
  return best.text;
}

/**
 * Sets `edit` on every quote of a drifted step that has a confident suggestion and appears once on its
 * line, and returns the patch (empty when there is nothing to suggest).
 */
export function suggestEdits(model: ReportModel, root: string): string {
  const files = new Map<string, { before: string; lines: string[] }>();
  for (const guide of model.guides) {
    const file = path.resolve(root, guide.file);
    if (!EDITABLE.test(file)) continue;
    const wanted = guide.steps
      .filter((step) => step.status === 'drift')
      .flatMap((step) => step.quotes.map((q) => ({ q, to: confidentWord(q) })))
      .filter((w): w is { q: ReportQuote; to: string } => w.to !== undefined);
    if (wanted.length === 0) continue;
    // Read once; two manifest entries may share a file, and their edits go into one diff.
    let source = files.get(file);
    if (!source) {
      try {
        const before = readFileSync(file, 'utf8');
        source = { before, lines: before.split('\n') };
      } catch {
        continue;
      }
      files.set(file, source);
    }
    const { lines } = source;
    for (const { q, to } of wanted) {
      const text = lines[q.line - 1];
      // Once on its line, or the edit could land on the wrong one; a line edited already is left alone.
      if (text === undefined || text.split(q.text).length !== 2) continue;
      lines[q.line - 1] = text.replace(q.text, () => to);
      q.edit = { line: q.line, from: q.text, to };
    }
  }
  const changed = [...files].filter(([, s]) => s.lines.join('\n') !== s.before);
  if (changed.length === 0) return '';
  const base = commonDir(changed.map(([file]) => file));
  const diffs = changed.map(([file, s]) => {
    const rel = path.relative(base, file).split(path.sep).join('/');
    return createTwoFilesPatch(`a/${rel}`, `b/${rel}`, s.before, s.lines.join('\n'), '', '', {
      context: 3,
    }).replace(/^=+\n/, '');
  });
  return [
    '# Suggested edits for the doc drift the guide check found (reports/guides/fixes.patch).',
    `# Apply from the guides' folder: cd ${base} && git apply <this file>`,
    '',
    ...diffs,
  ].join('\n');
}

function commonDir(files: string[]): string {
  let dir = path.dirname(files[0]!);
  while (!files.every((f) => f.startsWith(dir + path.sep))) dir = path.dirname(dir);
  return dir;
}
