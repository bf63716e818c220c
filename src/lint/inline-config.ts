/**
 * Inline configuration, as in markdownlint: HTML comments that silence rules.
 *
 *   <!-- trackdocs-disable-next-line rule/id … -->   the line after the comment
 *   <!-- trackdocs-disable-line rule/id … -->        the comment's own line
 *   <!-- trackdocs-disable rule/id … -->             from this line on, until
 *   <!-- trackdocs-enable rule/id … -->              …this one
 *   <!-- trackdocs-disable-file rule/id … -->        the whole file
 *
 * Without ids a comment means every rule. Only real HTML comments count (the parser's `html`
 * nodes): a comment shown inside inline code or a code block is an example, not a directive. A
 * disable that silences nothing is reported as `lint/unused-disable`, so stale ones do not pile up.
 * Pure: (document, diagnostics) → diagnostics.
 */
import { collectNodes } from '../core/markdown.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { ParsedDocument } from '../model/parse.js';

export const UNUSED_DISABLE = 'lint/unused-disable';
export const unusedDisableDescription = 'An inline `trackdocs-disable…` comment that silences nothing (a stale disable, or an unknown rule id).';

type Kind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'disable-file';

interface Directive {
  kind: Kind;
  /** Rule ids, or undefined for every rule. */
  ids?: string[];
  /** Line the comment starts on (1-based), and where it is. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Ids (or `*`) that silenced at least one finding. */
  used: Set<string>;
}

const directivePattern = /<!--\s*trackdocs-(disable-next-line|disable-line|disable-file|disable|enable)((?:\s+[\w./-]+)*)\s*-->/g;

function directivesOf(doc: ParsedDocument): Directive[] {
  const out: Directive[] = [];
  for (const node of collectNodes(doc.root, (n) => n.type === 'html')) {
    if (node.type !== 'html') continue;
    const base = node.position!.start.offset!;
    directivePattern.lastIndex = 0;
    for (let m = directivePattern.exec(node.value); m; m = directivePattern.exec(node.value)) {
      const ids = m[2]!.trim() ? m[2]!.trim().split(/\s+/) : undefined;
      const start = doc.lines.point(base + m.index);
      const end = doc.lines.point(base + m.index + m[0].length);
      out.push({ kind: m[1] as Kind, ids, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, used: new Set() });
    }
  }
  return out;
}

const covers = (d: Directive, ruleId: string) => !d.ids || d.ids.includes(ruleId);
const mark = (d: Directive, ruleId: string) => d.used.add(d.ids ? ruleId : '*');

/** The directive that silences a finding of `ruleId` on `line`, if any. */
function silencer(directives: Directive[], ruleId: string, line: number): Directive | undefined {
  for (const d of directives) {
    if (d.kind === 'disable-file' && covers(d, ruleId)) return d;
    if (d.kind === 'disable-line' && d.line === line && covers(d, ruleId)) return d;
    if (d.kind === 'disable-next-line' && d.endLine + 1 === line && covers(d, ruleId)) return d;
  }
  // disable/enable: the last one at or before the line that names the rule (or all rules) decides.
  let active: Directive | undefined;
  for (const d of directives) {
    if (d.line > line) break;
    if ((d.kind === 'disable' || d.kind === 'enable') && covers(d, ruleId)) active = d.kind === 'disable' ? d : undefined;
  }
  return active;
}

/**
 * Drop the findings that inline comments silence, and add a `lint/unused-disable` warning for every
 * disable comment (or id in one) that silenced nothing. `knownRules` are the ids a comment may name.
 */
export function applyInlineConfig(doc: ParsedDocument, diagnostics: Diagnostic[], knownRules: ReadonlySet<string>, unusedSeverity: Diagnostic['severity'] | 'off' = 'warning'): Diagnostic[] {
  if (!doc.text.includes('trackdocs-')) return diagnostics;
  const directives = directivesOf(doc);
  if (directives.length === 0) return diagnostics;
  const kept: Diagnostic[] = [];
  for (const diag of diagnostics) {
    const by = silencer(directives, diag.ruleId, diag.line);
    if (by) mark(by, diag.ruleId);
    else kept.push(diag);
  }
  if (unusedSeverity === 'off') return kept;
  for (const d of directives) {
    if (d.kind === 'enable') continue;
    const unknown = (d.ids ?? []).filter((id) => !knownRules.has(id));
    const idle = d.ids ? d.ids.filter((id) => knownRules.has(id) && !d.used.has(id)) : d.used.size ? [] : ['*'];
    if (unknown.length === 0 && idle.length === 0) continue;
    const what = unknown.length ? `names no rule (${unknown.map((id) => `\`${id}\``).join(', ')})` : idle[0] === '*' ? 'silences nothing' : `silences nothing for ${idle.map((id) => `\`${id}\``).join(', ')}`;
    kept.push({
      file: doc.path,
      ruleId: UNUSED_DISABLE,
      severity: unusedSeverity,
      message: `Unexpected \`trackdocs-${d.kind}\` comment: it ${what}; remove it${unknown.length ? ' or correct the id' : ''}`,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      url: 'docs/config.md#inline-comments',
    });
  }
  return kept;
}
