/**
 * Text that came from outside (a source's output, a file quoted in a message) made safe to show
 * or write: secrets redacted, control characters removed, and only then cut to length, so a cut
 * can never leave the tail of a key that the redaction would have recognised whole.
 */

/** Remove API keys: the VAST_API_KEY value, `api_key=…`, `Bearer …`, `--api-key …`. */
export function redact(text: string, env: Record<string, string | undefined>): string {
  let out = text;
  const key = env.VAST_API_KEY;
  if (key && key.length >= 4) out = out.split(key).join('[REDACTED]');
  return out
    .replace(/(api[_-]?key["']?\s*[=:]\s*["']?)[^\s&"',}]+/gi, '$1[REDACTED]')
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, '$1[REDACTED]')
    .replace(/(--api-key[= ]\s*)\S+/g, '$1[REDACTED]');
}

/** Terminal escape sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`), and two-byte escapes. */
// eslint-disable-next-line no-control-regex
const escapeSequence = /\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[@-_]?/g;
/** C0 controls but tab and line endings, DEL, C1 controls. */
// eslint-disable-next-line no-control-regex
const control = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;
// eslint-disable-next-line no-control-regex
const lineControl = /[\t\n\r]/g;

/**
 * A string from a source, fit for one line of a document or the terminal: escape sequences and
 * control characters removed, tabs and line breaks turned into spaces.
 */
export function cleanLine(text: string): string {
  return text.replace(escapeSequence, '').replace(control, '').replace(lineControl, ' ');
}

/** Like cleanLine, but keeps line breaks and tabs (for multi-line messages such as stderr). */
export function cleanText(text: string): string {
  return text.replace(escapeSequence, '').replace(control, '');
}

/** Whether `text` holds anything cleanLine would remove or replace. */
export function hasControls(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x1f\x7f-\x9f]/.test(text);
}

/** Outside text for a message: redacted, cleaned, then cut to `max` characters (with `…`). */
export function quote(text: string, env: Record<string, string | undefined>, max = 200): string {
  const safe = cleanText(redact(text, env)).trim();
  return safe.length > max ? safe.slice(0, max) + '…' : safe;
}

/**
 * Every string in a parsed JSON value passed through cleanLine, in place; returns the value.
 * Iterative, so a deeply nested value cannot exhaust the stack.
 */
export function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanLine(value) as T;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object') continue;
    const record = v as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      const x = record[k];
      if (typeof x === 'string') {
        if (hasControls(x)) record[k] = cleanLine(x);
      } else if (x && typeof x === 'object') stack.push(x);
    }
  }
  return value;
}

/**
 * JSON.parse's message without the excerpt of the text it quotes (`Unexpected token 'a', "{"key":
 * sk-12"... is not valid JSON`): that excerpt is the file's content cut at a length of V8's
 * choosing, which can hold part of a secret that no redaction recognises once cut. What is left
 * names the problem and, where V8 gives it, the position.
 */
export function jsonErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return cleanLine(message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, ' (not valid JSON)'));
}
