/** Every live source behind one shape: a fetch that returns a value or an error with a next step. */
export interface SourceError {
  source: 'vastai' | 'state';
  /** What went wrong, with any secret already redacted. */
  message: string;
  /** What to do about it. */
  hint: string;
}

export type SourceResult<T> = { ok: true; value: T } | { ok: false; error: SourceError };

/** Remove API keys from text a source printed: the VAST_API_KEY value, `api_key=…`, `Bearer …`, `--api-key …`. */
export function redact(text: string, env: Record<string, string | undefined>): string {
  let out = text;
  const key = env.VAST_API_KEY;
  if (key && key.length >= 4) out = out.split(key).join('[REDACTED]');
  return out
    .replace(/(api[_-]?key["']?\s*[=:]\s*["']?)[^\s&"',}]+/gi, '$1[REDACTED]')
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, '$1[REDACTED]')
    .replace(/(--api-key[= ]\s*)\S+/g, '$1[REDACTED]');
}
