/** `trackdocs sync [paths…]`: merge live vastai and state-tracker data into status trackers. */
import { UsageError } from '../core/errors.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { compareDiagnostics } from '../core/diagnostic.js';
import { applyEdits } from '../edit/apply.js';
import { encodeText } from '../core/encoding.js';
import { editsPatch } from '../core/patch.js';
import { loadConfig } from '../config/load.js';
import { planSync } from '../sync/reconcile.js';
import { gatherSources, driftDiagnostics, driftRules, formatSourceErrors, noSourceMessage, trackerSummary } from '../sync/run.js';
import { reporters } from '../reporters/index.js';
import { parseCommand, parseFormat, sourceOptions } from './options.js';
import { writeIntent } from '../io/guarded-write.js';
import { repositoryRoot } from '../config/load.js';
import { loadDocuments, parseSource, isDiagnostic, type LoadedDocument } from '../store/documents.js';
import type { ParsedDocument } from '../model/parse.js';
import type { SyncOptions, SyncPlan, Snapshots } from '../sync/reconcile.js';
import type { Edit } from '../core/diagnostic.js';
import { today, useColor, terminalWidth, type CommandContext } from './context.js';
import pkg from '../../package.json' with { type: 'json' };

export const help = `Usage: trackdocs sync [paths…] [options]

Merge live data into status trackers: instances from \`vastai show instances --raw\` into the
Active Remote Jobs table and the burn-rate line, and the state tracker's .system_state.json into
the Local Training section. Only the rows and cells the sources own change; people's cells and
every other byte stay as written. Without paths: the configured trackers, else
docs/status-tracker.md or status-tracker.md.

Options:
  --check              write nothing; exit 1 when the docs drifted from the sources
  --dry-run            print the changes as a unified diff; write nothing
  --format <name>      with --check only: pretty (default), json, github, sarif, junit or gitlab
  --vastai-json <file> use a saved \`vastai show instances --raw\` instead of running vastai
  --state <file>       use this state file instead of .system_state.json or the configured command
  --no-vastai          leave the vastai source out
  --no-state           leave the state source out
  --archive <how>      a listed instance vastai no longer returns: move (default), mark or remove
  --force              with --archive remove: also remove rows that hold people's notes;
                       also replace a read-only tracker
  --config <file>      use this config instead of searching for docs.config.yaml
  --no-color           no ANSI colours (also: NO_COLOR=1)
  -h, --help           show this help

Writes are atomic and locked, and never over a file that changed after it was read: sync plans
again on the new bytes (up to 3 times). See docs/writes.md.

Exit codes: 0 done (or in sync), 1 drift found with --check (or the file kept changing while sync
was writing it), 2 usage, config or source failure (nothing is written when any source failed),
or a write that was refused (read-only file, permissions, full disk, outside the repository),
or no source to sync from.
Guide: docs/sync.md`;

/** A planned sync of one document: the plan, the new text, and the edits as applied. */
interface PlannedSync {
  doc: ParsedDocument;
  plan: SyncPlan;
  next: string;
  applied: Edit[];
  /** Why the planned edits cannot be applied (overlapping, or not over the text they replace). */
  abort?: string;
}

export function planDocument(doc: ParsedDocument, snapshots: Snapshots, options: SyncOptions): PlannedSync {
  const plan = planSync(doc, snapshots, options);
  const { text: next, applied, skipped, mismatched } = applyEdits(doc.text, plan.edits);
  let abort: string | undefined;
  if (mismatched.length) {
    const at = doc.lines.point(mismatched[0]!.start);
    abort = `an edit at line ${at.line} does not match the text it replaces (the positions disagree with the parser); nothing written to this file. Please report this with the file`;
  } else if (skipped.length) abort = `sync planned ${skipped.length} overlapping edit${skipped.length > 1 ? 's' : ''}; nothing written to this file. Please report this with the file`;
  return { doc, plan, next, applied, abort };
}

function colorDiff(patch: string, color: boolean): string {
  if (!color) return patch;
  return patch
    .split('\n')
    .map((l) => (l.startsWith('+') && !l.startsWith('+++') ? `\x1b[32m${l}\x1b[0m` : l.startsWith('-') && !l.startsWith('---') ? `\x1b[31m${l}\x1b[0m` : l.startsWith('@@') ? `\x1b[36m${l}\x1b[0m` : l))
    .join('\n');
}

export async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, help, {
      check: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      format: { type: 'string' },
      ...sourceOptions,
      archive: { type: 'string' },
      force: { type: 'boolean', default: false },
      config: { type: 'string' },
    });
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (values.format !== undefined && !values.check) throw new UsageError('--format shapes the report of --check; without --check, sync writes the tracker (or with --dry-run prints a diff). Add --check, or drop --format');
  const format = parseFormat(values.format ?? 'pretty');
  if (values.check && values['dry-run']) throw new UsageError('--check and --dry-run do not go together: --check reports drift, --dry-run shows the diff');
  if (values['vastai-json'] && values['no-vastai']) throw new UsageError('--vastai-json and --no-vastai do not go together');
  if (values.state && values['no-state']) throw new UsageError('--state and --no-state do not go together');
  const config = await loadConfig(ctx.cwd, values.config);
  const archive = (values.archive ?? config.raw.sync?.archive ?? 'move') as 'move' | 'mark' | 'remove';
  if (!['move', 'mark', 'remove'].includes(archive)) throw new UsageError(`unknown --archive ${values.archive}, expected move, mark or remove`);
  const color = useColor(ctx, undefined);

  const loaded = loadDocuments(positionals, ctx.cwd, config);
  for (const d of loaded.unreadable) ctx.stderr.write(`trackdocs: ${d.file}: ${d.message}\n`);
  let failed = loaded.unreadable.length > 0;
  const trackers = loaded.documents.filter((d) => d.doc.kind === 'tracker');
  const others = loaded.documents.filter((d) => d.doc.kind !== 'tracker').map((d) => d.source.display);
  if (trackers.length === 0) {
    ctx.stderr.write(`trackdocs sync: no status tracker to sync${others.length ? ` (${others.join(', ')} ${others.length === 1 ? 'is not a tracker' : 'are not trackers'})` : ''}. Pass its path, or list it under \`documents\` in docs.config.yaml as \`tracker\`.\n`);
    return 2;
  }

  const { snapshots, errors, notes } = await gatherSources(ctx, config, values, 'sync');
  for (const n of notes) ctx.stderr.write(`trackdocs sync: ${n}\n`);
  if (errors.length) {
    ctx.stderr.write(formatSourceErrors('sync', errors));
    return 2;
  }
  const noSource = noSourceMessage('sync', snapshots, values);
  if (noSource) {
    ctx.stderr.write(noSource);
    return 2;
  }

  const options = { today: today(ctx.env), archive, force: values.force, jobVocabulary: config.model.vocabularies.job };
  const roots = [config.root, repositoryRoot(ctx.cwd)];
  const diagnostics: Diagnostic[] = [...loaded.unreadable];
  let refused = false;
  const report = (p: PlannedSync) => {
    for (const note of p.plan.notes) ctx.stderr.write(`trackdocs sync: ${p.doc.path}: ${note}\n`);
    for (const w of p.plan.drift.filter((r) => r.severity === 'warning')) ctx.stdout.write(`${p.doc.path}: ${w.message}\n`);
  };
  const counts = (s: SyncPlan['summary']) => `${s.added} added, ${s.updated} updated, ${s.archived} archived${s.refused ? `, ${s.refused} removal${s.refused > 1 ? 's' : ''} refused` : ''}`;
  for (const { source, storage, doc } of trackers) {
    const first = planDocument(doc, snapshots, options);
    diagnostics.push(...driftDiagnostics(doc, first.plan.drift));
    if (values.check) continue;
    if (first.abort) {
      report(first);
      ctx.stderr.write(`trackdocs sync: ${doc.path}: ${first.abort}\n`);
      failed = true;
      continue;
    }
    if (values['dry-run']) {
      report(first);
      if (first.plan.summary.refused) failed = true;
      if (first.next === doc.text) ctx.stdout.write(`${doc.path}: in sync\n`);
      else {
        ctx.stdout.write(colorDiff(editsPatch(`a/${doc.path}`, `b/${doc.path}`, doc.text, first.applied, first.next), color));
        ctx.stdout.write(`${doc.path}: would write: ${counts(first.plan.summary)} (dry run: nothing written)\n`);
      }
      continue;
    }
    // Plan on the bytes on disk; when they changed meanwhile, plan again on the new ones.
    const outcome = await writeIntent<PlannedSync>(
      source.path,
      (bytes) => {
        const now: LoadedDocument | undefined = bytes === source.bytes ? { source, storage, doc } : (() => {
          const parsed = parseSource({ ...source, bytes }, config);
          return isDiagnostic(parsed) || parsed.doc.kind !== 'tracker' ? undefined : parsed;
        })();
        if (!now) return { data: null, result: { ...first, abort: 'it changed on disk into something sync cannot read; nothing written' } };
        const planned = now.doc === doc ? first : planDocument(now.doc, snapshots, options);
        if (planned.abort || planned.next === now.doc.text) return { data: null, result: planned };
        return { data: encodeText(planned.next, now.storage), result: planned };
      },
      { roots, force: values.force, display: doc.path, first: source.bytes },
    );
    if (outcome.status === 'refused') {
      report(first);
      ctx.stderr.write(`trackdocs sync: ${outcome.message}\n`);
      refused = true;
      continue;
    }
    if (outcome.status === 'changed') {
      report(first);
      ctx.stderr.write(`trackdocs sync: ${outcome.message}\n`);
      failed = true;
      continue;
    }
    const done = outcome.result;
    report(done);
    if (done.plan.summary.refused) failed = true;
    if (done.abort) {
      ctx.stderr.write(`trackdocs sync: ${doc.path}: ${done.abort}\n`);
      failed = true;
    } else if (outcome.status === 'unchanged') ctx.stdout.write(`${doc.path}: in sync\n`);
    else ctx.stdout.write(`${doc.path}: ${counts(done.plan.summary)}; written${outcome.attempts > 1 ? ` (planned again on the file's new content: it changed while sync was working)` : ''}\n`);
  }
  if (values.check) {
    diagnostics.sort(compareDiagnostics);
    const checked = trackerSummary('checked against', trackers.length, snapshots, others);
    ctx.stdout.write(await reporters[format]({ diagnostics, files: loaded.files, checked, rules: driftRules, color, width: terminalWidth(ctx), toolVersion: pkg.version }));
    return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  }
  ctx.stdout.write(trackerSummary(values['dry-run'] ? 'compared with' : 'synced with', trackers.length, snapshots, others) + '\n');
  return refused ? 2 : failed ? 1 : 0;
}
