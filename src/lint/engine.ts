/**
 * The lint engine (pure): run the rules that apply to a document, stamp each report with its rule's
 * id, severity and position, and fix by splicing until no fixable diagnostic is left.
 */
import type { Diagnostic, Edit, Severity } from '../core/diagnostic.js';
import { compareDiagnostics } from '../core/diagnostic.js';
import { applyEdits } from '../edit/apply.js';
import { UTF8, type Storage } from '../core/encoding.js';
import { parseDocument, type ModelOptions, type ParsedDocument } from '../model/parse.js';
import { checkRows, type RowCheck } from '../rules/row-checks.js';
import { ruleDocPath, type Rule } from '../rules/define.js';
import { rules as allRules } from '../rules/index.js';
import { codeRanges, insideRanges, type CodeRange } from '../core/code-ranges.js';
import { applyInlineConfig, UNUSED_DISABLE } from './inline-config.js';
import { checkFix } from './fix-check.js';

export interface LintOptions {
  rules?: Rule[];
  severities?: Record<string, Severity | 'off'>;
  today: string;
  /** Whether a path relative to the repository root exists (IO, injected). */
  pathExists: (relativePath: string) => boolean;
  /** The document's folder relative to the repository root ('' for the root; the default). */
  docDir?: string;
  /** Names of the files git tracks; null outside a git repository (see RuleContext.trackedNames). IO, injected. */
  trackedNames?: () => ReadonlySet<string> | null;
  /** Obey `<!-- trackdocs-disable … -->` comments (default true; `--no-inline-config` sets false). */
  inlineConfig?: boolean;
}

const knownIds = new Set(allRules.map((r) => r.id));

export function lintDocument(doc: ParsedDocument, options: LintOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  let rowChecks: RowCheck[] | undefined;
  let code: CodeRange[] | undefined;
  for (const rule of options.rules ?? allRules) {
    const severity = options.severities?.[rule.id] ?? rule.severity;
    if (severity === 'off') continue;
    if (rule.appliesTo !== 'all' && !rule.appliesTo.includes(doc.kind)) continue;
    rule.check({
      doc,
      today: options.today,
      pathExists: options.pathExists,
      docDir: options.docDir ?? '',
      trackedNames: options.trackedNames ?? (() => undefined),
      rowChecks: () => (rowChecks ??= checkRows(doc)),
      inCode: (offset) => insideRanges((code ??= codeRanges(doc.root)), offset),
      report(r) {
        const start = doc.lines.point(r.start);
        const end = doc.lines.point(Math.max(r.start, r.end));
        const d: Diagnostic = {
          file: doc.path,
          ruleId: rule.id,
          severity,
          message: r.message,
          line: start.line,
          column: start.column,
          endLine: end.line,
          endColumn: end.column,
          url: ruleDocPath(rule.id),
        };
        if (r.fix && rule.fixable) d.fix = r.fix;
        if (r.resave && rule.fixable) {
          d.fix = r.fix ?? [];
          d.resave = true;
        }
        if (r.actual !== undefined) d.actual = r.actual;
        if (r.expected !== undefined) d.expected = r.expected;
        out.push(d);
      },
    });
  }
  const kept = options.inlineConfig === false ? out : applyInlineConfig(doc, out, knownIds, options.severities?.[UNUSED_DISABLE] ?? 'warning');
  return kept.sort(compareDiagnostics);
}

export interface FixResult {
  text: string;
  doc: ParsedDocument;
  diagnostics: Diagnostic[];
  /** How many fixes were applied. */
  applied: number;
  /** How many findings each rule had fixed. */
  fixedByRule: Record<string, number>;
  /** How to store the fixed text: the document's own storage, or UTF-8 when a fix re-saves it. */
  storage: Storage;
  /**
   * Set when a fix did not match the text it replaces, or re-parsing the fixed text did not give the
   * expected model: `text` is then the original, unfixed, and this says why.
   */
  aborted?: string;
}

/**
 * Apply fixes until none is left (at most 10 passes: a fix can only remove its own finding, but
 * overlapping fixes wait for the next pass). Returns the final text and its diagnostics.
 */
export function fixDocument(parsed: ParsedDocument, model: ModelOptions, options: LintOptions): FixResult {
  const { path, kind } = parsed;
  let doc = parsed;
  let diagnostics = lintDocument(doc, options);
  let applied = 0;
  const fixedByRule: Record<string, number> = {};
  const count = (ruleId: string) => (fixedByRule[ruleId] = (fixedByRule[ruleId] ?? 0) + 1);
  let storage = parsed.storage ?? UTF8;
  const resaves = diagnostics.filter((d) => d.resave);
  if (resaves.length) {
    // Re-saving changes how the text is stored, not the text: the findings that asked for it are
    // fixed once the document is stored as UTF-8 (keeping a UTF-8 BOM it had).
    storage = { encoding: 'utf-8', bom: storage.encoding === 'utf-8' && storage.bom, surrogatePairs: [] };
    applied += resaves.length;
    resaves.forEach((d) => count(d.ruleId));
    doc = { ...doc, storage };
    diagnostics = lintDocument(doc, options);
  }
  const refuse = (why: string): FixResult => ({ text: parsed.text, doc: parsed, diagnostics: lintDocument(parsed, options), applied: 0, fixedByRule: {}, storage: parsed.storage ?? UTF8, aborted: `${why}; nothing written to this file` });
  for (let pass = 0; pass < 10; pass++) {
    const fixing = diagnostics.filter((d) => d.fix?.length);
    const edits: Edit[] = fixing.flatMap((d) => d.fix!);
    if (edits.length === 0) break;
    const result = applyEdits(doc.text, edits);
    if (result.mismatched.length) {
      const at = doc.lines.point(result.mismatched[0]!.start);
      return refuse(`a fix at line ${at.line} does not match the text it replaces`);
    }
    if (result.applied.length === 0 || result.text === doc.text) break;
    const next = parseDocument(result.text, path, kind, model);
    next.storage = storage;
    // Safe by construction: the fixed text must parse to the model the fixes meant.
    const problem = checkFix(doc, next, result.applied);
    if (problem) return refuse(`a fixable finding could not be fixed safely (${problem})`);
    applied += result.applied.length;
    const appliedSet = new Set(result.applied);
    for (const d of fixing) if (d.fix!.some((e) => appliedSet.has(e))) count(d.ruleId);
    doc = next;
    diagnostics = lintDocument(doc, options);
  }
  return { text: doc.text, doc, diagnostics, applied, fixedByRule, storage };
}
