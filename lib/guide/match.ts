// Does a quoted guide string appear among the texts a person was shown? Matching ignores case,
// whitespace, quote style and trailing punctuation ("…", "....."), and is exact on words: "Next" is not
// found in "Nextcloud". When it is missing, the closest shown strings explain why.
import { distance } from 'fastest-levenshtein';

const QUOTE_MARKS = /[“”„«»"‹›]/g;
const APOSTROPHES = /[‘’ʼ`´]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const EDGE_PUNCT = /^[\s.…,:;!?·•*_-]+|[\s.…,:;!?·•*_-]+$/g;

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** The comparable form of a UI string: lower case, single spaces, no quote marks or edge punctuation. */
export function normalize(text: string): string {
  let t = text.normalize('NFKC').replace(APOSTROPHES, "'").replace(QUOTE_MARKS, ' ').replace(DASHES, '-');
  // Keep apostrophes inside words (can't), drop the ones used as quote marks.
  t = t.replace(/'/g, (m, i: number, s: string) => (isWordChar(s[i - 1]) && isWordChar(s[i + 1]) ? m : ' '));
  return t.toLowerCase().replace(/\s+/g, ' ').replace(EDGE_PUNCT, '').trim();
}

/** True when `needle` occurs in `haystack` as whole words (both already normalised). */
export function containsNormalized(haystack: string, needle: string): boolean {
  if (needle === '') return false;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
    if (!isWordChar(haystack[i - 1]) && !isWordChar(haystack[i + needle.length])) return true;
  }
  return false;
}

/** True when the quoted string occurs, as whole words, in any of the observed texts. */
export function isShown(quote: string, observed: Iterable<string>): boolean {
  const needle = normalize(quote);
  for (const text of observed) if (containsNormalized(normalize(text), needle)) return true;
  return false;
}

/** 0..1: 1 for equal normalised strings, falling with the edit distance. */
export function similarity(a: string, b: string): number {
  const x = normalize(a);
  const y = normalize(b);
  const longest = Math.max(x.length, y.length);
  if (longest === 0) return 1;
  return 1 - distance(x, y) / longest;
}

const WINDOW_WEIGHT = 0.85;

export interface Suggestion {
  text: string;
  /** 0..1, two decimals. */
  score: number;
}

/**
 * The `count` observed strings closest to `quote`. Long observed texts (a paragraph) are cut into
 * windows of about the quote's length, so "Nullstill passord" is found inside a sentence.
 */
export function closest(quote: string, observed: Iterable<string>, count = 3): Suggestion[] {
  const wanted = normalize(quote);
  const size = Math.max(1, wanted.split(' ').length);
  const best = new Map<string, Suggestion>();
  // A whole shown string (a button's name, a heading) is a better suggestion than a few words cut
  // out of a sentence, so cut-out windows count a little less.
  const consider = (text: string, weight = 1) => {
    const shown = text.replace(/\s+/g, ' ').trim();
    const key = normalize(shown);
    if (key === '') return;
    const longest = Math.max(key.length, wanted.length);
    const score = Math.round((1 - distance(key, wanted) / longest) * weight * 100) / 100;
    const known = best.get(key);
    if (!known || known.score < score) best.set(key, { text: shown, score });
  };
  for (const text of observed) {
    const words = text.split(/\s+/).filter((w) => w !== '');
    if (words.length <= size + 2) {
      consider(text);
      continue;
    }
    for (let n = Math.max(1, size - 1); n <= size + 1; n++) {
      for (let i = 0; i + n <= words.length; i++) consider(words.slice(i, i + n).join(' '), WINDOW_WEIGHT);
    }
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.text.length - b.text.length)
    .slice(0, count);
}

/** guide says «Tilbakestill passord»; closest shown: «Nullstill passord» (0.82), … */
export function describeMissing(quote: string, suggestions: Suggestion[]): string {
  const shown = suggestions.map((s) => `«${s.text}» (${s.score.toFixed(2)})`).join(', ');
  return `guide says «${quote}»; ${shown ? `closest shown: ${shown}` : 'nothing similar was shown'}`;
}
