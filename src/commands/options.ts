/** Option handling the commands share: parsing with --help, formats, --max-warnings, source flags and the exit code. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/errors.js';
import type { CommandContext } from './context.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { formats, type Format } from '../reporters/index.js';
import { didYouMean } from '../core/suggest.js';

/** parseArgs definitions of the flags that choose sources (sync, check, watch). */
export const sourceOptions = {
  'vastai-json': { type: 'string' },
  state: { type: 'string' },
  'no-vastai': { type: 'boolean', default: false },
  'no-state': { type: 'boolean', default: false },
} as const;

export function parseFormat(value: string | undefined, allowed: readonly string[] = formats): Format {
  if (!allowed.includes(value as Format)) throw new UsageError(`unknown --format ${value}${didYouMean(String(value), allowed)}; expected one of ${allowed.join(', ')}`);
  return value as Format;
}

export function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-warnings needs a whole number ≥ 0, got ${value}`);
  return n;
}

/** 1 when there are errors or more warnings than allowed (said on stderr), else 0. */
export function findingsExitCode(diagnostics: Diagnostic[], maxWarnings: number | undefined, stderr: { write(s: string): unknown }): number {
  if (diagnostics.some((d) => d.severity === 'error')) return 1;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    stderr.write(`trackdocs: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

type Options = NonNullable<ParseArgsConfig['options']>;
const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parse a command's arguments (positionals allowed, -h/--help added). Prints the help and returns
 * undefined when it was asked for; the caller then exits 0.
 */
export function parseCommand<T extends Options>(ctx: CommandContext, help: string, options: T) {
  const all = { ...options, ...helpOption };
  let parsed;
  try {
    parsed = parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: T & typeof helpOption }>({ args: ctx.argv, allowPositionals: true, strict: true, options: all });
  } catch (e) {
    throw friendlyParseError(e as Error & { code?: string }, all);
  }
  if ((parsed.values as { help?: boolean }).help) {
    ctx.stdout.write(help + '\n');
    return undefined;
  }
  return parsed;
}

/**
 * The action of a command that takes one (`hook install`, `completion bash`): the action and the
 * arguments after it, or the exit code when the help was asked for (0) or no action given (2).
 */
export function subcommand(ctx: CommandContext, help: string, actions: readonly string[], noun = 'action'): { action: string; rest: string[] } | number {
  const [action, ...rest] = ctx.argv;
  if (!action || action === '-h' || action === '--help') {
    ctx.stdout.write(help + '\n');
    return action ? 0 : 2;
  }
  if (!actions.includes(action)) throw new UsageError(`unknown ${noun} \`${action}\`${didYouMean(action, [...actions])}; expected ${actions.slice(0, -1).join(', ')} or ${actions[actions.length - 1]}`);
  return { action, rest };
}

/** node:util parseArgs' errors, said shortly, with the nearest known option for a mistyped one. */
function friendlyParseError(e: Error & { code?: string }, options: Options): Error {
  const names = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const given = /'(-[^']*)'/.exec(e.message)?.[1] ?? '';
    const flag = given.split('=')[0]!;
    return new UsageError(`unknown option ${flag}${didYouMean(flag, names)}`);
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = /'(--?[^' ]+)/.exec(e.message)?.[1];
    return new UsageError(flag ? `${flag.replace(/ <value>$/, '')} ${options[flag.replace(/^-+/, '').replace(/ .*$/, '')]?.type === 'string' ? 'needs a value' : 'takes no value'}` : e.message);
  }
  return new UsageError(e.message);
}
