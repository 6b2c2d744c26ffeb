/**
 * `manifest explain`: for one path and each target, whether it ships, at which DEST, and the one
 * rule that decided it.
 *
 * Owns: replaying the precedence of rules/expand.ts (MANIFEST-FORMAT.md §7) for a single path,
 * with the same compiled matchers and the same step functions expansion uses (`decideListed`,
 * `decideArtifact`, the scope tests, `collectForcedSdist`, `collectMapped`, `compileGenerated`,
 * `compileRewritten`),
 * so the two cannot drift apart; test/rules/explain.test.ts checks every file of real trees
 * against a full expansion.
 * Must not: read anything. What the walker would decide for the path (built-in exclusions and
 * ignore files, of the path and of each ancestor directory) arrives as facts from api/explain.ts,
 * which asks tree/walk.ts's `probePath`; so does the wheel scope, which needs the whole listing.
 * The path need not exist: the answer is then what would happen if it were created.
 */
import type { RuleRef, Target } from '../manifest/types.js';
import type { RulesConfig } from './config.js';
import {
  collectBackendForced,
  collectForcedSdist,
  collectMapped,
  compileGenerated,
  compileRewritten,
  compileTargetRules,
  createBackendGens,
  createPkgInfoGen,
  createSdistScopeTest,
  createWheelScopeTest,
  decideArtifact,
  decideListed,
  scopeDest,
  type BackendRules,
  type ScopeTest,
  type WheelScope,
} from './expand.js';
import type { ManifestError } from '../errors.js';

/** What is on disk at the path. */
export type PathKind = 'file' | 'symlink' | 'dir' | 'missing';

/** What the walker would decide for the path (tree/walk.ts `probePath`). */
export interface WalkDecision {
  /** True when the walk would not list it. */
  ignored: boolean;
  /**
   * The rule that excluded the path or the ancestor that hides it; when not ignored, the negation
   * that re-included the path, if one decided.
   */
  rule?: RuleRef;
  /** The excluded ancestor directory, when that is what hides the path. */
  hiddenBy?: string;
}

/** The facts about the path for one target. */
export interface TargetFacts {
  walk: WalkDecision;
  /**
   * An ignore file ignored it, and expansion would offer it to `artifacts`: the path itself is
   * ignored, or it lies along the literal path of an anchored artifact pattern below the ignored
   * directory (`listArtifactRoots`) with no built-in exclusion on the way.
   */
  artifactCandidate: boolean;
}

/** Everything explainPath needs to know about one path, gathered by the api layer. */
export interface ExplainFacts {
  /** Project-relative, `/`-separated, normalized. */
  path: string;
  kind: PathKind;
  sdist: TargetFacts;
  wheel: TargetFacts;
  /** The wheel scope, or the message of the error that prevented finding it. */
  wheelScope: WheelScope | { error: string };
  /** Kinds of the paths the config names (readme, license files, map sources). */
  explicit: ReadonlyMap<string, PathKind>;
  /** The build backend's known outputs, as expansion gets them. @default undefined */
  backend?: BackendRules;
}

/**
 * How the decision was reached, in the order of MANIFEST-FORMAT.md §7.
 * - `builtin`: a built-in exclusion (VCS, `__pycache__/`, `*.py[cod]`, nested repository,
 *   symlinked directory) of the path or, with `hiddenBy`, of an ancestor directory
 * - `ignored`: an ignore file line, of the path or (with `hiddenBy`) of an ancestor
 * - `scope`: outside the wheel's packages; `no-package`: the wheel package cannot be found
 * - `artifact`: ignored, but re-admitted by `artifacts`
 * - `include`: not matched by a non-empty `include`; `exclude`: matched by `exclude`
 * - `selected`: in scope and not dropped (rule: the scope or the `include` pattern)
 * - `forced`: shipped whatever the rules say (pyproject.toml, readme, license); `mapped`: a
 *   wheel `map` pair
 * - `generated`: not selected, but the build writes it (a `gen:` line covers its DEST)
 * - `directory`: a directory no rule excludes as a whole; the files below it are decided one by
 *   one (`files` counts those that ship). Set by the api layer, which expands the whole tree.
 */
export type ExplainStep =
  | 'builtin'
  | 'ignored'
  | 'scope'
  | 'no-package'
  | 'artifact'
  | 'include'
  | 'exclude'
  | 'selected'
  | 'forced'
  | 'mapped'
  | 'generated'
  | 'directory';

/** The answer for one target. */
export interface TargetExplanation {
  target: Target;
  ships: boolean;
  /**
   * Archive paths it is written to: one normally, two when a wheel `map` pair copies a packaged
   * file elsewhere too; empty when it does not ship.
   */
  dests: string[];
  step: ExplainStep;
  /** The rule that decided. */
  rule: RuleRef;
  /** The excluded ancestor directory that hides the path, for `builtin` and `ignored`. */
  hiddenBy?: string;
  /** When a later step overrode an earlier one (forced, mapped, artifact, generated): the earlier. */
  overrides?: { step: ExplainStep; rule: RuleRef; hiddenBy?: string };
  /** The `gen:` line covering the DEST: the manifest lists that instead of a `mod:` line. */
  generatedBy?: RuleRef;
  /**
   * The negation (`!pattern` in an ignore file) that re-included the path, when one decided: the
   * line `git check-ignore -v` names for it.
   */
  reincludedBy?: RuleRef;
  /** The `rewritten` pattern that makes it an `alt:` line: the build rewrites its bytes. */
  rewrittenBy?: RuleRef;
  /** For `no-package`: why the wheel package could not be found. */
  message?: string;
  /** For `directory`: how many files below it ship. */
  files?: number;
}

export interface PathExplanation {
  path: string;
  kind: PathKind;
  sdist: TargetExplanation;
  wheel: TargetExplanation;
}

interface Base {
  selected: boolean;
  step: ExplainStep;
  rule: RuleRef;
  hiddenBy?: string;
  dest?: string;
}

/** Steps 1–6: the walker's decision, scope, artifacts, include, exclude. */
function decideBase(
  config: RulesConfig,
  target: Target,
  path: string,
  facts: TargetFacts,
  scope: ScopeTest,
  outOfScope: RuleRef,
): Base {
  const rules = config[target];
  const compiled = compileTargetRules(rules);
  const inScope = scope(path);
  const { walk } = facts;
  const rule = walk.rule ?? { kind: 'default', source: '', pattern: 'excluded by the walker' };
  const hidden = walk.hiddenBy !== undefined ? { hiddenBy: walk.hiddenBy } : {};
  // In the order of the header of expand.ts: built-in exclusions, scope, artifacts, ignore files.
  if (walk.ignored && rule.kind !== 'ignore-file') {
    return { selected: false, step: 'builtin', rule, ...hidden };
  }
  if (inScope === undefined) return { selected: false, step: 'scope', rule: outOfScope };
  if (walk.ignored) {
    const artifact = facts.artifactCandidate
      ? decideArtifact(compiled, path, config.file)
      : undefined;
    if (artifact !== undefined) {
      return { selected: true, step: 'artifact', rule: artifact, dest: scopeDest(path, inScope) };
    }
    return { selected: false, step: 'ignored', rule, ...hidden };
  }
  const decision = decideListed(compiled, rules, path, inScope.rule, config.file);
  return decision.selected
    ? { selected: true, step: 'selected', rule: decision.rule, dest: scopeDest(path, inScope) }
    : { selected: false, step: decision.step, rule: decision.rule };
}

/** Steps 7–9: forced or mapped copies, `gen:` lines, and `rewritten` (given as `rewrite`). */
function finish(
  target: Target,
  base: Base,
  extra: readonly { dest: string; rule: RuleRef; step?: 'forced' | 'mapped' }[],
  extraStep: 'forced' | 'mapped',
  genDest: string | undefined,
  gens: ReturnType<typeof compileGenerated>,
  rewrite: RuleRef | undefined,
): TargetExplanation {
  const overrides = {
    step: base.step,
    rule: base.rule,
    ...(base.hiddenBy !== undefined ? { hiddenBy: base.hiddenBy } : {}),
  };
  const dests = base.selected && base.dest !== undefined ? [base.dest] : [];
  let out: TargetExplanation = {
    target,
    ships: base.selected,
    dests,
    step: base.step,
    rule: base.rule,
    ...(base.hiddenBy !== undefined ? { hiddenBy: base.hiddenBy } : {}),
  };
  // The sdist drops a forced copy of an already selected file; the wheel keeps every map pair.
  const added = target === 'sdist' && base.selected ? [] : extra;
  for (const item of added) {
    if (!dests.includes(item.dest)) dests.push(item.dest);
    if (!out.ships)
      out = {
        target,
        ships: true,
        dests,
        step: item.step ?? extraStep,
        rule: item.rule,
        overrides,
      };
  }
  if (!out.ships && genDest !== undefined) {
    const gen = gens.match(genDest);
    if (gen?.rule !== undefined) {
      return {
        target,
        ships: true,
        dests: [genDest],
        step: 'generated',
        rule: gen.rule,
        generatedBy: gen.rule,
        overrides,
      };
    }
  }
  for (const dest of dests) {
    const gen = gens.match(dest);
    if (gen?.rule !== undefined) return { ...out, generatedBy: gen.rule };
  }
  return out.ships && rewrite !== undefined ? { ...out, rewrittenBy: rewrite } : out;
}

/**
 * Explain one path for both targets.
 * @example explainPath(config, facts).sdist → { ships: false, step: 'ignored', hiddenBy: 'build', rule: { kind: 'ignore-file', source: '.gitignore', line: 2, pattern: 'build/' } }
 */
export function explainPath(config: RulesConfig, facts: ExplainFacts): PathExplanation {
  const { path, kind } = facts;
  const file = config.file;
  // What would happen if the path were created: a missing file named by the config counts as one.
  const explicit = new Map(facts.explicit);
  if (kind === 'missing' && explicit.get(path) === 'missing') explicit.set(path, 'file');
  const discard: ManifestError[] = [];

  // sdist
  const sdistBase = decideBase(config, 'sdist', path, facts.sdist, createSdistScopeTest(file), {
    kind: 'default',
    source: file,
  });
  const listed = facts.sdist.walk.ignored ? [] : [path];
  const backend = facts.backend;
  const forced = [
    ...collectForcedSdist(config, explicit, listed, discard),
    ...collectBackendForced(
      backend?.forced.sdist ?? [],
      listed.map((p) => ({ path: p, kind: 'file' as const })),
      createSdistScopeTest(file),
    ),
  ].filter((f) => f.src === path);
  const sdistGens = compileGenerated(
    config.sdist.generated,
    [createPkgInfoGen(file), ...createBackendGens(backend, 'sdist')],
    file,
  );
  const sdistRewrite = compileRewritten(
    config.sdist.rewritten,
    file,
    backend?.rewritten.sdist,
  )?.(path);
  const sdist = finish('sdist', sdistBase, forced, 'forced', path, sdistGens, sdistRewrite);

  // wheel
  const wheelGens = compileGenerated(
    config.wheel.generated,
    createBackendGens(backend, 'wheel'),
    file,
  );
  const mapped = collectMapped(config, explicit, discard).filter((m) => m.src === path);
  const wheelRewrite = compileRewritten(
    config.wheel.rewritten,
    file,
    backend?.rewritten.wheel,
  )?.(path);
  let wheel: TargetExplanation;
  if ('error' in facts.wheelScope) {
    const rule: RuleRef = { kind: 'package-detection', source: file, key: 'project.name' };
    const base: Base = { selected: false, step: 'no-package', rule };
    wheel = { ...finish('wheel', base, mapped, 'mapped', undefined, wheelGens, wheelRewrite) };
    if (!wheel.ships) wheel.message = facts.wheelScope.error;
  } else {
    const scope = createWheelScopeTest(facts.wheelScope);
    const packages = facts.wheelScope.packages;
    const outOfScope: RuleRef = packages[0]?.rule ?? {
      kind: 'config',
      source: file,
      key: 'tool.manifest.wheel.packages',
    };
    const base = decideBase(config, 'wheel', path, facts.wheel, scope, outOfScope);
    const inScope = scope(path);
    const dest = inScope === undefined ? undefined : scopeDest(path, inScope);
    const wheelListed = facts.wheel.walk.ignored ? [] : [{ path, kind: 'file' as const }];
    const forcedWheel = collectBackendForced(backend?.forced.wheel ?? [], wheelListed, scope).map(
      (f) => ({ ...f, step: 'forced' as const }),
    );
    wheel = finish(
      'wheel',
      base,
      [...forcedWheel, ...mapped],
      'mapped',
      dest,
      wheelGens,
      wheelRewrite,
    );
  }
  return {
    path,
    kind,
    sdist: withNegation(sdist, facts.sdist.walk),
    wheel: withNegation(wheel, facts.wheel.walk),
  };
}

/**
 * The negation that re-included the path, when the walk names one and the target got that far
 * (outside the wheel's packages the ignore files do not matter).
 */
function withNegation(t: TargetExplanation, walk: WalkDecision): TargetExplanation {
  if (walk.ignored || walk.rule === undefined || t.step === 'scope' || t.step === 'no-package')
    return t;
  return { ...t, reincludedBy: walk.rule };
}
