/**
 * `trackdocs resolve FILE [--write]`: a document committed with git's conflict markers still in it
 * is read back into its two sides, which are merged by structure (src/merge/committed.ts). The
 * result is printed as a unified diff; `--write` writes it through the guarded writer, keeping the
 * file's encoding, BOM and line endings. See docs/resolve.md.
 */
import { relative, resolve as resolvePath, sep } from 'node:path';
import { UsageError } from '../core/errors.js';
import { decodeText, encodeText, type Storage } from '../core/encoding.js';
import { lazyImport } from '../core/lazy.js';
import { codeRanges, insideRanges } from '../core/code-ranges.js';
import { parseMarkdown } from '../core/markdown.js';
import { loadConfig, repositoryRoot } from '../config/load.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { readRegularFile, MAX_DOCUMENT_BYTES } from '../io/files.js';
import { detectKind } from '../model/detect.js';
import { resolveCommitted, type ResolvePlan } from '../merge/committed.js';
import type { MergeOptions } from '../merge/index.js';
import type { DocumentKind } from '../model/types.js';
import { parseCommand } from './options.js';
import type { CommandContext } from './context.js';

export const help = `Usage: trackdocs resolve FILE [--write] [options]

Resolve the git conflict markers committed in a document (\`<<<<<<<\`, \`=======\`, \`>>>>>>>\`),
whose two sides are versions of the same document: the sides are merged by structure, as a
two-way merge with no base. Rows and tasks either side has are kept; what the two sides wrote
differently at one place (two values in one cell) stays a conflict, confined to that row. When
every conflict carries its base section (\`|||||||\`, git's diff3 style), the merge is three-way.
The result is printed as a unified diff; nothing is written without --write.

Options:
  --write            write the result (only when every conflict is settled, unless
                     --keep-conflicts)
  --keep-conflicts   with --write: also write a result in which conflicts remain (their markers
                     then surround only what is still in conflict)
  --force            also replace a read-only file
  --marker-size <n>  also read markers shorter than 7 characters, down to n (the file's
                     conflict-marker-size git attribute); longer ones are always read
  --json             print the outcome as JSON: status, remaining conflicts, problems, diff
  --config <file>    use this config instead of searching for docs.config.yaml
  -h, --help         show this help

Nested or unbalanced markers (a \`<<<<<<<\` inside a conflict, a \`>>>>>>>\` with no opener, a
conflict never closed, two \`=======\` in one conflict) are reported as FILE:LINE:COLUMN and the
file is left alone: fix those markers by hand, then run resolve again.

Exit codes: 0 every conflict settled (and written, with --write), or no conflict markers in the
file (said on stderr); 1 conflicts remain (their lines are listed; nothing written unless
--keep-conflicts); 2 nested or unbalanced markers, usage, a file that cannot be read or written.
Guide: docs/resolve.md`;

/** Everything resolve needs to know about the file to plan on its bytes. */
interface Target {
  path: string;
  display: string;
  fromRoot: string;
  config: ResolvedConfig;
  /** The smallest marker size to read (default 7). */
  minSize?: number;
}

type Planned = { ok: true; text: string; plan: ResolvePlan; storage: Storage } | { ok: false; reason: string };

/** Decode the file's bytes and plan the resolution on them (pure, given the config). */
function planOn(bytes: Uint8Array, target: Target): Planned {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  const { text } = decoded;
  const kind: DocumentKind = detectKind(target.fromRoot, text, target.config.documents[target.fromRoot]);
  let ranges: ReturnType<typeof codeRanges> | undefined;
  // A marker in a code block is an example only when it is left over from the strict reading: parse on demand.
  const inCode = (offset: number) => insideRanges((ranges ??= codeRanges(parseMarkdown(text))), offset);
  // The structural merge reads the path, kind and model options (tables by key, tasks by text).
  const merge: MergeOptions = { path: target.fromRoot, kind, model: target.config.model };
  return { ok: true, text, plan: resolveCommitted(text, { inCode, merge, minSize: target.minSize }), storage: decoded.storage };
}

export async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, help, {
    write: { type: 'boolean', default: false },
    'keep-conflicts': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    'marker-size': { type: 'string' },
    json: { type: 'boolean', default: false },
    config: { type: 'string' },
  });
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `one FILE at a time, got ${positionals.length}: ${positionals.join(' ')}` : 'which file? trackdocs resolve FILE');
  const minSize = values['marker-size'] === undefined ? undefined : Number(values['marker-size']);
  if (minSize !== undefined && !(Number.isInteger(minSize) && minSize >= 3)) throw new UsageError(`--marker-size needs a whole number ≥ 3, got ${values['marker-size']}`);
  if (values['keep-conflicts'] && !values.write) throw new UsageError('--keep-conflicts goes with --write (without --write nothing is written anyway)');
  const config = await loadConfig(ctx.cwd, values.config);
  const path = resolvePath(ctx.cwd, positionals[0]!);
  const target: Target = {
    path,
    display: (relative(ctx.cwd, path) || path).split(sep).join('/'),
    fromRoot: relative(config.root, path).split(sep).join('/'),
    config,
    minSize,
  };
  const { display } = target;
  const out = (report: Record<string, unknown>, human: () => void) => {
    if (values.json) ctx.stdout.write(JSON.stringify({ file: display, ...report }, null, 2) + '\n');
    else human();
  };

  const unreadable = (why: string) => {
    const message = `cannot read ${display}: ${why}`;
    out({ status: 'unreadable', written: false, error: message }, () => ctx.stderr.write(`trackdocs resolve: ${message}\n`));
    return 2;
  };
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path, MAX_DOCUMENT_BYTES);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return unreadable(err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a directory' : err.message);
  }
  const first = planOn(bytes, target);
  if (!first.ok) return unreadable(first.reason);
  const { plan } = first;
  if (plan.status === 'no-markers') {
    out({ status: 'no-markers', written: false }, () => ctx.stderr.write(`trackdocs resolve: ${display} has no conflict markers; nothing to resolve\n`));
    return 0;
  }
  if (plan.status === 'unbalanced') {
    out({ status: 'unbalanced', written: false, problems: plan.problems.map(({ line, column, message }) => ({ line, column, message })) }, () => {
      for (const p of plan.problems) ctx.stderr.write(`${display}:${p.line}:${p.column}: ${p.message}\n`);
      ctx.stderr.write(`trackdocs resolve: ${display} has nested or unbalanced conflict markers; nothing resolved, the file is left as it is. Fix the markers above by hand (each conflict: <<<<<<<, its first side, =======, its second side, >>>>>>>), then run trackdocs resolve ${display} again\n`);
    });
    return 2;
  }

  const { createTwoFilesPatch } = await lazyImport<typeof import('diff')>('diff');
  const diff = plan.text === first.text ? '' : createTwoFilesPatch(`a/${display}`, `b/${display}`, first.text, plan.text, undefined, undefined, { context: 3 });
  const remaining = plan.conflicts.map(({ line, what }) => ({ line, what }));
  const wanted = values.write && (plan.clean || values['keep-conflicts']);
  let written = false;
  let failure: string | undefined;
  if (wanted) {
    const { writeIntent } = await import('../io/guarded-write.js');
    const outcome = await writeIntent<ResolvePlan | string>(
      path,
      (current) => {
        // Planned again on the file's new bytes if it changed since it was read.
        const now = current === bytes ? first : planOn(current, target);
        if (!now.ok) return { data: null, result: now.reason };
        if (now.plan.status !== 'merged') return { data: null, result: now.plan };
        if (!now.plan.clean && !values['keep-conflicts']) return { data: null, result: now.plan };
        return { data: encodeText(now.plan.text, now.storage), result: now.plan };
      },
      { roots: [config.root, repositoryRoot(ctx.cwd)], force: values.force, display, first: bytes },
    );
    if (outcome.status === 'written') written = true;
    else if (outcome.status === 'unchanged') failure = `${display} changed while trackdocs was resolving it, and no longer holds the same conflicts; nothing written. Run the command again`;
    else failure = outcome.message;
  }

  const status = plan.clean ? 'resolved' : 'conflicts';
  out({ status, written, conflictsRead: plan.read.length, threeWay: plan.threeWay, remaining, diff, ...(failure && { error: failure }) }, () => {
    ctx.stdout.write(diff);
    const n = plan.read.length;
    const read = `${n} conflict${n === 1 ? '' : 's'} read`;
    if (plan.clean) {
      ctx.stderr.write(written ? `trackdocs resolve: ${display}: ${read}, every one settled; written\n` : `trackdocs resolve: ${display}: ${read}, every one settled${values.write ? '' : '; nothing written (run again with --write to write it)'}\n`);
    } else {
      for (const c of remaining) ctx.stderr.write(`${display}:${c.line}: a conflict remains (${c.what})\n`);
      const next = written
        ? 'written with its conflicts (--keep-conflicts): edit them by hand'
        : values.write
          ? 'nothing written; edit the file by hand, or pass --keep-conflicts to write the result with only these conflicts left'
          : 'nothing written';
      ctx.stderr.write(`trackdocs resolve: ${display}: ${read}; ${remaining.length} conflict${remaining.length === 1 ? '' : 's'} remain${remaining.length === 1 ? 's' : ''} in the result (lines listed above); ${next}\n`);
    }
    if (failure) ctx.stderr.write(`trackdocs resolve: ${failure}\n`);
  });
  if (failure) return 2;
  return plan.clean ? 0 : 1;
}
