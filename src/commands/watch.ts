/**
 * `trackdocs watch`: re-lint documents as they are saved; with --sync, poll the sources and apply sync
 * edits too, never over a file that changed after it was read.
 */
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve, dirname, relative } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { compareDiagnostics, summarise } from '../core/diagnostic.js';
import { applyEdits } from '../core/edits.js';
import { encodeText } from '../core/encoding.js';
import { loadConfig, configNames } from '../config/load.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { lintDocument } from '../lint/engine.js';
import { planSync } from '../sync/reconcile.js';
import { gatherSources, formatSourceErrors } from '../sync/run.js';
import { atomicWrite, ChangedOnDiskError } from '../io/atomic-write.js';
import { expandTargets } from '../io/files.js';
import { loadDocument, isDiagnostic, pathExistsUnder } from './documents.js';
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
                       after it was read; a failing source is retried with backoff)
  --interval <time>    how often --sync polls: 60s (default), 90, 2m
  --vastai-json <file> sync from a saved \`vastai show instances --raw\` (re-read every cycle)
  --state <file>       sync from this state file
  --no-vastai          leave the vastai source out
  --no-state           leave the state source out
  --config <file>      use this config instead of searching for docs.config.yaml
  --no-color           no ANSI colours (also: NO_COLOR=1)
  -h, --help           show this help

Stop with Ctrl-C (SIGINT) or SIGTERM: the watcher finishes any write in progress and exits 0.`;

/** `60s`, `90`, `2m`, `500ms` → milliseconds. */
export function parseInterval(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(s.trim());
  if (!m) throw new UsageError(`--interval needs a duration such as 60s, 90 or 2m, got ${s}`);
  const n = Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const)[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  if (n < 100) throw new UsageError('--interval must be at least 100ms');
  return n;
}

const DEBOUNCE_MS = 8;
const RECHECK_MS = 80;
const MAX_BACKOFF_MS = 10 * 60_000;

export async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, help, {
      sync: { type: 'boolean', default: false },
      interval: { type: 'string', default: '60s' },
      ...sourceOptions,
      config: { type: 'string' },
    });
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const interval = parseInterval(values.interval);
  // Signals are caught from the start, so Ctrl-C during start-up also stops cleanly.
  let signalled: ((signal: string) => void) | undefined;
  const stopSignal = new Promise<string>((resolveSignal) => (signalled = resolveSignal));
  const onSignal = (signal: string) => () => signalled!(signal);
  process.once('SIGINT', onSignal('SIGINT'));
  process.once('SIGTERM', onSignal('SIGTERM'));
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
    results.set(path, isDiagnostic(loaded) ? [loaded] : lintDocument(loaded.doc, { severities: config.severities, today: today(ctx.env), pathExists: pathExistsUnder(config.root) }));
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
        void handle(event, abs);
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
  const cycle = (reason?: string): Promise<void> => {
    if (syncing) return syncing;
    syncing = (async () => {
      const day = today(ctx.env);
      // Read first: a file edited while the sources answer is then seen as changed, not overwritten.
      const before = files.filter((f) => existsSync(f)).map((f) => ({ path: f, loaded: loadDocument(f, ctx.cwd, config) }));
      const { snapshots, errors } = await gatherSources(ctx, config, values, 'sync');
      if (errors.length) {
        failures++;
        const wait = Math.min(interval * 2 ** failures, MAX_BACKOFF_MS);
        render(undefined, formatSourceErrors('watch', errors).trimEnd() + `\ntrackdocs watch: retrying in ${Math.round(wait / 1000)} s`);
        schedule(wait);
        return;
      }
      failures = 0;
      for (const { path, loaded } of before) {
        if (stopping) break;
        if (isDiagnostic(loaded) || loaded.doc.kind !== 'tracker') continue;
        const plan = planSync(loaded.doc, snapshots, { today: day, archive: config.raw.sync?.archive ?? 'move', force: false, jobVocabulary: config.model.vocabularies.job });
        const next = applyEdits(loaded.doc.text, plan.edits).text;
        if (next === loaded.doc.text) continue;
        try {
          const bytes = encodeText(next, loaded.storage);
          ownWrites.set(path, bytes);
          atomicWrite(path, bytes, loaded.source.bytes);
          const s = plan.summary;
          render(undefined, `trackdocs watch: synced ${display(path)}${reason ? ` (${reason})` : ''}: ${s.added} added, ${s.updated} updated, ${s.archived} archived`);
        } catch (e) {
          ownWrites.delete(path);
          if (!(e instanceof ChangedOnDiskError)) throw e;
          render(undefined, `trackdocs watch: ${display(path)} changed while syncing; not written, the next cycle will sync it`);
        }
      }
      schedule(interval);
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
  // The first sync cycle reads the documents before "ready" is printed.
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

