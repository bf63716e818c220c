/**
 * The vastai source: `vastai show instances --raw`, judged the way the real CLI behaves. A run
 * succeeds only if it exits 0 and stdout parses as a JSON array; anything else is an error, never
 * "no instances" (which would archive every row). The API key is never passed, printed or stored.
 */
import { readFileSync } from 'node:fs';
import { vastaiInstance as validateInstance } from '../generated/validators.js';
import type { Instance } from '../sync/instances.js';
import { runCommand, type RunResult } from './run.js';
import { redact, type SourceResult } from './types.js';

export interface VastaiOptions {
  command: string;
  args: string[];
  timeoutSeconds: number;
  env: Record<string, string | undefined>;
  cwd: string;
}

const forbiddenArgs = ['--api-key', '--explain', '--curl'];

export function checkVastaiArgs(args: string[]): string | undefined {
  const bad = args.find((a) => forbiddenArgs.some((f) => a === f || a.startsWith(f + '=')));
  return bad ? `sources.vastai.args may not contain ${bad}: the API key reaches vastai through its own config or VAST_API_KEY, and trackdocs never passes, prints or stores it` : undefined;
}

const fail = (message: string, hint: string): SourceResult<Instance[]> => ({ ok: false, error: { source: 'vastai', message, hint } });
const keyHint = 'Set the key with `vastai set api-key YOUR_KEY` (or the VAST_API_KEY environment variable), then check it with `vastai show user`.';

/** Parse a JSON array of instances (a recorded snapshot or a run's stdout). */
export function parseInstances(stdout: string, env: Record<string, string | undefined>, what: string): SourceResult<Instance[]> {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    const excerpt = redact(stdout.trim().slice(0, 200), env);
    return fail(`${what} is not JSON${excerpt ? `: ${excerpt}` : ' (it is empty)'}`, 'Expected the JSON array that `vastai show instances --raw` prints. Run it yourself to see what it says.');
  }
  if (!Array.isArray(data)) return fail(`${what} is JSON but not an array of instances`, 'Expected the JSON array that `vastai show instances --raw` prints.');
  for (let i = 0; i < data.length; i++) {
    if (!validateInstance(data[i])) {
      const e = validateInstance.errors?.[0];
      return fail(`${what}: element ${i} is not a vastai instance (${e?.instancePath || 'the element'} ${e?.message})`, 'Expected objects with a numeric `id`, as `vastai show instances --raw` prints.');
    }
  }
  return { ok: true, value: data as Instance[] };
}

/** Judge a finished vastai run. Pure, so every failure mode is testable without a process. */
export function judgeVastaiRun(run: RunResult, options: Pick<VastaiOptions, 'command' | 'timeoutSeconds' | 'env'>): SourceResult<Instance[]> {
  const { env } = options;
  if (run.spawnError) {
    if (run.spawnError.code === 'ENOENT') {
      return fail(`\`${options.command}\` was not found`, 'Install the Vast.ai CLI with `pip install vastai`, or set sources.vastai.command in docs.config.yaml to its path. For an offline run, pass --vastai-json FILE (a saved `vastai show instances --raw`) or --no-vastai.');
    }
    return fail(`\`${options.command}\` could not be started (${run.spawnError.code ?? run.spawnError.message})`, 'Check that sources.vastai.command points at an executable file.');
  }
  if (run.timedOut) {
    return fail(`vastai did not answer within ${options.timeoutSeconds} s and was stopped`, 'Check your network, or raise sources.vastai.timeout (seconds) in docs.config.yaml.');
  }
  const stderr = redact(run.stderr, env);
  if (run.code !== 0) {
    const network = /ConnectionError|Max retries|NewConnectionError|Temporary failure in name resolution|timed out/i.test(run.stderr);
    const last = stderr.trim().split('\n').filter(Boolean).pop() ?? '';
    return fail(
      network ? `vastai could not reach the Vast.ai API (exit ${run.code}): ${last}` : `vastai failed (exit ${run.code ?? run.signal})${last ? `: ${last}` : ''}`,
      network ? 'Check your network connection and try again.' : 'Run `vastai show instances --raw` yourself to see the whole error.',
    );
  }
  const stdout = run.stdout.trim();
  // vastai ≥ 1.0.10: {"error": true, "status_code": 401, "msg": …} on stderr, exit 0, empty stdout.
  if (stdout === '') {
    const err = /\{[\s\S]*\}/.exec(run.stderr);
    if (err) {
      try {
        const body = JSON.parse(err[0]) as { error?: unknown; status_code?: number; msg?: string };
        if (body.status_code === 401 || body.status_code === 403) return fail(`vastai rejected the API key (${body.status_code}${body.msg ? `: ${redact(body.msg, env)}` : ''})`, keyHint);
        if (body.error) return fail(`vastai reported an error (${body.status_code ?? 'no status'}${body.msg ? `: ${redact(body.msg, env)}` : ''})`, 'Run `vastai show instances --raw` yourself to see the whole error.');
      } catch {
        /* fall through */
      }
    }
    return fail(`vastai printed nothing${stderr.trim() ? `; on stderr: ${stderr.trim().slice(0, 200)}` : ''}`, 'Expected a JSON array (`[]` when there are no instances). Run `vastai show instances --raw` yourself.');
  }
  // Older versions: `failed with error 401: …` on stdout, exit 0.
  const old = /failed with error (\d+)(?::\s*(.*))?/i.exec(stdout);
  if (old && !stdout.startsWith('[')) {
    const status = Number(old[1]);
    if (status === 401 || status === 403) return fail(`vastai rejected the API key (${status})`, keyHint);
    return fail(`vastai reported an error (${status}${old[2] ? `: ${redact(old[2], env)}` : ''})`, 'Run `vastai show instances --raw` yourself to see the whole error.');
  }
  return parseInstances(run.stdout, env, 'vastai output');
}

export async function fetchInstances(options: VastaiOptions): Promise<SourceResult<Instance[]>> {
  const run = await runCommand(options.command, ['show', 'instances', '--raw', ...options.args], { timeoutMs: options.timeoutSeconds * 1000, env: options.env, cwd: options.cwd });
  return judgeVastaiRun(run, options);
}

export function readInstancesFile(path: string, env: Record<string, string | undefined>): SourceResult<Instance[]> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return fail(`cannot read ${path}: ${(e as Error).message}`, 'Pass a file saved from `vastai show instances --raw > instances.json`.');
  }
  return parseInstances(text, env, path);
}
