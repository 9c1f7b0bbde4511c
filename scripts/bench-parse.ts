// `npm run bench:parse`: how long reading a guide takes, per guide: the five real articles (when
// ../shared/seeds is beside this checkout) and the project's guides, in their own formats and as HTML.
// Prints the median of several runs; the target is 20 ms or less a guide.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_GUIDES_DIR, loadGuides, parseGuide, readText } from '../lib/guide/index.ts';
import { formatOf } from '../lib/guide/parse.ts';

const HELP = `Usage: npm run bench:parse [-- --runs N]

Reads every guide N times (default 20) from memory (no disk in the timing) and prints the median parse
time per guide in milliseconds: the real articles in ../shared/seeds and the guides under guides/.
Every guide is read once before the timed runs; the very first read (the parser still compiling) is
printed on its own.
Target: 20 ms or less a guide.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 20;
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`bench:parse: --runs needs a whole number above 0\n\n${HELP}`);
  process.exit(2);
}

const inputs: { name: string; text: string; file: string; locale?: string }[] = [];
const seeds = path.resolve('../shared/seeds');
if (existsSync(seeds)) {
  for (const name of readdirSync(seeds)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const file = path.join(seeds, name);
    inputs.push({ name: `seed ${name}`, text: readFileSync(file, 'utf8'), file });
  }
} else console.log('(the real articles in ../shared/seeds are not beside this checkout: skipped)');
for (const guide of loadGuides({ dir: DEFAULT_GUIDES_DIR, manifest: '' }).values()) {
  inputs.push({ name: `guides ${guide.locale}/${guide.id}.md`, text: guide.source, file: guide.file });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const parse = (input: (typeof inputs)[number]) =>
  parseGuide(input.text, { file: input.file, format: formatOf(input.file) ?? 'markdown' });

// The first parse in a process also pays for compiling the parser (the JIT), whichever guide comes first:
// it is printed on its own, then every guide is read once before the timed runs.
const firstStart = performance.now();
if (inputs[0]) parse(inputs[0]);
const first = performance.now() - firstStart;
for (const input of inputs) parse(input);

let worst = 0;
console.log(`median of ${runs} runs, ms (after one warm-up read of every guide)`);
for (const input of inputs) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    parse(input);
    times.push(performance.now() - t0);
  }
  const m = median(times);
  worst = Math.max(worst, m);
  console.log(`${m.toFixed(2).padStart(8)}  ${input.name}`);
}
console.log(`first read in a fresh process (${inputs[0]?.name ?? 'none'}): ${first.toFixed(2)} ms`);
// The same documents as HTML (what a help centre exports): the HTML reader plus the rules.
console.log('as HTML (reader only):');
for (const input of inputs.slice(-5)) {
  const html = `<html><body><article><pre>${input.text.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</pre></article></body></html>`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    readText(html, 'x.html', 'html');
    times.push(performance.now() - t0);
  }
  console.log(`${median(times).toFixed(2).padStart(8)}  ${input.name} (html)`);
}
console.log(`slowest guide: ${worst.toFixed(2)} ms (target ≤ 20 ms)`);
