/**
 * Running the agents' verbs against files: find the document each operation is about, plan every
 * operation first (all of them, or nothing is written), then write each document through the
 * guarded writer under its lock. When a file changed between the read and the write, the
 * operations are planned again on its new bytes (bounded); `ifMatch` refuses a document that is no
 * longer the version the caller read. The CLI verbs and the MCP server both call `perform`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { loadConfig, repositoryRoot } from '../config/load.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { encodeText } from '../core/encoding.js';
import { packageRoot } from '../io/package-root.js';
import { writeIntent } from '../io/guarded-write.js';
import { OperationError } from '../api/errors.js';
import { applyOperations, matchTasks, taskLabel, type Operation, type OperationResult, type PlanContext } from '../api/operations.js';
import { findTable } from '../api/names.js';
import { loadDocuments, parseSource, isDiagnostic, type LoadedDocument } from './documents.js';

/** A document's version: the first 16 hex digits of the SHA-256 of its bytes. */
export function versionOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** How many times the operations are planned again when the file keeps changing under them. */
export const REPLAN_ATTEMPTS = 5;
/** How long a verb waits for other trackdocs writers of the same file (a dead writer's lock is taken over after 5 s). */
export const LOCK_WAIT_MS = 60_000;

export interface PerformOptions {
  cwd: string;
  today: string;
  /** Documents to look in (files or folders); default: the configured documents, else the conventional names. */
  files?: string[];
  config?: string;
  dryRun?: boolean;
  /** Refuse unless the document is still at this version (see versionOf). */
  ifMatch?: string;
  force?: boolean;
}

export interface FileOutcome {
  file: string;
  /** The version before, and after the write (the same when nothing changed). */
  versionBefore: string;
  version: string;
  changed: boolean;
  written: boolean;
  results: OperationResult[];
  /** With dryRun: the unified diff. */
  diff?: string;
  /** Planned again on the file's new bytes (it changed while trackdocs was working). */
  attempts?: number;
}

export type PerformOutcome =
  | { ok: true; files: FileOutcome[] }
  /** exit 3: a conflict (--expect, --if-match, a file that kept changing); exit 2: refused. */
  | { ok: false; exit: 2 | 3; error: ReturnType<OperationError['toJSON']>; file?: string; files: FileOutcome[] };

/** The configuration and the documents the verbs look in. */
export async function loadTargets(cwd: string, files: string[] | undefined, configPath: string | undefined): Promise<{ config: ResolvedConfig; documents: LoadedDocument[]; unreadable: string[] }> {
  const config = await loadConfig(cwd, configPath);
  const loaded = loadDocuments(files ?? [], cwd, config);
  return { config, documents: loaded.documents, unreadable: loaded.unreadable.map((d) => `${d.file}: ${d.message}`) };
}

let template: string | undefined;
function trackerTemplate(): string | undefined {
  try {
    return (template ??= readFileSync(join(packageRoot(), 'templates', 'status-tracker.md'), 'utf8'));
  } catch {
    return undefined;
  }
}

export function planContext(config: ResolvedConfig, today: string): PlanContext {
  return { today, model: config.model, trackerTemplate };
}

/** The document an operation is about. */
export function routeOperation(documents: LoadedDocument[], op: Operation): LoadedDocument {
  const docs = documents.map((d) => d.doc);
  const byDoc = (doc: unknown) => documents.find((d) => d.doc === doc)!;
  const trackers = documents.filter((d) => d.doc.kind === 'tracker');
  const oneTracker = (what: string) => {
    if (trackers.length === 1) return trackers[0]!;
    if (trackers.length === 0) throw new OperationError('not-found', `no status tracker among ${documents.map((d) => d.source.display).join(', ') || 'the documents'} for ${what}; pass --file docs/status-tracker.md`);
    throw new OperationError('ambiguous', `several status trackers (${trackers.map((d) => d.source.display).join(', ')}); pass --file to choose one`, { candidates: trackers.map((d) => d.source.display) });
  };
  switch (op.op) {
    case 'set':
    case 'rm':
      return byDoc(findTable(docs, op.table).doc);
    case 'add':
      try {
        return byDoc(findTable(docs, op.table).doc);
      } catch (e) {
        // A table the tracker lacks is created from the template.
        if (e instanceof OperationError && e.kind === 'not-found' && trackers.length === 1) return trackers[0]!;
        throw e;
      }
    case 'log':
      return oneTracker('a Recent Work entry');
    case 'done': {
      const hits = documents.filter((d) => matchTasks(d.doc, op.task).length > 0);
      if (hits.length === 1) return hits[0]!;
      if (hits.length > 1) {
        const candidates = hits.flatMap((d) => matchTasks(d.doc, op.task).map((t) => taskLabel(d.doc, t.task)));
        throw new OperationError('ambiguous', `"${op.task}" matches tasks in ${hits.length} documents:\n  ${candidates.join('\n  ')}\nGive more of the text, or pass --file`, { candidates });
      }
      const checklists = documents.find((d) => d.doc.kind === 'todo') ?? documents.find((d) => d.doc.kind === 'roadmap') ?? documents[0];
      if (!checklists) throw new OperationError('not-found', 'no documents to look for the task in; pass --file TODO.md');
      return checklists; // planning it reports "no task matches" with did-you-mean
    }
    default:
      throw new OperationError('invalid', `unknown operation ${JSON.stringify((op as { op?: unknown }).op)}; expected set, add, rm, log or done`);
  }
}

const errorOf = (e: unknown): OperationError => {
  if (e instanceof OperationError) return e;
  throw e;
};

/** Plan and write operations. Every operation is planned before anything is written; a refusal writes nothing. */
export async function perform(ops: Operation[], options: PerformOptions): Promise<PerformOutcome> {
  const { config, documents, unreadable } = await loadTargets(options.cwd, options.files, options.config);
  if (unreadable.length && documents.length === 0) return { ok: false, exit: 2, error: { kind: 'not-found', message: unreadable.join('; ') }, files: [] };
  const ctx = planContext(config, options.today);
  // Route, group by document (in the order first named), and plan everything on the bytes read.
  const groups: { target: LoadedDocument; ops: Operation[] }[] = [];
  try {
    for (const op of ops) {
      const target = routeOperation(documents, op);
      const group = groups.find((g) => g.target === target);
      if (group) group.ops.push(op);
      else groups.push({ target, ops: [op] });
    }
  } catch (e) {
    return { ok: false, exit: 2, error: errorOf(e).toJSON(), files: [] };
  }
  if (options.ifMatch && groups.length > 1) return { ok: false, exit: 2, error: { kind: 'invalid', message: '--if-match names one document version, and these operations touch several documents; run them per document' }, files: [] };
  // Several documents (or a dry run): plan them all first, so that a refusal in one writes none.
  // One document: its plan under the lock decides, and refuses just as well.
  const planFirst = options.dryRun || groups.length > 1;
  const planned: ({ outcome: FileOutcome; data: Uint8Array | null } | undefined)[] = [];
  for (const { target, ops: list } of groups) {
    const before = versionOf(target.source.bytes);
    if (options.ifMatch && options.ifMatch !== before) return conflictOfVersion(target, options.ifMatch, before, []);
    if (!planFirst) {
      planned.push(undefined);
      continue;
    }
    try {
      const applied = applyOperations(target.doc, list, ctx);
      const data = applied.changed ? encodeText(applied.text, target.storage) : null;
      const outcome: FileOutcome = { file: target.source.display, versionBefore: before, version: versionOf(data ?? target.source.bytes), changed: applied.changed, written: false, results: applied.results };
      if (options.dryRun) outcome.diff = applied.changed ? createTwoFilesPatch(`a/${target.source.display}`, `b/${target.source.display}`, target.doc.text, applied.text, '', '', { context: 2 }) : '';
      planned.push({ outcome, data });
    } catch (e) {
      const err = errorOf(e);
      return { ok: false, exit: err.kind === 'conflict' ? 3 : 2, error: err.toJSON(), file: target.source.display, files: [] };
    }
  }
  if (options.dryRun) return { ok: true, files: planned.map((p) => p!.outcome) };

  const roots = [config.root, repositoryRoot(options.cwd)];
  const done: FileOutcome[] = [];
  for (const [i, { target, ops: list }] of groups.entries()) {
    const first = planned[i];
    if (first && !first.outcome.changed) {
      done.push(first.outcome);
      continue;
    }
    type Result = { applied?: FileOutcome; error?: OperationError };
    const outcome = await writeIntent<Result>(
      target.source.path,
      (bytes) => {
        // Still the bytes planned on: that plan stands.
        if (first && bytes.equals(target.source.bytes)) return first.data ? { data: first.data, result: { applied: { ...first.outcome } } } : { data: null, result: { applied: { ...first.outcome } } };
        const version = versionOf(bytes);
        if (options.ifMatch && options.ifMatch !== version) return { data: null, result: { error: versionConflict(target.source.display, options.ifMatch, version) } };
        const now = bytes.equals(target.source.bytes) ? target : parseSource({ ...target.source, bytes }, config);
        if (isDiagnostic(now)) return { data: null, result: { error: new OperationError('unsupported', `${target.source.display} changed on disk into something trackdocs cannot read (${now.message}); nothing written`) } };
        try {
          const applied = applyOperations(now.doc, list, ctx);
          const data = applied.changed ? encodeText(applied.text, now.storage) : null;
          const result: FileOutcome = { file: target.source.display, versionBefore: version, version: data ? versionOf(data) : version, changed: applied.changed, written: false, results: applied.results };
          return data ? { data, result: { applied: result } } : { data: null, result: { applied: result } };
        } catch (e) {
          return { data: null, result: { error: errorOf(e) } };
        }
      },
      { roots, force: options.force, display: target.source.display, attempts: REPLAN_ATTEMPTS, lockFirst: true, lockWaitMs: LOCK_WAIT_MS },
    );
    if (outcome.status === 'refused') return { ok: false, exit: 2, error: { kind: 'unsupported', message: outcome.message }, file: target.source.display, files: done };
    if (outcome.status === 'changed') return { ok: false, exit: 3, error: { kind: 'conflict', message: outcome.message }, file: target.source.display, files: done };
    const { applied, error } = outcome.result;
    if (error) return { ok: false, exit: error.kind === 'conflict' ? 3 : 2, error: error.toJSON(), file: target.source.display, files: done };
    applied!.written = outcome.status === 'written';
    if (outcome.status === 'written' && outcome.attempts > 1) applied!.attempts = outcome.attempts;
    done.push(applied!);
  }
  return { ok: true, files: done };
}

function versionConflict(file: string, expected: string, current: string): OperationError {
  return new OperationError('conflict', `${file} is at version ${current}, not ${expected} as --if-match expects: it changed since you read it; nothing written. Read it again (trackdocs get --json) and retry`, { current, expected });
}

function conflictOfVersion(target: LoadedDocument, expected: string, current: string, files: FileOutcome[]): PerformOutcome {
  return { ok: false, exit: 3, error: versionConflict(target.source.display, expected, current).toJSON(), file: target.source.display, files };
}
