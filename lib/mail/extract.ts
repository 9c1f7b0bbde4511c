// Pure helpers for reading mail: the link behind a button or link text in HTML, a one-time code in text,
// and the Mailpit search query for an address. No I/O, so they are unit-tested on their own.

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  aelig: 'æ',
  AElig: 'Æ',
  oslash: 'ø',
  Oslash: 'Ø',
  aring: 'å',
  Aring: 'Å',
  rsquo: '\u2019',
  lsquo: '\u2018',
  ldquo: '\u201c',
  rdquo: '\u201d',
  laquo: '«',
  raquo: '»',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  copy: '©',
};

/** Decodes the HTML character references that mail templates use. Unknown names stay as written. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

/** The text a person sees: tags removed, entities decoded, white space collapsed. */
export function visibleText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(style|script|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

export interface HtmlLink {
  /** Visible text of the link (or of the image's alt text when the link is an image). */
  text: string;
  href: string;
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
  if (!m) return undefined;
  return decodeEntities(m[1] ?? m[2] ?? m[3] ?? '');
}

/** Every `<a href>` in the HTML with its visible text (image links are named by their alt text). */
export function linksIn(html: string): HtmlLink[] {
  const links: HtmlLink[] = [];
  for (const m of html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi)) {
    const href = attribute(` ${m[1] ?? ''}`, 'href');
    if (href === undefined || href.trim() === '') continue;
    const inner = m[2] ?? '';
    let text = visibleText(inner);
    if (text === '') {
      const alts = [...inner.matchAll(/<img\b[^>]*>/gi)].map((img) => attribute(img[0], 'alt') ?? '');
      text = alts.join(' ').trim();
    }
    if (text === '')
      text = attribute(` ${m[1] ?? ''}`, 'aria-label') ?? attribute(` ${m[1] ?? ''}`, 'title') ?? '';
    links.push({ text, href: href.trim() });
  }
  return links;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLocaleLowerCase();

/**
 * The link a person would press for `name`: a string matches the whole visible text (case and spacing
 * ignored) first, then as a part of it; a RegExp is tested against the visible text.
 * Throws, naming the link texts that are there (never the addresses: they may carry tokens).
 */
export function linkByText(html: string, name: string | RegExp): string {
  const links = linksIn(html);
  let found: HtmlLink | undefined;
  if (typeof name === 'string') {
    const wanted = norm(name);
    found = links.find((l) => norm(l.text) === wanted) ?? links.find((l) => norm(l.text).includes(wanted));
  } else {
    found = links.find((l) => name.test(l.text));
  }
  if (!found) {
    const names = links.map((l) => `"${l.text}"`).join(', ') || 'none';
    throw new Error(
      `No link or button named ${String(typeof name === 'string' ? `"${name}"` : name)} in the mail. Links there: ${names}`,
    );
  }
  return found.href;
}

/**
 * A one-time code from text: by default the first group of exactly 6 digits; a RegExp picks its first
 * capture group (or the whole match). Throws without echoing the text (it may hold other secrets).
 */
export function codeFromText(text: string, pattern: RegExp = /(?<!\d)(\d{6})(?!\d)/): string {
  const m = pattern.exec(text);
  if (!m) throw new Error(`No code matching ${String(pattern)} in the mail text (${text.length} characters)`);
  return m[1] ?? m[0];
}

/**
 * The Mailpit search for mail to one address. Mailpit removes double quotes and groups what they
 * enclose; an address never needs them, but a stray quote or space in it would split the query.
 */
export function toQuery(address: string): string {
  const clean = address.trim();
  if (clean === '' || /[\s"]/.test(clean)) {
    throw new Error(
      `"${address}" is not a usable mail address for a search (empty, or has spaces or quotes)`,
    );
  }
  return `to:${clean}`;
}

/** Does a subject match the expected one? A string must be contained (case ignored); a RegExp must match. */
export function subjectMatches(subject: string, expected: string | RegExp | undefined): boolean {
  if (expected === undefined) return true;
  if (typeof expected === 'string') return norm(subject).includes(norm(expected));
  return expected.test(subject);
}
