// PDF into the document model, through pdfjs-dist: the text of each page with its position and font.
// Lines are rebuilt from the text's baselines; a larger font makes a heading, a wider gap a new paragraph,
// a bold font a bold run. The model's lines count over all pages; `pageOf` tells a line's page.
import { GuideError } from './types.ts';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DocModel } from './model.ts';
import { readMarkdown } from './read-markdown.ts';

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  bold: boolean;
  eol: boolean;
  /** The link annotation the item sits in, if any. */
  link?: string;
}

interface PdfLine {
  page: number;
  y: number;
  size: number;
  items: Item[];
}

export async function readPdf(bytes: Uint8Array, options: { file: string }): Promise<DocModel> {
  const { file } = options;
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    throw new GuideError(file, 0, `cannot be read as a PDF: ${(error as Error).message}`);
  }
  const lines: PdfLine[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++)
      lines.push(...groupLines(await pageItems(await doc.getPage(p)), p));
  } catch (error) {
    throw new GuideError(file, 0, `cannot be read as a PDF: ${(error as Error).message}`);
  } finally {
    await doc.destroy();
  }
  const textLines = lines.filter((l) => l.items.length > 0);
  for (const l of textLines) l.size = Math.max(...l.items.map((i) => i.size));
  if (textLines.length === 0) {
    throw new GuideError(file, 1, 'has no text (a scanned PDF?): there is no guide to read');
  }
  const { md, origin } = toMarkdown(textLines, headingSizesOf(textLines));
  const model = readMarkdown(md.join('\n'), { file });
  model.format = 'pdf';
  model.source = textLines.map((l) => l.items.map((i) => i.str).join(' ')).join('\n');
  // Lines are the PDF's own, counted over all pages; pageOf tells the page.
  model.pageOf = (line) => textLines[line - 1]?.page;
  const toPdf = (line: number) => origin[line - 1] ?? line;
  for (const b of model.blocks) {
    for (const i of b.inlines) i.line = toPdf(i.line);
    b.line = toPdf(b.line);
    b.endLine = Math.max(b.line, toPdf(b.endLine));
  }
  return model;
}

type TextContent = Awaited<ReturnType<PDFPageProxy['getTextContent']>>;

interface PdfLink {
  href: string;
  rect: number[];
}

/** A page's text items in order, with position, size, boldness and the link each sits in. */
async function pageItems(page: PDFPageProxy): Promise<Item[]> {
  const content = await page.getTextContent();
  // Font names (and so boldness) are known once the page's fonts are loaded.
  await page.getOperatorList();
  const isBold = boldTest(page, content);
  const links = await linksOf(page);
  const items: Item[] = [];
  for (const raw of content.items) {
    if (!('str' in raw)) continue;
    const [a, b, , , x, y] = raw.transform as number[];
    const item: Item = {
      // Glyphs the PDF has no text for (emoji drawn as pictures) come out as control characters.
      // eslint-disable-next-line no-control-regex
      str: raw.str.replace(/[\u0000-\u0008\u000b-\u001f\ufffd]/g, ''),
      x: x!,
      y: y!,
      width: raw.width,
      size: Math.hypot(a!, b!) || raw.height,
      bold: isBold(raw.fontName),
      eol: raw.hasEOL,
    };
    items.push(...splitAtLink(item, links));
  }
  return items;
}

/** Whether a font of the page is bold, by its loaded font object or else its family name; remembered. */
function boldTest(page: PDFPageProxy, content: TextContent): (fontName: string) => boolean {
  const bold = new Map<string, boolean>();
  return (fontName) => {
    if (!bold.has(fontName)) {
      let value: boolean;
      try {
        const font = page.commonObjs.get(fontName) as { name?: string; bold?: boolean } | undefined;
        value = !!font && (font.bold === true || /bold|black|heavy|semibold/i.test(font.name ?? ''));
      } catch {
        value = /bold/i.test(content.styles[fontName]?.fontFamily ?? '');
      }
      bold.set(fontName, value);
    }
    return bold.get(fontName)!;
  };
}

/** Link annotations: the text under their rectangle is the link's text. */
async function linksOf(page: PDFPageProxy): Promise<PdfLink[]> {
  const annotations = (await page.getAnnotations()) as {
    subtype?: string;
    url?: string;
    unsafeUrl?: string;
    rect?: number[];
  }[];
  return annotations
    .filter((a) => a.subtype === 'Link' && (a.url ?? a.unsafeUrl) && a.rect)
    .map((a) => ({ href: (a.url ?? a.unsafeUrl)!, rect: a.rect! }));
}

/** Splits an item where a link's rectangle starts and ends (by the width of its characters). */
function splitAtLink(item: Item, links: PdfLink[]): Item[] {
  const link = links.find(({ rect: [x1, y1, x2, y2] }) => {
    return item.y >= y1! - 2 && item.y <= y2! + 1 && x1! < item.x + item.width && x2! > item.x;
  });
  if (!link || item.width <= 0 || item.str.length === 0) return [item];
  const [x1, , x2] = link.rect as [number, number, number, number];
  const perChar = item.width / item.str.length;
  let from = Math.max(0, Math.round((x1 - item.x) / perChar));
  let to = Math.min(item.str.length, Math.round((x2 - item.x) / perChar));
  // A link whose text is its own address (an e-mail, a URL) is found exactly; others snap to words.
  const plainHref = link.href.replace(/^mailto:/i, '');
  const forms = [
    plainHref,
    plainHref.replace(/\/$/, ''),
    plainHref.replace(/^https?:\/\//i, '').replace(/\/$/, ''),
  ];
  const form = forms.find((t) => item.str.includes(t));
  if (form !== undefined) {
    from = item.str.indexOf(form);
    to = from + form.length;
  } else {
    while (from < item.str.length && /[\s"«“‘'(]/.test(item.str[from]!)) from++;
    while (from > 0 && /[\w]/.test(item.str[from - 1]!)) from--;
    while (to < item.str.length && /\w/.test(item.str[to]!)) to++;
    while (to > from && /[\s.,;:!?"»”’')]/.test(item.str[to - 1]!)) to--;
  }
  const part = (a: number, b: number, href?: string): Item => ({
    ...item,
    str: item.str.slice(a, b),
    x: item.x + a * perChar,
    width: (b - a) * perChar,
    ...(href ? { link: href } : {}),
  });
  const parts: Item[] = [];
  if (from > 0) parts.push(part(0, from));
  if (to > from) parts.push(part(from, to, link.href));
  if (to < item.str.length) parts.push(part(to, item.str.length));
  return parts;
}

/** Items on one baseline (within a third of the font size) are one line, top to bottom. */
function groupLines(items: Item[], page: number): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: PdfLine | undefined;
  for (const item of items) {
    if (item.str === '' && !item.eol) continue;
    if (!current || Math.abs(current.y - item.y) > Math.max(2, item.size / 3)) {
      current = { page, y: item.y, size: 0, items: [] };
      lines.push(current);
    }
    if (item.str.trim() !== '') current.items.push(item);
  }
  return lines;
}

/** The rounded font sizes larger than the body's (the one most characters are set in), largest first. */
function headingSizesOf(textLines: PdfLine[]): number[] {
  const bySize = new Map<number, number>();
  for (const l of textLines)
    for (const i of l.items)
      bySize.set(Math.round(i.size), (bySize.get(Math.round(i.size)) ?? 0) + i.str.length);
  const body = [...bySize.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  return [...new Set(textLines.map((l) => Math.round(l.size)))]
    .filter((s) => s > body * 1.12)
    .sort((a, b) => b - a);
}

/** Markdown of the text, one PDF line per Markdown line, and a map back to the PDF's line and page. */
function toMarkdown(textLines: PdfLine[], headingSizes: number[]): { md: string[]; origin: number[] } {
  const md: string[] = [];
  const origin: number[] = [];
  let prev: PdfLine | undefined;
  textLines.forEach((l, k) => {
    const size = Math.round(l.size);
    const level = headingSizes.indexOf(size);
    const gap = prev && prev.page === l.page ? prev.y - l.y : Infinity;
    const text = lineText(l.items, level >= 0);
    const startsItem = /^(\d{1,3}[.)]|[•▪◦-])\s/.test(text);
    const newBlock = level >= 0 || prevWasHeading(prev, headingSizes) || gap > l.size * 1.75 || startsItem;
    if (newBlock && md.length > 0) {
      md.push('');
      origin.push(k + 1);
    }
    md.push(level >= 0 ? `${'#'.repeat(Math.min(level + 1, 6))} ${text}` : text.replace(/^[•▪◦]\s/, '- '));
    origin.push(k + 1);
    prev = l;
  });
  return { md, origin };
}

function prevWasHeading(prev: PdfLine | undefined, headingSizes: number[]): boolean {
  return !!prev && headingSizes.includes(Math.round(prev.size));
}

const ESCAPE_RE = /([\\`*_[\]<>#|~])/g;

/** A line's items joined, bold runs as **…**, Markdown characters escaped. */
function lineText(items: Item[], heading: boolean): string {
  let out = '';
  let boldOpen = false;
  let link: string | undefined;
  let prevEnd: number | undefined;
  const closeLink = () => {
    if (link === undefined) return;
    out = out.replace(/(\s*)$/, `](${link.replace(/[()\s]/g, encodeURIComponent)})$1`);
    link = undefined;
  };
  for (const item of items) {
    if (item.link !== link) {
      closeLink();
      if (item.link !== undefined) {
        if (prevEnd !== undefined && item.x - prevEnd > item.size * 0.15 && !out.endsWith(' ')) out += ' ';
        out += '[';
        link = item.link;
      }
    }
    const gap = prevEnd === undefined ? 0 : item.x - prevEnd;
    const space =
      prevEnd !== undefined && gap > item.size * 0.15 && !out.endsWith(' ') && !item.str.startsWith(' ');
    const bold = item.bold && !heading;
    if (bold !== boldOpen) {
      if (boldOpen) out = out.replace(/(\s*)$/, '**$1');
      if (space) out += ' ';
      if (bold) out += '**';
      boldOpen = bold;
    } else if (space) out += ' ';
    out += item.str.replace(ESCAPE_RE, '\\$1');
    prevEnd = item.x + item.width;
  }
  if (boldOpen) out = out.replace(/(\s*)$/, '**$1');
  closeLink();
  return out.replace(/\*\*(\s*)\*\*/g, '$1').trim();
}
