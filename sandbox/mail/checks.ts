// Mailpit's link check and a documented subset of its HTML check.
//
// Link check: every http(s) link of the message (a href, img src, link href in the HTML; URLs in the text
// part), each once, gets a HEAD request (5 at a time, 5 s each; redirects followed only with follow=true).
// A link counts as an error when it answers 400 or more or not at all. Unlike a default Mailpit, internal
// hosts are allowed, and `*.localhost` names resolve to 127.0.0.1, so the sandbox's own links are checked.
//
// HTML check (subset): the message's HTML is scanned for the features in FEATURES below, each with a
// share of mail clients that support it; see the README's "Using a real Mailpit".
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';

export interface LinkResult {
  URL: string;
  StatusCode: number;
  Status: string;
}

const lookup: http.RequestOptions['lookup'] = (hostname, options, callback) => {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    if ((options as dns.LookupOptions).all)
      (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [
        { address: '127.0.0.1', family: 4 },
      ]);
    else callback(null, '127.0.0.1', 4);
    return;
  }
  dns.lookup(hostname, options, callback);
};

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** The http(s) links of a message, each once, in order of appearance. */
export function messageLinks(html: string, text: string): string[] {
  const found: string[] = [];
  const attr =
    /<(?:a|link)\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')|<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
  for (const m of html.matchAll(attr)) found.push(decode((m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim()));
  for (const m of text.matchAll(/https?:\/\/[^\s<>"')\]]+/gi)) found.push(m[0].replace(/[.,;:!?]+$/, ''));
  return [...new Set(found.filter((u) => /^https?:\/\//i.test(u)))];
}

function head(url: string, follow: boolean, hops = 0): Promise<LinkResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ URL: url, StatusCode: 0, Status: 'invalid URL' });
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(target, { method: 'HEAD', lookup, timeout: 5_000 }, (res) => {
      res.resume();
      const code = res.statusCode ?? 0;
      const location = res.headers.location;
      if (follow && location && code >= 300 && code < 400 && hops < 10) {
        void head(new URL(location, target).toString(), follow, hops + 1).then((r) =>
          resolve({ ...r, URL: url }),
        );
        return;
      }
      resolve({ URL: url, StatusCode: code, Status: http.STATUS_CODES[code] ?? res.statusMessage ?? '' });
    });
    req.on('timeout', () => req.destroy(new Error('timed out after 5 s')));
    req.on('error', (error) => resolve({ URL: url, StatusCode: 0, Status: error.message }));
    req.end();
  });
}

export async function linkCheck(
  html: string,
  text: string,
  follow: boolean,
): Promise<{ Errors: number; Links: LinkResult[] }> {
  const links = messageLinks(html, text);
  const results: LinkResult[] = new Array<LinkResult>(links.length);
  let next = 0;
  const worker = async () => {
    while (next < links.length) {
      const i = next++;
      results[i] = await head(links[i]!, follow);
    }
  };
  await Promise.all(Array.from({ length: Math.min(5, links.length) }, worker));
  return { Errors: results.filter((r) => r.StatusCode === 0 || r.StatusCode >= 400).length, Links: results };
}

interface Feature {
  slug: string;
  title: string;
  category: 'html' | 'css';
  test: RegExp;
  /** Share of the clients in the check that support it fully / partly (the rest: not at all), in %. */
  supported: number;
  partial: number;
}

/** The subset of features the sink's HTML check looks for. */
export const FEATURES: Feature[] = [
  { slug: 'html-svg', title: 'SVG images', category: 'html', test: /<svg\b/i, supported: 40, partial: 5 },
  {
    slug: 'html-video',
    title: '<video> element',
    category: 'html',
    test: /<video\b/i,
    supported: 25,
    partial: 5,
  },
  {
    slug: 'html-form',
    title: '<form> element',
    category: 'html',
    test: /<form\b/i,
    supported: 45,
    partial: 15,
  },
  {
    slug: 'html-script',
    title: '<script> element',
    category: 'html',
    test: /<script\b/i,
    supported: 0,
    partial: 0,
  },
  {
    slug: 'html-iframe',
    title: '<iframe> element',
    category: 'html',
    test: /<iframe\b/i,
    supported: 10,
    partial: 0,
  },
  {
    slug: 'css-position',
    title: 'position',
    category: 'css',
    test: /\bposition\s*:/i,
    supported: 30,
    partial: 10,
  },
  {
    slug: 'css-display-flex',
    title: 'display: flex',
    category: 'css',
    test: /display\s*:\s*flex/i,
    supported: 50,
    partial: 10,
  },
  {
    slug: 'css-display-grid',
    title: 'display: grid',
    category: 'css',
    test: /display\s*:\s*grid/i,
    supported: 45,
    partial: 5,
  },
  {
    slug: 'css-variables',
    title: 'CSS variables',
    category: 'css',
    test: /var\(--/i,
    supported: 55,
    partial: 0,
  },
  {
    slug: 'image-webp',
    title: 'WebP images',
    category: 'html',
    test: /<img\b[^>]*\.webp\b/i,
    supported: 60,
    partial: 0,
  },
];

const round = (n: number) => Math.round(n * 100) / 100;

interface Warning {
  Slug: string;
  Title: string;
  Category: string;
  Description: string;
  Keywords: string;
  Tags: string[];
  URL: string;
  NotesByNumber: Record<string, string>;
  Results: unknown[];
  Score: { Found: number; Supported: number; Partial: number; Unsupported: number };
}

export function htmlCheck(html: string) {
  const warnings: Warning[] = [];
  for (const f of FEATURES) {
    const found = html.match(new RegExp(f.test.source, 'gi'))?.length ?? 0;
    if (found === 0) continue;
    warnings.push({
      Slug: f.slug,
      Title: f.title,
      Category: f.category,
      Description: `${f.title} is not supported by every mail client.`,
      Keywords: '',
      Tags: [],
      URL: `https://www.caniemail.com/features/${f.slug}/`,
      NotesByNumber: {},
      Results: [],
      Score: {
        Found: found,
        Supported: f.supported,
        Partial: f.partial,
        Unsupported: 100 - f.supported - f.partial,
      },
    });
  }
  const tests = FEATURES.length;
  const sum = (pick: (w: Warning) => number) => warnings.reduce((t, w) => t + pick(w), 0);
  const unsupported = sum((w) => w.Score.Unsupported) / tests;
  const partial = sum((w) => w.Score.Partial) / tests;
  return {
    Platforms: {},
    Total: {
      Nodes: (html.match(/<[a-z][a-z0-9-]*\b/gi) ?? []).length,
      Tests: tests,
      Supported: round(100 - unsupported - partial),
      Partial: round(partial),
      Unsupported: round(unsupported),
    },
    Warnings: warnings,
  };
}
