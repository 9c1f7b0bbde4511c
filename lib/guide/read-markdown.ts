// Markdown (CommonMark + GFM) and plain text into the document model, through mdast. Plain text (help
// articles exported to .txt, as the real ones are) goes through the same parser with each line read as a
// block of its own: such exports put one statement per line, keep some Markdown (links, bold, headings) and
// indent lines with spaces that mean nothing.
import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfm } from 'micromark-extension-gfm';
import { readHtmlFragment } from './read-html.ts';
import { makeBlock, type Block, type DocModel, type Inline } from './model.ts';
import { GuideError, type GuideFinding } from './types.ts';

const START_RE = /^(connect|accountsettings|portal|home|enterprise:[a-z0-9][a-z0-9-]*)$/;
const ID_RE = /^[a-z0-9][a-z0-9-]*$/;
const LOCALE_RE = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;
/** "🛠️ Step 3: Link Your Account" on a line of its own in a text export: a heading that lost its #. */
const EMOJI_START_RE = /^[\p{Extended_Pictographic}]/u;

export interface FrontMatter {
  meta: Record<string, string>;
  /** Index of the first body line. */
  bodyStart: number;
  hasFrontMatter: boolean;
}

/** The `---` block at the top of a Markdown guide. Broken front matter is an error at its line. */
export function readFrontMatter(all: string[], file: string): FrontMatter {
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

export interface MarkdownOptions {
  file: string;
  /** Plain text: one block per line, leading spaces ignored, emoji lines read as headings. */
  text?: boolean;
}

/** CommonMark + GFM, built once: combining the syntax extensions is part of every parse otherwise. */
const GFM = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };
/**
 * Plain text: CommonMark plus bare web and mail addresses as links. A text export has no tables, task
 * lists, strikethrough or footnotes: a `|` or `~~` in it is a character. The addresses are found by the
 * GFM autolink-literal tree transform alone, on the parsed text; its tokenizer extension tries an e-mail
 * address at every letter and doubled the parse of a long article. The transform's new nodes carry no
 * source position: MdWalker counts their line from the nodes before them.
 */
const TEXT = { mdastExtensions: [gfmAutolinkLiteralFromMarkdown()] };

export function readMarkdown(source: string, options: MarkdownOptions): DocModel {
  const { file } = options;
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const all = text.split('\n');
  const front = readFrontMatter(all, file);
  // The front matter stays as blank lines, so every line number is the file's.
  let body = all.map((l, i) => (i < front.bodyStart ? '' : l));
  // Plain-text exports indent with spaces and tabs that carry no meaning (no code blocks in a .txt).
  if (options.text) body = body.map((l) => l.replace(/^[ \t\u00a0]+/, ''));
  const findings: GuideFinding[] = [];
  let tree: Root;
  try {
    tree = fromMarkdown(body.join('\n'), options.text ? TEXT : GFM);
  } catch (error) {
    throw new GuideError(file, 1, `cannot be read as Markdown: ${(error as Error).message}`);
  }
  const blocks: Block[] = [];
  const walker = new MdWalker(file, blocks, findings);
  for (const node of tree.children) walker.block(node, 0);
  const model: DocModel = {
    file,
    format: options.text ? 'text' : 'markdown',
    meta: front.meta,
    hasFrontMatter: front.hasFrontMatter,
    blocks: options.text ? splitLines(blocks) : blocks,
    findings,
    source: text,
  };
  if (front.meta.title) model.title = front.meta.title;
  if (front.meta.locale) model.locale = front.meta.locale;
  return model;
}

class MdWalker {
  constructor(
    private readonly file: string,
    private readonly blocks: Block[],
    private readonly findings: GuideFinding[],
  ) {}

  block(node: RootContent, depth: number): void {
    const line = node.position?.start.line ?? 1;
    switch (node.type) {
      case 'heading':
        this.blocks.push(
          makeBlock('heading', this.inlines(node.children, line), line, { depth: node.depth }),
        );
        return;
      case 'paragraph':
        this.blocks.push(makeBlock('paragraph', this.inlines(node.children, line), line));
        return;
      case 'list': {
        let n = node.start ?? 1;
        for (const item of node.children) {
          const own: PhrasingContent[] = [];
          const nested: RootContent[] = [];
          for (const child of item.children) {
            if (child.type === 'paragraph' || child.type === 'heading') {
              if (own.length > 0) own.push({ type: 'break' });
              own.push(...child.children);
            } else nested.push(child);
          }
          const extra: Partial<Block> = { depth, ordered: !!node.ordered };
          if (node.ordered) extra.number = n++;
          const itemLine = item.position?.start.line ?? line;
          this.blocks.push(makeBlock('item', this.inlines(own, itemLine), itemLine, extra));
          for (const child of nested) this.block(child, depth + 1);
        }
        return;
      }
      case 'code': {
        const b = makeBlock('code', [{ kind: 'code', text: node.value, line: line + 1 }], line);
        b.endLine = node.position?.end.line ?? line;
        this.blocks.push(b);
        return;
      }
      case 'blockquote':
        for (const child of node.children) this.block(child, depth);
        return;
      case 'table':
        for (const row of node.children) {
          const cells: Inline[] = [];
          row.children.forEach((cell, k) => {
            if (k > 0) cells.push({ kind: 'text', text: '\t', line: row.position?.start.line ?? line });
            cells.push(...this.inlines(cell.children, row.position?.start.line ?? line));
          });
          this.blocks.push(makeBlock('paragraph', cells, row.position?.start.line ?? line));
        }
        return;
      case 'html': {
        // Comments are the writer's notes, not the guide; other HTML is read as HTML.
        const html = node.value.replace(/<!--[\s\S]*?(-->|$)/g, '');
        if (html.trim() === '') return;
        const fragment = readHtmlFragment(html, { file: this.file, lineBase: line - 1 });
        this.blocks.push(...fragment.blocks);
        this.findings.push(...fragment.findings);
        return;
      }
      default:
        // thematicBreak, definition, footnoteDefinition, yaml: nothing a person reads as a step.
        return;
    }
  }

  /** `first`: the line the nodes start on, for nodes without a source position of their own. */
  inlines(nodes: PhrasingContent[], first: number): Inline[] {
    const out: Inline[] = [];
    let kbd: Inline | undefined;
    let next = first;
    const visit = (node: Nodes) => {
      const line = node.position?.start.line ?? next;
      const plain = plainOf(node);
      next = line + (plain.match(/\n/g)?.length ?? 0);
      if (kbd && node.type !== 'html') {
        kbd.text += plain;
        return;
      }
      switch (node.type) {
        case 'text':
          out.push({ kind: 'text', text: node.value, line });
          return;
        case 'break':
          out.push({ kind: 'text', text: '\n', line });
          return;
        case 'inlineCode':
          out.push({ kind: 'code', text: node.value, line });
          return;
        case 'strong':
          out.push({ kind: 'strong', text: plain, line });
          return;
        case 'link':
          out.push({ kind: 'link', text: plain, href: node.url, line });
          return;
        case 'image':
          out.push({ kind: 'image', text: node.alt ?? '', line });
          return;
        case 'html': {
          const tag = node.value.trim().toLowerCase();
          if (/^<kbd\b/.test(tag)) kbd = { kind: 'kbd', text: '', line };
          else if (tag === '</kbd>' && kbd) {
            out.push(kbd);
            kbd = undefined;
          } else if (/^<br\s*\/?>$/.test(tag)) out.push({ kind: 'text', text: '\n', line });
          // Other inline tags (<u>, <span>) only style the text around them; comments are dropped.
          return;
        }
        default:
          // A container (emphasis): its children start where it starts.
          next = line;
          if ('children' in node) for (const child of node.children) visit(child as Nodes);
      }
    };
    for (const node of nodes) visit(node);
    if (kbd) out.push(kbd);
    return out;
  }
}

function plainOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'break') return '\n';
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return (node.children as Nodes[]).map(plainOf).join('');
  return '';
}

/** Plain text: a paragraph's lines are blocks of their own; an emoji line short of a sentence is a heading. */
function splitLines(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    if (block.kind !== 'paragraph') {
      out.push(block);
      continue;
    }
    let current: Inline[] = [];
    let line = block.line;
    const flush = () => {
      if (current.length === 0) return;
      const b = makeBlock('paragraph', current, line);
      const t = current
        .map((i) => i.text)
        .join('')
        .trim();
      if (EMOJI_START_RE.test(t) && t.length <= 70 && !/[.!?,;:]$/.test(t)) {
        b.kind = 'heading';
        b.depth = 2;
      }
      if (t !== '') out.push(b);
      current = [];
    };
    for (const inline of block.inlines) {
      if (inline.kind !== 'text' || !inline.text.includes('\n')) {
        if (current.length === 0) line = inline.line;
        current.push(inline);
        continue;
      }
      const parts = inline.text.split('\n');
      parts.forEach((part, k) => {
        if (k > 0) {
          flush();
          line = inline.line + k;
        }
        if (current.length === 0) line = inline.line + k;
        if (part !== '') current.push({ kind: 'text', text: part, line: inline.line + k });
      });
    }
    flush();
  }
  return out;
}
