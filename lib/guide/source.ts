// Reading a guide's bytes from a file or an http(s) URL, before any reader sees them. What cannot be a
// guide (missing, empty, binary, too large, a URL that answers 404 or not at all) is a GuideError naming
// the file or URL; the caller decides whether that stops a run.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatOf, parseGuide, type ParseOptions } from './parse.ts';
import { readPdf } from './read-pdf.ts';
import { buildGuide } from './rules.ts';
import { GuideError, type Guide, type GuideFormat } from './types.ts';

/** Larger files are not guides (a help article is a few kilobytes; a PDF with screenshots a few hundred). */
export const MAX_GUIDE_BYTES = 4 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 15_000;

export interface SourceOptions extends ParseOptions {
  /** Bearer token for http(s) sources (a Zendesk API token); default: $GUIDES_TOKEN. */
  token?: string;
  /** How long an http(s) source may take; default 15 s. */
  timeoutMs?: number;
}

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** How a path is named in messages: relative to the working directory when it is below it. */
export function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** The bytes of a guide file, or a GuideError that says why they are not a guide. */
export function readGuideBytes(file: string, shown = shownPath(file)): Buffer {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new GuideError(shown, 0, 'is a folder, not a guide file');
    size = stat.size;
  } catch (error) {
    if (error instanceof GuideError) throw error;
    throw new GuideError(
      shown,
      0,
      `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  checkSize(size, shown);
  try {
    return readFileSync(file);
  } catch (error) {
    throw new GuideError(
      shown,
      0,
      `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function checkSize(size: number, shown: string): void {
  if (size === 0) throw new GuideError(shown, 1, 'is empty: there is no guide to read');
  if (size > MAX_GUIDE_BYTES) {
    throw new GuideError(
      shown,
      1,
      `is ${(size / 1024 / 1024).toFixed(1)} MB; a guide over ${MAX_GUIDE_BYTES / 1024 / 1024} MB is not read (is this the right file?)`,
    );
  }
}

/** The text of a guide's bytes; binary content (NUL bytes, invalid UTF-8) is an error at its line. */
export function decodeText(bytes: Uint8Array, shown: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = countLines(bytes.subarray(0, nul));
    throw new GuideError(
      shown,
      line,
      'is binary (it holds NUL bytes), not a text guide: give a PDF a .pdf name',
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new GuideError(shown, 1, 'is not UTF-8 text: save it as UTF-8 (or give a PDF a .pdf name)');
  }
  if (text.trim() === '') throw new GuideError(shown, 1, 'holds only white space: there is no guide to read');
  return text;
}

function countLines(bytes: Uint8Array): number {
  let n = 1;
  for (const b of bytes) if (b === 10) n++;
  return n;
}

/** Reads one guide file synchronously (Markdown, text, HTML, Zendesk JSON). A PDF needs readGuideSource. */
export function readGuideFile(file: string, options: ParseOptions = {}): Guide {
  const shown = options.file ?? shownPath(file);
  const format = options.format ?? formatOf(file) ?? 'markdown';
  if (format === 'pdf') {
    throw new GuideError(
      shown,
      0,
      'is a PDF, which is read asynchronously: use readGuideSource (or guide:lint)',
    );
  }
  const text = decodeText(readGuideBytes(file, shown), shown);
  return parseGuide(text, { ...options, file: shown, format });
}

/** Reads one guide from a file or an http(s) URL, in any format, PDF included. */
export async function readGuideSource(source: string, options: SourceOptions = {}): Promise<Guide> {
  if (isUrl(source)) return readUrl(source, options);
  const shown = options.file ?? shownPath(source);
  const format = options.format ?? formatOf(source) ?? 'markdown';
  if (format !== 'pdf') return readGuideFile(source, { ...options, file: shown, format });
  const bytes = readGuideBytes(source, shown);
  return buildGuide(await readPdf(bytes, { file: shown }), options);
}

async function readUrl(url: string, options: SourceOptions): Promise<Guide> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const token = options.token ?? process.env.GUIDES_TOKEN;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
    });
  } catch (error) {
    const e = error as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      throw new GuideError(url, 0, `no answer within ${timeoutMs / 1000} s`);
    }
    const cause = (e.cause as Error | undefined)?.message;
    throw new GuideError(url, 0, `cannot be fetched: ${cause ?? e.message}`);
  }
  if (!response.ok) {
    throw new GuideError(url, 0, `answered HTTP ${response.status} ${response.statusText}`.trim());
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length) checkSize(length, url);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new GuideError(url, 0, `stopped answering: ${(error as Error).message}`);
  }
  checkSize(bytes.length, url);
  const format =
    options.format ??
    formatFromType(response.headers.get('content-type')) ??
    formatOf(new URL(url).pathname) ??
    'html';
  if (format === 'pdf') return buildGuide(await readPdf(bytes, { file: url }), options);
  return parseGuide(decodeText(bytes, url), { ...options, file: url, format });
}

function formatFromType(type: string | null): GuideFormat | undefined {
  const t = (type ?? '').toLowerCase();
  if (t.includes('json')) return 'zendesk';
  if (t.includes('html')) return 'html';
  if (t.includes('pdf')) return 'pdf';
  if (t.includes('markdown')) return 'markdown';
  if (t.includes('text/plain')) return 'text';
  return undefined;
}
