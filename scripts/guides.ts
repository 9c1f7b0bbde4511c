// `npm run guides`: walks every guide spec (tests/guides/<guide-id>.spec.ts) against the configured target
// and writes the reports under reports/. Options pick a subset; anything else goes to Playwright as is.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfigOrExit } from '../lib/config.ts';
import { isLocale, LOCALES } from '../lib/locale.ts';

const HELP = `Usage: npm run guides [-- options]

Walks each help guide step by step in a real browser against the target in .env (the sandbox by
default), checks the words every step quotes, and writes reports/html, reports/junit.xml and
reports/guides/.

Options:
  --guide <id>      only this guide (repeatable); ids are the spec names in tests/guides/
  --locale <${LOCALES.join('|')}>  only the guides in this language
  --manifest <file> walk the guides a guide manifest lists (real articles in their own format, bound
                    to the specs; see guides.config.ts) instead of guides/ (same as GUIDES_MANIFEST)
  --help            this text
Anything else is passed to Playwright, e.g. --headed, --workers=1, --repeat-each=3.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}

const config = loadConfigOrExit();
const specDir = path.resolve('tests/guides');
const specs = existsSync(specDir) ? readdirSync(specDir).filter((f) => f.endsWith('.spec.ts')) : [];
const known = specs.map((f) => f.replace(/\.spec\.ts$/, ''));

const guides: string[] = [];
const locales: string[] = [];
let manifest: string | undefined;
const rest: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
  if (flag === '--manifest') {
    manifest = inline ?? args[++i];
    if (!manifest || !existsSync(manifest)) {
      console.error(
        `guidewright: --manifest needs a guide manifest file (got "${manifest ?? ''}").\n\n${HELP}`,
      );
      process.exit(2);
    }
    manifest = path.resolve(manifest);
  } else if (flag === '--guide' || flag === '--locale') {
    const value = inline ?? args[++i];
    if (!value) {
      console.error(`guidewright: ${flag} needs a value.\n\n${HELP}`);
      process.exit(2);
    }
    (flag === '--guide' ? guides : locales).push(value);
  } else rest.push(arg);
}

for (const locale of locales) {
  if (!isLocale(locale)) {
    console.error(`guidewright: unknown --locale "${locale}"; the guides exist in: ${LOCALES.join(', ')}.`);
    process.exit(2);
  }
}
for (const id of guides) {
  if (!known.includes(id)) {
    console.error(`guidewright: no guide spec "${id}". Known guides: ${known.join(', ') || '(none yet)'}.`);
    process.exit(2);
  }
}

if (specs.length === 0) {
  console.log(
    'guidewright: there are no guide specs yet (tests/guides/*.spec.ts); the run will report 0 guides.',
  );
}

const projects = (locales.length ? locales : LOCALES).map((l) => `--project=guides-${l}`);
const files = guides.map((id) => path.join('tests', 'guides', `${id}.spec.ts`));
console.log(
  `guidewright: walking ${guides.length ? guides.join(', ') : 'all guides'} ` +
    `(${(locales.length ? locales : LOCALES).join(', ')})${manifest ? ` from ${path.relative(process.cwd(), manifest)}` : ''} against ${config.target} (${config.urls.connect})`,
);

const result = spawnSync(
  'npx',
  ['playwright', 'test', ...projects, '--pass-with-no-tests', ...files, ...rest],
  {
    stdio: 'inherit',
    ...(manifest ? { env: { ...process.env, GUIDES_MANIFEST: manifest } } : {}),
  },
);
console.log('guidewright: reports in reports/html (Playwright), reports/junit.xml and reports/guides/.');
process.exit(result.status ?? 1);
