// Turns a guide's text into steps and the strings each step quotes: the reader for its format builds the
// document model (model.ts), and the rules (rules.ts) find steps, sections and quotes on it.
import { readHtml } from './read-html.ts';
import { readMarkdown } from './read-markdown.ts';
import { readZendesk } from './read-zendesk.ts';
import type { DocModel } from './model.ts';
import { buildGuide, type RuleOptions } from './rules.ts';
import type { Guide, GuideFormat } from './types.ts';

export { bindableSteps, INTRO_STEP_ID, KNOWN_APP_NAMES } from './rules.ts';

export interface ParseOptions extends RuleOptions {
  /** File name (or URL) for messages and the default id. */
  file?: string;
  /** The reader; default: from the file's extension, else Markdown. */
  format?: GuideFormat;
}

const EXTENSIONS: Record<string, GuideFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  text: 'text',
  html: 'html',
  htm: 'html',
  json: 'zendesk',
  pdf: 'pdf',
};

/** The format a file name or URL path says, if any. */
export function formatOf(name: string): GuideFormat | undefined {
  const clean = name.replace(/[?#].*$/, '');
  const ext = /\.([a-z]+)$/i.exec(clean)?.[1]?.toLowerCase();
  return ext ? EXTENSIONS[ext] : undefined;
}

/** The document model of a text source (everything but PDF, which is binary: see readPdf). */
export function readText(source: string, file: string, format: GuideFormat): DocModel {
  switch (format) {
    case 'html':
      return readHtml(source, { file });
    case 'zendesk':
      return readZendesk(source, { file });
    case 'text':
      return readMarkdown(source, { file, text: true });
    case 'markdown':
      return readMarkdown(source, { file });
    case 'pdf':
      throw new Error(`${file}: a PDF is read from its bytes (readGuideSource), not from text`);
  }
}

/** Parses one guide from its text. Throws GuideError (file + line) for broken front matter or no steps. */
export function parseGuide(source: string, options: ParseOptions = {}): Guide {
  const file = options.file ?? '(guide)';
  const format = options.format ?? formatOf(file) ?? 'markdown';
  return buildGuide(readText(source, file, format), options);
}
