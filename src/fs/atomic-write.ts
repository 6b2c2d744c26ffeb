/**
 * The only writer in src/: replaces a file atomically.
 *
 * Writes to a temp file in the same directory (so the rename cannot cross file systems), fsyncs
 * it, keeps the old file's mode, then renames it over the target. A failure before the rename
 * leaves the old file untouched and removes the temp file, so a reader never sees half a manifest.
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ManifestError } from '../errors.js';

/**
 * Write `text` to `file` atomically.
 * @throws ManifestError WRITE_FAILED, naming the file, when any step fails.
 */
export function writeFileAtomic(file: string, text: string): void {
  const dir = dirname(file);
  // Unique enough with the pid; `wx` refuses a name that exists rather than sharing it. (Not
  // node:crypto: loading it costs every command that may write ~3.5 ms.)
  const tag = `${process.pid.toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  const temp = join(dir, `.${basename(file)}.${tag}.tmp`);
  let mode = 0o644;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    // A new file: keep the default mode.
  }
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(temp, 'wx', mode);
    created = true;
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch (cause) {
    if (fd !== undefined) closeSync(fd);
    // Only a temp file this call created: on EEXIST the name is another writer's.
    if (created) {
      try {
        unlinkSync(temp);
      } catch {
        // Already gone.
      }
    }
    const reason = cause instanceof Error && 'code' in cause ? String(cause.code) : String(cause);
    throw new ManifestError('WRITE_FAILED', `could not write the manifest (${reason})`, {
      file,
      hint: 'check that the directory exists and is writable',
    });
  }
}
