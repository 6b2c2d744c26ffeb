/**
 * A project modelled on a real one, as data: the shape of the shared corpus harness's CorpusCase
 * (test/corpus/), so these cases join the corpus as they are once it runs them.
 */
export interface CorpusCase {
  /** Unique, e.g. `flit-namespace`. */
  name: string;
  /** The backend family: flit, hatchling, poetry, pdm. */
  backend: string;
  /** What it is modelled on: the real project(s) whose layout and build config it copies. */
  modelledOn: string;
  /** Repository-relative path → contents (placeholder contents of our own). */
  files: Record<string, string>;
  /** Debian packages put on PYTHONPATH for this case's builds only (e.g. python3-hatch-vcs). */
  plugins?: string[];
  /** A git tag on the first commit (hatch-vcs takes the version from it). */
  tag?: string;
}
