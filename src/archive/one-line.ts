/**
 * One line of a library's error message, for the one-line ManifestError every reader failure
 * becomes. Its own module so that open.ts can use it without loading a reader (and its library).
 */

/** One line, whatever the library put in its message. */
export function oneLine(message: string): string {
  return message.split(/\r?\n/, 1)[0]!.trim();
}
