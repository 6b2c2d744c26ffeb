/**
 * The ways the corpus runs `manifest init`, each tried on every case. `config` translates the
 * backend's own configuration; `archive` builds the untouched project first and starts from what
 * was built (`init dist/*`).
 */
import type { CorpusMode } from './harness.js';

export const CORPUS_MODES: CorpusMode[] = [
  {
    name: 'config',
    buildFirst: false,
    initArgs: () => ['init'],
  },
  {
    name: 'archive',
    buildFirst: true,
    initArgs: (archives) => ['init', ...archives],
  },
];
