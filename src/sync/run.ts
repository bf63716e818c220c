/** What sync and check share: gathering the sources, and drift as diagnostics. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { ResolvedConfig } from '../config/resolve.js';
import type { ParsedDocument } from '../model/parse.js';
import type { Rule } from '../rules/define.js';
import type { CommandContext } from '../commands/context.js';
import { fetchInstances, readInstancesFile, checkVastaiArgs } from '../sources/vastai.js';
import { readStateFile, runStateCommand } from '../sources/state.js';
import type { SourceError, SourceResult } from '../sources/types.js';
import { DEFAULT_MAX_OUTPUT } from '../sources/run.js';
import type { DriftReport, Snapshots } from './reconcile.js';
import { driftIds } from './drift-ids.js';

export interface SourceFlags {
  'vastai-json'?: string;
  state?: string;
  'no-vastai'?: boolean;
  'no-state'?: boolean;
}

export interface SourcePlan {
  snapshots: Snapshots;
  errors: SourceError[];
  /** Sources left out, for the user to know. */
  notes: string[];
}

/**
 * Read every source that is on. In \`check\` mode a vastai that nobody configured and that is not
 * installed is left out with a note (CI machines often have no vastai); in \`sync\` mode, and for a
 * configured vastai, it is an error.
 */
export async function gatherSources(ctx: CommandContext, config: ResolvedConfig, flags: SourceFlags, mode: 'sync' | 'check'): Promise<SourcePlan> {
  const snapshots: Snapshots = {};
  const errors: SourceError[] = [];
  const notes: string[] = [];
  const take = <T>(r: SourceResult<T>, set: (v: T) => void): void => {
    if (r.ok) set(r.value);
    else errors.push(r.error);
  };
  const sources = config.raw.sources ?? {};
  const tasks: Promise<void>[] = [];
  const maxBytes = (mib: number | undefined) => Math.floor((mib ?? DEFAULT_MAX_OUTPUT / 1048576) * 1048576);
  const vastaiMax = maxBytes(sources.vastai?.maxOutputMiB);
  const stateMax = maxBytes(sources.state?.maxOutputMiB);
  if (!flags['no-vastai']) {
    if (typeof flags['vastai-json'] === 'string') take(readInstancesFile(resolve(ctx.cwd, flags['vastai-json']), ctx.env, vastaiMax), (v) => (snapshots.instances = v));
    else if (sources.vastai?.enabled !== false) {
      const args = sources.vastai?.args ?? [];
      const bad = checkVastaiArgs(args);
      if (bad) throw new ConfigError(bad);
      const command = sources.vastai?.command ? (/[\\/]/.test(sources.vastai.command) ? resolve(config.root, sources.vastai.command) : sources.vastai.command) : 'vastai';
      const configured = sources.vastai?.enabled === true || Boolean(sources.vastai?.command);
      tasks.push(
        progress(ctx, 'vastai', fetchInstances({ command, args, timeoutSeconds: sources.vastai?.timeout ?? 30, env: ctx.env, cwd: config.root, maxOutputBytes: vastaiMax }).then((r) => {
          if (!r.ok && mode === 'check' && !configured && r.error.message.endsWith('was not found')) notes.push('vastai is not installed here; its drift is not checked (pass --vastai-json FILE, or set sources.vastai.enabled: true to require it)');
          else take(r, (v) => (snapshots.instances = v));
        })),
      );
    }
  }
  if (!flags['no-state']) {
    const state = sources.state;
    if (typeof flags.state === 'string') take(readStateFile(resolve(ctx.cwd, flags.state), ctx.env, stateMax), (v) => (snapshots.state = v));
    else if (state?.enabled !== false) {
      if (state?.command) tasks.push(progress(ctx, 'the state tracker', runStateCommand(state.command, { timeoutSeconds: state.timeout ?? 60, env: ctx.env, cwd: config.root, maxOutputBytes: stateMax }).then((r) => take(r, (v) => (snapshots.state = v)))));
      else {
        const path = resolve(config.root, state?.path ?? '.system_state.json');
        if (state?.enabled === true || state?.path || existsSync(path)) take(readStateFile(path, ctx.env, stateMax), (v) => (snapshots.state = v));
      }
    }
  }
  await Promise.all(tasks);
  return { snapshots, errors, notes };
}

const querying = new Set<string>();

/**
 * While a source's command runs, say so on stderr when it is a terminal ("Querying vastai…", as
 * terraform does), and clear the line when every query is done. Pipes and files get nothing.
 */
async function progress<T>(ctx: CommandContext, name: string, task: Promise<T>): Promise<T> {
  if (!ctx.stderr.isTTY) return task;
  querying.add(name);
  const show = () => ctx.stderr.write(`\r\x1b[2K${querying.size ? `Querying ${[...querying].join(' and ')}…` : ''}`);
  show();
  try {
    return await task;
  } finally {
    querying.delete(name);
    show();
  }
}

/** The sources a plan was made from, said for a summary: "vastai and the state tracker". */
export function sourcesRead(snapshots: Snapshots): string {
  return [snapshots.instances && 'vastai', snapshots.state && 'the state tracker'].filter(Boolean).join(' and ');
}

/** "1 tracker synced with vastai; TODO.md and ROADMAP.md are not trackers". */
export function trackerSummary(verb: string, trackers: number, snapshots: Snapshots, others: string[]): string {
  const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);
  const not = others.length ? `; ${list(others)} ${others.length === 1 ? 'is not a tracker' : 'are not trackers'}` : '';
  return `${trackers} tracker${trackers === 1 ? '' : 's'} ${verb} ${sourcesRead(snapshots)}${not}`;
}

/**
 * Why no source was read, when none was: sync and check then refuse (exit 2) rather than report a
 * clean result about nothing. Undefined when at least one source was read.
 */
export function noSourceMessage(command: string, snapshots: Snapshots, flags: SourceFlags): string | undefined {
  if (snapshots.instances || snapshots.state) return undefined;
  const vastai = flags['no-vastai'] ? 'vastai is off (--no-vastai)' : 'vastai was not asked (not installed or turned off in the config)';
  const state = flags['no-state'] ? 'the state source is off (--no-state)' : 'there is no .system_state.json (nor a configured state source)';
  return `trackdocs ${command}: no source to ${command === 'sync' ? 'sync from' : 'check against'}: ${vastai}, and ${state}; nothing was checked.\n  Give one (--vastai-json FILE, --state FILE, or sources in docs.config.yaml)${command === 'check' ? ', or run `trackdocs lint` to lint only' : ''}.\n`;
}

/** Drift findings as lint diagnostics, positioned in the document. */
export function driftDiagnostics(doc: ParsedDocument, drift: DriftReport[]): Diagnostic[] {
  return drift.map((r) => {
    const start = doc.lines.point(r.start);
    const end = doc.lines.point(Math.max(r.start, r.end));
    const d: Diagnostic = { file: doc.path, ruleId: r.id, severity: r.severity, message: r.message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, url: 'docs/sync.md' };
    if (r.actual !== undefined) d.actual = r.actual;
    if (r.expected !== undefined) d.expected = r.expected;
    return d;
  });
}

/** The drift ids as rule descriptions, for SARIF's driver. */
export const driftRules: Rule[] = driftIds.map((d) => ({ id: d.id, description: d.description, severity: d.severity, appliesTo: ['tracker'], fixable: false, code: '', check() {} }));

export function formatSourceErrors(command: string, errors: SourceError[]): string {
  const lines = errors.map((e) => `trackdocs ${command}: ${e.source} source failed: ${e.message}\n  ${e.hint}\n`).join('');
  return command === 'sync' ? lines + 'Nothing was written.\n' : lines;
}
