// The guide toolkit: parse guides, match their quoted words against what was shown, lint them, load them.
export * from './types.ts';
export { parseGuide, formatOf, readText, type ParseOptions } from './parse.ts';
export { buildGuide, bindableSteps, INTRO_STEP_ID, KNOWN_APP_NAMES, type RuleOptions } from './rules.ts';
export { GUIDE_WORDS, type GuideWords } from './words.ts';
export type { DocModel, Block, Inline } from './model.ts';
export {
  readGuideSource,
  readGuideFile,
  readGuideBytes,
  MAX_GUIDE_BYTES,
  isUrl,
  type SourceOptions,
} from './source.ts';
export {
  defineGuides,
  readManifest,
  applyBinding,
  ManifestError,
  type GuideEntry,
  type GuideManifest,
  type StepRef,
} from './manifest.ts';
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
  readGuideSet,
  manifestFor,
  GUIDE_FILE_RE,
  writeGuideCopy,
  baseLocale,
  DEFAULT_GUIDES_DIR,
  type LoadOptions,
  type GuideSet,
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
