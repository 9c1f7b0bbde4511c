// The step and quote rules: one implementation, run on the document model whatever the reader. Steps are
// the guide's own "Step 3"/"Steg 3:" markers, else its top-level numbered list (bullets standing in for
// numbers a converter lost), else paragraphs that quote something. Text before the first step is the
// introduction; headed sections after the steps (troubleshooting, FAQ) are bindable like steps. Problems
// (a bad quote, a step number used twice) are findings at their line; the rest is still read.
import path from 'node:path';
import { LOCALES, parseLocale, type Locale } from '../locale.ts';
import { isDate } from './dates.ts';
import { blockText, lineAt, type Block, type DocModel } from './model.ts';
import {
  GuideError,
  type Guide,
  type GuideFinding,
  type GuideLink,
  type GuideSection,
  type GuideStep,
  type Quote,
  type QuoteKind,
  type QuoteStyle,
  type StartApp,
  type StepStyle,
} from './types.ts';
import { GUIDE_WORDS, type GuideWords } from './words.ts';

export interface RuleOptions {
  /** Id, title, locale and start app when the document does not say (the manifest, the folder). */
  id?: string;
  title?: string;
  locale?: string;
  start?: StartApp;
  /** Extra app names: quoted, they are recorded as `app-name`, not as UI words. */
  appNames?: string[];
  /** How steps are delimited when the document has no step numbers. */
  steps?: 'auto' | 'headings' | 'list' | 'paragraphs';
  /** Texts that start a step of their own even when their paragraph quotes nothing (manifest anchors). */
  anchors?: string[];
}

/** Apps a guide tells people to install: quoting them names an app, not a word on the screen. */
export const KNOWN_APP_NAMES = [
  'Google Authenticator',
  'Microsoft Authenticator',
  'Visma Authenticator',
  'Authy',
  'Twilio Authy',
  '1Password',
  'Duo Mobile',
  'LastPass Authenticator',
  'BankID-appen',
  'BankID app',
];

const DECOR_RE = /^(?:\s|\p{Extended_Pictographic}|\uFE0F|\u200D|\u20E3|[#>*_•▪◦])+/u;
const EMAIL_RE = /^[\w.+-]+@[\w-]+(\.[\w-]+)+$/;
const URL_RE = /^<?https?:\/\/\S+$/i;
const HOST_RE = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:\/\S*)?$/i;
const BARE_URL_RE = /https?:\/\/[^\s<>"'«»“”)\]]+/iy;
/** Code and other runs whose characters the quote scan must not read. */
const MASK = '\uE000';

interface StepStart {
  index: number;
  id: string;
  label: string;
  rest: string;
  optional: boolean;
}

interface Ctx {
  file: string;
  words: GuideWords;
  appNames: string[];
  nextGroup: number;
  findings: GuideFinding[];
  pageOf?: (line: number) => number | undefined;
}

export function buildGuide(model: DocModel, options: RuleOptions = {}): Guide {
  const file = model.file;
  const warnings: string[] = [];
  const locale = localeOf(model, options, warnings);
  const words = GUIDE_WORDS[locale];
  const ctx: Ctx = {
    file,
    words,
    appNames: [...KNOWN_APP_NAMES, ...(options.appNames ?? [])].map((a) => a.toLowerCase()),
    nextGroup: 1,
    findings: [...model.findings],
    ...(model.pageOf ? { pageOf: model.pageOf } : {}),
  };
  if (!model.hasFrontMatter && !options.id && (model.format === 'markdown' || model.format === 'text')) {
    warnings.push('no front matter: id, title and locale were guessed');
  }
  const { blocks, headingTitle } = withoutTitle(model.blocks, words);
  const picture = pictureBlocks(blocks, words);
  const { starts, style } = stepStarts(model, blocks, picture, ctx, options, warnings);
  const ends = stepEnds(blocks, starts);
  const lastEnd = ends[ends.length - 1]!;
  const steps = buildSteps(blocks, starts, ends, picture, ctx);
  numberRepeats(steps, ctx);

  // The introduction: everything before the first step.
  const introBlocks = blocks.slice(0, starts[0]!.index);
  const intro = scanBlocks(introBlocks, ctx, picture);
  const after = afterSections(blocks.slice(lastEnd), steps, picture, ctx);

  const links: GuideLink[] = [
    ...intro.links,
    ...steps.flatMap((s) => s.links),
    ...after.flatMap((s) => s.links),
  ];
  links.sort((a, b) => a.line - b.line);

  const id = model.meta.id ?? options.id ?? slug(path.basename(file).replace(/\.[^.]+$/, ''));
  const title =
    model.meta.title ?? options.title ?? model.title ?? headingTitle ?? guessTitle(model.blocks) ?? id;
  const start = (model.meta.start as StartApp | undefined) ?? options.start;
  const { id: _i, title: _t, locale: _l, start: _s, ...meta } = model.meta;
  const guide: Guide = {
    id,
    title,
    locale,
    file,
    format: model.format,
    hasFrontMatter: model.hasFrontMatter,
    stepStyle: style,
    steps,
    after,
    intro: { text: joinText(introBlocks), quotes: intro.quotes },
    links,
    warnings,
    findings: ctx.findings.sort((a, b) => a.line - b.line),
    sections: sectionsOf(blocks, starts[0]!.index, lastEnd),
    source: model.source,
    meta,
  };
  if (start) guide.start = start;
  return guide;
}

/** The guide's declared locale (the document's, else the options'), or one guessed from its words. */
function localeOf(model: DocModel, options: RuleOptions, warnings: string[]): Locale {
  const declared = model.meta.locale ?? model.locale ?? options.locale;
  if (declared) return parseLocale(declared, `${model.file}: the guide's locale`);
  const locale = guessLocale(model.blocks.map(blockText).join('\n'));
  warnings.push(`no locale given: "${locale}" guessed from the words`);
  return locale;
}

/** A leading level-1 heading is the title, not part of the guide's text. */
function withoutTitle(blocks: Block[], words: GuideWords): { blocks: Block[]; headingTitle?: string } {
  const firstIdx = blocks.findIndex((b) => blockText(b).trim() !== '');
  const first = blocks[firstIdx];
  if (first && first.kind === 'heading' && first.depth === 1 && findMarkers([first], words).length === 0) {
    return { blocks: blocks.filter((_, i) => i !== firstIdx), headingTitle: plain(blockText(first)) };
  }
  return { blocks };
}

/** Where the steps start, by the `steps` option: markers, headings, a numbered list or quoting paragraphs. */
function stepStarts(
  model: DocModel,
  blocks: Block[],
  picture: Set<Block>,
  ctx: Ctx,
  options: RuleOptions,
  warnings: string[],
): { starts: StepStart[]; style: StepStyle } {
  const mode = options.steps ?? 'auto';
  let style: StepStyle = 'marker';
  let starts = mode === 'auto' || mode === 'headings' ? findMarkers(blocks, ctx.words) : [];
  if (starts.length === 0 && mode === 'headings') starts = headingStarts(blocks, ctx.words);
  if (starts.length === 0 && (mode === 'auto' || mode === 'list')) {
    style = 'list';
    starts = findListItems(blocks, ctx.words);
  }
  if (starts.length === 0 && mode !== 'headings' && mode !== 'list') {
    style = 'paragraph';
    starts = paragraphStarts(blocks, picture, ctx, options.anchors ?? []);
    if (starts.length > 0) {
      warnings.push(
        `no numbered steps: ${starts.length} paragraphs that quote something were taken as steps`,
      );
    }
  }
  if (starts.length === 0) {
    const line = model.blocks[0]?.line ?? 1;
    throw new GuideError(
      model.file,
      line,
      'no recognisable steps: expected "Step 1"/"Steg 1:" lines, a numbered list ("1. …"), or paragraphs that quote UI words',
    );
  }
  return { starts, style };
}

/** Where each step ends: at the next step, or at a heading of its own level or above. */
function stepEnds(blocks: Block[], starts: StepStart[]): number[] {
  return starts.map((start, k) => {
    const next = starts[k + 1]?.index ?? blocks.length;
    const own = blocks[start.index]!;
    const level = own.kind === 'heading' ? own.depth : 7;
    for (let i = start.index + 1; i < next; i++) {
      const b = blocks[i]!;
      if (b.kind === 'heading' && b.depth <= level) return i;
    }
    return next;
  });
}

function buildSteps(
  blocks: Block[],
  starts: StepStart[],
  ends: number[],
  picture: Set<Block>,
  ctx: Ctx,
): GuideStep[] {
  return starts.map((start, k) => {
    const own = blocks.slice(start.index, ends[k]);
    // Blocks between this step's end and the next step (mock-ups of a screen under a heading) are the
    // guide's pictures: reported with this step, never demanded.
    const between = k + 1 < starts.length ? blocks.slice(ends[k], starts[k + 1]!.index) : [];
    const { quotes, links } = scanBlocks(own, ctx, picture, start);
    const extra = scanBlocks(between, ctx, picture);
    for (const q of extra.quotes) q.kind = 'picture';
    quotes.push(...extra.quotes);
    links.push(...extra.links);
    const headBlock = own[0]!;
    const text = joinText(own, start, ctx);
    const rest = plain(start.rest);
    const titleText = headBlock.kind === 'heading' && rest ? rest : firstSentence(text);
    const last = [...own, ...between].reduce((m, b) => Math.max(m, b.endLine), headBlock.line);
    return {
      id: start.id,
      title: titleText ? `${start.label}: ${shorten(titleText)}` : start.label,
      text,
      line: headBlock.line,
      endLine: last,
      optional: start.optional,
      quotes,
      links,
      kind: 'step' as const,
    };
  });
}

/** A step number used twice: the later one is read under "<n>~2" and the writer is told. */
function numberRepeats(steps: GuideStep[], ctx: Ctx): void {
  const seen = new Map<string, { line: number; count: number }>();
  for (const step of steps) {
    const earlier = seen.get(step.id);
    if (earlier) {
      earlier.count++;
      ctx.findings.push({
        file: ctx.file,
        line: step.line,
        message: `step ${step.id} appears twice (lines ${earlier.line} and ${step.line}); the second is read as step "${step.id}~${earlier.count}"`,
      });
      step.id = `${step.id}~${earlier.count}`;
    } else seen.set(step.id, { line: step.line, count: 1 });
  }
}

/** Sections after the steps, one per heading, with ids not taken by a step or the introduction. */
function afterSections(afterBlocks: Block[], steps: GuideStep[], picture: Set<Block>, ctx: Ctx): GuideStep[] {
  const after: GuideStep[] = [];
  const used = new Set([...steps.map((s) => s.id), INTRO_STEP_ID]);
  let group: Block[] = [];
  const flushSection = () => {
    const head = group[0];
    if (!head) return;
    const { quotes, links } = scanBlocks(group, ctx, picture);
    const title = plain(blockText(head));
    // A footer line ("© 2026 Visma") or a heading over nothing quoted is nothing to check or bind.
    if (quotes.length === 0) {
      group = [];
      return;
    }
    let id = slug(title);
    for (let n = 2; used.has(id); n++) id = `${slug(title)}-${n}`;
    used.add(id);
    after.push({
      id,
      title: shorten(title),
      text: joinText(group.slice(1)),
      line: head.line,
      endLine: group.reduce((m, b) => Math.max(m, b.endLine), head.line),
      optional: false,
      quotes,
      links,
      kind: 'section',
    });
    group = [];
  };
  for (const b of afterBlocks) {
    if (b.kind === 'heading') flushSection();
    group.push(b);
  }
  flushSection();
  return after;
}

/** The id that binds a guide's introduction: `guide.step('intro', …)`. */
export const INTRO_STEP_ID = 'intro';

/**
 * The steps a spec can bind: the guide's own, preceded by its introduction when that quotes something
 * (the error message a guide starts from, say) and followed by the sections after the steps
 * (troubleshooting, FAQ), so their words are checked or reported as uncovered rather than dropped.
 */
export function bindableSteps(guide: Guide): GuideStep[] {
  const after = guide.after ?? [];
  const quotes = guide.intro.quotes;
  if (quotes.length === 0) return [...guide.steps, ...after];
  const paragraphs = guide.intro.text.split(/\n{2,}/);
  const first = quotes[0]!;
  const para = paragraphs.find((p) => p.replace(/\s+/g, ' ').includes(first.text)) ?? paragraphs[0] ?? '';
  const label = GUIDE_WORDS[guide.locale]?.intro ?? GUIDE_WORDS.en.intro;
  const lines = quotes.map((q) => q.line);
  return [
    {
      id: INTRO_STEP_ID,
      title: `${label}: ${shorten(firstSentence(para.replace(/\n/g, ' ')))}`,
      text: guide.intro.text,
      line: Math.min(...lines),
      endLine: Math.max(...lines),
      optional: false,
      quotes,
      links: [],
      ...(guide.introUncovered ? { uncovered: guide.introUncovered } : {}),
    },
    ...guide.steps,
    ...after,
  ];
}

// ---------------------------------------------------------------------------------------------------
// Finding the steps

const compiled = new Map<GuideWords, { marker: RegExp; note: RegExp; or: RegExp; markerLen: RegExp }>();
function regexes(words: GuideWords) {
  let r = compiled.get(words);
  if (!r) {
    const sw = stepWordsRe(words);
    r = {
      marker: new RegExp(`^(${sw})\\s*\\d`, 'i'),
      note: new RegExp(`^(${words.note.join('|')})\\b`, 'i'),
      or: new RegExp(`^[\\s,]*(${[...words.or, 'or'].join('|')})[\\s,]*$`, 'i'),
      markerLen: new RegExp(
        `^(?:\\s|\\p{Extended_Pictographic}|\\uFE0F|[#>*_])*(${sw})\\s*\\d{1,3}\\b\\s*(\\([^)]*\\))?\\s*[:.)\\-–—]?`,
        'iu',
      ),
    };
    compiled.set(words, r);
  }
  return r;
}

function stepWordsRe(words: GuideWords): string {
  return words.step.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/** A block's first line without decoration: emoji, bullets, '#', '>' and bold marks. */
function headLine(block: Block): string {
  const first = blockText(block).split('\n')[0] ?? '';
  return first
    .replace(DECOR_RE, '')
    .replace(/\*\*|__/g, '')
    .trim();
}

function findMarkers(blocks: Block[], words: GuideWords): StepStart[] {
  const sw = stepWordsRe(words);
  const marker = new RegExp(
    `^(${sw})\\s*(\\d{1,3})\\b\\s*(\\([^)]*\\))?\\s*(?:([:.)\\-–—])\\s*(.*))?$`,
    'iu',
  );
  const loose = new RegExp(`^(${sw})\\s*(\\d{1,3})\\s+(.+)$`, 'iu');
  const starts: StepStart[] = [];
  blocks.forEach((block, index) => {
    if (block.kind === 'code' || block.kind === 'picture') return;
    const line = headLine(block);
    const m = marker.exec(line);
    if (m) {
      const [, word, num, paren, , rest] = m;
      starts.push({
        index,
        id: String(Number(num)),
        label: `${cap(word!)} ${Number(num)}${paren ? ` ${paren}` : ''}`,
        rest: (rest ?? '').trim(),
        optional: isOptional(paren ?? '', words) || isOptional(rest ?? '', words),
      });
      return;
    }
    // "Step 3 Link your account" without punctuation counts only as a heading.
    const l = block.kind === 'heading' ? loose.exec(line) : null;
    if (l) {
      starts.push({
        index,
        id: String(Number(l[2])),
        label: `${cap(l[1]!)} ${Number(l[2])}`,
        rest: l[3]!,
        optional: isOptional(l[3]!, words),
      });
    }
  });
  return starts;
}

/** The manifest says headings delimit the steps: each heading below the title is one, numbered in order. */
function headingStarts(blocks: Block[], words: GuideWords): StepStart[] {
  const headings = blocks.map((b, index) => ({ b, index })).filter(({ b }) => b.kind === 'heading');
  const level = Math.min(...headings.map(({ b }) => b.depth));
  return headings
    .filter(({ b }) => b.depth === level)
    .map(({ b, index }, k) => ({
      index,
      id: String(k + 1),
      label: `${cap(words.step[0]!)} ${k + 1}`,
      rest: headLine(b),
      optional: isOptional(headLine(b), words),
    }));
}

function findListItems(blocks: Block[], words: GuideWords): StepStart[] {
  const items = blocks
    .map((b, index) => ({ b, index }))
    .filter(({ b }) => b.kind === 'item' && b.ordered && b.depth === 0 && b.number !== undefined);
  if (items.length < 2) return [];
  const starts: StepStart[] = [];
  const label = cap(words.step[0]!);
  const push = (index: number, num: number) => {
    const rest = headLine(blocks[index]!);
    starts.push({
      index,
      id: String(num),
      label: `${label} ${num}`,
      rest: '',
      optional: isOptional(rest, words),
    });
  };
  items.forEach((item, k) => {
    push(item.index, item.b.number!);
    const next = items[k + 1];
    if (!next) return;
    // A Markdown export turns "5." into "-" when text interrupts the list: bullets that exactly fill a gap
    // in the numbering are those lost steps.
    const gap = next.b.number! - item.b.number! - 1;
    if (gap <= 0) return;
    const bullets: number[] = [];
    for (let i = item.index + 1; i < next.index; i++) {
      const b = blocks[i]!;
      if (b.kind === 'item' && !b.ordered && b.depth === 0) bullets.push(i);
    }
    if (bullets.length === gap) bullets.forEach((i, j) => push(i, item.b.number! + j + 1));
  });
  return starts;
}

function paragraphStarts(blocks: Block[], picture: Set<Block>, ctx: Ctx, anchors: string[]): StepStart[] {
  const squash = (t: string) => t.toLowerCase().replace(/\s+/g, ' ');
  const wanted = anchors.map(squash);
  const starts: StepStart[] = [];
  const label = cap(ctx.words.step[0]!);
  const quiet: Ctx = { ...ctx, findings: [] };
  blocks.forEach((b, index) => {
    if (b.kind !== 'paragraph' && b.kind !== 'item') return;
    if (picture.has(b)) return;
    const { quotes } = scanBlocks([b], quiet, picture);
    const anchored = wanted.some((a) => squash(blockText(b)).includes(a));
    if (quotes.length === 0 && !anchored) return;
    const n = starts.length + 1;
    starts.push({
      index,
      id: String(n),
      label: `${label} ${n}`,
      rest: '',
      optional: isOptional(blockText(b), ctx.words),
    });
  });
  return starts;
}

/**
 * Blocks that are the guide's pictures, not its instructions: figures, screenshot descriptions ("The
 * screenshot shows …"), mock-ups of a screen (runs of three or more short label lines), and the
 * paragraph of three lines or more right after a sentence that announces one ("… the following window:").
 */
function pictureBlocks(blocks: Block[], words: GuideWords): Set<Block> {
  const out = new Set<Block>();
  const label = (b: Block) => {
    if (b.kind !== 'paragraph' && b.kind !== 'heading') return false;
    const t = blockText(b).trim();
    if (t.includes('\t')) return true;
    return t.split(/\s+/).length <= 6 && !/[.!?:]$/.test(t);
  };
  let run: Block[] = [];
  const flush = () => {
    if (run.filter((b) => b.kind === 'paragraph').length >= 3) for (const b of run) out.add(b);
    run = [];
  };
  blocks.forEach((b, i) => {
    const t = plain(blockText(b)).toLowerCase();
    if (b.kind === 'picture' || words.picture.some((cue) => t.startsWith(cue))) out.add(b);
    if (words.mockup.some((cue) => t.includes(cue))) announcedMockup(blocks, i).forEach((m) => out.add(m));
    if (label(b)) run.push(b);
    else flush();
  });
  flush();
  return out;
}

/**
 * The mock-up a sentence announces is the next paragraph when it is one: three lines or more, one after
 * another without a blank line. A one-line instruction there ("Press «Forgot password?»") is not, and "the
 * following" may also point back at a mock-up above it.
 */
function announcedMockup(blocks: Block[], at: number): Block[] {
  const run: Block[] = [];
  for (let j = at + 1; j < blocks.length; j++) {
    const next = blocks[j]!;
    if (run.length > 0 && next.line !== run[run.length - 1]!.endLine + 1) break;
    run.push(next);
  }
  return run.length >= 3 ? run : [];
}

// ---------------------------------------------------------------------------------------------------
// Quotes

const PAIRS: Record<string, { close: string; style: QuoteStyle }> = {
  '“': { close: '”', style: 'curly-double' },
  '„': { close: '“', style: 'curly-double' },
  '«': { close: '»', style: 'guillemets' },
  '"': { close: '"', style: 'double' },
};

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

function scanBlocks(
  blocks: Block[],
  ctx: Ctx,
  picture: Set<Block>,
  start?: StepStart,
): { quotes: Quote[]; links: GuideLink[] } {
  const quotes: Quote[] = [];
  const links: GuideLink[] = [];
  for (const b of blocks) {
    if (b.kind === 'code') continue;
    const isMarker = start !== undefined && b === blocks[0];
    scanBlock(b, ctx, quotes, links, picture.has(b), isMarker);
  }
  return { quotes, links };
}

interface Found {
  q: Quote;
  from: number;
  to: number;
  /** Read from a marked-up run (bold, kbd, image, link) rather than between quote marks. */
  special: boolean;
}

type AddQuote = (
  text: string,
  style: QuoteStyle,
  from: number,
  to: number,
  special: boolean,
  href?: string,
) => void;

function scanBlock(
  block: Block,
  ctx: Ctx,
  quotes: Quote[],
  links: GuideLink[],
  isPicture: boolean,
  isMarker: boolean,
): void {
  const found: Found[] = [];
  const add: AddQuote = (text, style, from, to, special, href) => {
    const clean = plain(text)
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[,;:]+$/, '');
    if (clean === '' || clean.replaceAll(MASK, '') === '') return;
    const line = lineAt(block, from);
    const q: Quote = { text: clean, kind: kindOf(clean, ctx), style, line };
    const page = ctx.pageOf?.(line);
    if (page !== undefined) q.page = page;
    if (href !== undefined) q.href = href;
    if (isPicture || style === 'alt') q.kind = 'picture';
    found.push({ q, from, to, special });
  };
  const { shown, scan } = scanInlines(block, ctx, links, add);
  // Marker lines ("Step 3:") are not step text, but what follows on them is.
  const markerEnd = isMarker ? markerLength(shown, ctx) : 0;
  scanQuoteMarks(block, ctx, { shown, scan }, markerEnd, links, add);
  const kept = mergeNested(found, markerEnd);
  const { or: alternative } = regexes(ctx.words);
  for (const f of kept) if (f.q.kind === 'ui' && namesEarlierStep(shown, f, ctx.words)) f.q.kind = 'earlier';
  kept.forEach((f, k) => {
    const prev = kept[k - 1];
    if (prev && alternative.test(shown.slice(prev.to, f.from))) {
      prev.q.group ??= ctx.nextGroup++;
      f.q.group = prev.q.group;
    }
    quotes.push(f.q);
  });
}

/**
 * Whether the words around a quote say it was done in an earlier step: a cue ends the clause before it
 * ("After selecting “Enable”") or starts the clause after it ("«Glemt ditt passord» i forrige steg").
 */
function namesEarlierStep(shown: string, f: Found, words: GuideWords): boolean {
  const before = (/[^.!?\n:;]*$/.exec(shown.slice(0, f.from))?.[0] ?? '')
    .replace(/[\s"'“”‘’«»*]+$/, '')
    .toLowerCase();
  const after = shown
    .slice(f.to)
    .replace(/^[\s"'“”‘’«»*,]+/, '')
    .toLowerCase();
  return (
    words.earlier.before.some((cue) => before.endsWith(cue)) ||
    words.earlier.after.some((cue) => after.startsWith(cue))
  );
}

/**
 * Quotes from a block's marked-up runs (bold, kbd, image alt text, links) and the links it holds.
 * Returns `shown`, the text as read, and `scan`, the same with code and marked-up runs hidden from the
 * quote-mark scan.
 */
function scanInlines(
  block: Block,
  ctx: Ctx,
  links: GuideLink[],
  add: AddQuote,
): { shown: string; scan: string } {
  let shown = '';
  let scan = '';
  const { marker: stepMarker, note: noteRe } = regexes(ctx.words);
  for (const inline of block.inlines) {
    const from = shown.length;
    shown += inline.text;
    const to = shown.length;
    if (inline.kind === 'text') {
      scan += inline.text;
      continue;
    }
    scan += MASK.repeat(inline.text.length);
    const t = plain(inline.text);
    if (inline.kind === 'strong') {
      if (!stepMarker.test(t) && !noteRe.test(t) && t.split(/\s+/).length <= 10)
        add(t, 'bold', from, to, true);
    } else if (inline.kind === 'kbd') add(t, 'kbd', from, to, true);
    else if (inline.kind === 'image') add(t, 'alt', from, to, true);
    else if (inline.kind === 'link') {
      const href = inline.href ?? '';
      const bare = href.replace(/^mailto:/i, '') === inline.text.trim();
      if (/^(https?:)?\/\//i.test(href)) links.push({ text: t, href, line: lineAt(block, from) });
      if (/^mailto:/i.test(href) && !bare) continue;
      add(t, bare && /^https?:/i.test(href) ? 'bare-url' : 'link', from, to, true, href);
    }
  }
  return { shown, scan };
}

/** Quotes between quote marks and bare URLs in the block's plain text; an unclosed mark is a finding. */
function scanQuoteMarks(
  block: Block,
  ctx: Ctx,
  { shown, scan }: { shown: string; scan: string },
  from: number,
  links: GuideLink[],
  add: AddQuote,
): void {
  const unclosed = (i: number, open: string, close: string) =>
    ctx.findings.push({
      file: ctx.file,
      line: lineAt(block, i),
      message: `unclosed quote: ${open} has no matching ${close} (${snippet(shown, i)}); the rest of the guide is read`,
    });
  let i = from;
  while (i < scan.length) {
    const c = scan[i]!;
    if ((c === 'h' || c === 'H') && !isWordChar(scan[i - 1])) {
      BARE_URL_RE.lastIndex = i;
      const m = BARE_URL_RE.exec(scan);
      if (m && m.index === i) {
        const url = m[0].replace(/[.,;:!?]+$/, '');
        links.push({ text: url, href: url, line: lineAt(block, i) });
        add(url, 'bare-url', i, i + url.length, false, url);
        i += url.length;
        continue;
      }
    }
    const pair = PAIRS[c];
    if (pair) {
      // 13" laptop: an inch mark after a number; a straight quote before a space opens nothing.
      if (c === '"' && (/\d/.test(scan[i - 1] ?? '') || /\s/.test(scan[i + 1] ?? ' '))) {
        i++;
        continue;
      }
      const close = scan.indexOf(pair.close, i + 1);
      if (close < 0 || /\n\s*\n/.test(scan.slice(i, close))) {
        unclosed(i, c, pair.close);
        i++;
        continue;
      }
      add(shown.slice(i + 1, close), pair.style, i, close + 1, false);
      i = close + 1;
      continue;
    }
    if (c === '‘' || (c === "'" && !isWordChar(scan[i - 1]) && /\S/.test(scan[i + 1] ?? ' '))) {
      const mark = c === '‘' ? '’' : "'";
      const close = findSingleClose(scan, i + 1, mark);
      if (close > i + 1) {
        add(shown.slice(i + 1, close), c === '‘' ? 'curly-single' : 'single', i, close + 1, false);
        i = close + 1;
        continue;
      }
      if (c === '‘') unclosed(i, '‘', '’');
      // No closing mark: an apostrophe ("'90s"), not a quote.
    }
    i++;
  }
}

/**
 * A quote mark around a marked-up run ("<https://…>", “**Next**”) is one quote: the run's quote goes,
 * its link stays with the outer one. Bold on a marker line ("**Step 3:**") is not a quote. In text order.
 */
function mergeNested(found: Found[], markerEnd: number): Found[] {
  found.sort((a, b) => a.from - b.from || Number(a.special) - Number(b.special));
  return found.filter((f) => {
    if (!f.special) return true;
    const outer = found.find((o) => !o.special && o.from <= f.from && o.to >= f.to);
    if (!outer) return f.from >= markerEnd || f.q.style !== 'bold';
    if (f.q.href !== undefined && outer.q.href === undefined) outer.q.href = f.q.href;
    return false;
  });
}

function markerLength(shown: string, ctx: Ctx): number {
  const m = regexes(ctx.words).markerLen.exec(shown);
  return m ? m[0].length : 0;
}

/** A closing single quote: not inside a word (so "don't", "you’re" are skipped). */
function findSingleClose(s: string, from: number, mark: string): number {
  for (let j = s.indexOf(mark, from); j >= 0; j = s.indexOf(mark, j + 1)) {
    if (/\n\s*\n/.test(s.slice(from, j))) return -1;
    if (j > from && /\S/.test(s[j - 1]!) && !isWordChar(s[j + 1])) return j;
  }
  return -1;
}

function kindOf(text: string, ctx: Ctx): QuoteKind {
  const t = text.replace(/^<|>$/g, '').replace(/[.,;:!?]+$/, '');
  if (EMAIL_RE.test(t)) return 'email';
  if (URL_RE.test(t) || (HOST_RE.test(t) && !/\s/.test(t))) return 'url';
  if (isDate(t)) return 'date';
  if (ctx.appNames.includes(t.toLowerCase())) return 'app-name';
  return 'ui';
}

// ---------------------------------------------------------------------------------------------------
// Text helpers

function isOptional(text: string, words: GuideWords): boolean {
  return new RegExp(`\\b(${words.optional.join('|')})\\b`, 'i').test(text);
}

function plain(s: string): string {
  return s
    .replaceAll(MASK, '')
    .replace(/\*\*|__/g, '')
    .trim();
}

function joinText(blocks: Block[], start?: StepStart, ctx?: Ctx): string {
  return blocks
    .filter((b) => b.kind !== 'code')
    .map((b, k) => {
      let t = blockText(b);
      if (k === 0 && start && ctx) t = t.slice(markerLength(t, ctx));
      return t
        .replaceAll(MASK, '')
        .replace(/[ \t]+/g, ' ')
        .replace(/ ?\n ?/g, '\n')
        .trim();
    })
    .filter((t) => t !== '')
    .join('\n\n');
}

function firstSentence(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const m = /^(.+?[.!?])(\s|$)/.exec(line);
  return (m ? m[1]! : line).trim();
}

function shorten(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))} …`;
}

function snippet(s: string, i: number): string {
  return JSON.stringify(s.slice(i, i + 40).split('\n')[0]);
}

function guessTitle(blocks: Block[]): string | undefined {
  const first = blocks.find((b) => blockText(b).trim() !== '' && b.kind !== 'code');
  return first ? plain(blockText(first)).split('\n')[0]!.slice(0, 120) || undefined : undefined;
}

/** The one of our locales whose everyday words the text uses most; only when nothing declares one. */
function guessLocale(text: string): Locale {
  const common: Record<Locale, string[]> = {
    en: ['the', 'and', 'not', 'you', 'to', 'with', 'or', 'press', 'step', 'then', 'a'],
    nb: ['og', 'ikke', 'på', 'du', 'til', 'med', 'eller', 'trykk', 'steg', 'deretter', 'å'],
  };
  const words = text.toLowerCase().split(/[^\p{L}]+/u);
  let best: Locale = LOCALES[0];
  let bestCount = -1;
  for (const l of LOCALES) {
    const n = words.filter((w) => common[l].includes(w)).length;
    if (n > bestCount) {
      best = l;
      bestCount = n;
    }
  }
  return best;
}

export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'guide'
  );
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

function sectionsOf(blocks: Block[], firstStep: number, afterStart: number): GuideSection[] {
  const headings = blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.kind === 'heading');
  const lastLine = blocks.reduce((m, b) => Math.max(m, b.endLine), 1);
  return headings.map(({ b, i }, k) => {
    const next = headings[k + 1];
    return {
      title: plain(blockText(b)),
      line: b.line,
      endLine: next ? Math.max(b.line, next.b.line - 1) : lastLine,
      role: i >= afterStart ? 'after' : i < firstStep ? 'intro' : 'steps',
    };
  });
}
