// Finds the guides under test: the guide manifest when one is set (GUIDES_MANIFEST or the `manifest`
// option: real articles in any format, see guides.config.ts), else guides/<locale>/*.md (or GUIDES_DIR),
// each known by the id in its front matter.
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLocale, LOCALES, localeFromTag } from '../locale.ts';
import { applyBinding, readManifest, readOptionsOf } from './manifest.ts';
import { readGuideFile, shownPath } from './source.ts';
import { GuideError, type Guide } from './types.ts';

/** The repository's guides folder. */
export const DEFAULT_GUIDES_DIR = fileURLToPath(new URL('../../guides', import.meta.url));

/** Guide files a folder holds (the formats the readers know; PDFs are read by guide:lint and the manifest). */
export const GUIDE_FILE_RE = /\.(md|markdown|txt|html?|json)$/i;

export interface LoadOptions {
  /** Folder holding <locale>/ subfolders; default: the repository's guides/. */
  dir?: string;
  /** Only this locale. */
  locale?: string;
  /** A guide manifest; default: $GUIDES_MANIFEST. When set, it decides the guides and `dir` is not read. */
  manifest?: string;
}

/** The manifest in effect: the option, else $GUIDES_MANIFEST. */
export function manifestFor(options: LoadOptions = {}): string | undefined {
  return options.manifest ?? (process.env.GUIDES_MANIFEST || undefined);
}

/** Parses one guide file; messages name the path relative to the working directory. */
export function loadGuideFile(file: string, locale?: string): Guide {
  return readGuideFile(file, { file: shownPath(file), ...(locale ? { locale } : {}) });
}

export interface GuideSet {
  guides: Guide[];
  /** Guides that cannot be read, each with the message that says why (file:line or URL and status). */
  invalid: { file: string; message: string }[];
}

/** Every guide (manifest or folder), the readable ones and, separately, why the others are not. */
export function readGuideSet(options: LoadOptions = {}): GuideSet {
  const manifest = manifestFor(options);
  const guides: Guide[] = [];
  const invalid: GuideSet['invalid'] = [];
  const wanted = options.locale ? localeFromTag(options.locale) : undefined;
  if (manifest) {
    const m = readManifest(manifest);
    for (const entry of m.guides) {
      if (wanted && entry.locale !== wanted) continue;
      try {
        if (
          /^https?:\/\//i.test(entry.path) ||
          (entry.format ?? '') === 'pdf' ||
          /\.pdf$/i.test(entry.path)
        ) {
          throw new GuideError(
            entry.source,
            0,
            'URLs and PDFs are read asynchronously: walk a local copy (Markdown, text, HTML or article JSON) or check it with guide:lint',
          );
        }
        const guide = readGuideFile(entry.path, { file: shownPath(entry.path), ...readOptionsOf(entry) });
        // The manifest names the guide: an id in the article's own front matter does not override it.
        guides.push(applyBinding({ ...guide, id: entry.id }, entry, manifest));
      } catch (error) {
        if (!(error instanceof GuideError)) throw error;
        invalid.push({ file: error.file, message: error.message });
      }
    }
    return { guides, invalid };
  }
  const dir = options.dir ?? DEFAULT_GUIDES_DIR;
  let folders: string[];
  try {
    folders = readdirSync(dir).filter((d) => statSync(path.join(dir, d)).isDirectory());
  } catch {
    return { guides, invalid: [{ file: dir, message: `no guides folder at ${dir}` }] };
  }
  for (const folder of folders.sort()) {
    if (wanted && folder !== wanted) continue;
    const where = shownPath(path.join(dir, folder));
    if (!isLocale(folder)) {
      invalid.push({
        file: where,
        message: `${where}: a guides folder is named by its language (${LOCALES.join(', ')}), not "${folder}"`,
      });
      continue;
    }
    for (const name of readdirSync(path.join(dir, folder)).sort()) {
      if (!GUIDE_FILE_RE.test(name)) continue;
      const file = path.join(dir, folder, name);
      try {
        const guide = loadGuideFile(file, folder);
        if (guide.locale !== folder) {
          throw new GuideError(
            guide.file,
            1,
            `locale "${guide.locale}" does not match its folder "${folder}"`,
          );
        }
        guides.push(guide);
      } catch (error) {
        const e = error as Error;
        invalid.push({ file: shownPath(file), message: e.message });
      }
    }
  }
  return { guides, invalid };
}

/** Every guide, keyed by "<locale>/<id>". Throws on a broken guide or a duplicate id. */
export function loadGuides(options: LoadOptions = {}): Map<string, Guide> {
  const manifest = manifestFor(options);
  if (!manifest) {
    try {
      statSync(options.dir ?? DEFAULT_GUIDES_DIR);
    } catch {
      throw new Error(`no guides folder at ${options.dir ?? DEFAULT_GUIDES_DIR}`);
    }
  }
  const { guides, invalid } = readGuideSet(options);
  const first = invalid[0];
  if (first) throw new Error(first.message);
  const map = new Map<string, Guide>();
  for (const guide of guides) {
    const key = `${guide.locale}/${guide.id}`;
    const other = map.get(key);
    if (other) throw new GuideError(guide.file, 1, `id "${guide.id}" is already used by ${other.file}`);
    map.set(key, guide);
  }
  return map;
}

/** One guide by id (and locale, when the same id exists in several). */
export function loadGuide(id: string, options: LoadOptions = {}): Guide {
  const guides = loadGuides(options);
  const matches = [...guides.values()].filter((g) => g.id === id);
  if (matches.length === 1) return matches[0]!;
  const known = [...guides.keys()].join(', ') || '(none)';
  const from = manifestFor(options) ?? options.dir ?? DEFAULT_GUIDES_DIR;
  if (matches.length === 0) {
    throw new Error(
      `no guide with id "${id}"${options.locale ? ` in locale ${options.locale}` : ''} in ${from}; known: ${known}`,
    );
  }
  throw new Error(`guide id "${id}" exists in several locales (${known}): say which locale`);
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

/** The guide locale of a browser locale tag ("en-GB" → "en", "no" → "nb"); undefined when not one of ours. */
export function baseLocale(locale: string | undefined): string | undefined {
  return localeFromTag(locale);
}
