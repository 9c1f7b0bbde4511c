// Turns a help guide (Markdown or exported plain text, with or without front matter) into steps and the
// strings each step quotes. Handles the formats real guides use: "Step 3", "Steg 3:", "<u>Steg 3</u>:",
// "3." lists (with bullets standing in for lost numbers), emoji headings ("🛠️ Step 3: Link Your Account"),
// and, when nothing is numbered, paragraphs that quote something.
import path from 'node:path';
import { isDate } from './dates.ts';
import {
  GuideError,
  type Guide,
  type GuideLink,
  type GuideStep,
  type Quote,
  type QuoteKind,
  type QuoteStyle,
  type StartApp,
  type StepStyle,
} from './types.ts';

export interface ParseOptions {
  /** File name for messages and the default id. */
  file?: string;
  /** Locale when the front matter does not say (the loader passes the folder name). */
  locale?: string;
  /** Extra app names: quoted, they are recorded as `app-name`, not as UI words. */
  appNames?: string[];
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

const START_RE = /^(connect|accountsettings|portal|home|enterprise:[a-z0-9][a-z0-9-]*)$/;
const ID_RE = /^[a-z0-9][a-z0-9-]*$/;
const LOCALE_RE = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;

const STEP_WORDS = 'step|steg|stap|trin|trinn|vaihe|schritt|steget|etape|étape|paso';
/** "Step 3", "Steg 3:", "Step 9 (optional)", "Steg 4:" (after tags, emoji and # are removed). */
const MARKER_RE = new RegExp(
  `^(${STEP_WORDS})\\s*(\\d{1,3})\\b\\s*(\\([^)]*\\))?\\s*(?:([:.)\\-–—])\\s*(.*))?$`,
  'iu',
);
const LIST_RE = /^(\s*)(\d{1,3})[.)]\s+(\S.*)$/;
const BULLET_RE = /^(\s*)[-*•+▪◦]\s+(\S.*)$/;
const MD_HEADING_RE = /^\s{0,3}#{1,6}\s+/;
const INLINE_TAG_RE = /<\/?(?:u|b|i|em|strong|span|p|br|mark|small|sup|sub)\b[^>]*>/gi;
const EMOJI_START_RE = /^[\p{Extended_Pictographic}]/u;
const DECOR_RE = /^(?:\s|\p{Extended_Pictographic}|\uFE0F|\u200D|\u20E3|[#>*_])+/u;
const OPTIONAL_RE = /\b(optional|valgfritt|valgfri|valgfrit|optioneel|frivillig|valfritt)\b/i;
const NOTE_RE = /^(note|merk|nb|obs|tip|tips|important|viktig|warning|advarsel|let op|huom)\b/i;
const ALTERNATIVE_RE = /^[\s,]*(or|eller|of|tai)[\s,]*$/i;
const EMAIL_RE = /^[\w.+-]+@[\w-]+(\.[\w-]+)+$/;
const URL_RE = /^<?https?:\/\/\S+$/i;
const HOST_RE = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:\/\S*)?$/i;

interface Line {
  no: number; // 1-based
  raw: string;
  /** The line with inline tags, leading #, >, emoji and bold marks removed. */
  plain: string;
  blank: boolean;
  heading: boolean;
  code: boolean;
}

interface StepStart {
  index: number; // into body lines
  id: string;
  label: string;
  rest: string;
  optional: boolean;
}

/** Parses one guide. Throws GuideError (file + line) for broken front matter, unclosed quotes, or no steps. */
export function parseGuide(source: string, options: ParseOptions = {}): Guide {
  const file = options.file ?? '(guide)';
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const all = text.split('\n');
  const { meta, bodyStart, hasFrontMatter } = readFrontMatter(all, file);

  const lines: Line[] = [];
  let inCode = false;
  for (let i = bodyStart; i < all.length; i++) {
    const raw = all[i] ?? '';
    const fence = /^\s*(```|~~~)/.test(raw);
    if (fence) inCode = !inCode;
    const plain = raw
      .replace(INLINE_TAG_RE, '')
      .replace(DECOR_RE, '')
      .replace(/\*\*|__/g, '')
      .trim();
    const trimmed = raw.trim();
    const heading =
      !inCode &&
      (MD_HEADING_RE.test(raw) ||
        (EMOJI_START_RE.test(trimmed) && trimmed.length <= 70 && !/[.!?,;]$/.test(trimmed)));
    lines.push({ no: i + 1, raw, plain, blank: trimmed === '', heading, code: inCode || fence });
  }

  const locale = meta.locale ?? options.locale ?? guessLocale(text);
  const stepWord =
    locale.startsWith('nb') || locale.startsWith('no') || locale.startsWith('nn') ? 'Steg' : 'Step';
  const warnings: string[] = [];
  if (!hasFrontMatter) warnings.push('no front matter: id, title and locale were guessed');

  let style: StepStyle = 'marker';
  let starts = findMarkers(lines);
  if (starts.length === 0) {
    style = 'list';
    starts = findListItems(lines, stepWord);
  }
  const quoteCtx: QuoteContext = {
    file,
    appNames: [...KNOWN_APP_NAMES, ...(options.appNames ?? [])].map((a) => a.toLowerCase()),
    nextGroup: 1,
  };
  let steps: GuideStep[];
  if (starts.length > 0) {
    steps = buildSteps(lines, starts, quoteCtx);
  } else {
    style = 'paragraph';
    steps = paragraphSteps(lines, stepWord, quoteCtx);
    if (steps.length > 0) {
      warnings.push(`no numbered steps: ${steps.length} paragraphs that quote something were taken as steps`);
    }
  }
  if (steps.length === 0) {
    const first = lines.find((l) => !l.blank)?.no ?? bodyStart + 1;
    throw new GuideError(
      file,
      first,
      'no recognisable steps: expected "Step 1"/"Steg 1:" lines, a numbered list ("1. …"), or paragraphs that quote UI words',
    );
  }
  const seen = new Map<string, number>();
  for (const step of steps) {
    const earlier = seen.get(step.id);
    if (earlier !== undefined) {
      throw new GuideError(
        file,
        step.line,
        `step ${step.id} appears twice (lines ${earlier} and ${step.line})`,
      );
    }
    seen.set(step.id, step.line);
  }

  const firstStepLine = steps[0]?.line ?? Infinity;
  const introLines = lines.filter((l) => l.no < firstStepLine);
  const intro = scanBlock(introLines, quoteCtx);
  const links = [...intro.links];
  for (const s of steps) links.push(...s.links);
  // Links between steps (screen descriptions under a heading) still count for the lint.
  const covered = (no: number) => no < firstStepLine || steps.some((s) => no >= s.line && no <= s.endLine);
  links.push(
    ...scanBlock(
      lines.filter((l) => !covered(l.no)),
      quoteCtx,
    ).links,
  );
  links.sort((a, b) => a.line - b.line);

  const id = meta.id ?? slug(path.basename(file).replace(/\.[^.]+$/, ''));
  const title = meta.title ?? guessTitle(lines) ?? id;
  const start = meta.start as StartApp | undefined;
  const { id: _i, title: _t, locale: _l, start: _s, ...rest } = meta;
  return {
    id,
    title,
    locale,
    start,
    file,
    hasFrontMatter,
    stepStyle: style,
    steps,
    intro: { text: cleanText(introLines), quotes: intro.quotes },
    links,
    warnings,
    source: text,
    meta: rest,
  };
}

function readFrontMatter(
  all: string[],
  file: string,
): { meta: Record<string, string>; bodyStart: number; hasFrontMatter: boolean } {
  if ((all[0] ?? '').replace(/^\uFEFF/, '').trim() !== '---')
    return { meta: {}, bodyStart: 0, hasFrontMatter: false };
  const end = all.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) {
    throw new GuideError(file, 1, 'front matter opened with "---" on line 1 is never closed by a "---" line');
  }
  const meta: Record<string, string> = {};
  for (let i = 1; i < end; i++) {
    const raw = all[i] ?? '';
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!m)
      throw new GuideError(
        file,
        i + 1,
        `front matter line is not "key: value": ${JSON.stringify(raw.trim())}`,
      );
    const key = m[1]!;
    let value = m[2]!.trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    if (key in meta) throw new GuideError(file, i + 1, `front matter key "${key}" is given twice`);
    meta[key] = value;
    const bad = (why: string) => new GuideError(file, i + 1, `front matter "${key}: ${value}" ${why}`);
    if (value === '') throw bad('has no value');
    if (key === 'id' && !ID_RE.test(value)) throw bad('must be lower-case letters, digits and dashes');
    if (key === 'locale' && !LOCALE_RE.test(value)) throw bad('must be a language code such as en or nb');
    if (key === 'start' && !START_RE.test(value)) {
      throw bad('must be one of connect, accountsettings, portal, home, enterprise:<tenant>');
    }
  }
  return { meta, bodyStart: end + 1, hasFrontMatter: true };
}

function findMarkers(lines: Line[]): StepStart[] {
  const starts: StepStart[] = [];
  lines.forEach((line, index) => {
    if (line.code || line.blank) return;
    const m = MARKER_RE.exec(line.plain);
    if (!m) {
      // "Step 3 Link your account" without punctuation counts only as a heading.
      const loose = line.heading
        ? new RegExp(`^(${STEP_WORDS})\\s*(\\d{1,3})\\s+(.+)$`, 'iu').exec(line.plain)
        : null;
      if (loose) {
        starts.push({
          index,
          id: loose[2]!,
          label: `${cap(loose[1]!)} ${loose[2]}`,
          rest: loose[3]!,
          optional: false,
        });
      }
      return;
    }
    const [, word, num, paren, , rest] = m;
    starts.push({
      index,
      id: String(Number(num)),
      label: `${cap(word!)} ${Number(num)}${paren ? ` ${paren}` : ''}`,
      rest: (rest ?? '').trim(),
      optional: OPTIONAL_RE.test(paren ?? '') || OPTIONAL_RE.test(rest ?? ''),
    });
  });
  return starts;
}

function findListItems(lines: Line[], stepWord: string): StepStart[] {
  const items: { index: number; indent: number; num: number; rest: string }[] = [];
  lines.forEach((line, index) => {
    if (line.code) return;
    const m = LIST_RE.exec(line.raw.replace(INLINE_TAG_RE, ''));
    if (m) items.push({ index, indent: m[1]!.length, num: Number(m[2]), rest: m[3]! });
  });
  if (items.length < 2) return [];
  const minIndent = Math.min(...items.map((i) => i.indent));
  if (minIndent > 3) return [];
  const top = items.filter((i) => i.indent === minIndent);
  const starts: StepStart[] = [];
  const push = (index: number, num: number, rest: string) =>
    starts.push({
      index,
      id: String(num),
      label: `${stepWord} ${num}`,
      rest,
      optional: OPTIONAL_RE.test(rest),
    });
  top.forEach((item, k) => {
    push(item.index, item.num, item.rest);
    const next = top[k + 1];
    if (!next) return;
    // A Markdown export turns "5." into "-" when text interrupts the list: bullets that exactly fill a gap
    // in the numbering are those lost steps.
    const gap = next.num - item.num - 1;
    if (gap <= 0) return;
    const bullets: { index: number; rest: string }[] = [];
    for (let i = item.index + 1; i < next.index; i++) {
      const b = BULLET_RE.exec((lines[i]?.raw ?? '').replace(INLINE_TAG_RE, ''));
      if (b && b[1]!.length <= 3) bullets.push({ index: i, rest: b[2]! });
    }
    if (bullets.length === gap) bullets.forEach((b, j) => push(b.index, item.num + j + 1, b.rest));
  });
  return starts;
}

function buildSteps(lines: Line[], starts: StepStart[], ctx: QuoteContext): GuideStep[] {
  return starts.map((start, k) => {
    const nextStart = starts[k + 1]?.index ?? lines.length;
    let end = nextStart;
    for (let i = start.index + 1; i < nextStart; i++) {
      if (lines[i]?.heading) {
        end = i;
        break;
      }
    }
    while (end - 1 > start.index && lines[end - 1]?.blank) end--;
    const own = lines.slice(start.index, end);
    // The marker line's label is not step text; what follows it is.
    const first = own[0]!;
    const body = [{ ...first, raw: start.rest, plain: start.rest }, ...own.slice(1)];
    const { quotes, links } = scanBlock(body, ctx);
    const text = cleanText(body);
    // A heading is the title; a step written as running text is titled by its first sentence.
    const rest = stripMarkdown(start.rest);
    const titleText =
      first.heading && rest ? rest : firstSentence(text.split('\n\n')[0]!.replace(/\n/g, ' '));
    return {
      id: start.id,
      title: titleText ? `${start.label}: ${shorten(titleText)}` : start.label,
      text,
      line: first.no,
      endLine: own[own.length - 1]!.no,
      optional: start.optional,
      quotes,
      links,
    };
  });
}

function paragraphSteps(lines: Line[], stepWord: string, ctx: QuoteContext): GuideStep[] {
  const steps: GuideStep[] = [];
  let block: Line[] = [];
  const flush = () => {
    if (block.length === 0) return;
    const { quotes, links } = scanBlock(block, ctx);
    if (quotes.length > 0) {
      const n = steps.length + 1;
      const text = cleanText(block);
      steps.push({
        id: String(n),
        title: `${stepWord} ${n}: ${shorten(firstSentence(text))}`,
        text,
        line: block[0]!.no,
        endLine: block[block.length - 1]!.no,
        optional: OPTIONAL_RE.test(text),
        quotes,
        links,
      });
    }
    block = [];
  };
  for (const line of lines) {
    if (line.blank || line.heading) flush();
    if (!line.blank && !line.code) block.push(line);
  }
  flush();
  return steps;
}

interface QuoteContext {
  file: string;
  appNames: string[];
  nextGroup: number;
}

const PAIRS: Record<string, { close: string; style: QuoteStyle }> = {
  '“': { close: '”', style: 'curly-double' },
  '„': { close: '“', style: 'curly-double' },
  '«': { close: '»', style: 'guillemets' },
  '"': { close: '"', style: 'double' },
};

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Quotes and links of a run of lines; quotes may wrap across lines but not across blank lines. */
function scanBlock(block: Line[], ctx: QuoteContext): { quotes: Quote[]; links: GuideLink[] } {
  const quotes: Quote[] = [];
  const links: GuideLink[] = [];
  let para: Line[] = [];
  const flush = () => {
    if (para.length > 0) scanParagraph(para, ctx, quotes, links);
    para = [];
  };
  for (const line of block) {
    if (line.code) continue;
    if (line.blank) flush();
    else para.push(line);
  }
  flush();
  return { quotes, links };
}

function scanParagraph(para: Line[], ctx: QuoteContext, quotes: Quote[], links: GuideLink[]): void {
  const s = para.map((l) => l.raw).join('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const l of para) {
    starts.push(offset);
    offset += l.raw.length + 1;
  }
  const lineAt = (index: number): number => {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1]! <= index) k++;
    return para[k]!.no;
  };
  const found: { q: Quote; from: number; to: number }[] = [];
  const add = (text: string, style: QuoteStyle, from: number, to: number, href?: string) => {
    const clean = stripMarkdown(text)
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[,;:]+$/, '');
    if (clean === '') return;
    const q: Quote = { text: clean, kind: kindOf(clean, ctx), style, line: lineAt(from) };
    if (href !== undefined) q.href = href;
    found.push({ q, from, to });
  };

  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    const tail = s.slice(i);
    if (c === '!' && s[i + 1] === '[') {
      const m = /^!\[[^\]]*\]\([^)]*\)/.exec(tail);
      if (m) {
        i += m[0].length;
        continue;
      }
    }
    if (c === '[') {
      const m = /^\[([^\]\n]+)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/.exec(tail);
      if (m) {
        const text = m[1]!;
        const href = m[2]!;
        if (/^(https?:)?\/\//i.test(href)) links.push({ text: stripMarkdown(text), href, line: lineAt(i) });
        add(text, 'link', i, i + m[0].length, href);
        i += m[0].length;
        continue;
      }
    }
    if (c === '<' && /^<https?:\/\//i.test(tail)) {
      const close = s.indexOf('>', i);
      if (close > 0) {
        const url = s.slice(i + 1, close);
        links.push({ text: url, href: url, line: lineAt(i) });
        add(url, 'bare-url', i, close + 1, url);
        i = close + 1;
        continue;
      }
    }
    if ((c === 'h' || c === 'H') && /^https?:\/\//i.test(tail) && !isWordChar(s[i - 1])) {
      const m = /^https?:\/\/[^\s<>"'«»“”)\]]+/i.exec(tail)!;
      const url = m[0].replace(/[.,;:!?]+$/, '');
      links.push({ text: url, href: url, line: lineAt(i) });
      add(url, 'bare-url', i, i + url.length, url);
      i += url.length;
      continue;
    }
    if (tail.startsWith('**') || tail.startsWith('__')) {
      const mark = tail.slice(0, 2);
      const close = s.indexOf(mark, i + 2);
      if (close > i + 2 && !s.slice(i + 2, close).includes('\n\n')) {
        const inner = s.slice(i + 2, close).trim();
        const plainInner = stripMarkdown(inner);
        const isMarker = new RegExp(`^(${STEP_WORDS})\\s*\\d`, 'i').test(plainInner);
        // Bold notes ("MERK: …") and long emphasis are not names of things on screen.
        if (!isMarker && !NOTE_RE.test(plainInner) && plainInner.split(/\s+/).length <= 10) {
          scanInner(inner, i + 2);
          add(inner, 'bold', i, close + 2);
        } else {
          scanInner(inner, i + 2);
        }
        i = close + 2;
        continue;
      }
      i += 2;
      continue;
    }
    const pair = PAIRS[c];
    if (pair) {
      const close = s.indexOf(pair.close, i + 1);
      const blankBetween = close > 0 && /\n\s*\n/.test(s.slice(i, close));
      if (close < 0 || blankBetween) {
        throw new GuideError(
          ctx.file,
          lineAt(i),
          `unclosed quote: ${c} has no matching ${pair.close} (${snippet(s, i)})`,
        );
      }
      add(s.slice(i + 1, close), pair.style, i, close + 1);
      i = close + 1;
      continue;
    }
    if (c === '‘') {
      const close = findSingleClose(s, i + 1, '’');
      if (close < 0)
        throw new GuideError(ctx.file, lineAt(i), `unclosed quote: ‘ has no matching ’ (${snippet(s, i)})`);
      add(s.slice(i + 1, close), 'curly-single', i, close + 1);
      i = close + 1;
      continue;
    }
    if (c === "'" && !isWordChar(s[i - 1]) && s[i + 1] !== undefined && /\S/.test(s[i + 1]!)) {
      const close = findSingleClose(s, i + 1, "'");
      if (close > i + 1) {
        add(s.slice(i + 1, close), 'single', i, close + 1);
        i = close + 1;
        continue;
      }
      // No closing mark: an apostrophe ("'90s"), not a quote.
    }
    i++;
  }

  function scanInner(inner: string, at: number): void {
    // Links inside bold still count as links.
    for (const m of inner.matchAll(/\[([^\]\n]+)\]\(([^)\s]*)\)/g)) {
      if (/^(https?:)?\/\//i.test(m[2]!))
        links.push({ text: m[1]!, href: m[2]!, line: lineAt(at + (m.index ?? 0)) });
    }
  }

  found.sort((a, b) => a.from - b.from);
  found.forEach((f, k) => {
    const prev = found[k - 1];
    if (prev && ALTERNATIVE_RE.test(s.slice(prev.to, f.from))) {
      prev.q.group ??= ctx.nextGroup++;
      f.q.group = prev.q.group;
    }
    quotes.push(f.q);
  });
}

/** A closing single quote: not inside a word (so "don't", "you’re" are skipped). */
function findSingleClose(s: string, from: number, mark: string): number {
  for (let j = s.indexOf(mark, from); j >= 0; j = s.indexOf(mark, j + 1)) {
    if (s.slice(from, j).includes('\n\n')) return -1;
    if (j > from && /\S/.test(s[j - 1]!) && !isWordChar(s[j + 1])) return j;
  }
  return -1;
}

function kindOf(text: string, ctx: QuoteContext): QuoteKind {
  const t = text.replace(/^<|>$/g, '').replace(/[.,;:!?]+$/, '');
  if (EMAIL_RE.test(t)) return 'email';
  if (URL_RE.test(t) || (HOST_RE.test(t) && !/\s/.test(t))) return 'url';
  if (isDate(t)) return 'date';
  if (ctx.appNames.includes(t.toLowerCase())) return 'app-name';
  return 'ui';
}

function stripMarkdown(s: string): string {
  return s
    .replace(INLINE_TAG_RE, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__/g, '')
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .trim();
}

function cleanText(lines: Line[]): string {
  const out: string[] = [];
  for (const l of lines) {
    if (l.code) continue;
    const t = stripMarkdown(l.raw.replace(DECOR_RE, (m) => (/[#>]/.test(m) ? '' : m))).replace(/\s+/g, ' ');
    if (t === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(t);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
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

function guessTitle(lines: Line[]): string | undefined {
  const first = lines.find((l) => !l.blank && !l.code);
  return first ? stripMarkdown(first.raw).slice(0, 120) || undefined : undefined;
}

function guessLocale(text: string): string {
  const words = text.toLowerCase().split(/[^\p{L}]+/u);
  const count = (set: string[]) => words.filter((w) => set.includes(w)).length;
  const nb = count(['og', 'ikke', 'på', 'du', 'til', 'med', 'eller', 'trykk', 'steg', 'deretter', 'å']);
  const en = count(['the', 'and', 'not', 'you', 'to', 'with', 'or', 'press', 'step', 'then', 'a']);
  return nb > en ? 'nb' : 'en';
}

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'guide'
  );
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** The id that binds a guide's introduction: `guide.step('intro', …)`. */
export const INTRO_STEP_ID = 'intro';

/**
 * The steps a spec can bind: the guide's own, preceded by its introduction when that quotes something
 * (the error message a guide starts from, say), so those words are checked or reported as uncovered
 * rather than silently dropped.
 */
export function bindableSteps(guide: Guide): GuideStep[] {
  const quotes = guide.intro.quotes;
  if (quotes.length === 0) return guide.steps;
  const paragraphs = guide.intro.text.split(/\n{2,}/);
  const first = quotes[0]!;
  const para = paragraphs.find((p) => p.replace(/\s+/g, ' ').includes(first.text)) ?? paragraphs[0] ?? '';
  const label = guide.locale.startsWith('en') ? 'Introduction' : 'Innledning';
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
    },
    ...guide.steps,
  ];
}
