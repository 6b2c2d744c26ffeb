/** Every corpus case, by backend family (one file each). */
import { FLIT_CASES } from '../../backends/cases/flit.js';
import { HATCHLING_CASES } from '../../backends/cases/hatchling.js';
import { PDM_CASES } from '../../backends/cases/pdm.js';
import { POETRY_CASES } from '../../backends/cases/poetry.js';
import type { CorpusCase } from '../harness.js';
import { SETUPTOOLS_CASES } from './setuptools.js';

export const CORPUS_CASES: CorpusCase[] = [
  ...SETUPTOOLS_CASES,
  ...FLIT_CASES,
  ...HATCHLING_CASES,
  ...POETRY_CASES,
  ...PDM_CASES,
];
