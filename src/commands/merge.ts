/**
 * `trackdocs merge BASE OURS THEIRS [PATH]`: git's merge driver for tracking documents. Reads the
 * three versions, merges them (src/merge/, pure), and replaces OURS with the result as git's merge
 * drivers do: exit 0 when clean, 1 when conflicts remain (inside standard markers), 2 when the
 * command could not run (OURS is then left as it was). A version that is not text trackdocs reads
 * is merged by `git merge-file` instead, byte for byte as git would.
 */
import { relative, resolve, sep } from 'node:path';
import { UsageError } from '../core/errors.js';
import { requireSync } from '../core/lazy.js';
import { decodeText, encodeText, type Storage } from '../core/encoding.js';
import { MAX_DOCUMENT_BYTES, NotReadableError, readRegularFile } from '../io/files.js';
import { guardedWrite } from '../io/guarded-write.js';
import { mergeDocuments, type MergeOptions, type MergeResult } from '../merge/index.js';
import type { ModelOptions } from '../model/parse.js';
import type { DocumentKind } from '../model/types.js';
import { parseCommand } from './options.js';
import type { CommandContext } from './context.js';

export const help = `Usage: trackdocs merge BASE OURS THEIRS [PATH] [options]

A three-way merge of one document, as a git merge driver: BASE is the common ancestor, OURS the
current branch's version, THEIRS the other one. The result replaces OURS (a temp file and a rename:
OURS holds the old or the new text, never half). Table rows merge by key and cell, tasks by text
with their ticks merged three-way, Recent Work entries by date, Last updated takes the later date,
and other text line by line, with standard conflict markers around the smallest hunk the sides
disagree on (so is a part too complex to parse). A version that is not text (a NUL byte, bytes that
are not UTF-8, a file over 16 MiB) is merged by \`git merge-file\` instead, exactly as git would.

PATH is the document's path in the repository (git's %P): it picks the document's kind and the
config's tables. \`trackdocs merge-driver install\` sets git up to call this; see docs/merge.md.

Options:
  --marker-size <n>     length of the conflict markers (git's %L; default 7)
  --diff3               show the base's lines in each conflict too (default: git's merge.conflictStyle)
  --conflict-style <s>  merge or diff3 (zdiff3 is read as diff3)
  -L, --label <name>    a conflict label, up to three times in git merge-file's order: ours, base,
                        theirs (default: ours, base, theirs)
  -q, --quiet           print nothing when the merge is clean

Exit codes: 0 merged cleanly, 1 conflicts remain in OURS, 2 usage or IO error (OURS unchanged).`;

interface Side {
  name: 'base' | 'ours' | 'theirs';
  path: string;
  bytes: Buffer;
}

/** The largest version handed to git merge-file. */
const GIT_MERGE_MAX_BYTES = 1024 * 1024 * 1024;

/** node:child_process, loaded when git must be asked (a conflict, a side that is not text): a clean merge never pays for it. */
const childProcess = () => requireSync<typeof import('node:child_process')>('node:child_process');

const whose = { base: 'the base', ours: 'our', theirs: 'their' } as const;

/** A side's text, or why it cannot be merged as text (`git merge-file` then merges the bytes). */
type Text = { ok: true; text: string; storage: Storage };
type Decoded = Text | { ok: false; reason: string };

export async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, help, {
    'marker-size': { type: 'string' },
    diff3: { type: 'boolean' },
    'conflict-style': { type: 'string' },
    label: { type: 'string', short: 'L', multiple: true },
    quiet: { type: 'boolean', short: 'q' },
  });
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length < 3 || positionals.length > 4) {
    throw new UsageError(`expected BASE OURS THEIRS and an optional PATH, got ${positionals.length} path${positionals.length === 1 ? '' : 's'}`);
  }
  const markerSize = values['marker-size'] === undefined ? 7 : Number(values['marker-size']);
  if (!Number.isInteger(markerSize) || markerSize < 1 || markerSize > 100) throw new UsageError(`--marker-size needs a whole number from 1 to 100, got ${values['marker-size']}`);
  const labels = values.label ?? [];
  if (labels.length > 3) throw new UsageError('-L/--label is given at most three times (ours, base, theirs)');
  const givenStyle = styleFromFlags(values.diff3, values['conflict-style']);
  const [basePath, oursPath, theirsPath, docPath] = positionals as [string, string, string, string?];
  const shown = docPath ?? oursPath;
  const say = (s: string) => ctx.stderr.write(`trackdocs merge ${shown}: ${s}\n`);
  // Exit 2 leaves OURS as it was (the merge driver then merges with git merge-file).
  const failed = (s: string) => {
    say(s);
    return 2;
  };

  const sides: Side[] = [];
  let tooBig: string | undefined;
  for (const [name, path] of [['base', basePath], ['ours', oursPath], ['theirs', theirsPath]] as const) {
    const full = resolve(ctx.cwd, path);
    try {
      const side = readSide(full);
      if (side.tooBig) tooBig ??= `${whose[name]} version is too big for trackdocs (${side.tooBig})`;
      sides.push({ name, path: full, bytes: side.bytes });
    } catch (e) {
      return failed(`cannot read ${name.toUpperCase()} (${path}): ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}; nothing merged`);
    }
  }
  const [base, ours, theirs] = sides as [Side, Side, Side];
  const markerOptions = { markerSize, conflictStyle: givenStyle ?? 'merge', labels: { ours: labels[0] ?? 'ours', base: labels[1] ?? 'base', theirs: labels[2] ?? 'theirs' } };

  const withGit = (why: string) => fallback(ctx, { say, failed }, base, ours, theirs, { ...markerOptions, conflictStyle: givenStyle ?? gitConflictStyle(ctx.cwd) }, why);
  const decoded = tooBig ? undefined : sides.map((s) => textOf(s.bytes));
  const unreadable = decoded?.findIndex((d) => !d.ok) ?? -1;
  if (!decoded || unreadable !== -1) {
    const why = tooBig ?? `${whose[sides[unreadable]!.name]} version is not text trackdocs reads (${(decoded![unreadable] as { reason: string }).reason})`;
    return withGit(why);
  }
  const [b, o, t] = decoded as [Text, Text, Text];
  const options: MergeOptions = { ...markerOptions };
  if (docPath) Object.assign(options, await documentOptions(ctx, docPath));
  let result: MergeResult;
  try {
    result = mergeDocuments(b.text, o.text, t.text, options);
    // The style shows only in conflicts: git's merge.conflictStyle is read when there are some.
    if (!result.clean && givenStyle === undefined && gitConflictStyle(ctx.cwd) === 'diff3') result = mergeDocuments(b.text, o.text, t.text, { ...options, conflictStyle: 'diff3' });
  } catch (e) {
    // A bug of ours must not leave git with only our side in the work tree: git merge-file merges it.
    const why = `trackdocs could not merge it (internal error: ${(e as Error).message}; please report this)`;
    return withGit(why);
  }
  // The result is stored as the side that changed how the file is stored, else as ours.
  const storage = sameStorage(o.storage, b.storage) ? t.storage : o.storage;
  const out = encodeText(result.text, storage);
  if (!Buffer.from(out.buffer, out.byteOffset, out.byteLength).equals(ours.bytes)) {
    const outcome = await guardedWrite(ours.path, out, { expected: ours.bytes, display: oursPath });
    if (outcome.status !== 'written') {
      return failed(outcome.status === 'refused' ? outcome.message : `${oursPath} changed while it was merged; nothing written`);
    }
  }
  const settled = result.settled ? `${result.settled} place${result.settled === 1 ? '' : 's'} both sides changed merged by structure` : '';
  if (result.clean) {
    if (!values.quiet) say(`merged cleanly${settled ? ` (${settled})` : ''}`);
    return 0;
  }
  const conflicts = result.conflicts.map((c) => `line ${c.line}${c.what && c.what !== 'lines' ? `: ${c.what}` : ''}`).join('; ');
  say(`${result.conflicts.length} conflict${result.conflicts.length === 1 ? '' : 's'} (${conflicts})${settled ? `; ${settled}` : ''}`);
  return 1;
}

/**
 * A version's bytes. One over the size trackdocs parses is still read (up to 1 GiB, the most git
 * merge-file is handed): git merge-file merges it, and OURS is replaced only while it holds them.
 */
function readSide(path: string): { bytes: Buffer; tooBig?: string } {
  try {
    return { bytes: readRegularFile(path, MAX_DOCUMENT_BYTES) };
  } catch (e) {
    if (!(e instanceof NotReadableError && /MiB/.test(e.message))) throw e;
    return { bytes: readRegularFile(path, GIT_MERGE_MAX_BYTES), tooBig: e.message };
  }
}

/** Decode one side: text trackdocs merges, or why not (git merge-file then merges the bytes). */
function textOf(bytes: Buffer): Decoded {
  const d = decodeText(bytes);
  if (!d.ok) return d;
  // Surrogate halves would be re-encoded as proper UTF-8: git merge-file keeps the bytes as they are.
  if (d.storage.surrogatePairs.length) return { ok: false, reason: 'it holds characters written as UTF-16 surrogate halves (CESU-8)' };
  // No complexity pre-scan here: the merge parses only the windows both sides changed, and checks
  // each before it parses it (a window too complex is merged line by line).
  return d;
}

const sameStorage = (a: Storage, b: Storage) => a.encoding === b.encoding && a.bom === b.bom;

/** The style --diff3 or --conflict-style asks for, if any. */
function styleFromFlags(diff3: boolean | undefined, given: string | undefined): 'merge' | 'diff3' | undefined {
  if (diff3) return 'diff3';
  if (given === undefined) return undefined;
  if (given === 'merge') return 'merge';
  if (given === 'diff3' || given === 'zdiff3') return 'diff3';
  throw new UsageError(`unknown --conflict-style ${given}; expected merge or diff3`);
}

/** git's merge.conflictStyle (zdiff3 read as diff3); merge when unset or unreadable. */
function gitConflictStyle(cwd: string): 'merge' | 'diff3' {
  const r = childProcess().spawnSync('git', ['config', '--get', 'merge.conflictStyle'], { cwd, encoding: 'utf8' });
  const value = r.status === 0 ? String(r.stdout).trim() : '';
  return value === 'diff3' || value === 'zdiff3' ? 'diff3' : 'merge';
}

/**
 * The document's path relative to the config's folder, its configured kind and the config's
 * tables and vocabularies. A config that cannot be loaded does not stop a merge: the defaults are
 * used, and the reason is said.
 */
async function documentOptions(ctx: CommandContext, docPath: string): Promise<{ path: string; kind?: DocumentKind; model?: ModelOptions }> {
  try {
    const { loadConfig } = await import('../config/load.js');
    const config = await loadConfig(ctx.cwd);
    const fromRoot = relative(config.root, resolve(ctx.cwd, docPath)).split(sep).join('/');
    const kind = config.documents[fromRoot];
    return { path: fromRoot, ...(kind ? { kind } : {}), model: config.model };
  } catch (e) {
    ctx.stderr.write(`trackdocs merge ${docPath}: the config cannot be used (${(e as Error).message.split('\n')[0]}); merging with the default tables\n`);
    return { path: docPath };
  }
}

/**
 * `git merge-file -p` on the three files, its output written to OURS through the guarded write.
 * Binary files git refuses to merge too: OURS is then kept as it is and the merge conflicts, as
 * git's own binary merge does.
 */
async function fallback(
  ctx: CommandContext,
  { say, failed }: { say: (s: string) => void; failed: (s: string) => number },
  base: Side,
  ours: Side,
  theirs: Side,
  m: { markerSize: number; conflictStyle: 'merge' | 'diff3'; labels: { ours: string; base: string; theirs: string } },
  why: string,
): Promise<number> {
  const args = ['merge-file', '-p', `--marker-size=${m.markerSize}`, ...(m.conflictStyle === 'diff3' ? ['--diff3'] : []), '-L', m.labels.ours, '-L', m.labels.base, '-L', m.labels.theirs, ours.path, base.path, theirs.path];
  const r = childProcess().spawnSync('git', args, { cwd: ctx.cwd, maxBuffer: 1 << 30 });
  if (r.error) {
    return failed(`${why}, and git could not be run to merge it line by line (${(r.error as NodeJS.ErrnoException).code}); ${relative(ctx.cwd, ours.path) || ours.path} left as it was`);
  }
  // git merge-file's status: the number of conflicts (0 clean), or a negative number (255, 254) on error.
  const status = r.status ?? 255;
  if (status > 127) {
    const message = r.stderr.toString('utf8').trim().replace(/^error: /, '');
    say(`${why}; git merge-file cannot merge it either (${message || `exit ${status}`}): our version is kept and the file is left in conflict, as git does with binary files`);
    return 1;
  }
  if (!r.stdout.equals(ours.bytes)) {
    const outcome = await guardedWrite(ours.path, r.stdout, { expected: ours.bytes, display: relative(ctx.cwd, ours.path) || ours.path });
    if (outcome.status !== 'written') {
      return failed(outcome.status === 'refused' ? outcome.message : 'OURS changed while it was merged; nothing written');
    }
  }
  say(`${why}; merged line by line with git merge-file: ${status === 0 ? 'clean' : `${status} conflict${status === 1 ? '' : 's'}`}`);
  return status === 0 ? 0 : 1;
}
