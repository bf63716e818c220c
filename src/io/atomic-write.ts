/**
 * Writing a file so that it is always either the old or the new version: a temp file in the same
 * directory, fsync, then rename. Compare-and-swap: if the file's bytes changed since they were
 * read, nothing is written.
 */
import { openSync, writeSync, fsyncSync, closeSync, renameSync, readFileSync, statSync, unlinkSync, chmodSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

export class ChangedOnDiskError extends Error {
  readonly code = 'changed';
}

export function atomicWrite(path: string, data: string | Uint8Array, expected?: Uint8Array): void {
  if (expected) {
    const current = readFileSync(path);
    if (!Buffer.from(expected).equals(current)) throw new ChangedOnDiskError(`${path} changed on disk since it was read; nothing written`);
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    chmodSync(tmp, statSync(path).mode);
  } catch {
    /* a new file keeps the default mode */
  }
  renameSync(tmp, path);
}
