/** Names the verbs accept (tables, rows, columns, statuses), with did-you-mean when one is unknown. */
import { distance } from 'fastest-levenshtein';
import { foldHeader } from '../core/schemas.js';
import { foldTitle } from '../model/sections.js';
import type { ParsedDocument, TypedTable } from '../model/parse.js';
import type { TrackerModel } from '../model/types.js';
import { OperationError } from './errors.js';

/** Up to `n` of `options` closest to `wanted` (by edit distance on folded text), the close ones only. */
export function didYouMean(wanted: string, options: string[], n = 3): string[] {
  const w = wanted.toLowerCase().trim();
  const seen = new Set<string>();
  const unique = options.filter((o) => !seen.has(o.toLowerCase()) && seen.add(o.toLowerCase()));
  const scored = unique
    .map((o) => ({ o, d: o.toLowerCase().startsWith(w) || w.startsWith(o.toLowerCase()) ? 0 : distance(w, o.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(x.o.length / 3)))
    .sort((a, b) => a.d - b.d);
  return scored.slice(0, n).map((x) => x.o);
}

const suggest = (candidates: string[]) => (candidates.length ? ` Did you mean ${candidates.map((c) => `"${c}"`).join(' or ')}?` : '');

/** How a table is named in messages and listings: its heading, else its kind. */
export const tableName = (t: TypedTable) => t.raw.heading ?? t.model.kind;

/** The tables of a document a name picks: by kind (`jobs`, `milestones`, a collection's kind) or by heading. */
export function tablesNamed(doc: ParsedDocument, name: string): TypedTable[] {
  const folded = foldTitle(name);
  const kind = (t: TypedTable) => t.model.kind.toLowerCase();
  const byKind = doc.tables.filter((t) => kind(t) === name.toLowerCase() || kind(t) === name.toLowerCase() + 's');
  if (byKind.length > 1 && doc.model.kind === 'tracker') {
    // A tracker's own Active Remote Jobs, Milestone Status and Step Status tables answer to their kind.
    const model = doc.model as TrackerModel;
    const own = byKind.find((t) => t.model === model.jobs || t.model === model.milestones || t.model === model.steps);
    if (own) return [own];
  }
  if (byKind.length) return byKind;
  return doc.tables.filter((t) => t.raw.heading !== undefined && foldTitle(t.raw.heading) === folded);
}

/** Every name a table answers to, for did-you-mean. */
export function tableNames(docs: ParsedDocument[]): string[] {
  return docs.flatMap((d) => d.tables.flatMap((t) => [t.model.kind, ...(t.raw.heading ? [t.raw.heading] : [])])).filter((n) => n !== 'generic');
}

/** The one table `name` picks among documents; refused when none or several do. */
export function findTable(docs: ParsedDocument[], name: string): { doc: ParsedDocument; table: TypedTable } {
  const found = docs.flatMap((doc) => tablesNamed(doc, name).map((table) => ({ doc, table })));
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    const candidates = didYouMean(name, tableNames(docs));
    throw new OperationError('not-found', `no table named "${name}" (by kind or heading) in ${docs.map((d) => d.path).join(', ') || 'the documents'}.${suggest(candidates)} Run \`trackdocs get\` to list the tables.`, { candidates });
  }
  const candidates = found.map((f) => `${f.doc.path}:${f.table.model.position.start.line} ${tableName(f.table)}`);
  throw new OperationError('ambiguous', `"${name}" names ${found.length} tables: ${candidates.join('; ')}. Name one by its heading, or pass --file`, { candidates });
}

/** The index of the column a name picks: its canonical name, its header or one of its aliases. */
export function findColumn(table: TypedTable, name: string): number {
  const folded = foldHeader(name);
  const cols = table.model.columns;
  let at = cols.findIndex((c) => foldHeader(c.name) === folded || foldHeader(c.header) === folded);
  if (at < 0 && table.spec) {
    const spec = table.spec.columns.find((c) => c.aliases.some((a) => foldHeader(a) === folded));
    if (spec) at = table.columnOf.indexOf(spec.name);
  }
  if (at >= 0) return at;
  const names = cols.flatMap((c) => (c.column && c.column !== c.header ? [c.column, c.header] : [c.header]));
  const candidates = didYouMean(name, names);
  throw new OperationError('not-found', `the table ${tableName(table)} has no column "${name}".${suggest(candidates)} Its columns: ${cols.map((c) => c.header).join(', ')}`, { candidates: candidates.length ? candidates : cols.map((c) => c.header) });
}

/**
 * The row a key picks: the key as written, in any case, or the start of one key (`M1` for
 * `M1 (Baseline)`, `Step 2` for `Step 2 - Teacherless Rate`) when only one row starts so.
 */
export function findRow(table: TypedTable, key: string): number {
  if (!table.model.key) throw new OperationError('unsupported', `the table ${tableName(table)} has no key column (no column named like an id, and its first column's values are not unique); rows cannot be named`);
  const keys = table.model.rows.map((r) => r.key ?? '');
  const wanted = key.trim();
  let at = keys.indexOf(wanted);
  if (at >= 0) return at;
  const lower = keys.map((k) => k.toLowerCase());
  at = lower.indexOf(wanted.toLowerCase());
  if (at >= 0) return at;
  const prefix = keys.map((k, i) => ({ k, i })).filter(({ k }) => k.toLowerCase().startsWith(wanted.toLowerCase()) && !/[\p{L}\p{N}]/u.test(k.charAt(wanted.length)));
  if (prefix.length === 1) return prefix[0]!.i;
  if (prefix.length > 1) throw new OperationError('ambiguous', `"${key}" starts ${prefix.length} rows of ${tableName(table)}: ${prefix.map((p) => p.k).join('; ')}`, { candidates: prefix.map((p) => p.k) });
  const candidates = didYouMean(wanted, keys.filter(Boolean));
  throw new OperationError('not-found', `no row "${key}" in ${tableName(table)} (key column ${table.model.key}).${suggest(candidates)} Rows: ${keys.filter(Boolean).join(', ')}`, { candidates: candidates.length ? candidates : keys.filter(Boolean) });
}
