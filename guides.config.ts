// The guide manifest helper. A manifest lists the guides under test as doc writers publish them (a help
// centre's HTML export, a Zendesk article's JSON, a text export; PDFs and URLs through `npm run
// guide:lint`), and binds each to the spec that walks it. Write one as a file of its own:
//
//   import { defineGuides } from '../guides.config.ts';
//   export default defineGuides([
//     { id: 'portal-first-login', locale: 'en', source: 'exports/first-login.html', start: 'portal',
//       bind: { '1': { text: 'Activate account' } }, uncovered: { '7': 'why no spec walks it' } },
//   ]);
//
// and walk it with `npm run guides -- --manifest <file>` (or GUIDES_MANIFEST=<file>). Sources are relative
// to the manifest file. Without a manifest the guides are guides/<locale>/*.md with front matter.
export { defineGuides, type GuideEntry, type GuideManifest, type StepRef } from './lib/guide/manifest.ts';
