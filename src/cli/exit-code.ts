/**
 * The exit-code decision, pure and tested: 0 ok, 1 a check failed, 2 usage/config/input error,
 * 3 internal error. The worst outcome wins.
 */
import { CODES, type Code, type Finding } from '../index.js';

export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_INPUT_ERROR = 2;
export const EXIT_INTERNAL = 3;

export interface Outcome {
  findings?: readonly Finding[];
  /** Codes of user errors that stopped the command. */
  errorCodes?: readonly Code[];
  internal?: boolean;
  /** A command-specific "changed" result that counts as a failed check (update --exit-code, diff). */
  changed?: boolean;
}

/** The exit code for an outcome. Warnings alone never fail. */
export function exitCodeFor(outcome: Outcome): number {
  if (outcome.internal) return EXIT_INTERNAL;
  let code = EXIT_OK;
  for (const error of outcome.errorCodes ?? []) code = Math.max(code, CODES[error].exit);
  for (const finding of outcome.findings ?? []) {
    if (finding.severity === 'error') code = Math.max(code, CODES[finding.code].exit);
  }
  if (outcome.changed) code = Math.max(code, EXIT_CHECK_FAILED);
  return code;
}
