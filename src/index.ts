/**
 * The public library API of pyproject-manifest: what build backends, other tools and our own CLI
 * import. Named re-exports only. Everything not listed here is internal and may change.
 */
export { generateManifest, walkProject } from './api/generate.js';
export type { GenerateOptions, GenerateResult, ProjectListings } from './api/generate.js';
export { validateTree } from './api/validate.js';
export type { ValidateOptions, ValidateResult } from './api/validate.js';
export { validateArchives } from './api/validate-archives.js';
export type {
  ValidateArchivesOptions,
  ValidateArchivesResult,
  ArchiveResult,
} from './api/validate-archives.js';
export { readArchive, sniffArchive } from './archive/open.js';
export { checkArchive } from './archive/check.js';
export type { CheckArchiveOptions } from './archive/check.js';
export { hashTreeFiles } from './archive/hash-tree.js';
export type { ArchiveEntry, ArchiveListing, RecordRow } from './archive/types.js';
export { updateManifest } from './api/update.js';
export type { UpdateOptions, UpdateResult, SectionChange } from './api/update.js';
export { diffManifest } from './api/diff.js';
export type { DiffOptions, DiffResult } from './api/diff.js';
export { listFiles } from './api/ls.js';
export { explainPaths } from './api/explain.js';
export type { ExplainOptions, ExplainResult } from './api/explain.js';
export { explainPath } from './rules/explain.js';
export type {
  ExplainFacts,
  ExplainStep,
  PathExplanation,
  PathKind,
  TargetExplanation,
  TargetFacts,
  WalkDecision,
} from './rules/explain.js';
export { initProject } from './api/init.js';
export type { InitOptions, InitResult } from './api/init.js';
export { HATCH_HOOK_FILE } from './api/hatch-hook.js';
export type { HatchHookPlan } from './api/hatch-hook.js';
export { initFromArchives } from './api/init-archives.js';
export { EXPORT_BACKENDS, exportManifest } from './api/export.js';
export type { ExportManifestResult, ExportOptions } from './api/export.js';
export type { InitArchivesOptions, InitArchivesResult } from './api/init-archives.js';
export { inferRules } from './rules/infer.js';
export { inferFromArchives } from './rules/infer-archive.js';
export type {
  ArchiveContents,
  ArchiveInference,
  ArchiveMember,
  InferArchiveInput,
} from './rules/infer-archive.js';
export type { Inference, InferInput } from './rules/infer.js';
export type { ListOptions } from './api/ls.js';
export { loadProject } from './api/project.js';
export type { LoadedProject, ProjectOptions } from './api/project.js';
export { readCommittedManifest } from './api/read-manifest.js';
export type { CommittedManifest } from './api/read-manifest.js';

export { parseManifest } from './manifest/parse.js';
export { formatManifest, formatEntry } from './manifest/format.js';
export { compareManifests } from './manifest/compare.js';
export { checkManifest, checkCanonical } from './manifest/check.js';
export { comparePaths } from './manifest/order.js';
export type {
  Target,
  EntryKind,
  ManifestEntry,
  ModEntry,
  AltEntry,
  SourcedEntry,
  DirEntry,
  GenEntry,
  Manifest,
  RuleRef,
  TreeFile,
  TreeListing,
  IgnoredPath,
  Finding,
  FindingCode,
  FindingGroup,
  Severity,
} from './manifest/types.js';

export { parseRulesConfig } from './rules/config.js';
export type {
  RulesConfig,
  TargetRules,
  WheelRules,
  PatternSource,
  ProjectInfo,
} from './rules/config.js';
export { expandRules } from './rules/expand.js';
export type { ExpandInputs, ExpandResult, TargetInputs, WheelScope } from './rules/expand.js';
export { walkTree, walkTreeAsync } from './tree/walk.js';
export type { WalkOptions, AsyncWalkOptions } from './tree/walk.js';
export { findProjectRoot, DEFAULT_MANIFEST_FILE } from './tree/project.js';

export { ManifestError, ManifestErrors, CODES } from './errors.js';
export type { ErrorCode, Code, CodeInfo, ManifestErrorInit } from './errors.js';
export {
  describeFinding,
  describeFindingMessage,
  describeGroup,
  describeGroupMessage,
  describeError,
  docsAnchor,
} from './describe.js';
export { groupFindings, isFindingGroup, GROUP_MINIMUM } from './manifest/group.js';
