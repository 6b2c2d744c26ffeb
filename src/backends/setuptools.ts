/**
 * The setuptools profile (setuptools 66, Debian 12's): what `setuptools.build_meta` ships.
 * First cut: the registry entry; outputs, translation and export follow.
 */
import { emptyOutputs, type BackendProfile } from './types.js';

export const setuptoolsProfile: BackendProfile = {
  name: 'setuptools',
  ids: ['setuptools.build_meta', 'setuptools.build_meta:__legacy__'],
  outputs() {
    return emptyOutputs();
  },
  translate() {
    return { table: '[tool.manifest]\n', written: [], notes: [], untranslated: [] };
  },
  exportConfig() {
    return { file: 'MANIFEST.in', text: '', inexpressible: [] };
  },
};
