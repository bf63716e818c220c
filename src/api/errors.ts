/**
 * Why an operation was refused, as a value an agent can act on: the kind says what to do next
 * (`conflict`: read again and retry; `invalid`: use one of `candidates`; `not-found` and
 * `ambiguous`: name the table, row or task better), and the message says it in words.
 */
export type OperationErrorKind = 'not-found' | 'ambiguous' | 'invalid' | 'duplicate' | 'conflict' | 'unsupported';

export interface OperationErrorDetails {
  /** The closest valid names or values (did-you-mean), or the rows/tasks an ambiguous name matched. */
  candidates?: string[];
  /** With `conflict`: the cell's current value, or the document's current version. */
  current?: string;
  /** With `conflict`: what the caller expected. */
  expected?: string;
}

export class OperationError extends Error {
  readonly code = 'operation';
  constructor(
    readonly kind: OperationErrorKind,
    message: string,
    readonly details: OperationErrorDetails = {},
  ) {
    super(message);
  }

  toJSON() {
    return { kind: this.kind, message: this.message, ...this.details };
  }
}
