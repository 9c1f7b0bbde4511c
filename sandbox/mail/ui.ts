// The small web page at / : a list of messages (newest first), a search box, and one message opened.
// Everything that came from a message is escaped; the HTML body is shown in a sandboxed iframe.
import type { ListItem } from './store.ts';
import type { AttachmentInfo } from './parse.ts';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const who = (a: { Name: string; Address: string } | null | undefined): string =>
  a ? (a.Name ? `${a.Name} <${a.Address}>` : a.Address) : '';

export interface PageModel {
  query: string;
  error: string;
  selected: string | null;
  page: { items: ListItem[]; count: number; unread: number };
  open?: { item: ListItem; text: string; hasHtml: boolean; attachments: Array<{ info: AttachmentInfo }> };
}

export function renderPage(m: PageModel): string {
  const e = escapeHtml;
  const q = m.query ? `&q=${encodeURIComponent(m.query)}` : '';
  const rows = m.page.items
    .map(
      (i) => `<tr${i.Read ? '' : ' class="unread"'}>
  <td>${e(who(i.From))}</td>
  <td>${e(i.To.map(who).join(', '))}</td>
  <td><a href="/?id=${encodeURIComponent(i.ID)}${q}">${e(i.Subject || '(no subject)')}</a></td>
  <td><time datetime="${e(i.Created)}">${e(i.Created.replace('T', ' ').slice(0, 19))} UTC</time></td>
</tr>`,
    )
    .join('\n');
  let detail = '';
  if (m.open) {
    const { item, text, hasHtml, attachments } = m.open;
    const id = encodeURIComponent(item.ID);
    const files = attachments
      .map(
        (a) =>
          `<li><a href="/api/v1/message/${id}/part/${encodeURIComponent(a.info.PartID)}">${e(a.info.FileName || a.info.ContentType)}</a> (${a.info.Size} bytes)</li>`,
      )
      .join('');
    detail = `<section aria-labelledby="subject">
<h2 id="subject">${e(item.Subject || '(no subject)')}</h2>
<dl>
  <dt>From</dt><dd>${e(who(item.From))}</dd>
  <dt>To</dt><dd>${e(item.To.map(who).join(', '))}</dd>
  ${item.Cc.length ? `<dt>Cc</dt><dd>${e(item.Cc.map(who).join(', '))}</dd>` : ''}
  <dt>Received</dt><dd>${e(item.Created)}</dd>
</dl>
<p><a href="/api/v1/message/${id}/raw">Source</a> · <a href="/view/${id}.txt">Text</a>${hasHtml ? ` · <a href="/view/${id}.html">HTML</a>` : ''}</p>
${files ? `<h3>Attachments</h3><ul>${files}</ul>` : ''}
${hasHtml ? `<iframe title="HTML body" src="/view/${id}.html?embed=1" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>` : ''}
<h3>Text</h3>
<pre>${e(text)}</pre>
</section>`;
  } else if (m.selected) {
    detail = '<p role="alert">That message does not exist (any more).</p>';
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Mail sink · guidewright sandbox</title>
<style>
body { font: 15px/1.4 system-ui, sans-serif; margin: 1rem 2rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
tr.unread td { font-weight: 600; }
iframe { width: 100%; height: 28rem; border: 1px solid #ccc; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: .5rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dd { margin: 0; }
</style>
</head>
<body>
<header>
<h1><a href="/">Mail sink</a></h1>
<p>${m.page.count} message${m.page.count === 1 ? '' : 's'}, ${m.page.unread} unread. Mailpit-compatible API at <code>/api/v1</code>.</p>
<form method="get" action="/" role="search">
<label for="q">Search</label> <input id="q" name="q" value="${e(m.query)}" placeholder="to:someone@example.test subject:Welcome">
<button type="submit">Search</button>
</form>
${m.error ? `<p role="alert">${e(m.error)}</p>` : ''}
</header>
<main>
${detail}
<table>
<thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Received</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="4">No messages.</td></tr>'}
</tbody>
</table>
</main>
</body>
</html>`;
}
