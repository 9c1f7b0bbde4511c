// HTML into the document model, through hast (parse5 underneath): help-centre exports and saved pages
// (Zendesk Guide, Document360, Confluence) and the body of a Zendesk Help Center API article. Headings,
// ordered lists (with their start), <strong>/<b>, <kbd>, link text, <img alt> and <figcaption> keep
// their meaning; scripts, styles, navigation and class names are never text.
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { makeBlock, type Block, type DocModel, type Inline } from './model.ts';
import type { GuideFinding } from './types.ts';

export interface HtmlOptions {
  file: string;
  /** Added to every line (the body of a JSON article starts at line 1 of the body). */
  lineBase?: number;
}

const SKIP = new Set(['script', 'style', 'template', 'noscript', 'head', 'svg', 'iframe', 'button']);
/** Page furniture of a saved page: left out when the page has an <article> or <main>. */
const FURNITURE = new Set(['nav', 'header', 'footer', 'aside']);
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'body',
  'html',
  'blockquote',
  'ul',
  'ol',
  'li',
  'pre',
  'figure',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'details',
  'summary',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'fieldset',
]);

export function readHtml(source: string, options: HtmlOptions): DocModel {
  const findings: GuideFinding[] = [];
  const tree = fromHtml(source, {
    onerror: () => {
      // parse5 reports every sloppy tag; browsers read such pages fine, and so do we.
    },
  });
  const html = findFirst(tree, (e) => e.tagName === 'html');
  const lang = html?.properties?.lang;
  const root =
    findFirst(tree, (e) => e.tagName === 'article') ?? findFirst(tree, (e) => e.tagName === 'main') ?? tree;
  const walker = new HtmlWalker(options.lineBase ?? 0, root !== tree);
  walker.children(root.children, 0);
  const h1 = walker.blocks.find((b) => b.kind === 'heading' && b.depth === 1);
  const titleEl = findFirst(tree, (e) => e.tagName === 'title');
  const title = h1 ? h1.inlines.map((i) => i.text).join('') : titleEl ? textOf(titleEl) : undefined;
  const model: DocModel = {
    file: options.file,
    format: 'html',
    meta: {},
    hasFrontMatter: false,
    blocks: walker.blocks,
    findings,
    source,
  };
  if (title?.trim()) model.title = title.replace(/\s+/g, ' ').trim();
  if (typeof lang === 'string' && lang) model.locale = lang;
  return model;
}

/** A piece of HTML inside a Markdown guide. */
export function readHtmlFragment(
  source: string,
  options: HtmlOptions,
): { blocks: Block[]; findings: GuideFinding[] } {
  const tree = fromHtml(source, { fragment: true, onerror: () => {} });
  const walker = new HtmlWalker(options.lineBase ?? 0, false);
  walker.children(tree.children, 0);
  return { blocks: walker.blocks, findings: [] };
}

class HtmlWalker {
  readonly blocks: Block[] = [];
  private pending: Inline[] = [];
  private pendingLine = 1;

  constructor(
    private readonly lineBase: number,
    private readonly skipFurniture: boolean,
  ) {}

  private lineOf(node: RootContent | ElementContent): number {
    return (node.position?.start.line ?? 1) + this.lineBase;
  }

  /** Block-level walk: runs of inline content between blocks become paragraphs. */
  children(nodes: (RootContent | ElementContent)[], depth: number): void {
    for (const node of nodes) this.node(node, depth);
    this.flush();
  }

  private flush(): void {
    if (this.pending.some((i) => i.text.trim() !== '' || i.kind === 'image')) {
      this.blocks.push(makeBlock('paragraph', trimInlines(this.pending), this.pendingLine));
    }
    this.pending = [];
  }

  private node(node: RootContent | ElementContent, depth: number): void {
    if (node.type === 'text') {
      if (this.pending.length === 0) this.pendingLine = this.lineOf(node);
      this.pending.push({ kind: 'text', text: node.value, line: this.lineOf(node) });
      return;
    }
    if (node.type !== 'element') return;
    const tag = node.tagName;
    if (SKIP.has(tag)) return;
    if (this.skipFurniture && FURNITURE.has(tag)) return;
    if (!BLOCKS.has(tag)) {
      if (this.pending.length === 0) this.pendingLine = this.lineOf(node);
      this.pending.push(...this.inline(node));
      return;
    }
    this.flush();
    const line = this.lineOf(node);
    if (/^h[1-6]$/.test(tag)) {
      this.blocks.push(makeBlock('heading', this.inlinesOf(node), line, { depth: Number(tag[1]) }));
    } else if (tag === 'ul' || tag === 'ol') {
      let n = Number(node.properties?.start ?? 1) || 1;
      for (const li of node.children) {
        if (li.type !== 'element' || li.tagName !== 'li') continue;
        const own: ElementContent[] = [];
        const nested: ElementContent[] = [];
        for (const c of li.children) {
          if (c.type === 'element' && (c.tagName === 'ul' || c.tagName === 'ol')) nested.push(c);
          else own.push(c);
        }
        const value = Number(li.properties?.value);
        if (Number.isFinite(value) && value > 0) n = value;
        const extra: Partial<Block> = { depth, ordered: tag === 'ol' };
        if (tag === 'ol') extra.number = n++;
        const inlines = trimInlines(own.flatMap((c) => this.inlineBlocky(c)));
        this.blocks.push(makeBlock('item', inlines, this.lineOf(li), extra));
        for (const c of nested) this.node(c, depth + 1);
      }
    } else if (tag === 'pre') {
      this.blocks.push(makeBlock('code', [{ kind: 'code', text: textOf(node), line }], line));
    } else if (tag === 'figure') {
      const inlines = this.inlinesOf(node);
      this.blocks.push(makeBlock('picture', inlines, line));
    } else if (tag === 'tr') {
      const cells: Inline[] = [];
      for (const cell of node.children) {
        if (cell.type !== 'element') continue;
        if (cells.length > 0) cells.push({ kind: 'text', text: '\t', line });
        cells.push(...this.inlinesOf(cell));
      }
      this.blocks.push(makeBlock('paragraph', trimInlines(cells), line));
    } else if (tag === 'p' || tag === 'dt' || tag === 'dd' || tag === 'summary') {
      const hasBlocks = node.children.some((c) => c.type === 'element' && BLOCKS.has(c.tagName));
      if (hasBlocks) this.children(node.children, depth);
      else this.blocks.push(makeBlock('paragraph', trimInlines(this.inlinesOf(node)), line));
    } else if (tag !== 'hr') {
      this.children(node.children, depth);
    }
  }

  /** An <li>'s content: paragraphs inside it join with a line break. */
  private inlineBlocky(node: ElementContent): Inline[] {
    if (node.type === 'element' && BLOCKS.has(node.tagName)) {
      return [{ kind: 'text', text: '\n', line: this.lineOf(node) }, ...this.inlinesOf(node)];
    }
    return this.inline(node);
  }

  private inlinesOf(node: Element): Inline[] {
    return node.children.flatMap((c) => this.inline(c));
  }

  private inline(node: ElementContent): Inline[] {
    const line = this.lineOf(node);
    if (node.type === 'text') return [{ kind: 'text', text: node.value.replace(/\s+/g, ' '), line }];
    if (node.type !== 'element' || SKIP.has(node.tagName)) return [];
    switch (node.tagName) {
      case 'br':
        return [{ kind: 'text', text: '\n', line }];
      case 'strong':
      case 'b':
        return [{ kind: 'strong', text: squash(textOf(node)), line }];
      case 'kbd':
        return [{ kind: 'kbd', text: squash(textOf(node)), line }];
      case 'code':
      case 'tt':
      case 'samp':
        return [{ kind: 'code', text: textOf(node), line }];
      case 'a': {
        const href = node.properties?.href;
        const text = squash(textOf(node));
        const images = node.children.flatMap((c) => this.inline(c)).filter((i) => i.kind === 'image');
        if (text === '') return images;
        return [{ kind: 'link', text, line, ...(typeof href === 'string' ? { href } : {}) }];
      }
      case 'img': {
        const alt = node.properties?.alt;
        return [{ kind: 'image', text: typeof alt === 'string' ? alt : '', line }];
      }
      case 'figcaption':
        return [{ kind: 'image', text: squash(textOf(node)), line }];
      default:
        return node.children.flatMap((c) => this.inline(c));
    }
  }
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function trimInlines(inlines: Inline[]): Inline[] {
  const out = inlines.map((i) => ({ ...i }));
  const first = out.find((i) => i.kind === 'text');
  if (first && out[0] === first) first.text = first.text.replace(/^\s+/, '');
  const last = out[out.length - 1];
  if (last && last.kind === 'text') last.text = last.text.replace(/\s+$/, '');
  return out;
}

function textOf(node: Element | Root): string {
  return node.children
    .map((c) => {
      if (c.type === 'text') return c.value;
      if (c.type === 'element') {
        if (SKIP.has(c.tagName)) return '';
        if (c.tagName === 'br') return '\n';
        if (c.tagName === 'img') return typeof c.properties?.alt === 'string' ? c.properties.alt : '';
        return textOf(c);
      }
      return '';
    })
    .join('');
}

function findFirst(node: Root | Element, test: (e: Element) => boolean): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (test(child)) return child;
    const found = findFirst(child, test);
    if (found) return found;
  }
  return undefined;
}
