// Finds the project's guides: guides/<locale>/*.md, each known by the id in its front matter.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGuide } from './parse.ts';
import { GuideError, type Guide } from './types.ts';

/** The repository's guides folder. */
export const DEFAULT_GUIDES_DIR = fileURLToPath(new URL('../../guides', import.meta.url));

export interface LoadOptions {
  /** Folder holding <locale>/ subfolders; default: the repository's guides/. */
  dir?: string;
  /** Only this locale. */
  locale?: string;
}

/** Parses one guide file; messages name the path relative to the working directory. */
export function loadGuideFile(file: string, locale?: string): Guide {
  const shown = path.relative(process.cwd(), file) || file;
  return parseGuide(readFileSync(file, 'utf8'), { file: shown, ...(locale ? { locale } : {}) });
}

/** Every guide under dir/<locale>/, keyed by "<locale>/<id>". Throws on a broken guide or a duplicate id. */
export function loadGuides(options: LoadOptions = {}): Map<string, Guide> {
  const dir = options.dir ?? DEFAULT_GUIDES_DIR;
  const guides = new Map<string, Guide>();
  let locales: string[];
  try {
    locales = readdirSync(dir).filter((d) => statSync(path.join(dir, d)).isDirectory());
  } catch {
    throw new Error(`no guides folder at ${dir}`);
  }
  for (const locale of locales.sort()) {
    if (options.locale && locale !== options.locale) continue;
    const folder = path.join(dir, locale);
    for (const name of readdirSync(folder).sort()) {
      if (!/\.(md|markdown|txt)$/i.test(name)) continue;
      const guide = loadGuideFile(path.join(folder, name), locale);
      if (guide.locale !== locale) {
        throw new GuideError(guide.file, 1, `locale "${guide.locale}" does not match its folder "${locale}"`);
      }
      const key = `${locale}/${guide.id}`;
      const other = guides.get(key);
      if (other) throw new GuideError(guide.file, 1, `id "${guide.id}" is already used by ${other.file}`);
      guides.set(key, guide);
    }
  }
  return guides;
}

/** One guide by id (and locale, when the same id exists in several). */
export function loadGuide(id: string, options: LoadOptions = {}): Guide {
  const guides = loadGuides(options);
  const matches = [...guides.values()].filter((g) => g.id === id);
  if (matches.length === 1) return matches[0]!;
  const known = [...guides.keys()].join(', ') || '(none)';
  if (matches.length === 0) {
    throw new Error(
      `no guide with id "${id}"${options.locale ? ` in locale ${options.locale}` : ''} under ${options.dir ?? DEFAULT_GUIDES_DIR}; known: ${known}`,
    );
  }
  throw new Error(`guide id "${id}" exists in several locales (${known}): say which locale`);
}

/** "en-GB" → "en", "nb-NO" → "nb", "no" → "nb". */
export function baseLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  const base = locale.toLowerCase().split(/[-_]/)[0]!;
  return base === 'no' ? 'nb' : base;
}

export interface GuideCopyOptions extends LoadOptions {
  /** Exact text to change in the guide file (e.g. a quoted UI word), and what to write instead. */
  replace: { from: string; to: string };
  /** Folder to write the copy into (as <dir>/<locale>/<file>); default: a new temporary folder. */
  into?: string;
}

/**
 * Writes a copy of a guide with one text changed and returns the folder to use as `guideDir`: the
 * drift demo ("a guide whose quoted word went stale fails as doc drift") without touching guides/.
 */
export function writeGuideCopy(id: string, options: GuideCopyOptions): string {
  const guide = loadGuide(id, options);
  const { from, to } = options.replace;
  if (!guide.source.includes(from)) throw new Error(`${guide.file} does not contain ${JSON.stringify(from)}`);
  const into = options.into ?? mkdtempSync(path.join(tmpdir(), 'guidewright-guide-copy-'));
  mkdirSync(path.join(into, guide.locale), { recursive: true });
  const name = path.basename(guide.file);
  writeFileSync(path.join(into, guide.locale, name), guide.source.replace(from, to));
  return into;
}
