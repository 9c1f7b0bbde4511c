// Renders a Markdown guide the way a help centre publishes it: an HTML page, a Zendesk Help Center API
// article, and (in the browser) a PDF. The reader tests read these back and compare with the Markdown.
import { readFileSync } from 'node:fs';
import { toHtml } from 'hast-util-to-html';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toHast } from 'mdast-util-to-hast';
import { gfm } from 'micromark-extension-gfm';
import { readFrontMatter } from '../../lib/guide/read-markdown.ts';

export interface Rendered {
  title: string;
  locale: string;
  /** The article body (what a help centre stores). */
  body: string;
  /** A whole saved page: head, navigation, the article, a footer. */
  page: string;
}

export function renderGuide(file: string): Rendered {
  const lines = readFileSync(file, 'utf8').split('\n');
  const front = readFrontMatter(lines, file);
  const markdown = lines.slice(front.bodyStart).join('\n');
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const body = toHtml(toHast(tree, { allowDangerousHtml: true }) ?? { type: 'root', children: [] }, {
    allowDangerousHtml: true,
  });
  const title = front.meta.title ?? '';
  const locale = front.meta.locale ?? '';
  const page = `<!DOCTYPE html>
<html lang="${locale}">
<head><meta charset="utf-8"><title>${title} – Help Center</title>
<style>.article-body { font-family: sans-serif; } h1 { font-size: 28px; } h2 { font-size: 20px; }</style></head>
<body>
<header><nav><a href="/hc">Help Center</a> › <a href="mailto:support@example.com">Contact us</a></nav></header>
<main><article class="article-body">
${body}
</article></main>
<footer><p>Was this article helpful? <button>Yes</button> <button>No</button></p></footer>
</body></html>`;
  return { title, locale, body, page };
}

/** The Zendesk Help Center API's answer for one article. */
export function zendeskArticle(r: Rendered, id: number): string {
  return JSON.stringify({
    article: {
      id,
      title: r.title,
      body: r.body,
      locale: r.locale === 'nb' ? 'nb-no' : 'en-gb',
      html_url: `https://help.example.com/hc/articles/${id}`,
      updated_at: '2026-01-15T10:00:00Z',
    },
  });
}
