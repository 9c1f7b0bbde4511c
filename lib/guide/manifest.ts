// The guide manifest: a typed file (see guides.config.ts) listing the guides under test as doc writers
// publish them: id, locale, source (path or URL), format, start app, how steps are delimited, and for a
// real article the binding of the spec's step ids to the article's own steps (or why a step is not walked).
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { LOCALES } from '../locale.ts';
import { normalize } from './match.ts';
import type { ParseOptions } from './parse.ts';
import { bindableSteps, INTRO_STEP_ID } from './rules.ts';
import type { Guide, GuideFormat, GuideStep, StartApp } from './types.ts';

/** A spec step bound to a step of the article: its id there, or a text only that step contains. */
export type StepRef = string | { text: string };

export interface GuideEntry {
  /** The id the spec uses: test.use({ guideId }). */
  id: string;
  locale: (typeof LOCALES)[number];
  /** A path (relative to the manifest file) or an http(s) URL. */
  source: string;
  /** Default: from the file extension (.md, .txt, .html, .json = Zendesk article, .pdf). */
  format?: GuideFormat;
  title?: string;
  start?: StartApp;
  /** For articles without step numbers: what a step is. Default: numbered steps, else paragraphs that quote. */
  steps?: 'auto' | 'headings' | 'list' | 'paragraphs';
  /**
   * Spec step id → the article's step (its id, or a text in it), or several steps the spec walks as one.
   * A text anchor also makes its paragraph a step when the article has no numbered steps.
   */
  bind?: Record<string, StepRef | StepRef[]>;
  /** The article's step id ('intro', a section id) → why no spec walks it. */
  uncovered?: Record<string, string>;
  /** Quoted words that are no label of the service → why (a figure of speech, the phone app's button). */
  notUi?: Record<string, string>;
  /** 'report': drift is recorded and the walk goes on (articles known to disagree); default 'fail'. */
  onDrift?: 'fail' | 'report';
}

export interface GuideManifest {
  guides: GuideEntry[];
}

const START_RE = /^(connect|accountsettings|portal|home|enterprise:[a-z0-9][a-z0-9-]*)$/;

const StepRefSchema = z.union([z.string().min(1), z.object({ text: z.string().min(1) }).strict()]);

/** The text anchors of an entry's bindings. */
export function anchorsOf(entry: GuideEntry): string[] {
  return Object.values(entry.bind ?? {})
    .flat()
    .flatMap((r) => (typeof r === 'string' ? [] : [r.text]));
}

/** How an entry's source is read: the manifest's id, locale and reading settings, and its text anchors. */
export function readOptionsOf(entry: GuideEntry): ParseOptions {
  return {
    id: entry.id,
    locale: entry.locale,
    ...(entry.format ? { format: entry.format } : {}),
    ...(entry.title ? { title: entry.title } : {}),
    ...(entry.start ? { start: entry.start } : {}),
    ...(entry.steps ? { steps: entry.steps } : {}),
    anchors: anchorsOf(entry),
  };
}

const Entry = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
    locale: z.enum(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` }),
    source: z.string().min(1, 'must name a file or an http(s) URL'),
    format: z.enum(['markdown', 'text', 'html', 'zendesk', 'pdf']).optional(),
    title: z.string().min(1).optional(),
    start: z
      .string()
      .regex(START_RE, 'must be one of connect, accountsettings, portal, home, enterprise:<tenant>')
      .optional(),
    steps: z.enum(['auto', 'headings', 'list', 'paragraphs']).optional(),
    bind: z.record(z.string(), z.union([StepRefSchema, z.array(StepRefSchema).min(1)])).optional(),
    uncovered: z.record(z.string(), z.string().min(1, 'needs a reason')).optional(),
    notUi: z.record(z.string(), z.string().min(1, 'needs a reason')).optional(),
    onDrift: z.enum(['fail', 'report']).optional(),
  })
  .strict();

/** Declares the guides under test; the returned object is what a manifest file exports as default. */
export function defineGuides(guides: GuideEntry[]): GuideManifest {
  return { guides };
}

/** A manifest that cannot be used, naming the file and the entry. */
export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

export interface LoadedManifest {
  file: string;
  guides: (GuideEntry & { path: string })[];
}

/** Reads and validates a manifest file (.ts/.js exporting defineGuides(...), or .json). */
export function readManifest(file: string): LoadedManifest {
  const abs = path.resolve(file);
  let raw: unknown;
  try {
    if (/\.json$/i.test(abs)) raw = JSON.parse(require_()('node:fs').readFileSync(abs, 'utf8'));
    else {
      // Synchronous on purpose: the guide fixture loads its guide synchronously. tsx compiles the file.
      const { require: tsxRequire } = require_()('tsx/cjs/api') as {
        require: (id: string, from: string) => { default?: unknown };
      };
      const mod = tsxRequire(abs, import.meta.url);
      raw = mod.default ?? mod;
    }
  } catch (error) {
    throw new ManifestError(`guide manifest ${file}: cannot be loaded: ${(error as Error).message}`);
  }
  const list = (raw as { guides?: unknown })?.guides;
  if (!Array.isArray(list)) {
    throw new ManifestError(
      `guide manifest ${file}: must export default defineGuides([...]) (a { guides: [...] } object)`,
    );
  }
  const seen = new Map<string, number>();
  const guides = list.map((entry, k) => {
    const name = `entry ${k + 1}${typeof entry?.id === 'string' ? ` ("${entry.id}")` : ''}`;
    const parsed = Entry.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ManifestError(
        `guide manifest ${file}: ${name}: ${issue.path.join('.') || 'entry'} ${issue.message}`,
      );
    }
    const e = parsed.data as GuideEntry;
    const key = `${e.locale}/${e.id}`;
    if (seen.has(key)) {
      throw new ManifestError(
        `guide manifest ${file}: ${name}: id "${e.id}" (${e.locale}) is also entry ${seen.get(key)}`,
      );
    }
    seen.set(key, k + 1);
    const where = /^https?:\/\//i.test(e.source) ? e.source : path.resolve(path.dirname(abs), e.source);
    return { ...e, path: where };
  });
  return { file, guides };
}

let requireFn: NodeJS.Require | undefined;
function require_(): NodeJS.Require {
  requireFn ??= createRequire(import.meta.url);
  return requireFn;
}

/**
 * Gives the article's steps the spec's ids (`bind`) and the reasons for the others (`uncovered`). Steps
 * the entry does not bind keep their own id, prefixed "doc-" when the spec uses that id for another step.
 */
export function applyBinding(guide: Guide, entry: GuideEntry, manifestFile: string): Guide {
  const fail = (why: string) =>
    new ManifestError(`guide manifest ${manifestFile}: entry "${entry.id}": ${why}`);
  const all = bindableSteps(guide);
  const { renamed, merged } = resolveBindings(all, entry, fail);
  checkUncovered(all, entry, renamed, fail);
  const specIds = new Set(renamed.values());
  const notUi = new Map(Object.entries(entry.notUi ?? {}).map(([t, why]) => [normalize(t), why]));
  const used = new Set<string>();
  const relabel = (s: GuideStep): GuideStep => ({
    ...s,
    quotes: s.quotes.map((q) => {
      const why = notUi.get(normalize(q.text));
      if (why === undefined) return q;
      used.add(normalize(q.text));
      return { ...q, kind: 'other' as const, note: why };
    }),
  });
  const rename = (s: GuideStep): GuideStep[] => {
    const bound = renamed.get(s);
    if (bound !== undefined) {
      const parts = merged.get(bound)!;
      return parts[0] === s ? [mergeBound(bound, parts)] : [];
    }
    const reason = entry.uncovered?.[s.id];
    const id = entry.bind && specIds.has(s.id) ? `doc-${s.id}` : s.id;
    const out: GuideStep = { ...s, id };
    if (id !== s.id) out.sourceId = s.id;
    if (reason) out.uncovered = reason;
    return [out];
  };
  const result: Guide = {
    ...guide,
    steps: guide.steps.flatMap(rename).map(relabel),
    after: guide.after.flatMap(rename).map(relabel),
    intro: { ...guide.intro, quotes: relabel({ ...all[0]!, quotes: guide.intro.quotes }).quotes },
  };
  for (const text of Object.keys(entry.notUi ?? {})) {
    if (!used.has(normalize(text))) throw fail(`notUi "${text}": the article quotes no such words`);
  }
  if (entry.onDrift) result.onDrift = entry.onDrift;
  const introReason = entry.uncovered?.[INTRO_STEP_ID];
  if (introReason) result.introUncovered = introReason;
  return result;
}

type Fail = (why: string) => ManifestError;

/** The article steps each `bind` entry names, in order; each step bound at most once. */
function resolveBindings(all: GuideStep[], entry: GuideEntry, fail: Fail) {
  const renamed = new Map<GuideStep, string>();
  const merged = new Map<string, GuideStep[]>();
  for (const [specId, refs] of Object.entries(entry.bind ?? {})) {
    const parts: GuideStep[] = [];
    for (const ref of [refs].flat()) {
      const step = findStep(all, ref);
      if (!step) {
        throw fail(
          `bind "${specId}": the article has no step ${typeof ref === 'string' ? `"${ref}"` : `containing "${ref.text}"`}; its steps are ${knownIds(all)}`,
        );
      }
      if (renamed.has(step))
        throw fail(`bind "${specId}": step "${step.id}" is already bound as "${renamed.get(step)}"`);
      if (step.id === INTRO_STEP_ID && specId !== INTRO_STEP_ID) {
        throw fail(`bind "${specId}": the introduction binds only as "intro"`);
      }
      renamed.set(step, specId);
      parts.push(step);
    }
    merged.set(specId, parts);
  }
  return { renamed, merged };
}

/** Each `uncovered` entry names a step of the article that is not also bound. */
function checkUncovered(
  all: GuideStep[],
  entry: GuideEntry,
  renamed: Map<GuideStep, string>,
  fail: Fail,
): void {
  for (const stepId of Object.keys(entry.uncovered ?? {})) {
    const step = all.find((s) => s.id === stepId);
    if (!step)
      throw fail(`uncovered "${stepId}": the article has no such step; its steps are ${knownIds(all)}`);
    if (renamed.has(step))
      throw fail(`uncovered "${stepId}": the step is also bound as "${renamed.get(step)}"`);
  }
}

function findStep(all: GuideStep[], ref: StepRef): GuideStep | undefined {
  if (typeof ref === 'string') return all.find((s) => s.id === ref);
  const needle = normalize(ref.text);
  return all.find(
    (s) => normalize(s.text).includes(needle) || s.quotes.some((q) => normalize(q.text) === needle),
  );
}

function knownIds(all: GuideStep[]): string {
  return all.map((s) => s.id).join(', ');
}

/** Several article steps the spec walks as one: their words together, the first one's title. */
function mergeBound(specId: string, parts: GuideStep[]): GuideStep {
  const first = parts[0]!;
  const out: GuideStep = {
    ...first,
    id: specId,
    text: parts.map((p) => p.text).join('\n\n'),
    line: Math.min(...parts.map((p) => p.line)),
    endLine: Math.max(...parts.map((p) => p.endLine)),
    quotes: parts.flatMap((p) => p.quotes),
    links: parts.flatMap((p) => p.links),
  };
  if (specId !== first.id || parts.length > 1) out.sourceId = parts.map((p) => p.id).join('+');
  return out;
}
