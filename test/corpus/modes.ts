/**
 * The ways the corpus runs `manifest init`, each tried on every case. `config` translates the
 * backend's own configuration; a mode that starts from built archives (`init ARCHIVE...`) is one
 * more entry here, with `buildFirst: true`.
 */
import type { CorpusMode } from './harness.js';

export const CORPUS_MODES: CorpusMode[] = [
  {
    name: 'config',
    buildFirst: false,
    initArgs: () => ['init'],
  },
];
