// The CI templates parse as YAML and hold what a sharded run needs. GitHub's workflow is checked against
// the workflow schema that @action-validator/core carries. No package of the registry carries GitLab's
// schema for offline use, so the GitLab file is checked against a zod schema of the keywords it uses
// (GitLab's own rules for them: stages, parallel 1-200, needs, artifacts, cache, when) plus what guidewright
// needs of it.
import { readFileSync } from 'node:fs';
import { validateWorkflow } from '@action-validator/core';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { z } from 'zod';

const github = readFileSync('.github/workflows/guides.yml', 'utf8');
const gitlab = readFileSync('.gitlab-ci.yml', 'utf8');

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

test('the GitHub workflow passes the workflow schema, and a broken one does not', () => {
  expect(validateWorkflow(github).errors).toEqual([]);
  // The validator is not a yes-machine: a job without runs-on, or a timeout in words, is refused.
  expect(
    validateWorkflow(github.replace('timeout-minutes: 30', 'timeout-minutes: thirty')).errors,
  ).not.toEqual([]);
  expect(validateWorkflow(github.replace(/^ {4}runs-on: .*$/gm, '')).errors).not.toEqual([]);
});

test('the GitHub workflow shards, keeps the blobs, merges them and keeps both reports', () => {
  const wf = parse(github) as {
    jobs: Record<
      string,
      { needs?: string[]; if?: string; strategy?: { matrix: { shard: number[] } }; steps: Step[] }
    >;
  };
  const shardJob = wf.jobs.guides!;
  const shards = shardJob.strategy!.matrix.shard;
  expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
  const walk = shardJob.steps.find((s) => s.run?.includes('npm run guides'))!;
  expect(walk.run).toBe(`npm run guides -- --shard=\${{ matrix.shard }}/${shards.length}`);
  expect(shardJob.steps.some((s) => s.run?.includes('playwright install --with-deps chromium'))).toBe(true);
  expect(shardJob.steps.find((s) => s.uses?.startsWith('actions/setup-node'))!.with).toMatchObject({
    cache: 'npm',
  });
  const upload = shardJob.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
  expect(upload.with!.path).toBe('reports/blob');
  expect(upload.if).toBe('${{ !cancelled() }}');

  const report = wf.jobs.report!;
  expect(report.needs).toEqual(['guides']);
  expect(report.if).toBe('${{ !cancelled() }}');
  const download = report.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!;
  expect(download.with).toMatchObject({ pattern: 'blob-report-*', 'merge-multiple': true });
  expect(report.steps.find((s) => s.run?.includes('--merge'))!.run).toBe(
    `npm run guides -- --merge ${download.with!.path as string}`,
  );
  const kept = report.steps
    .filter((s) => s.uses?.startsWith('actions/upload-artifact'))
    .map((s) => s.with!.path);
  expect(kept).toEqual(['reports/guides', 'reports/html']);
});

const when = z.enum(['on_success', 'on_failure', 'always', 'manual', 'delayed', 'never']);
const job = z
  .object({
    stage: z.string().optional(),
    extends: z.union([z.string(), z.array(z.string())]).optional(),
    image: z.string().optional(),
    script: z.array(z.string()).min(1).optional(),
    before_script: z.array(z.string()).optional(),
    parallel: z.number().int().min(1).max(200).optional(),
    when: when.optional(),
    timeout: z
      .string()
      .regex(/^\d+ (minutes?|hours?)$/)
      .optional(),
    interruptible: z.boolean().optional(),
    needs: z
      .array(z.union([z.string(), z.object({ job: z.string(), artifacts: z.boolean().optional() }).strict()]))
      .optional(),
    cache: z
      .object({
        key: z.union([z.string(), z.object({ files: z.array(z.string()).min(1).max(2) }).strict()]),
        paths: z.array(z.string()).min(1),
      })
      .strict()
      .optional(),
    artifacts: z
      .object({
        when: when.optional(),
        expire_in: z.string().optional(),
        expose_as: z
          .string()
          .regex(/^[\w\- ]+$/)
          .optional(),
        paths: z.array(z.string()).min(1),
        reports: z
          .object({ junit: z.union([z.string(), z.array(z.string())]) })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
const pipeline = z
  .object({
    stages: z.array(z.string()).min(1),
    default: z.object({ image: z.string(), interruptible: z.boolean().optional() }).strict(),
    variables: z.record(z.string(), z.string()),
  })
  .catchall(job);

test('the GitLab file passes the schema of the keywords it uses, and a broken one does not', () => {
  const ci = pipeline.parse(parse(gitlab));
  const jobs = Object.entries(ci).filter(([name]) => !['stages', 'default', 'variables'].includes(name));
  for (const [name, j] of jobs as [string, z.infer<typeof job>][]) {
    if (name.startsWith('.')) continue; // a template, only extended
    expect(ci.stages, name).toContain(j.stage);
    expect(j.script, name).toBeDefined();
    for (const parent of [j.extends ?? []].flat()) expect(Object.keys(ci), name).toContain(parent);
  }
  expect(pipeline.safeParse(parse(gitlab.replace('parallel: 2', 'parallel: 500'))).success).toBe(false);
  expect(pipeline.safeParse(parse(gitlab.replace('when: always', 'when: sometimes'))).success).toBe(false);
  expect(
    pipeline.safeParse(parse(gitlab.replace('paths:\n      - reports/blob/', 'path: reports/blob/'))).success,
  ).toBe(false);
});

test('the GitLab file shards with parallel:, keeps the blobs, merges them and keeps both reports', () => {
  const ci = parse(gitlab) as Record<string, z.infer<typeof job>> & { default: { image: string } };
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
    packages: Record<string, { version: string }>;
  };
  // The image's browsers belong to this Playwright version.
  expect(ci.default.image).toContain(`:v${lock.packages['node_modules/@playwright/test']!.version}-`);
  expect(ci.guides!.parallel).toBe(2);
  expect(ci.guides!.script).toEqual(['npm run guides -- --shard=$CI_NODE_INDEX/$CI_NODE_TOTAL']);
  expect(ci.guides!.artifacts).toMatchObject({ when: 'always', paths: ['reports/blob/'] });
  const report = ci['guide-report']!;
  expect(report.when).toBe('always');
  expect(report.needs).toEqual([{ job: 'guides', artifacts: true }]);
  expect(report.script).toEqual(['npm run guides -- --merge reports/blob']);
  expect(report.artifacts).toMatchObject({
    when: 'always',
    paths: ['reports/guides/', 'reports/html/'],
    reports: { junit: 'reports/junit.xml' },
  });
});
