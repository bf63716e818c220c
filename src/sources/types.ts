/** Every live source behind one shape: a fetch that returns a value or an error with a next step. */
export interface SourceError {
  source: 'vastai' | 'state';
  /** What went wrong, with any secret already redacted. */
  message: string;
  /** What to do about it. */
  hint: string;
}

export type SourceResult<T> = { ok: true; value: T } | { ok: false; error: SourceError };

export { redact } from '../core/untrusted.js';
