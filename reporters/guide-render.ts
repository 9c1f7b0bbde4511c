// Renders the report model: a self-contained HTML page (inline CSS, no scripts, no external assets, so
// it opens from disk), a Markdown summary for CI job pages, and a one-screen console table.
import type { ReportGuide, ReportModel, ReportQuote, ReportStep } from './guide-model.ts';
import type { StepStatus } from '../lib/guide/results.ts';

export const STATUS_LABEL: Record<StepStatus | 'invalid', string> = {
  passed: 'passed',
  drift: 'doc drift',
  broken: 'broken flow',
  uncovered: 'uncovered',
  'not-run': 'not run',
  unchecked: 'not checked',
  invalid: 'cannot be read',
};

const STATUS_HELP: Record<StepStatus, string> = {
  passed: 'the flow worked and every quoted word was on screen',
  drift: 'the flow worked, but words the guide quotes were not shown: the guide needs new words',
  broken: 'the actions of the step failed: the product (or the test) is broken, not necessarily the guide',
  uncovered: 'no test walks this step',
  'not-run': 'a test binds this step, but it did not get there in this run',
  unchecked: 'ran with GUIDEWRIGHT_CHECK=0: nothing was checked',
};

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CSS = `
:root { color-scheme: light; --ok:#1a7f37; --drift:#9a6700; --broken:#cf222e; --muted:#57606a; --line:#d0d7de; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 16px 24px; }
main { padding: 16px 24px; max-width: 1200px; }
h1 { font-size: 22px; margin: 0 0 6px; }
h2 { font-size: 18px; margin: 0; }
.meta { color: var(--muted); font-size: 13px; }
.badge { display: inline-block; border-radius: 10px; padding: 1px 9px; font-size: 12px; font-weight: 600; border: 1px solid transparent; white-space: nowrap; }
.s-passed { background: #dafbe1; color: var(--ok); border-color: #aceebb; }
.s-drift { background: #fff8c5; color: var(--drift); border-color: #eed888; }
.s-broken, .s-invalid { background: #ffebe9; color: var(--broken); border-color: #ffcecb; }
.s-uncovered, .s-not-run, .s-unchecked { background: #eaeef2; color: var(--muted); border-color: var(--line); }
section.guide { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 16px 0; padding: 14px 16px; }
.guide-head { display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
.counts { display: flex; gap: 6px; flex-wrap: wrap; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-top: 1px solid var(--line); }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
details > summary { cursor: pointer; }
.step-text { white-space: pre-wrap; background: #f6f8fa; border-radius: 6px; padding: 8px; margin: 6px 0; }
.q-found::before { content: "✓ "; color: var(--ok); font-weight: 700; }
.q-missing::before { content: "✗ "; color: var(--broken); font-weight: 700; }
.q-not-checkable::before, .q-unchecked::before { content: "– "; color: var(--muted); font-weight: 700; }
.quotes { list-style: none; padding-left: 0; margin: 4px 0; }
.quotes li { margin: 2px 0; }
.note, .sugg { color: var(--muted); font-size: 13px; }
pre.error { white-space: pre-wrap; background: #fff5f5; border: 1px solid #ffcecb; border-radius: 6px; padding: 8px; font-size: 12px; }
img.shot { max-width: 100%; border: 1px solid var(--line); border-radius: 6px; margin-top: 6px; }
.lint { background: #fff8c5; border: 1px solid #eed888; border-radius: 6px; padding: 6px 10px; margin: 8px 0; }
.lint ul { margin: 4px 0; padding-left: 18px; }
dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: 4px 10px; font-size: 13px; }
code { font-size: 13px; }
`;

/** What a shard's report says about itself: it is a part, not the whole. */
export function shardNote(model: ReportModel): string | undefined {
  if (!model.shard) return undefined;
  const { current, total } = model.shard;
  return `Shard ${current} of ${total}: this report covers only the ${model.guides.length} guide${model.guides.length === 1 ? '' : 's'} this shard walked; the merged report covers every shard.`;
}

const badge = (status: StepStatus | 'invalid', text = STATUS_LABEL[status]) =>
  `<span class="badge s-${status}">${escapeHtml(text)}</span>`;

function quoteHtml(q: ReportQuote): string {
  const kind = q.kind === 'ui' ? '' : ` <span class="note">(${escapeHtml(q.kind)})</span>`;
  const where =
    q.status === 'found' && q.surface && q.surface !== 'page'
      ? ` <span class="note">in ${q.surface}</span>`
      : '';
  const note = q.note ? ` <span class="note">— ${escapeHtml(q.note)}</span>` : '';
  const status =
    q.status === 'missing'
      ? ' <strong>not shown</strong>'
      : q.status === 'not-checkable'
        ? ' <span class="note">not checkable</span>'
        : '';
  const sugg =
    q.status === 'missing'
      ? `<div class="sugg">${
          q.suggestions && q.suggestions.length > 0
            ? `closest shown: ${q.suggestions.map((s) => `«${escapeHtml(s.text)}» (${s.score.toFixed(2)})`).join(', ')}`
            : 'nothing similar was shown'
        }</div>`
      : '';
  const edit = q.edit
    ? `<div class="sugg">suggested edit (in fixes.patch): line ${q.edit.line}: «${escapeHtml(q.edit.from)}» → «${escapeHtml(q.edit.to)}»</div>`
    : '';
  return `<li class="q-${q.status}">«${escapeHtml(q.text)}»${kind}${status}${where}${note}${sugg}${edit}</li>`;
}

function stepRow(guide: ReportGuide, step: ReportStep): string {
  const missing = step.quotes.filter((q) => q.status === 'missing').length;
  const found = step.quotes.filter((q) => q.status === 'found').length;
  const duration =
    step.durationMs === undefined
      ? '—'
      : `${(step.durationMs / 1000).toFixed(1)} s${step.overheadMs !== undefined ? `<div class="note">check ${step.overheadMs} ms</div>` : ''}`;
  const open = step.status === 'drift' || step.status === 'broken' ? ' open' : '';
  const shot = step.screenshot
    ? `<a href="${escapeHtml(step.screenshot)}"><img class="shot" loading="lazy" src="${escapeHtml(step.screenshot)}" alt="Screen at the end of ${escapeHtml(step.title)}"></a>`
    : '';
  const shows = step.pictureShows?.length
    ? `<div class="note">The picture shows: ${step.pictureShows.map((w) => `«${escapeHtml(w)}»`).join(', ')}</div>`
    : '';
  const pictureNote = step.pictureNote
    ? `<div class="note">Picture: ${escapeHtml(step.pictureNote)}</div>`
    : '';
  const axe = step.accessibility;
  const accessibility = !axe
    ? ''
    : axe.sameAs
      ? `<div class="note">Accessibility (axe): the same screen as step ${escapeHtml(axe.sameAs)}</div>`
      : axe.violations.length === 0
        ? `<div class="note">Accessibility (axe, WCAG 2.1 A/AA): no findings on ${escapeHtml(axe.url)}</div>`
        : `<div class="note">Accessibility (axe, WCAG 2.1 A/AA) on ${escapeHtml(axe.url)}:<ul>${axe.violations
            .map(
              (v) =>
                `<li><a href="${escapeHtml(v.helpUrl)}"><code>${escapeHtml(v.id)}</code></a> (${escapeHtml(v.impact ?? 'unrated')}): ${escapeHtml(v.help)}; ${v.nodes} element(s), e.g. <code>${escapeHtml(v.targets[0] ?? '')}</code></li>`,
            )
            .join('')}</ul></div>`;
  const trace = step.trace
    ? `<div class="note">Trace: <a href="${escapeHtml(step.trace)}"><code>${escapeHtml(step.trace)}</code></a> (open with <code>npx playwright show-trace ${escapeHtml(step.trace)}</code> in this folder)</div>`
    : '';
  const tests = step.tests.length
    ? `<div class="note">Walked by: ${step.tests.map((t) => `${escapeHtml(t.title)} <code>${escapeHtml(t.file)}:${t.line}</code> [${escapeHtml(t.project)}]`).join('; ')}</div>`
    : '';
  const error = step.error ? `<pre class="error">${escapeHtml(step.error)}</pre>` : '';
  const mails = (step.mails ?? [])
    .map((m) => {
      const bad = m.links.filter((l) => !l.ok);
      const links = `${m.links.length} link${m.links.length === 1 ? '' : 's'} checked${bad.length ? `, broken: ${bad.map((l) => `${l.url} (${l.status || 'no answer'})`).join(', ')}` : ', all answer'}`;
      const html = m.html ? `; HTML check ${m.html.supported}% supported, ${m.html.warnings} warning(s)` : '';
      return `<div class="note">Mail "${escapeHtml(m.subject)}": ${escapeHtml(links + html)}</div>`;
    })
    .join('');
  const reason = step.reason ? `<div class="note">Not walked: ${escapeHtml(step.reason)}</div>` : '';
  return `<tr id="${escapeHtml(`${guide.locale}-${guide.id}-${step.id}`)}">
<td>${badge(step.status)}</td>
<td><details${open}><summary>${escapeHtml(step.title)}${step.optional && !/optional|valgfri/i.test(step.title) ? ' <span class="note">(optional)</span>' : ''}</summary>
<div class="step-text">${escapeHtml(step.text)}</div>
${step.quotes.length ? `<ul class="quotes">${step.quotes.map(quoteHtml).join('')}</ul>` : '<div class="note">This step quotes nothing.</div>'}
${reason}${error}${mails}${shot}${shows}${pictureNote}${accessibility}${trace}${tests}
<div class="note">${escapeHtml(guide.file)}, line ${step.line}</div>
</details></td>
<td>${found}/${step.quotes.length}${missing ? ` <strong>(${missing} missing)</strong>` : ''}</td>
<td>${duration}</td>
</tr>`;
}

function guideSection(guide: ReportGuide): string {
  const counts = Object.entries(guide.counts)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => badge(s as StepStatus, `${n} ${STATUS_LABEL[s as StepStatus]}`))
    .join(' ');
  const lint = guide.lint.length
    ? `<div class="lint"><strong>Guide lint</strong><ul>${guide.lint
        .map(
          (f) =>
            `<li>line ${f.line}${f.stepId ? ` (step ${escapeHtml(f.stepId)})` : ''}: ${escapeHtml(f.message)}</li>`,
        )
        .join('')}</ul></div>`
    : '';
  const unknown = guide.unknownSteps.length
    ? `<pre class="error">${guide.unknownSteps.map((u) => escapeHtml(`${u.test}: ${u.message}`)).join('\n')}</pre>`
    : '';
  const body = guide.parseError
    ? `<pre class="error">${escapeHtml(guide.parseError)}</pre>`
    : `<table><thead><tr><th>Status</th><th>Step</th><th>Quoted words shown</th><th>Duration</th></tr></thead><tbody>
${guide.steps.map((s) => stepRow(guide, s)).join('\n')}
</tbody></table>`;
  return `<section class="guide" id="${escapeHtml(`${guide.locale}-${guide.id}`)}">
<div class="guide-head"><h2>${escapeHtml(guide.title)}</h2>${guideBadge(guide)}
<span class="meta"><code>${escapeHtml(guide.id)}</code> · ${escapeHtml(guide.locale || '?')} · <code>${escapeHtml(guide.file)}</code>${guide.start ? ` · starts in ${escapeHtml(guide.start)}` : ''}</span></div>
<div class="counts">${counts}</div>
${lint}${unknown}${body}
</section>`;
}

/** "passed" for a guide with unwalked steps would overstate it: say how much was walked. */
export function guideStatusLabel(g: ReportGuide): string {
  const walked = g.steps.length - g.counts.uncovered;
  return g.status === 'passed' && g.counts.uncovered > 0
    ? `passed, ${walked}/${g.steps.length} steps walked`
    : STATUS_LABEL[g.status];
}

function guideBadge(g: ReportGuide): string {
  return badge(g.status, guideStatusLabel(g));
}

function toc(model: ReportModel): string {
  if (model.guides.length < 2) return '';
  const rows = model.guides
    .map((g) => {
      const c = g.counts;
      return `<tr><td><a href="#${escapeHtml(`${g.locale}-${g.id}`)}">${escapeHtml(g.title)}</a> <span class="note">${escapeHtml(g.locale)}</span></td><td>${guideBadge(g)}</td><td>${c.passed}</td><td>${c.drift}</td><td>${c.broken}</td><td>${c.uncovered}</td><td>${c['not-run']}</td><td>${g.lint.length}</td></tr>`;
    })
    .join('');
  return `<section class="guide"><table><thead><tr><th>Guide</th><th>Status</th><th>Passed</th><th>Doc drift</th><th>Broken flow</th><th>Uncovered</th><th>Not run</th><th>Lint</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

export function renderHtml(model: ReportModel): string {
  const totals = Object.entries(model.totals)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => badge(s as StepStatus, `${n} ${STATUS_LABEL[s as StepStatus]}`))
    .join(' ');
  const legend = (Object.keys(STATUS_HELP) as StepStatus[])
    .map((s) => `<dt>${badge(s)}</dt><dd>${escapeHtml(STATUS_HELP[s])}</dd>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Guide check – ${escapeHtml(model.generatedAt.slice(0, 16).replace('T', ' '))}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Guide check</h1>
<div class="meta">Generated ${escapeHtml(model.generatedAt)} · run ${escapeHtml(model.runStatus)}${model.checking ? '' : ' · <strong>checking was off (GUIDEWRIGHT_CHECK=0)</strong>'}</div>
${shardNote(model) ? `<p class="lint">${escapeHtml(shardNote(model)!)}</p>` : ''}
<div class="counts">${totals || '<span class="note">no steps</span>'}</div>
<details><summary>What the statuses mean</summary><dl class="legend">${legend}</dl></details>
</header>
<main>
${toc(model)}
${model.guides.map(guideSection).join('\n') || '<p>No guides were found.</p>'}
</main>
</body>
</html>
`;
}

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n+/g, ' ');

export function renderMarkdown(model: ReportModel, reportPath = 'reports/guides/index.html'): string {
  const t = model.totals;
  const out: string[] = [];
  out.push(
    `## Guide check${model.shard ? ` (shard ${model.shard.current}/${model.shard.total})` : ''}: ${t.passed} passed, ${t.drift} doc drift, ${t.broken} broken flow, ${t.uncovered} uncovered, ${t['not-run']} not run`,
    '',
    ...(model.shard ? [`_${shardNote(model)}_`, ''] : []),
    '| Guide | Locale | Status | Passed | Doc drift | Broken flow | Uncovered | Not run | Lint |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const g of model.guides) {
    const c = g.counts;
    out.push(
      `| ${md(g.id)} | ${g.locale} | ${guideStatusLabel(g)} | ${c.passed} | ${c.drift} | ${c.broken} | ${c.uncovered} | ${c['not-run']} | ${g.lint.length} |`,
    );
  }
  const problems = (status: 'drift' | 'broken', heading: string) => {
    const rows = model.guides.flatMap((g) =>
      g.steps
        .filter((s) => s.status === status)
        .map((s) => {
          const missing = s.quotes.filter((q) => q.status === 'missing');
          const words = missing
            .map(
              (q) =>
                `guide says «${md(q.text)}»; ${
                  q.suggestions?.length
                    ? `closest shown: ${q.suggestions.map((x) => `«${md(x.text)}» (${x.score.toFixed(2)})`).join(', ')}`
                    : 'nothing similar was shown'
                }`,
            )
            .join('; ');
          return `- **${md(g.id)}** (${g.locale}) ${md(s.title)}${words ? ` — ${words}` : ''}`;
        }),
    );
    if (rows.length) out.push('', `### ${heading}`, '', ...rows);
  };
  problems('drift', 'Doc drift: the guide’s words are stale');
  problems('broken', 'Broken flow: the steps themselves failed');
  const invalid = model.guides.filter((g) => g.parseError);
  if (invalid.length)
    out.push('', '### Guides that cannot be read', '', ...invalid.map((g) => `- ${md(g.parseError!)}`));
  const lint = model.guides.flatMap((g) =>
    g.lint.map((f) => `- **${md(g.id)}** ${md(f.file)}:${f.line}: ${md(f.message)}`),
  );
  if (lint.length) out.push('', '### Guide lint', '', ...lint);
  out.push('', `Full report: \`${reportPath}\``, '');
  return out.join('\n');
}

/** The one-screen table printed at the end of a run. */
export function renderTable(model: ReportModel, reportPath: string): string {
  const head = ['guide', 'locale', 'status', 'passed', 'drift', 'broken', 'uncovered', 'not run', 'lint'];
  const rows = model.guides.map((g) => [
    g.id.length > 34 ? `${g.id.slice(0, 33)}…` : g.id,
    g.locale,
    guideStatusLabel(g),
    String(g.counts.passed),
    String(g.counts.drift),
    String(g.counts.broken),
    String(g.counts.uncovered),
    String(g.counts['not-run']),
    String(g.lint.length),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const t = model.totals;
  return [
    '',
    model.shard ? `Guide check — ${shardNote(model)}` : 'Guide check',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `steps: ${t.passed} passed, ${t.drift} doc drift, ${t.broken} broken flow, ${t.uncovered} uncovered, ${t['not-run']} not run`,
    `report: ${reportPath}`,
    '',
  ].join('\n');
}
