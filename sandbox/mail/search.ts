// Mailpit's search syntax compiled to SQL over the mail store. Terms are AND-ed; a leading `-` or `!`
// negates a term; double quotes group words into one term ("quoted phrase", subject:"two words").
// Where Mailpit would silently ignore nonsense (a bad date, an unterminated quote, a term with no letters
// or digits), the sink refuses the query with a SearchError instead: a test that searches for garbage
// must hear about it, and a delete-by-search must never turn into "delete everything".
import type { Where } from './store.ts';

export class SearchError extends Error {
  override name = 'SearchError';
}

/** Splits a query into terms; quotes group words and are removed. */
export function tokenize(query: string): string[] {
  const terms: string[] = [];
  let current = '';
  let inQuote = false;
  let hasContent = false;
  for (const ch of query) {
    if (ch === '"') {
      inQuote = !inQuote;
      hasContent = true;
      continue;
    }
    if (!inQuote && /\s/.test(ch)) {
      if (hasContent) terms.push(current);
      current = '';
      hasContent = false;
      continue;
    }
    current += ch;
    hasContent = true;
  }
  if (inQuote) throw new SearchError(`Search query has an unterminated quote: ${query}`);
  if (hasContent) terms.push(current);
  return terms;
}

function like(value: string): string {
  return `%${value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const ADDRESS_FIELDS: Record<string, string[]> = {
  'to:': ['to_lc'],
  'from:': ['from_lc'],
  'cc:': ['cc_lc'],
  'bcc:': ['bcc_lc'],
  'reply-to:': ['reply_to_lc'],
  'addressed:': ['to_lc', 'from_lc', 'cc_lc', 'bcc_lc', 'reply_to_lc'],
  'subject:': ['subject_lc'],
  'message-id:': ['message_id_lc'],
};

/** Offset in minutes of `timeZone` from UTC at the given instant. */
function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - (at.getTime() - at.getMilliseconds())) / 60_000);
}

/**
 * Parses the value of before:/after:. A date or a date-time without an offset is read in `timeZone`
 * (the `tz` parameter, like Mailpit) or else in the server's zone; an explicit offset or Z wins.
 */
export function parseSearchDate(value: string, timeZone?: string): number {
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/.exec(value);
  if (local) {
    const [y, mo, d, h, mi, s, ms] = local.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
    const fields = [y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0, ms ?? 0] as const;
    const check = new Date(Date.UTC(...fields));
    if (check.getUTCMonth() !== fields[1] || check.getUTCDate() !== fields[2]) {
      throw new SearchError(`Search date "${value}" is not a real date`);
    }
    if (!timeZone) return new Date(...fields).getTime();
    const guess = Date.UTC(...fields);
    const offset = zoneOffsetMinutes(timeZone, new Date(guess));
    return guess - offset * 60_000;
  }
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/i.test(value) || /[a-z]{3},? \d/i.test(value)) {
    const t = Date.parse(value);
    if (!Number.isNaN(t)) return t;
  }
  throw new SearchError(
    `Search date "${value}" is not understood; use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS], or an ISO time with an offset`,
  );
}

/** Mailpit's size notation: 2kb, 4MB, 1.5m or plain bytes. */
export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s?(k|kb|m|mb)?$/i.exec(value);
  if (!m) throw new SearchError(`Search size "${value}" is not understood; use e.g. 500, 20kb or 1.5mb`);
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  return Math.floor(unit.startsWith('k') ? n * 1024 : unit.startsWith('m') ? n * 1024 * 1024 : n);
}

export function compileSearch(query: string, timeZone?: string): Where {
  if (timeZone) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      throw new SearchError(`Unknown time zone "${timeZone}" (use an IANA name such as Europe/Oslo)`);
    }
  }
  const terms = tokenize(query);
  if (terms.length === 0) throw new SearchError('Error: no search query');
  const conditions: string[] = [];
  const params: unknown[] = [];
  for (const raw of terms) {
    let term = raw;
    let negate = false;
    if (term.length > 1 && (term.startsWith('-') || term.startsWith('!'))) {
      negate = true;
      term = term.slice(1);
    }
    const lower = term.toLowerCase();
    const add = (sql: string, ...values: unknown[]) => {
      conditions.push(negate ? `NOT (${sql})` : `(${sql})`);
      params.push(...values);
    };
    const prefix = Object.keys(ADDRESS_FIELDS).find((p) => lower.startsWith(p));
    if (prefix) {
      const value = term.slice(prefix.length).trim();
      if (value === '') throw new SearchError(`Search term "${raw}" needs a value after "${prefix}"`);
      const columns = ADDRESS_FIELDS[prefix] ?? [];
      add(columns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR '), ...columns.map(() => like(value)));
    } else if (lower.startsWith('is:')) {
      const what = lower.slice(3);
      if (what === 'read') add('read = 1');
      else if (what === 'unread') add('read = 0');
      else if (what === 'tagged')
        add('0'); // the sink keeps no tags
      else throw new SearchError(`Search term "${raw}" is not known; use is:read or is:unread`);
    } else if (lower.startsWith('has:')) {
      const what = lower.slice(4);
      if (what === 'attachment' || what === 'attachments') add('attachments > 0');
      else if (what === 'inline' || what === 'inlines') add('inline > 0');
      else throw new SearchError(`Search term "${raw}" is not known; use has:attachment or has:inline`);
    } else if (lower.startsWith('tag:')) {
      if (lower.length === 4) throw new SearchError(`Search term "${raw}" needs a tag name`);
      add('0'); // the sink keeps no tags, so nothing carries one
    } else if (lower.startsWith('after:') || lower.startsWith('before:')) {
      const after = lower.startsWith('after:');
      const value = term.slice(after ? 6 : 7).trim();
      if (value === '') throw new SearchError(`Search term "${raw}" needs a date`);
      add(after ? 'created >= ?' : 'created <= ?', parseSearchDate(value, timeZone));
    } else if (lower.startsWith('larger:') || lower.startsWith('smaller:')) {
      const larger = lower.startsWith('larger:');
      add(larger ? 'size > ?' : 'size < ?', parseSize(term.slice(larger ? 7 : 8).trim()));
    } else {
      if (!/[\p{L}\p{N}]/u.test(term)) {
        throw new SearchError(`Search term "${raw}" has no letters or digits to search for`);
      }
      add("search_text LIKE ? ESCAPE '\\'", like(term));
    }
  }
  return { sql: conditions.join(' AND '), params };
}
