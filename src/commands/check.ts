/** `trackdocs check`: everything CI needs in one command — lint, plus sync --check where sources are on. */
import { compareDiagnostics } from '../core/diagnostic.js';
import { loadConfig } from '../config/load.js';
import { lintDocument } from '../lint/engine.js';
import { rules } from '../rules/index.js';
import { reporters } from '../reporters/index.js';
import { parseCommand, parseFormat, parseMaxWarnings, findingsExitCode, sourceOptions } from './options.js';
import { planSync } from '../sync/reconcile.js';
import { gatherSources, driftDiagnostics, driftRules, formatSourceErrors, noSourceMessage, trackerSummary } from '../sync/run.js';
import { loadDocuments, lintOptionsFor, forDocument, parseSource, isDiagnostic } from '../store/documents.js';
import { committedVersion } from '../io/git.js';
import { removedTables, deferBurnRate, TABLE_REMOVED } from '../lint/check-findings.js';
import { today, useColor, terminalWidth, type CommandContext } from './context.js';
import pkg from '../../package.json' with { type: 'json' };
import { append } from '../core/arrays.js';

export const help = `Usage: trackdocs check [paths…] [options]

Everything CI needs in one command: \`trackdocs lint\` on the documents, and \`trackdocs sync --check\` on the
status trackers for the sources that are configured and reachable (or given as recorded
snapshots). One report, one exit code. Writes nothing.

It also compares each status tracker with its committed version (\`git show HEAD:path\`) and warns
(table/removed) when a known table (Milestone Status, Step Status, Active Remote Jobs) is gone.
With live vastai data the burn rate is vastai's: cost/burn-rate defers to drift/burn-rate.

vastai is checked when it is installed, configured, or given with --vastai-json; a vastai that is
neither configured nor installed is left out with a note. The state source is checked when
.system_state.json exists (or is configured, or given with --state).

Options:
  --format <name>      pretty (default), json, github (workflow annotations), sarif, junit
                       (JUnit XML) or gitlab (GitLab code quality)
  --vastai-json <file> check against a saved \`vastai show instances --raw\`
  --state <file>       check against this state file
  --no-vastai          leave the vastai source out
  --no-state           leave the state source out
  --max-warnings <n>   exit 1 when there are more than n warnings
  --config <file>      use this config instead of searching for docs.config.yaml
  --no-color           no ANSI colours (also: NO_COLOR=1)
  -h, --help           show this help

With status trackers to check and no source at all (vastai not installed, no state file), check
exits 2 rather than report a clean result about nothing: give a snapshot, or run \`trackdocs lint\`.

Exit codes: 0 clean (warnings allowed), 1 lint errors or drift, 2 usage, config or source failure,
or no source to check the trackers against.
CI examples: docs/ci.md`;

export async function run(ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(ctx, help, {
      format: { type: 'string', default: 'pretty' },
      ...sourceOptions,
      'max-warnings': { type: 'string' },
      config: { type: 'string' },
    });
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const format = parseFormat(values.format);
  const maxWarnings = parseMaxWarnings(values['max-warnings']);
  const config = await loadConfig(ctx.cwd, values.config);
  const loaded = loadDocuments(positionals, ctx.cwd, config);
  const day = today(ctx.env);
  let diagnostics = [...loaded.unreadable];
  const lintOptions = lintOptionsFor(config, day);
  for (const { doc, source } of loaded.documents) append(diagnostics, lintDocument(doc, forDocument(lintOptions, source.fromRoot)));
  // A known table that the committed version has and this one lost.
  for (const { doc, source } of loaded.documents) {
    if (doc.kind !== 'tracker' || config.severities[TABLE_REMOVED] === 'off') continue;
    const bytes = committedVersion(source.path);
    const committed = bytes && parseSource({ ...source, bytes }, config);
    if (committed && !isDiagnostic(committed)) append(diagnostics, removedTables(committed.doc, doc));
  }

  const trackers = loaded.documents.filter((d) => d.doc.kind === 'tracker');
  const others = loaded.documents.filter((d) => d.doc.kind !== 'tracker').map((d) => d.source.display);
  let checked = `${loaded.files} document${loaded.files === 1 ? '' : 's'} linted`;
  if (trackers.length) {
    const { snapshots, errors, notes } = await gatherSources(ctx, config, values, 'check');
    for (const n of notes) ctx.stderr.write(`trackdocs check: ${n}\n`);
    if (errors.length) {
      ctx.stderr.write(formatSourceErrors('check', errors));
      return 2;
    }
    const noSource = noSourceMessage('check', snapshots, values);
    if (noSource) {
      ctx.stderr.write(noSource);
      return 2;
    }
    const options = { today: day, archive: config.raw.sync?.archive ?? 'move', force: false, jobVocabulary: config.model.vocabularies.job } as const;
    for (const { doc } of trackers) append(diagnostics, driftDiagnostics(doc, planSync(doc, snapshots, options).drift));
    if (snapshots.instances) diagnostics = deferBurnRate(diagnostics);
    checked += `, ${trackerSummary('checked against', trackers.length, snapshots, others)}`;
  } else checked += ' (no status tracker, so no drift to check)';
  diagnostics.sort(compareDiagnostics);
  ctx.stdout.write(await reporters[format]({ diagnostics, files: loaded.files, checked, rules: [...rules, ...driftRules], color: useColor(ctx, undefined), width: terminalWidth(ctx), toolVersion: pkg.version }));
  return findingsExitCode(diagnostics, maxWarnings, ctx.stderr);
}
