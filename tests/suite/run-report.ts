// The guide report's model of one recorded guide run, as reporters/guide.ts would build it after a run:
// for suite tests that walk a step on a self-made page and then read what the report says about it.
import { loadGuide, type GuideRunAttachment } from '../../lib/guide/index.ts';
import { buildModel, type ReportModel } from '../../reporters/guide-model.ts';

export function modelOfRun(
  run: GuideRunAttachment | undefined,
  o: { guideDir?: string; outcome: 'passed' | 'failed' },
): ReportModel {
  if (!run) throw new Error('no guide run recorded');
  const guide = loadGuide(run.guide.id, o.guideDir ? { dir: o.guideDir } : {});
  return buildModel({
    guides: [guide],
    invalid: [],
    runs: [
      {
        run,
        test: { title: 'suite', file: 'x', line: 1, project: 'suite', outcome: o.outcome },
        screenshots: {},
      },
    ],
    bound: new Map(),
    lint: () => [],
    runStatus: o.outcome,
    now: new Date(),
  });
}
