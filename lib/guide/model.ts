// The document model every reader produces, whatever the format: a title, a locale when the document says
// one, and blocks (headings, paragraphs, list items, code, pictures) made of inline runs, each with its
// source line. The step and quote rules (rules.ts) read only this model.
import type { GuideFinding, GuideFormat } from './types.ts';

export type InlineKind = 'text' | 'strong' | 'code' | 'link' | 'kbd' | 'image';

export interface Inline {
  kind: InlineKind;
  /** The run's text: for an image its alt text, for a link its text. May hold '\n'. */
  text: string;
  /** 1-based line of the run's first character. */
  line: number;
  href?: string;
}

export type BlockKind = 'heading' | 'paragraph' | 'item' | 'code' | 'picture';

export interface Block {
  kind: BlockKind;
  /** Heading level (1–6), or a list item's nesting (0 = top level). */
  depth: number;
  /** For items: whether the list is numbered, and the item's number. */
  ordered?: boolean;
  number?: number;
  line: number;
  endLine: number;
  inlines: Inline[];
}

export interface DocModel {
  file: string;
  format: GuideFormat;
  title?: string;
  /** The language the document declares (front matter, <html lang>, the article's locale). */
  locale?: string;
  /** Front matter or manifest keys, as written. */
  meta: Record<string, string>;
  hasFrontMatter: boolean;
  blocks: Block[];
  findings: GuideFinding[];
  /** The text the lint reads dates from (the document as text). */
  source: string;
  /** Maps a model line to a page, for PDFs. */
  pageOf?: (line: number) => number | undefined;
}

/** A block's text as a reader sees it (code included, pictures as their alt text). */
export function blockText(block: Block): string {
  return block.inlines.map((i) => i.text).join('');
}

/** The line of the character at `offset` in the block's joined inline text. */
export function lineAt(block: Block, offset: number): number {
  let at = 0;
  for (const inline of block.inlines) {
    const end = at + inline.text.length;
    if (offset < end || inline === block.inlines[block.inlines.length - 1]) {
      const before = inline.text.slice(0, Math.max(0, offset - at));
      return inline.line + (before.match(/\n/g)?.length ?? 0);
    }
    at = end;
  }
  return block.line;
}

/** Joins adjacent text runs and drops empty ones, so quote marks split by markup still pair up. */
export function tidyInlines(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (inline.text === '' && inline.kind !== 'image') continue;
    const last = out[out.length - 1];
    if (last && last.kind === 'text' && inline.kind === 'text') last.text += inline.text;
    else out.push({ ...inline });
  }
  return out;
}

export function makeBlock(
  kind: BlockKind,
  inlines: Inline[],
  line: number,
  extra: Partial<Block> = {},
): Block {
  const tidy = tidyInlines(inlines);
  let endLine = line;
  for (const i of tidy) endLine = Math.max(endLine, i.line + (i.text.match(/\n/g)?.length ?? 0));
  return { kind, depth: 0, line, endLine, inlines: tidy, ...extra };
}
