/** Every corpus case, by backend family (one file each). */
import type { CorpusCase } from '../harness.js';
import { SETUPTOOLS_CASES } from './setuptools.js';

export const CORPUS_CASES: CorpusCase[] = [...SETUPTOOLS_CASES];
