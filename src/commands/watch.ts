/**
 * `trackdocs watch`: re-lint documents as they are saved; with --sync, poll the sources and apply sync
 * edits too, never over a file that changed after it was read.
 */
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve, dirname, relative, sep } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { compareDiagnostics, summarise } from '../core/diagnostic.js';
import { applyEdits } from '../edit/apply.js';
import { encodeText } from '../core/encoding.js';
import { loadConfig, configNames } from '../config/load.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { lintDocument } from '../lint/engine.js';
import { planSync } from '../sync/reconcile.js';
import { gatherSources, formatSourceErrors } from '../sync/run.js';
import { writeIntent } from '../io/guarded-write.js';
import { repositoryRoot } from '../config/load.js';
import { expandTargets } from '../io/files.js';
import { loadDocument, isDiagnostic, lintOptionsFor, forDocument, parseSource } from '../store/documents.js';
import { today, useColor, type CommandContext } from './context.js';
import { pretty } from '../reporters/index.js';
import { rules } from '../rules/index.js';
import { parseCommand, sourceOptions } from './options.js';

export const help = `Usage: trackdocs watch [paths…] [options]

Watch the docs (the given paths, else the configured ones), the state file and the config; on
every save, re-lint the document and print its diagnostics. On a terminal the screen is redrawn;
otherwise lines are appended. Editors' atomic saves, deleting and re-creating a file, and config
changes are handled.

Options:
  --sync               also poll the sources and apply sync edits (never over a file that changed
                       after it was read; a failing source or a refused write is retried)
  --interval <time>    how often --sync polls: 60s (default), 90, 2m
  --settle <time>      --sync writes a document only once it has not changed for this long:
                       1s (default), 300ms, 0 (no wait)
  --vastai-json <file> sync from a saved \`vastai show instances --raw\` (re-read every cycle)
  --state <file>       sync from this state file
  --no-vastai          leave the vastai source out
  --no-state           leave the state source out
  --config <file>      use this config instead of searching for docs.config.yaml
  --no-color           no ANSI colours (also: NO_COLOR=1)
  -h, --help           show this help

Stop with Ctrl-C (SIGINT) or SIGTERM: the watcher finishes any write in progress and exits 0.`;

/** `60s`, `90`, `2m`, `500ms` → milliseconds. */
export function parseInterval(s: string, flag = '--interval', min = 100): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(s.trim());
  if (!m) throw new UsageError(`${flag} needs a duration such as 60s, 90 or 2m, got ${s}`);
  const n = Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const)[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  if (n < min) throw new UsageError(`${flag} must be at least ${min}ms`);
  return n;
}

const DEBOUNCE_MS = 8;
const RECHECK_MS = 80;
const MAX_BACKOFF_MS = 10 * 60_000;

export async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, help, {
      sync: { type: 'boolean', default: false },
      interval: { type: 'string', default: '60s' },
      settle: { type: 'string', default: '1s' },
      ...sourceOptions,
      config: { type: 'string' },
    });
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const interval = parseInterval(values.interval);
  const settle = parseInterval(values.settle, '--settle', 0);
  // Signals are caught from the start, so Ctrl-C during start-up also stops cleanly.
  let signalled: ((signal: string) => void) | undefined;
  const stopSignal = new Promise<string>((resolveSignal) => (signalled = resolveSignal));
  const onSignal = (signal: string) => () => signalled!(signal);
  // `on`, not `once`: the lock library's exit handler re-raises a signal nobody else listens to.
  process.on('SIGINT', onSignal('SIGINT'));
  process.on('SIGTERM', onSignal('SIGTERM'));
  const tty = Boolean(ctx.stdout.isTTY);
  const color = useColor(ctx, undefined);
  let config: ResolvedConfig = await loadConfig(ctx.cwd, values.config);
  const files = expandTargets(positionals, ctx.cwd, config);
  const results = new Map<string, Diagnostic[]>();
  const deleted = new Set<string>();

  const lintFile = (path: string) => {
    if (!existsSync(path)) {
      deleted.add(path);
      results.delete(path);
      return;
    }
    deleted.delete(path);
    const loaded = loadDocument(path, ctx.cwd, config);
    results.set(path, isDiagnostic(loaded) ? [loaded] : lintDocument(loaded.doc, forDocument(lintOptionsFor(config, today(ctx.env)), loaded.source.fromRoot)));
  };
  const display = (path: string) => relative(ctx.cwd, path) || path;
  const render = (changed?: string, note?: string) => {
    const all = [...results.values()].flat().sort(compareDiagnostics);
    if (tty) {
      const time = new Date().toTimeString().slice(0, 8);
      let screen = `\x1b[2J\x1b[Htrackdocs watch — ${files.length} file${files.length === 1 ? '' : 's'}, ${time}${values.sync ? `, sync every ${values.interval}` : ''}\n\n`;
      for (const p of deleted) screen += `${display(p)}: deleted; waiting for it to come back\n`;
      screen += pretty({ diagnostics: all, files: files.length, rules, color, toolVersion: '' });
      if (note) screen += `\n${note}\n`;
      ctx.stdout.write(screen);
      return;
    }
    if (note) ctx.stdout.write(`${note}\n`);
    if (!changed) {
      ctx.stdout.write(pretty({ diagnostics: all, files: files.length, rules, toolVersion: '' }));
      return;
    }
    if (deleted.has(changed)) {
      ctx.stdout.write(`${display(changed)}: deleted; waiting for it to come back\n`);
      return;
    }
    const mine = results.get(changed) ?? [];
    const s = summarise(mine, 1);
    ctx.stdout.write(mine.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message} ${d.ruleId}\n`).join('') + `${display(changed)}: ${s.errors || s.warnings ? `${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}` : 'clean'}\n`);
  };

  for (const f of files) lintFile(f);

  const configPath = config.path ?? (values.config ? resolve(ctx.cwd, values.config) : join(config.root, configNames[0]!));
  const statePath = values.state ? resolve(ctx.cwd, values.state) : resolve(config.root, config.raw.sources?.state?.path ?? '.system_state.json');
  const { watch } = await import('chokidar');
  // Watch the directories and filter: a file that is deleted and re-created, or replaced by an
  // editor's rename, is seen again however the platform reports it.
  const watched = new Set([...files, configPath, statePath].map((p) => resolve(p)));
  const watcher = watch([...new Set([...watched].map((p) => dirname(p)))], { ignoreInitial: true, depth: 0, atomic: true });

  const timers = new Map<string, NodeJS.Timeout>();
  let syncing: Promise<void> | undefined;
  let stopping = false;
  /** Content we wrote ourselves, so its change event is not taken for a person's edit. */
  const ownWrites = new Map<string, Uint8Array>();

  const onEvent = (event: string, path: string) => {
    const abs = resolve(path);
    if (!watched.has(abs) || stopping) return;
    clearTimeout(timers.get(abs));
    timers.set(
      abs,
      setTimeout(() => {
        timers.delete(abs);
        handle(event, abs).catch((e: Error) => render(undefined, `trackdocs watch: ${display(abs)}: ${e.message}`));
      }, DEBOUNCE_MS),
    );
  };

  /** What a file looked like when it was last handled: mtime and size, or absent. */
  const signature = (abs: string) => {
    try {
      const st = statSync(abs);
      return `${st.mtimeMs}:${st.size}`;
    } catch {
      return 'absent';
    }
  };
  // chokidar throttles change events: a second save within ~50 ms of the first is dropped. So each
  // handled file is looked at once more a little later, and handled again if it changed since.
  const recheck = (abs: string, seen: string) =>
    setTimeout(() => {
      if (!stopping && !timers.has(abs) && signature(abs) !== seen) onEvent('change', abs);
    }, RECHECK_MS).unref();

  const handle = async (_event: string, abs: string) => {
    recheck(abs, signature(abs));
    if (abs === resolve(configPath)) {
      try {
        config = await loadConfig(ctx.cwd, values.config);
        for (const f of files) lintFile(f);
        render(undefined, 'trackdocs watch: config reloaded');
      } catch (e) {
        render(undefined, `trackdocs watch: config error: ${(e as Error).message} (keeping the previous config)`);
      }
      return;
    }
    if (abs === statePath && !files.includes(abs)) {
      if (values.sync) void cycle('the state file changed');
      return;
    }
    lintFile(abs);
    const own = ownWrites.get(abs);
    if (own !== undefined) {
      ownWrites.delete(abs);
      if (existsSync(abs) && readFileSync(abs).equals(own)) return render(abs);
    }
    render(abs);
  };
  watcher.on('all', onEvent);

  let failures = 0;
  let pollTimer: NodeJS.Timeout | undefined;
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  /** Wait until `path` has not changed for `settle` ms (a person may be typing and saving). */
  const quiet = async (path: string): Promise<true | { message: string }> => {
    const deadline = Date.now() + Math.max(interval, settle * 10, 10_000);
    for (;;) {
      if (stopping) return { message: 'watch is stopping' };
      let age: number;
      try {
        age = Date.now() - statSync(path).mtimeMs;
      } catch {
        return true; // gone: the write reports it
      }
      if (age >= settle) return true;
      if (Date.now() > deadline) return { message: `${display(path)} is being edited (it changed within the last ${settle} ms for a long while); not synced this cycle, the next one will try again` };
      await sleep(Math.min(settle - age + 5, 1000));
    }
  };
  const syncFile = async (path: string, snapshots: Awaited<ReturnType<typeof gatherSources>>['snapshots'], day: string, reason?: string) => {
    const options = { today: day, archive: config.raw.sync?.archive ?? 'move', force: false, jobVocabulary: config.model.vocabularies.job };
    const outcome = await writeIntent(
      path,
      (bytes) => {
        const loaded = parseSource({ path, display: display(path), fromRoot: relative(config.root, path).split(sep).join('/'), bytes }, config);
        if (isDiagnostic(loaded) || loaded.doc.kind !== 'tracker') return { data: null, result: undefined };
        const plan = planSync(loaded.doc, snapshots, options);
        const applied = applyEdits(loaded.doc.text, plan.edits);
        if (applied.mismatched.length || applied.skipped.length) return { data: null, result: { plan, abort: true } };
        if (applied.text === loaded.doc.text) return { data: null, result: undefined };
        const data = encodeText(applied.text, loaded.storage);
        ownWrites.set(path, data);
        return { data, result: { plan, abort: false } };
      },
      { roots: [config.root, repositoryRoot(ctx.cwd)], display: display(path), before: () => quiet(path) },
    );
    if (outcome.status !== 'written') ownWrites.delete(path);
    if (outcome.status === 'written') {
      const s = outcome.result!.plan.summary;
      render(undefined, `trackdocs watch: synced ${display(path)}${reason ? ` (${reason})` : ''}: ${s.added} added, ${s.updated} updated, ${s.archived} archived`);
    } else if (outcome.status === 'unchanged') {
      if (outcome.result?.abort) render(undefined, `trackdocs watch: ${display(path)}: a sync edit does not match the text it replaces; nothing written. Please report this with the file`);
    } else if (outcome.status === 'changed') render(undefined, `trackdocs watch: ${outcome.message}; the next cycle will sync it`);
    else render(undefined, `trackdocs watch: ${outcome.message}; retrying on the next cycle`);
  };
  const cycle = (reason?: string): Promise<void> => {
    if (syncing) return syncing;
    syncing = (async () => {
      try {
        const day = today(ctx.env);
        const { snapshots, errors } = await gatherSources(ctx, config, values, 'sync');
        if (errors.length) {
          failures++;
          const wait = Math.min(interval * 2 ** failures, MAX_BACKOFF_MS);
          render(undefined, formatSourceErrors('watch', errors).trimEnd() + `\ntrackdocs watch: retrying in ${Math.round(wait / 1000)} s`);
          schedule(wait);
          return;
        }
        failures = 0;
        // Each document is read after the sources answered, once it is quiet, and planned on those bytes.
        for (const path of files) {
          if (stopping) break;
          if (existsSync(path)) await syncFile(path, snapshots, day, reason);
        }
        schedule(interval);
      } catch (e) {
        // Never a crash: report, and try again later.
        failures++;
        const wait = Math.min(interval * 2 ** failures, MAX_BACKOFF_MS);
        render(undefined, `trackdocs watch: sync failed: ${(e as Error).message}\ntrackdocs watch: retrying in ${Math.round(wait / 1000)} s`);
        schedule(wait);
      }
    })().finally(() => {
      syncing = undefined;
    });
    return syncing;
  };
  const schedule = (ms: number) => {
    clearTimeout(pollTimer);
    if (!stopping) pollTimer = setTimeout(() => void cycle(), ms);
  };

  await new Promise<void>((resolveReady) => watcher.on('ready', () => resolveReady()));
  // The first report comes once the watcher is ready, so a save after it is always seen.
  render(undefined, tty ? undefined : `trackdocs watch: watching ${files.length} file${files.length === 1 ? '' : 's'}${values.sync ? `, sync every ${values.interval}` : ''} (Ctrl-C to stop)`);
  if (values.sync) void cycle();
  if (!tty) ctx.stdout.write('trackdocs watch: ready\n');

  const signal = await stopSignal;
  stopping = true;
  clearTimeout(pollTimer);
  for (const t of timers.values()) clearTimeout(t);
  // A write in progress finishes (it is atomic either way); no new one starts.
  await syncing?.catch(() => undefined);
  await watcher.close();
  ctx.stderr.write(`trackdocs watch: stopped (${signal})\n`);
  return 0;
}

