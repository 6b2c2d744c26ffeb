/**
 * Colour: decided here only. On when stdout is a terminal, off with NO_COLOR (any value), with
 * TERM=dumb, with --json, or with --color never; --color always forces it on.
 */
import type { CliIo } from '../io.js';

export type ColorChoice = 'auto' | 'always' | 'never';

export interface Style {
  enabled: boolean;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

function wrap(enabled: boolean, open: number, close: number): (text: string) => string {
  return enabled ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
}

export function decideColor(io: CliIo, choice: ColorChoice, json: boolean): boolean {
  if (json || choice === 'never') return false;
  if (choice === 'always') return true;
  const noColor = io.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  if (io.env.TERM === 'dumb') return false;
  return io.isTTY;
}

export function makeStyle(enabled: boolean): Style {
  return {
    enabled,
    red: wrap(enabled, 31, 39),
    green: wrap(enabled, 32, 39),
    yellow: wrap(enabled, 33, 39),
    cyan: wrap(enabled, 36, 39),
    bold: wrap(enabled, 1, 22),
    dim: wrap(enabled, 2, 22),
  };
}
