/** The state-tracker source: `.system_state.json`, or a command that prints it (IO). */
import { systemState as validateState } from '../generated/validators.js';
import type { SystemState } from '../sync/state.js';
import { cleanStrings, jsonErrorMessage, quote } from '../core/untrusted.js';
import { readSourceFile } from './read.js';
import { DEFAULT_MAX_OUTPUT, runCommand } from './run.js';
import type { SourceResult } from './types.js';

const fail = (message: string, hint: string): SourceResult<SystemState> => ({ ok: false, error: { source: 'state', message, hint } });

/**
 * Parse the state tracker's JSON. JSON.parse's message quotes the text around the error, which
 * may hold a secret: it is redacted and cleaned like anything else a source printed.
 */
export function parseState(text: string, what: string, env: Record<string, string | undefined> = {}): SourceResult<SystemState> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(`${what} is not JSON (${jsonErrorMessage(e)})`, 'Regenerate it with `python3 state_tracker.py` (or `--json`).');
  }
  if (!validateState(data)) {
    const errors = (validateState.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '(top level)'} ${e.message}`).join('; ');
    return fail(`${what} is not shaped like the state tracker's output: ${quote(errors, env, 400)}`, 'See the .system_state.json schema in the state-tracker guide (schemas/system-state.schema.json).');
  }
  return { ok: true, value: cleanStrings(data as SystemState) };
}

export function readStateFile(path: string, env: Record<string, string | undefined> = {}, maxBytes = DEFAULT_MAX_OUTPUT): SourceResult<SystemState> {
  const text = readSourceFile(path, maxBytes);
  if (typeof text !== 'string') return fail(text.message, 'Run `python3 state_tracker.py` to write it, point sources.state.path at it, or pass --no-state.');
  return parseState(text, path, env);
}

export async function runStateCommand(command: string[], options: { timeoutSeconds: number; env: Record<string, string | undefined>; cwd: string; maxOutputBytes?: number }): Promise<SourceResult<SystemState>> {
  const [bin, ...args] = command;
  const run = await runCommand(bin!, args, { timeoutMs: options.timeoutSeconds * 1000, env: options.env, cwd: options.cwd, maxOutputBytes: options.maxOutputBytes });
  const shown = quote(command.join(' '), options.env);
  if (run.spawnError) return fail(`\`${shown}\` could not be started (${run.spawnError.code})`, 'Check sources.state.command in docs.config.yaml.');
  if (run.overflow) return fail(`\`${shown}\` printed more than ${(options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT) / 1048576} MiB on ${run.overflow} and was stopped`, 'Check sources.state.command, or raise sources.state.maxOutputMiB in docs.config.yaml.');
  if (run.timedOut) return fail(`\`${shown}\` did not finish within ${options.timeoutSeconds} s`, 'Raise sources.state.timeout in docs.config.yaml.');
  if (run.code !== 0) return fail(`\`${shown}\` failed (exit ${run.code ?? run.signal}): ${quote(run.stderr.trim().split('\n').pop() ?? '', options.env)}`, 'Run it yourself to see the whole error.');
  return parseState(run.stdout, `the output of \`${shown}\``, options.env);
}
