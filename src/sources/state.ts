/** The state-tracker source: `.system_state.json`, or a command that prints it (IO). */
import { readFileSync } from 'node:fs';
import { systemState as validateState } from '../generated/validators.js';
import type { SystemState } from '../sync/state.js';
import { runCommand } from './run.js';
import { redact, type SourceResult } from './types.js';

const fail = (message: string, hint: string): SourceResult<SystemState> => ({ ok: false, error: { source: 'state', message, hint } });

export function parseState(text: string, what: string): SourceResult<SystemState> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(`${what} is not JSON (${(e as Error).message})`, 'Regenerate it with `python3 state_tracker.py` (or `--json`).');
  }
  if (!validateState(data)) {
    const errors = (validateState.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '(top level)'} ${e.message}`).join('; ');
    return fail(`${what} is not shaped like the state tracker's output: ${errors}`, 'See the .system_state.json schema in the state-tracker guide (schemas/system-state.schema.json).');
  }
  return { ok: true, value: data as SystemState };
}

export function readStateFile(path: string): SourceResult<SystemState> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return fail(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, 'Run `python3 state_tracker.py` to write it, point sources.state.path at it, or pass --no-state.');
  }
  return parseState(text, path);
}

export async function runStateCommand(command: string[], options: { timeoutSeconds: number; env: Record<string, string | undefined>; cwd: string }): Promise<SourceResult<SystemState>> {
  const [bin, ...args] = command;
  const run = await runCommand(bin!, args, { timeoutMs: options.timeoutSeconds * 1000, env: options.env, cwd: options.cwd });
  const shown = command.join(' ');
  if (run.spawnError) return fail(`\`${shown}\` could not be started (${run.spawnError.code})`, 'Check sources.state.command in docs.config.yaml.');
  if (run.timedOut) return fail(`\`${shown}\` did not finish within ${options.timeoutSeconds} s`, 'Raise sources.state.timeout in docs.config.yaml.');
  if (run.code !== 0) return fail(`\`${shown}\` failed (exit ${run.code}): ${redact(run.stderr, options.env).trim().split('\n').pop() ?? ''}`, 'Run it yourself to see the whole error.');
  return parseState(run.stdout, `the output of \`${shown}\``);
}
