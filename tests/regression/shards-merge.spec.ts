// Issue 15's acceptance: the guides as 2 shards side by side (each with a sandbox, reports and blob report
// of its own), merged with Playwright's merge-reports, give the guide report a single run gives: the same
// status for every step of every guide, and the same pictures. Every step of every guide of both languages
// is walked; Playwright's sharding splits their tests across the two shards. The variants that walk the same
// steps again by another path (the key typed by hand, later sign-ins, …) are left to the guide projects:
// they add nothing a merge can get wrong that the tests walked here do not show, and each costs a walk twice.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { readGuideSet } from '../../lib/guide/index.ts';
import {
  compareGuideReports,
  ownSandboxPorts,
  runGuides,
  runSharded,
  type RunResult,
} from '../../lib/shard-run.ts';

/** Every href and src of a report page that points inside the report (no scheme, no #anchor). */
function localLinks(html: string): string[] {
  return [...html.matchAll(/\b(?:href|src)="([^"#:]+)"/g)].map((m) => m[1]!);
}

const tail = (r: RunResult) => `${r.label} exited ${r.exitCode}:\n${r.log.slice(-2500)}`;

/** Tests whose steps another test walks too; "every step passed" below fails if one walked a step alone. */
const VARIANTS = [
  'key typed by hand',
  'without a phone number',
  'later visits: email address',
  'Visma Authenticator',
  'troubleshooting',
];
const ONLY_COVERING = ['--grep-invert', VARIANTS.join('|')];

test('2 shards + merge-reports give the guide report of a single run', async () => {
  test.setTimeout(25 * 60_000);
  const work = mkdtempSync(path.join(tmpdir(), 'gw-shards-'));
  try {
    const sharded = await runSharded(ONLY_COVERING, 2, path.join(work, 'sharded'));
    for (const shard of sharded.shards) expect(shard.exitCode, tail(shard)).toBe(0);
    expect(sharded.merge.exitCode, tail(sharded.merge)).toBe(0);

    // Each shard's own summary covers its part and says so.
    for (const [i, shard] of sharded.shards.entries()) {
      const summary = readFileSync(path.join(shard.reportsDir, 'guides', 'summary.md'), 'utf8');
      expect(summary).toContain(`## Guide check (shard ${i + 1}/2)`);
      expect(summary).toMatch(/covers only the \d+ guides? this shard walked/);
    }

    const single = await runGuides(
      'one run',
      [...ONLY_COVERING, '--workers=1', `--output=${path.join(work, 'single', 'test-results')}`],
      await ownSandboxPorts(),
      path.join(work, 'single'),
    );
    expect(single.exitCode, tail(single)).toBe(0);

    const merged = path.join(sharded.merge.reportsDir, 'guides');
    const { differences, pictures } = compareGuideReports(merged, path.join(single.reportsDir, 'guides'));
    expect(differences).toEqual([]);
    // Every walked step of every guide has its picture in both, of the same size; what differs is what a
    // run makes up (the user's address and name), never most of the screen.
    const report = JSON.parse(readFileSync(path.join(merged, 'results.json'), 'utf8')) as {
      shard?: unknown;
      guides: {
        id: string;
        locale: string;
        steps: {
          id: string;
          status: string;
          screenshot?: string;
          pictureShows?: string[];
          pictureNote?: string;
        }[];
      }[];
    };
    expect(report.shard).toBeUndefined();
    // Every guide of the project is in the merged report.
    const project = readGuideSet({}).guides.map((g) => `${g.locale}/${g.id}`);
    expect(project.length).toBeGreaterThan(1);
    expect(report.guides.map((g) => `${g.locale}/${g.id}`).sort()).toEqual(project.sort());
    const steps = report.guides.flatMap((g) => g.steps);
    const walked = steps.filter((s) => s.status === 'passed');
    expect(walked, 'every step of every guide passed').toHaveLength(steps.length);
    expect(pictures.size).toBe(walked.filter((s) => s.screenshot).length);
    expect(pictures.size).toBeGreaterThan(0);
    // A step that walks several screens is pictured at the screen showing most of its words; which of
    // its screens the camera caught depends on timing (issue 13 keeps that open), so two runs may picture
    // another screen of such a step. All but a few pictures must agree; the rest are named.
    const other = [...pictures].filter(([, p]) => p.differing >= 0.1).map(([step]) => step);
    expect(other.length, `pictured another screen: ${other.join(', ')}`).toBeLessThanOrEqual(3);
    // Each step's picture shows at least one of its quoted words, or the report says why it cannot (a step
    // about a mail or an address, or one with no page open); never "none was on screen".
    for (const g of report.guides)
      for (const s of g.steps) {
        const where = `${g.locale}/${g.id} step ${s.id}`;
        if (s.pictureShows?.length) continue;
        expect(s.pictureNote, where).toMatch(/about a mail|quotes no words of a screen|no page was open/);
      }

    // The merged report is self-contained: every link in it points to a file inside it.
    const html = readFileSync(path.join(merged, 'index.html'), 'utf8');
    const links = localLinks(html);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(path.resolve(merged, link).startsWith(merged + path.sep), link).toBe(true);
      expect(() => readFileSync(path.resolve(merged, decodeURIComponent(link))), link).not.toThrow();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
