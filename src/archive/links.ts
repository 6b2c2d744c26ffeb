/**
 * Where archive paths lead once links are followed, as an extractor that unpacks the members in
 * order meets them (issue #12).
 *
 * Owns: resolving a link target, or the directory a member is written into, through the symlinks
 * of the members before it. Judged by names alone, `lnk -> ../../..` and `out -> lnk/../secret.txt`
 * both stay inside; on disk, `lnk` is a directory outside the archive by the time `out` is
 * followed, and `..` is taken from there. Python's tarfile `data` filter (which resolves each
 * member's target against what it has extracted so far) refuses exactly these.
 * Must not: read anything or import node:* (pure, like check.ts).
 *
 * Paths are `/`-separated from the archive's root (the extraction directory; an sdist's
 * `{name}-{version}/` is an ordinary first segment). Links are kept in a trie by segment, and the
 * resolution walks a stack of (segment, trie node) pairs, so each step costs O(1) whatever the
 * depth, and a link is followed at most MAX_HOPS times per resolution (as the kernel's ELOOP).
 */

/** Symlinks followed in one resolution before it is taken as a loop (Linux: 40). */
const MAX_HOPS = 40;

interface LinkNode {
  children?: Map<string, LinkNode>;
  /** Set when this path is a symlink: its target as stored. */
  target?: string;
}

/** The outcome of a resolution: inside, outside (`via` the first link followed, if any), or a loop. */
export type Resolution = { kind: 'inside' } | { kind: 'outside'; via?: string } | { kind: 'loop' };

/** A target that is absolute, names a drive or holds a backslash leaves any directory. */
function isAbsoluteTarget(target: string): boolean {
  return target.startsWith('/') || /^[A-Za-z]:/.test(target) || target.includes('\\');
}

/** The symlinks an extractor has created so far, and resolution through them. */
export class LinkResolver {
  readonly #top: LinkNode = {};
  #count = 0;

  /** Record that the member at `path` (no trailing `/`) is a symlink to `target`. */
  addSymlink(path: string, target: string): void {
    let node = this.#top;
    for (const segment of path.split('/')) {
      if (segment === '' || segment === '.') continue;
      node.children ??= new Map();
      let child = node.children.get(segment);
      if (child === undefined) {
        child = {};
        node.children.set(segment, child);
      }
      node = child;
    }
    node.target = target;
    this.#count++;
  }

  /**
   * Follow `path` from the archive root: each segment that names a symlink is replaced by that
   * link's target, taken from the link's own directory (itself already resolved). `via` names the
   * first link followed when the path leaves through one.
   * @example resolver.resolve('proj-1.0/a/b/lnk/../secret.txt')
   */
  resolve(path: string): Resolution {
    if (isAbsoluteTarget(path)) return { kind: 'outside' };
    // The path so far: segments with their trie nodes (undefined below any recorded link).
    const stack: { segment: string; node: LinkNode | undefined }[] = [];
    const nodeAt = (): LinkNode | undefined =>
      stack.length === 0 ? this.#top : stack[stack.length - 1]!.node;
    const push = (segment: string): void => {
      stack.push({ segment, node: nodeAt()?.children?.get(segment) });
    };
    // Segments still to walk, last first.
    const pending = path.split('/').reverse();
    let hops = 0;
    let via: string | undefined;
    while (pending.length > 0) {
      const segment = pending.pop()!;
      if (segment === '' || segment === '.') continue;
      if (segment === '..') {
        if (stack.length === 0)
          return via !== undefined ? { kind: 'outside', via } : { kind: 'outside' };
        stack.pop();
        continue;
      }
      push(segment);
      const linkTarget = this.#count > 0 ? stack[stack.length - 1]!.node?.target : undefined;
      if (linkTarget === undefined) continue;
      if (++hops > MAX_HOPS) return { kind: 'loop' };
      via ??= stack.map((s) => s.segment).join('/');
      // The link's target is taken from the link's directory: drop the link itself.
      stack.pop();
      if (isAbsoluteTarget(linkTarget)) return { kind: 'outside', via };
      const parts = linkTarget.split('/');
      for (let i = parts.length - 1; i >= 0; i--) pending.push(parts[i]!);
    }
    return { kind: 'inside' };
  }

  /**
   * Where the link at `linkPath` leads: a symlink's target from the link's directory, a tar hard
   * link's target (another member's name) from the archive root.
   */
  resolveLink(linkPath: string, target: string, kind: 'symlink' | 'hardlink'): Resolution {
    if (isAbsoluteTarget(target)) return { kind: 'outside' };
    const slash = linkPath.lastIndexOf('/');
    return this.resolve(
      kind === 'symlink' && slash > 0 ? `${linkPath.slice(0, slash)}/${target}` : target,
    );
  }

  /**
   * Whether the member at `path` would be written outside: its directory leads out through a
   * symlink created before it (the member itself is created, not followed). Undefined when not.
   */
  writtenThrough(path: string): string | undefined {
    if (this.#count === 0) return undefined;
    const slash = path.lastIndexOf('/');
    if (slash <= 0) return undefined;
    const resolution = this.resolve(path.slice(0, slash));
    return resolution.kind === 'outside' ? resolution.via : undefined;
  }

  /** Whether any symlink has been recorded (most archives have none: nothing to resolve). */
  get empty(): boolean {
    return this.#count === 0;
  }
}
