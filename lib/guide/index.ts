// The guide toolkit: parse guides, match their quoted words against what was shown, lint them, load them.
export * from './types.ts';
export { parseGuide, bindableSteps, INTRO_STEP_ID, KNOWN_APP_NAMES, type ParseOptions } from './parse.ts';
export {
  normalize,
  containsNormalized,
  isShown,
  similarity,
  closest,
  describeMissing,
  type Suggestion,
} from './match.ts';
export { lintGuide, type LintFinding, type LintOptions, type LintRule } from './lint.ts';
export {
  loadGuides,
  loadGuide,
  loadGuideFile,
  writeGuideCopy,
  baseLocale,
  DEFAULT_GUIDES_DIR,
  type LoadOptions,
  type GuideCopyOptions,
} from './load.ts';
export { hostMapFor, startUrl, mapUrl, type TargetUrls } from './hosts.ts';
export { findDates, isDate } from './dates.ts';
export { redact } from './redact.ts';
export * from './results.ts';
export {
  checkStep,
  driftMessage,
  DocDriftError,
  DRIFT_PREFIX,
  type Observed,
  type CheckOptions,
} from './check.ts';
