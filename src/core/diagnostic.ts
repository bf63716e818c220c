/**
 * One diagnostic type for lint findings, drift and failures, shaped like vfile's VFileMessage:
 * a rule id, a severity, a message, a position and an optional fix. `actual` and `expected`
 * carry what the document says and what it should say.
 */
export type Severity = 'error' | 'warning' | 'info';

/**
 * A fix is data: replace [start, end) of the document's text with `text`. `expect`, when given, is
 * the source text the planner means to replace, as the parser saw it: the splice is refused when
 * the text at [start, end) is anything else.
 */
export interface Edit {
  start: number;
  end: number;
  text: string;
  expect?: string;
}

export interface Diagnostic {
  file: string;
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: Edit[];
  /**
   * The fix is to save the file as UTF-8: its text is right, the way it is stored is not (UTF-16,
   * surrogate halves). `fix` is then an empty list, so the finding counts as fixable.
   */
  resave?: true;
  actual?: string;
  expected?: string;
  /** Where to read about the rule. */
  url?: string;
}

const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sort by file, then position, then severity and rule id, so output is stable. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    order[a.severity] - order[b.severity] ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
}

export function summarise(diagnostics: Diagnostic[], files: number): Summary {
  const s: Summary = { files, errors: 0, warnings: 0, infos: 0, fixable: 0 };
  for (const d of diagnostics) {
    if (d.severity === 'error') s.errors++;
    else if (d.severity === 'warning') s.warnings++;
    else s.infos++;
    if (d.fix) s.fixable++;
  }
  return s;
}
