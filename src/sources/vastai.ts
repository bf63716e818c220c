/**
 * The vastai source: `vastai show instances --raw`, judged the way the real CLI behaves. A run
 * succeeds only if it exits 0 and stdout parses as a JSON array; anything else is an error, never
 * "no instances" (which would archive every row). The API key is never passed, printed or stored.
 */
import { vastaiInstance as validateInstance } from '../generated/validators.js';
import type { Instance } from '../sync/instances.js';
import { cleanStrings, quote } from '../core/untrusted.js';
import { readSourceFile } from './read.js';
import { DEFAULT_MAX_OUTPUT, runCommand, type RunResult } from './run.js';
import type { SourceResult } from './types.js';

export interface VastaiOptions {
  command: string;
  args: string[];
  timeoutSeconds: number;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Bytes the output may hold (default 64 MiB). */
  maxOutputBytes?: number;
}

const forbiddenArgs = ['--api-key', '--explain', '--curl'];

/**
 * Whether `arg` is, or abbreviates, one of the banned options. Python's argparse accepts any prefix
 * of a long option (`--api`, `--exp=1`) when it is unambiguous, and fails the run when it is not;
 * so every prefix of a banned option, down to `--` and one letter, is refused.
 */
function bannedOption(arg: string): string | undefined {
  const name = arg.split('=', 1)[0]!;
  if (!/^--[^-]/.test(name)) return undefined;
  return forbiddenArgs.find((f) => f.startsWith(name));
}

export function checkVastaiArgs(args: string[]): string | undefined {
  for (const a of args) {
    const banned = bannedOption(a);
    if (banned) {
      const shown = a.split('=', 1)[0]!;
      return `sources.vastai.args may not contain ${shown}${shown !== banned ? ` (vastai would read it as ${banned})` : ''}: the API key reaches vastai through its own config or VAST_API_KEY, and trackdocs never passes, prints or stores it`;
    }
  }
  return undefined;
}

const fail = (message: string, hint: string): SourceResult<Instance[]> => ({ ok: false, error: { source: 'vastai', message, hint } });
const keyHint = 'Set the key with `vastai set api-key YOUR_KEY` (or the VAST_API_KEY environment variable), then check it with `vastai show user`.';

/** Parse a JSON array of instances (a recorded snapshot or a run's stdout). */
export function parseInstances(stdout: string, env: Record<string, string | undefined>, what: string): SourceResult<Instance[]> {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    const excerpt = quote(stdout, env);
    return fail(`${what} is not JSON${excerpt ? `: ${excerpt}` : ' (it is empty)'}`, 'Expected the JSON array that `vastai show instances --raw` prints. Run it yourself to see what it says.');
  }
  if (!Array.isArray(data)) return fail(`${what} is JSON but not an array of instances`, 'Expected the JSON array that `vastai show instances --raw` prints.');
  const seen = new Map<number, number>();
  for (let i = 0; i < data.length; i++) {
    if (!validateInstance(data[i])) {
      const e = validateInstance.errors?.[0];
      const field = e?.instancePath ? `field \`${e.instancePath.slice(1).split('/').join('.')}\`` : 'the element';
      return fail(
        `${what}: element ${i} is not a vastai instance (${field} ${e?.message})`,
        'Expected objects with a whole-number `id` (a safe integer) and prices (`dph_total`) in dollars per hour, as `vastai show instances --raw` prints. Run it yourself to see what it says.',
      );
    }
    const id = (data[i] as Instance).id;
    const first = seen.get(id);
    if (first !== undefined) return fail(`${what}: elements ${first} and ${i} have the same \`id\` ${id}`, 'Each instance must appear once; a snapshot listing one twice would add two rows and count its cost twice. Run `vastai show instances --raw` yourself to see what it says.');
    seen.set(id, i);
  }
  return { ok: true, value: cleanStrings(data as Instance[]) };
}

/** Judge a finished vastai run. Pure, so every failure mode is testable without a process. */
export function judgeVastaiRun(run: RunResult, options: Pick<VastaiOptions, 'command' | 'timeoutSeconds' | 'env' | 'maxOutputBytes'>): SourceResult<Instance[]> {
  const { env } = options;
  if (run.spawnError) {
    if (run.spawnError.code === 'ENOENT') {
      return fail(`\`${options.command}\` was not found`, 'Install the Vast.ai CLI with `pip install vastai`, or set sources.vastai.command in docs.config.yaml to its path. For an offline run, pass --vastai-json FILE (a saved `vastai show instances --raw`) or --no-vastai.');
    }
    return fail(`\`${options.command}\` could not be started (${run.spawnError.code ?? run.spawnError.message})`, 'Check that sources.vastai.command points at an executable file.');
  }
  if (run.overflow) {
    const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
    return fail(`vastai printed more than ${limit / 1048576} MiB on ${run.overflow} and was stopped`, 'This is not the output of `vastai show instances --raw`; check sources.vastai.command, or raise sources.vastai.maxOutputMiB in docs.config.yaml.');
  }
  if (run.timedOut) {
    return fail(`vastai did not answer within ${options.timeoutSeconds} s and was stopped`, 'Check your network, or raise sources.vastai.timeout (seconds) in docs.config.yaml.');
  }
  const stderr = quote(run.stderr, env, Infinity);
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
        if (body.status_code === 401 || body.status_code === 403) return fail(`vastai rejected the API key (${body.status_code}${body.msg ? `: ${quote(String(body.msg), env)}` : ''})`, keyHint);
        if (body.error) return fail(`vastai reported an error (${body.status_code ?? 'no status'}${body.msg ? `: ${quote(String(body.msg), env)}` : ''})`, 'Run `vastai show instances --raw` yourself to see the whole error.');
      } catch {
        /* fall through */
      }
    }
    return fail(`vastai printed nothing${stderr.trim() ? `; on stderr: ${quote(run.stderr, env)}` : ''}`, 'Expected a JSON array (`[]` when there are no instances). Run `vastai show instances --raw` yourself.');
  }
  // Older versions: `failed with error 401: …` on stdout, exit 0.
  const old = /failed with error (\d+)(?::\s*(.*))?/i.exec(stdout);
  if (old && !stdout.startsWith('[')) {
    const status = Number(old[1]);
    if (status === 401 || status === 403) return fail(`vastai rejected the API key (${status})`, keyHint);
    return fail(`vastai reported an error (${status}${old[2] ? `: ${quote(old[2], env)}` : ''})`, 'Run `vastai show instances --raw` yourself to see the whole error.');
  }
  return parseInstances(run.stdout, env, 'vastai output');
}

export async function fetchInstances(options: VastaiOptions): Promise<SourceResult<Instance[]>> {
  const run = await runCommand(options.command, ['show', 'instances', '--raw', ...options.args], { timeoutMs: options.timeoutSeconds * 1000, env: options.env, cwd: options.cwd, maxOutputBytes: options.maxOutputBytes });
  return judgeVastaiRun(run, options);
}

export function readInstancesFile(path: string, env: Record<string, string | undefined>, maxBytes = DEFAULT_MAX_OUTPUT): SourceResult<Instance[]> {
  const text = readSourceFile(path, maxBytes);
  if (typeof text !== 'string') return fail(text.message, 'Pass a file saved from `vastai show instances --raw > instances.json`.');
  return parseInstances(text, env, path);
}
