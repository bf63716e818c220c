/**
 * Findings only `docs check` can make, because it sees more than one document's text: a known table
 * that the committed version had and the working copy lost (`table/removed`), and the burn rate
 * when vastai's live data is at hand (the lint-side `cost/burn-rate` defers to `drift/burn-rate`).
 * Pure: parsed documents and diagnostics in, diagnostics out.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { ParsedDocument } from '../model/parse.js';

export const TABLE_REMOVED = 'table/removed';
export const tableRemovedDescription = 'A known table (Milestone Status, Step Status, Active Remote Jobs) that the committed version of the document has and the working copy does not (`docs check` only).';

const knownKinds = new Set(['milestones', 'steps', 'jobs']);

/** A `table/removed` warning for each known table kind `committed` has more of than `current`. */
export function removedTables(committed: ParsedDocument, current: ParsedDocument): Diagnostic[] {
  const count = (doc: ParsedDocument) => {
    const n = new Map<string, number>();
    for (const t of doc.tables) if (t.spec && knownKinds.has(t.spec.kind)) n.set(t.spec.kind, (n.get(t.spec.kind) ?? 0) + 1);
    return n;
  };
  const now = count(current);
  const out: Diagnostic[] = [];
  for (const [kind, was] of count(committed)) {
    if ((now.get(kind) ?? 0) >= was) continue;
    const table = committed.tables.find((t) => t.spec?.kind === kind)!;
    const title = table.raw.heading ?? table.spec!.title;
    // Point at the heading if it is still there (the table under it broke), else at the top.
    const section = current.sections.find((s) => s.title === table.raw.heading);
    const at = current.lines.point(section?.start ?? 0);
    out.push({
      file: current.path,
      ruleId: TABLE_REMOVED,
      severity: 'warning',
      message: `Unexpected missing table “${title}” (${kind}): the committed version has it at line ${table.raw.header.line}, the working copy has no ${kind} table; restore it (\`git diff ${current.path}\`) or commit its removal`,
      line: at.line,
      column: at.column,
      endLine: at.line,
      endColumn: at.column,
      url: 'docs/rules.md',
    });
  }
  return out;
}

/**
 * With live vastai data, the burn rate has one source: vastai. A `cost/burn-rate` finding on a line
 * `drift/burn-rate` also reports is dropped; any other loses its fix (the table's costs may be what
 * is stale) and says to run `docs sync`, which writes the rows and the line together.
 */
export function deferBurnRate(diagnostics: Diagnostic[]): Diagnostic[] {
  const drifted = new Set(diagnostics.filter((d) => d.ruleId === 'drift/burn-rate').map((d) => `${d.file}:${d.line}`));
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (d.ruleId === 'drift/burn-rate') out.push({ ...d, message: `${d.message}: run \`docs sync\`` });
    else if (d.ruleId !== 'cost/burn-rate') out.push(d);
    else if (!drifted.has(`${d.file}:${d.line}`)) {
      const { fix: _fix, ...rest } = d;
      out.push({ ...rest, message: `${d.message}; vastai's live data is the burn rate's source here: run \`docs sync\`` });
    }
  }
  return out;
}
