/**
 * Reporters are pure: (results, options) → string. Every one renders the same diagnostic type.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { summarise } from '../core/diagnostic.js';
import type { Rule } from '../rules/define.js';

export interface ReportInput {
  diagnostics: Diagnostic[];
  /** Number of files looked at. */
  files: number;
  /** Files fixed, for the summary. */
  fixed?: number;
  /** Findings fixed per rule, for the summary. */
  fixedByRule?: Record<string, number>;
  rules: Rule[];
  color?: boolean;
  quiet?: boolean;
  toolVersion: string;
}

export type Format = 'pretty' | 'json' | 'github' | 'sarif';
export const formats: Format[] = ['pretty', 'json', 'github', 'sarif'];

const paint = (on: boolean | undefined, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

/** `rule/a: 2, rule/b: 1`, most fixed first. */
export function byRule(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([rule, n]) => `${rule}: ${n}`)
    .join(', ');
}

export function pretty(input: ReportInput): string {
  const shown = input.quiet ? input.diagnostics.filter((d) => d.severity === 'error') : input.diagnostics;
  const lines = shown.map((d) => {
    const sev = d.severity === 'error' ? paint(input.color, '31', 'error') : d.severity === 'warning' ? paint(input.color, '33', 'warning') : paint(input.color, '36', 'info');
    const fixable = d.fix ? ` ${paint(input.color, '32', '(fixable)')}` : '';
    return `${d.file}:${d.line}:${d.column} ${sev} ${d.message} ${paint(input.color, '2', d.ruleId)}${fixable}`;
  });
  const s = summarise(input.diagnostics, input.files);
  const parts = [`${s.errors} error${s.errors === 1 ? '' : 's'}`, `${s.warnings} warning${s.warnings === 1 ? '' : 's'}`];
  let summary = `${input.files} file${input.files === 1 ? '' : 's'} checked: ${parts.join(', ')}`;
  if (s.fixable) summary += ` (${s.fixable} fixable with --fix)`;
  if (input.fixed) {
    summary += `; fixed ${input.fixed} file${input.fixed === 1 ? '' : 's'}`;
    if (input.fixedByRule && Object.keys(input.fixedByRule).length) summary += ` (${byRule(input.fixedByRule)})`;
  }
  if (lines.length) lines.push('');
  lines.push(s.errors ? paint(input.color, '31;1', summary) : s.warnings ? paint(input.color, '33', summary) : paint(input.color, '32', summary));
  return lines.join('\n') + '\n';
}

export function json(input: ReportInput): string {
  return (
    JSON.stringify(
      input.diagnostics.map((d) => {
        const o: Record<string, unknown> = {
          file: d.file,
          ruleId: d.ruleId,
          severity: d.severity,
          message: d.message,
          line: d.line,
          column: d.column,
          endLine: d.endLine,
          endColumn: d.endColumn,
          fixable: Boolean(d.fix),
        };
        if (d.actual !== undefined) o.actual = d.actual;
        if (d.expected !== undefined) o.expected = d.expected;
        return o;
      }),
      null,
      2,
    ) + '\n'
  );
}

/** GitHub Actions workflow commands; data and properties escaped as the runner expects. */
export function github(input: ReportInput): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return input.diagnostics
    .map((d) => {
      const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const props = [`file=${prop(d.file)}`, `line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`, `endColumn=${d.endColumn}`, `title=${prop(d.ruleId)}`];
      return `::${level} ${props.join(',')}::${esc(d.message)}\n`;
    })
    .join('');
}

/** SARIF 2.1.0, one run, with every rule described in the driver. */
export function sarif(input: ReportInput): string {
  const ruleIds = input.rules.map((r) => r.id);
  for (const d of input.diagnostics) if (!ruleIds.includes(d.ruleId)) ruleIds.push(d.ruleId);
  const describe = (id: string) => input.rules.find((r) => r.id === id)?.description ?? id;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trackdocs',
            version: input.toolVersion,
            informationUri: 'https://www.npmjs.com/package/trackdocs',
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: describe(id) }, help: { text: `See docs/rules/${id.replace('/', '-')}.md` } })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: input.diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ruleIndex: ruleIds.indexOf(d.ruleId),
          level: d.severity === 'info' ? 'note' : d.severity,
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/') },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

export const reporters: Record<Format, (input: ReportInput) => string> = { pretty, json, github, sarif };
