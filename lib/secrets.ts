// One secrets registry per test. Whatever creates or reads a secret (a password, an authenticator key or its
// otpauth URI, a one-time or SMS code, an emergency code, a pairing payload, a link with a token, a national
// identity number) registers it here the moment it exists; whatever reports (the guide session's messages and
// records, step pictures, attachments, logs) reads it. Nobody passes masks by hand.
//
//   secrets.add(person.password, 'password');
//   secrets.redact(text)   // every registered value (and its spaced or URL-encoded forms) → «password»

export type SecretKind =
  | 'password'
  | 'authenticator key'
  | 'otpauth uri'
  | 'one-time code'
  | 'sms code'
  | 'emergency code'
  | 'pairing payload'
  | 'device key'
  | 'token link'
  | 'national id';

interface Entry {
  value: string;
  kind: SecretKind;
}

/** Shorter values are refused: masking them would blank out ordinary words and numbers everywhere. */
export const MIN_SECRET_LENGTH = 4;

export class Secrets {
  private readonly entries: Entry[] = [];
  private readonly listeners: ((value: string, kind: SecretKind) => void)[] = [];

  /**
   * Registers `value` (and the forms a screen or a URL shows it in) as a secret of `kind`; returns it, so
   * a value can be registered where it is born: `const code = secrets.add(entry.code(), 'one-time code')`.
   */
  add<T extends string | undefined>(value: T, kind: SecretKind): T {
    if (value === undefined) return value;
    const trimmed = value.trim();
    if (trimmed.length < MIN_SECRET_LENGTH) {
      throw new Error(
        `secrets: a ${kind} shorter than ${MIN_SECRET_LENGTH} characters cannot be masked safely`,
      );
    }
    for (const form of forms(trimmed)) {
      if (this.entries.some((e) => e.value === form)) continue;
      this.entries.push({ value: form, kind });
      // Longest first, so a value containing another is replaced whole.
      this.entries.sort((a, b) => b.value.length - a.value.length);
      for (const listener of this.listeners) listener(form, kind);
    }
    return value;
  }

  /**
   * Registers every link in `text` that carries a token (a query value or a path segment of 16 or more
   * random-looking characters), as a whole and the token alone: activation, reset and one-time links.
   */
  addTokenLinks(text: string): void {
    for (const [url] of text.matchAll(/https?:\/\/[^\s"'<>]+/g)) {
      const tokens = tokensIn(url);
      if (tokens.length === 0) continue;
      this.add(url.replace(/&amp;/g, '&'), 'token link');
      for (const token of tokens) this.add(token, 'token link');
    }
  }

  /** Called for every form of every secret registered from now on (and, at once, for those registered). */
  onAdd(listener: (value: string, kind: SecretKind) => void): void {
    this.listeners.push(listener);
    for (const e of this.entries) listener(e.value, e.kind);
  }

  /** Every registered form, longest first. */
  values(): string[] {
    return this.entries.map((e) => e.value);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The kinds of the secrets that `text` contains (empty when none). */
  foundIn(text: string): SecretKind[] {
    return [...new Set(this.entries.filter((e) => text.includes(e.value)).map((e) => e.kind))];
  }

  /** `text` with every registered secret replaced by its kind in «», e.g. «password». */
  redact(text: string): string {
    let out = text;
    for (const e of this.entries) if (out.includes(e.value)) out = out.split(e.value).join(`«${e.kind}»`);
    return out;
  }
}

/**
 * The forms a secret is shown or sent in: as given; without spaces and grouped by four (how a key or an
 * emergency code is printed for typing); URL-encoded (in a link or a form body); and as written inside HTML
 * source and JSON text (a page's markup, a trace's records), where `&`, `<`, `"`, `/` and `\` are escaped.
 */
function forms(value: string): string[] {
  const out = new Set([value]);
  const bare = value.replace(/[\s-]/g, '');
  if (bare.length >= 8 && /^[A-Za-z0-9]+$/.test(bare)) {
    out.add(bare);
    const groups = bare.match(/.{1,4}/g) ?? [];
    out.add(groups.join(' '));
    out.add(groups.join('-'));
  }
  const encoded = encodeURIComponent(value);
  if (encoded !== value) out.add(encoded);
  for (const form of [...out]) {
    out.add(form.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;'));
    out.add(JSON.stringify(form).slice(1, -1));
    out.add(JSON.stringify(form).slice(1, -1).replace(/\//g, '\\/'));
  }
  return [...out].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/** The parts of a URL that look like tokens: long random-looking query values or path segments. */
function tokensIn(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/&amp;/g, '&'));
  } catch {
    return [];
  }
  const candidates = [...parsed.searchParams.values(), ...parsed.pathname.split('/'), parsed.hash.slice(1)];
  return candidates.filter(
    (c) => c.length >= 16 && /^[A-Za-z0-9_.~=-]+$/.test(c) && /\d/.test(c) && /[A-Za-z]/.test(c),
  );
}
