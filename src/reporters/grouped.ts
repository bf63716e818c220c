/**
 * The pretty report on a terminal: a heading per file, then one finding per line, its message
 * wrapped to the terminal's width under the message column (wrap-ansi measures emoji and colour
 * codes as the terminal shows them). Loaded only when output goes to a terminal.
 */
import wrapAnsi from 'wrap-ansi';
import type { Diagnostic } from '../core/diagnostic.js';
import { paint, severityText, fixableMark, summaryLine, type ReportInput } from './index.js';

export function grouped(input: ReportInput & { width: number }): string;
export function grouped(input: ReportInput): string;
export function grouped(input: ReportInput): string {
  const width = input.width ?? 80;
  const shown = input.quiet ? input.diagnostics.filter((d) => d.severity === 'error') : input.diagnostics;
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of shown) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const lines: string[] = [];
  for (const [file, found] of byFile) {
    lines.push(paint(input.color, '4', file));
    const positionWidth = Math.max(...found.map((d) => `${d.line}:${d.column}`.length));
    const indent = 2 + positionWidth + 2 + 'warning'.length + 2;
    for (const d of found) {
      const text = `${d.message}  ${paint(input.color, '2', d.ruleId)}${fixableMark(d, input.color)}`;
      const wrapped = wrapAnsi(text, Math.max(20, width - indent - 1), { hard: false, trim: true }).split('\n');
      const head = `  ${`${d.line}:${d.column}`.padEnd(positionWidth)}  ${severityText(d, input.color)}${' '.repeat('warning'.length - d.severity.length)}  `;
      lines.push(head + wrapped[0], ...wrapped.slice(1).map((l) => ' '.repeat(indent) + l));
    }
    lines.push('');
  }
  if (!lines.length) lines.push('');
  lines.push(summaryLine(input));
  return lines.join('\n') + '\n';
}
