/** `trackdocs lint [paths…]`: check documents against the rules; `--fix` applies safe fixes. */
import { UsageError } from '../core/errors.js';
import { compareDiagnostics } from '../core/diagnostic.js';
import { loadConfig, repositoryRoot } from '../config/load.js';
import { lintFiles } from '../lint/files.js';
import { lintInPool, poolSize } from '../lint/pool.js';
import { expandTargets } from '../io/files.js';
import { rules } from '../rules/index.js';
import { reporters } from '../reporters/index.js';
import { parseCommand, parseFormat, parseMaxWarnings, findingsExitCode } from './options.js';
import { lintOptionsFor, parseSource, isDiagnostic } from '../store/documents.js';
import type { FilesResult } from '../lint/files.js';
import { byRule } from '../reporters/index.js';
import { today, useColor, terminalWidth, type CommandContext } from './context.js';
import { lintDocument, type LintOptions } from '../lint/engine.js';
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { ResolvedConfig } from '../config/resolve.js';
import type { Diagnostic } from '../core/diagnostic.js';
import pkg from '../../package.json' with { type: 'json' };

export const help = `Usage: trackdocs lint [paths…] [options]

Check status trackers, TODO lists, roadmaps and other markdown against trackdocs' rules.
Paths may be files or directories (searched for *.md). Without paths: the documents listed in
docs.config.yaml, else docs/status-tracker.md, TODO.md and ROADMAP.md where they exist.

Options:
  --format <name>      pretty (default), json, github (workflow annotations), sarif, junit
                       (JUnit XML) or gitlab (GitLab code quality)
  --fix                apply safe fixes in place (atomic, locked write; only the fixed bytes change;
                       a file whose fixed text would not re-parse as expected is left alone, with a note)
  --dry-run            with --fix: write nothing; print the unified diff of what --fix would write
  --force              with --fix: also fix read-only files
  --staged             lint the staged content (the git index) of the staged docs, for a pre-commit hook
  --stdin              lint the text on standard input, for editors (with --stdin-filename)
  --stdin-filename <path>  the path the standard input stands for: it decides the document's
                       kind and the config that applies (default: stdin.md)
  --max-warnings <n>   exit 1 when there are more than n warnings
  --quiet              report errors only
  --config <file>      use this config instead of searching for docs.config.yaml
  --no-inline-config   ignore <!-- trackdocs-disable … --> comments (to audit what they silence)
  --verbose            say what was not checked and why (paths outside a git repository)
  --color              ANSI colours even when the output is not a terminal
  --no-color           no ANSI colours (also: NO_COLOR=1)
  -h, --help           show this help

Exit codes: 0 clean or warnings only, 1 errors (or too many warnings), 2 usage, config or internal
failure, or a --fix write that was refused (read-only file, permissions, full disk).
Rules: docs/rules.md`;

export async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, help, {
      format: { type: 'string', default: 'pretty' },
      fix: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'no-inline-config': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      staged: { type: 'boolean', default: false },
      stdin: { type: 'boolean', default: false },
      'stdin-filename': { type: 'string' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      config: { type: 'string' },
      color: { type: 'boolean' },
    });
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const format = parseFormat(values.format);
  const maxWarnings = parseMaxWarnings(values['max-warnings']);
  if (values.staged && positionals.length) throw new UsageError('--staged lints what is staged in git; it takes no paths');
  if (values.staged && values.fix) throw new UsageError('--staged cannot --fix the git index: run `trackdocs lint --fix` on the working tree, then stage the result');
  if (values.force && !values.fix) throw new UsageError('--force goes with --fix (it lets --fix replace a read-only file)');
  if (values['dry-run'] && !values.fix) throw new UsageError('--dry-run goes with --fix: `trackdocs lint --fix --dry-run` prints the diff --fix would write');
  if (values.stdin && (positionals.length || values.staged || values.fix)) throw new UsageError('--stdin lints standard input: it takes no paths, --staged or --fix');
  if (values['stdin-filename'] !== undefined && !values.stdin) throw new UsageError('--stdin-filename names what --stdin reads; add --stdin');
  const config = await loadConfig(ctx.cwd, values.config);
  const fix = values.fix ? { roots: [config.root, repositoryRoot(ctx.cwd)], force: values.force, dryRun: values['dry-run'] } : false;
  const day = today(ctx.env);
  const inlineConfig = !values['no-inline-config'];
  const lintOptions = lintOptionsFor(config, day, { inlineConfig });
  let files: number;
  let result: FilesResult;
  if (values.stdin) {
    files = 1;
    result = { diagnostics: lintStdin(readFileSync(0), resolve(ctx.cwd, values['stdin-filename'] ?? 'stdin.md'), ctx.cwd, config, lintOptions), fixed: 0, notes: [] as string[], refused: false } as FilesResult;
  } else if (values.staged) {
    const { lintStaged } = await import('../lint/staged.js');
    const staged = lintStaged(ctx.cwd, config, lintOptions);
    files = staged.files;
    result = { diagnostics: staged.diagnostics, fixed: 0, notes: [] as string[], refused: false } as FilesResult;
  } else {
    const paths = expandTargets(positionals, ctx.cwd, config);
    files = paths.length;
    const workers = poolSize(paths.length, ctx.env);
    result = workers ? await lintInPool(paths, { cwd: ctx.cwd, configPath: values.config, today: day, fix, inlineConfig }, workers) : await lintFiles(paths, ctx.cwd, config, lintOptions, fix);
  }
  for (const note of result.notes) ctx.stderr.write(`trackdocs: ${note}\n`);
  if (values.verbose && config.severities['checklist/missing-path'] !== 'off' && lintOptions.trackedNames!() === null) {
    ctx.stderr.write('trackdocs: not in a git repository: checklist/missing-path checks no paths (it needs git to know where files live)\n');
  }
  if (values['dry-run']) {
    ctx.stdout.write([...(result.diffs ?? [])].sort().join('')); // sorted: workers finish in any order
    const n = Object.values(result.fixedByRule ?? {}).reduce((a, b) => a + b, 0);
    ctx.stderr.write(`trackdocs: --dry-run: ${n ? `--fix would fix ${n} finding${n === 1 ? '' : 's'} in ${result.fixed} file${result.fixed === 1 ? '' : 's'} (${byRule(result.fixedByRule!)})` : '--fix would change nothing'}; nothing was written\n`);
    return findingsExitCode(result.diagnostics, maxWarnings, ctx.stderr);
  }
  const { diagnostics, fixed } = result;
  diagnostics.sort(compareDiagnostics);
  const shown = values.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  ctx.stdout.write(
    await reporters[format]({ diagnostics: format === 'pretty' ? diagnostics : shown, files, fixed, fixedByRule: result.fixedByRule, rules, color: useColor(ctx, values.color), quiet: values.quiet, width: terminalWidth(ctx), toolVersion: pkg.version }),
  );
  if (values.staged && diagnostics.some((d) => d.severity === 'error')) {
    ctx.stderr.write('trackdocs: commit blocked: the staged docs have errors (above). Fix them (`trackdocs lint --fix` repairs some), stage the fix, and commit again.\n');
  }
  const code = findingsExitCode(diagnostics, maxWarnings, ctx.stderr);
  return result.refused ? 2 : code;
}

/** Lint bytes read from standard input as if they were the file at `path` (which need not exist). */
function lintStdin(bytes: Buffer, path: string, cwd: string, config: ResolvedConfig, options: LintOptions): Diagnostic[] {
  const display = (relative(cwd, path) || path).split(sep).join('/');
  const loaded = parseSource({ path, display, fromRoot: relative(config.root, path).split(sep).join('/'), bytes }, config);
  return isDiagnostic(loaded) ? [loaded] : lintDocument(loaded.doc, options);
}
