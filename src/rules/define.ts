/**
 * The rule contract. A rule knows nothing of files or the CLI: it looks at one parsed document and
 * reports messages at offsets; the engine stamps the rule id, severity, position and docs URL.
 */
import type { Edit, Severity } from '../core/diagnostic.js';
import type { DocumentKind } from '../model/types.js';
import type { ParsedDocument } from '../model/parse.js';
import type { RowCheck } from './row-checks.js';

export interface Report {
  message: string;
  start: number;
  end: number;
  fix?: Edit[];
  /** The fix is to re-save the file as UTF-8 (the text stays as it is); see Diagnostic.resave. */
  resave?: true;
  actual?: string;
  expected?: string;
}

export interface RuleContext {
  doc: ParsedDocument;
  /** Today's date as YYYY-MM-DD (injected: rules never read the clock). */
  today: string;
  /** Whether a path relative to the repository root exists (injected: rules never touch fs). */
  pathExists: (relativePath: string) => boolean;
  /**
   * Where paths live, for checklist/missing-path: the document's folder relative to the repository
   * root, and the names of the files git tracks (`null` outside a git repository: paths are then
   * not checked; undefined when not known, so only `pathExists` is asked).
   */
  docDir: string;
  /** Asked only when a path is not found otherwise (it may run `git ls-files` once). */
  trackedNames: () => ReadonlySet<string> | null | undefined;
  /** Schema validation findings for every typed table row, computed once per document. */
  rowChecks: () => RowCheck[];
  /** Whether an offset lies in code: an inline code span, a code block or an HTML comment. */
  inCode: (offset: number) => boolean;
  report: (r: Report) => void;
}

export interface Rule {
  id: string;
  description: string;
  severity: Severity;
  /** Document kinds the rule reads; `all` for generic rules. */
  appliesTo: DocumentKind[] | 'all';
  fixable: boolean;
  /** What the rule does with code (inline code, code blocks, HTML comments), for its docs page. */
  code: string;
  check: (ctx: RuleContext) => void;
}

export const defineRule = (rule: Rule): Rule => rule;

/** Every kind but `template`: a template's tables and checklists are placeholders, not data to check. */
export const filledDocuments: DocumentKind[] = ['tracker', 'todo', 'roadmap', 'markdown'];

/** The docs page of a rule, relative to the package root. */
export const ruleDocPath = (id: string) => `docs/rules/${id.replace('/', '-')}.md`;
