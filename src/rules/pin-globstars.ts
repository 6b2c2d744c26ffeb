/**
 * Linear-time matching for gitignore patterns with several `**` segments (issue #12, "Hangs and
 * runaway cost"), applied to the rules `ignore` compiled.
 *
 * Owns: rewriting the compiled regular expression of a rule with two or more inner globstars
 * (`a/**\/b/**\/c`). `ignore` pins every `*` of a segment but the last to the piece after it
 * (`(?:(?!a)[^/])*a`), which keeps one segment linear, but an inner `**` is
 * `(?:\/[^\/]+)*` as it stands: against `a/x/x/…/x` the engine tries every way to share the
 * segments between the globstars, O(depth^k) for k of them (4 globstars, 150 directories: 6.2 s
 * here; git: 20 ms).
 * Must not: change which paths match (the git differential suite and the `**` cases of
 * test/cases/wildmatch.ts pin that), or touch a rule with fewer than two inner globstars.
 *
 * Why it is correct: between two inner globstars lies a fixed piece P (it starts with `/` and
 * matches whole segments, each of its tokens one segment's worth). Where `P/` first occurs is the
 * best place for P: any later occurrence leaves less of the path to the rest, and the next
 * globstar can absorb the whole segments between the two. So each inner globstar but the last
 * is written `(?:(?!P\/)\/[^\/]+)*`: it stops at the first place P fits, leaving one way to lay
 * out the path, as git's wildmatch does by giving up the outer `**` once an inner one has run to
 * the end of the text (its WM_ABORT_TO_STARSTAR). The last globstar keeps backtracking, which is
 * linear on its own.
 *
 * This reaches into `ignore`'s compiled rules (`Ignore#_rules._rules`, each rule's lazily built
 * `regex`, cached as `_regex`), like rules/ignore-stack.ts does for `RuleManager#test`: a rule is
 * rewritten only when its regular expression has the shape described, and an `ignore` without
 * those internals fails loudly at the first use.
 */

/** `ignore`'s translation of an inner `/**` (a slash and a segment, any number of times). */
const GLOBSTAR = '(?:\\/[^\\/]+)*';

/** The slice of an `ignore` rule this module relies on. */
interface CompiledRule {
  readonly regex: RegExp;
}

/**
 * `source` with every inner globstar but the last pinned to the piece after it, or `source`
 * itself when it has fewer than two.
 * @example pinGlobstarSource('^x(?:\\/[^\\/]+)*\\/y(?:\\/[^\\/]+)*\\/z$') → '^x(?:(?!\\/y\\/)\\/[^\\/]+)*\\/y(?:\\/[^\\/]+)*\\/z$'
 */
export function pinGlobstarSource(source: string): string {
  const parts = source.split(GLOBSTAR);
  // parts[0] is what precedes the first globstar; parts[i] (0 < i < last) the piece between
  // globstar i - 1 and globstar i.
  if (parts.length < 3) return source;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) {
    const piece = parts[i]!;
    const last = i === parts.length - 1;
    if (last) out += GLOBSTAR;
    else out += `(?:(?!${piece}\\/)\\/[^\\/]+)*`;
    out += piece;
  }
  return out;
}

/**
 * Pin the inner globstars of every rule of `ig` (an `ignore` instance, after `add`) that has two or
 * more. Rules are rewritten before their first use; a rule already used is left alone.
 */
export function pinGlobstars(ig: unknown): void {
  const rules = (ig as { _rules?: { _rules?: unknown } })._rules?._rules;
  if (!Array.isArray(rules)) {
    throw new Error(
      'the installed "ignore" package keeps no compiled rule list (Ignore#_rules._rules); pin ignore@7',
    );
  }
  for (const rule of rules as { pattern?: unknown }[]) {
    // Only a pattern with two `**` can have two inner globstars: the others keep `ignore`'s lazy
    // compile (a rule after the one that decides a path is never compiled).
    const { pattern } = rule;
    if (typeof pattern !== 'string' || pattern.indexOf('**') === pattern.lastIndexOf('**'))
      continue;
    if (Object.prototype.hasOwnProperty.call(rule, '_regex')) continue;
    // Built on a throwaway object that inherits from the rule: `ignore` caches the result as a
    // read-only own property, which must be the pinned one.
    const { regex } = Object.create(rule) as CompiledRule;
    if (!(regex instanceof RegExp)) continue;
    const pinned = pinGlobstarSource(regex.source);
    if (pinned === regex.source) continue;
    Object.defineProperty(rule, '_regex', { value: new RegExp(pinned, regex.flags) });
  }
}
