/** Reading a source's file (a saved snapshot, the state file): a regular file under a size limit (IO). */
import { readRegularFile } from '../io/files.js';

/** The file's text, or an error whose message says why it was not read. */
export function readSourceFile(path: string, maxBytes: number): string | { message: string } {
  try {
    return readRegularFile(path, maxBytes).toString('utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { message: `cannot read ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}` };
  }
}
