// Tags as Mailpit keeps them: from the X-Tags header (comma-separated), from plus-addresses
// (`kari+signup@…` carries the tag "signup") and from the send API's Tags. A tag keeps letters, digits,
// space, dash, underscore and dot; anything else becomes a space, runs of spaces become one, and names
// that differ only in case are one tag (the first spelling wins).

const INVALID = /[^a-zA-Z0-9\-_. ]/g;

/** One tag name cleaned the way Mailpit cleans it ("" when nothing is left). */
export function cleanTag(name: string): string {
  return name.replace(INVALID, ' ').replace(/\s+/g, ' ').trim();
}

/** Cleaned, de-duplicated (case ignored) and sorted tag names. */
export function uniqueTags(names: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const raw of names) {
    const tag = cleanTag(raw);
    if (tag !== '' && !seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
  }
  return [...seen.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The tag in `user+tag@domain` (text between the last plus and the @), if any. */
export function plusTag(address: string): string | undefined {
  const m = /^.*\+([^+@]*)@/.exec(address);
  return m?.[1] ? m[1] : undefined;
}

/** Tags a new message carries: its X-Tags headers and the plus-addresses of sender and recipients. */
export function tagsOnArrival(xTags: string[], addresses: string[]): string[] {
  const names = xTags.flatMap((v) => v.split(','));
  for (const a of addresses) {
    const tag = plusTag(a);
    if (tag) names.push(tag);
  }
  return uniqueTags(names);
}
