/**
 * Reporters are pure: (results, options) → string. Every one renders the same diagnostic type.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { summarise } from '../core/diagnostic.js';
import type { Rule } from '../rules/define.js';
import { ruleDocPath } from '../rules/define.js';
import { lazyImport } from '../core/lazy.js';
import pkg from '../../package.json' with { type: 'json' };

export interface ReportInput {
  diagnostics: Diagnostic[];
  /** Number of files looked at. */
  files: number;
  /** What was checked, said by kind, when "N files checked" would mislead (sync, check). */
  checked?: string;
  /** Files fixed, for the summary. */
  fixed?: number;
  /** Findings fixed per rule, for the summary. */
  fixedByRule?: Record<string, number>;
  rules: Rule[];
  color?: boolean;
  quiet?: boolean;
  /** The terminal's width when output goes to one: findings are grouped by file and wrapped to fit. */
  width?: number;
  toolVersion: string;
}

export const formats = ['pretty', 'json', 'github', 'sarif', 'junit', 'gitlab'] as const;
export type Format = (typeof formats)[number];

export const paint = (on: boolean | undefined, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

/** `rule/a: 2, rule/b: 1`, most fixed first. */
export function byRule(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([rule, n]) => `${rule}: ${n}`)
    .join(', ');
}

export function severityText(d: Diagnostic, color: boolean | undefined): string {
  return d.severity === 'error' ? paint(color, '31', 'error') : d.severity === 'warning' ? paint(color, '33', 'warning') : paint(color, '36', 'info');
}

export const fixableMark = (d: Diagnostic, color: boolean | undefined) => (d.fix ? ' ' + paint(color, '32', '(fixable)') : '');

/** The last line: what was checked, the counts, what --fix can do, what it fixed. */
export function summaryLine(input: ReportInput): string {
  const s = summarise(input.diagnostics, input.files);
  const parts = [`${s.errors} error${s.errors === 1 ? '' : 's'}`, `${s.warnings} warning${s.warnings === 1 ? '' : 's'}`];
  let summary = `${input.checked ?? `${input.files} file${input.files === 1 ? '' : 's'} checked`}: ${parts.join(', ')}`;
  if (s.fixable) summary += ` (${s.fixable} fixable with --fix)`;
  if (input.fixed) {
    summary += `; fixed ${input.fixed} file${input.fixed === 1 ? '' : 's'}`;
    if (input.fixedByRule && Object.keys(input.fixedByRule).length) summary += ` (${byRule(input.fixedByRule)})`;
  }
  return s.errors ? paint(input.color, '31;1', summary) : s.warnings ? paint(input.color, '33', summary) : paint(input.color, '32', summary);
}

/**
 * For people. Elsewhere than a terminal (pipes, CI logs, editors' problem matchers): one
 * `file:line:col severity message rule` line per finding, easy to grep. On a terminal (`width`
 * set) the findings are grouped by file and wrapped to fit (grouped.ts, loaded only then). Fixable
 * findings are marked `(fixable)` either way.
 */
export function pretty(input: ReportInput): string {
  const shown = input.quiet ? input.diagnostics.filter((d) => d.severity === 'error') : input.diagnostics;
  const lines = shown.map((d) => `${d.file}:${d.line}:${d.column} ${severityText(d, input.color)} ${d.message} ${paint(input.color, '2', d.ruleId)}${fixableMark(d, input.color)}`);
  if (lines.length) lines.push('');
  lines.push(summaryLine(input));
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
  // Lint rules have a page each; drift and sync findings are explained in sync.md, file-level ones in rules.md.
  const docPath = (id: string) => (/^(drift|state|sync)\//.test(id) ? 'docs/sync.md' : id.startsWith('file/') ? 'docs/rules.md' : ruleDocPath(id));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trackdocs',
            version: input.toolVersion,
            informationUri: repositoryUrl(),
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: describe(id) }, helpUri: docUrl(docPath(id), input.toolVersion), help: { text: `${describe(id)} See ${docPath(id)} in the trackdocs package.` } })),
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

/** JUnit XML as CI systems read it: a testsuite per file, a failing testcase per finding (junit-report-builder writes and escapes it). */
export async function junit(input: ReportInput): Promise<string> {
  // CommonJS exports the builder itself; an ES import sees it as the default export.
  type Builder = typeof import('junit-report-builder').default;
  const mod = await lazyImport<Builder & { default?: Builder }>('junit-report-builder');
  const builders = mod.default ?? mod;
  const builder = builders.newBuilder().name('trackdocs');
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of input.diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  if (byFile.size === 0) builder.testSuite().name('trackdocs').testCase().className('trackdocs').name(input.checked ?? `${input.files} file${input.files === 1 ? '' : 's'} checked`);
  for (const [file, found] of byFile) {
    const suite = builder.testSuite().name(file);
    for (const d of found) {
      suite
        .testCase()
        .className(file)
        .name(`${d.line}:${d.column} ${d.ruleId}`)
        .file(file)
        .failure(d.message, d.severity)
        .standardOutput(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.message} ${d.ruleId}`);
    }
  }
  return builder.build() + '\n';
}

/** GitLab's code-quality report (CodeClimate subset): description, check_name, fingerprint, severity, location. */
export async function gitlab(input: ReportInput): Promise<string> {
  const { createHash } = await lazyImport<typeof import('node:crypto')>('node:crypto');
  const severity = { error: 'major', warning: 'minor', info: 'info' } as const;
  const seen = new Map<string, number>();
  const issues = input.diagnostics.map((d) => {
    // Stable across runs and line moves: file, rule and message, numbered when they repeat.
    const key = `${d.file}\0${d.ruleId}\0${d.message}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return {
      type: 'issue',
      description: d.message,
      check_name: d.ruleId,
      fingerprint: createHash('md5').update(`${key}\0${n}`).digest('hex'),
      severity: severity[d.severity],
      location: { path: d.file, lines: { begin: d.line, end: d.endLine } },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}

/** The repository's web address, from package.json's `repository`. */
export function repositoryUrl(): string {
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository.url;
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** A doc shipped in the package, on the web at the tag of this version (the same text). */
export const docUrl = (path: string, version: string) => `${repositoryUrl()}/blob/v${version}/${path}`;

/** pretty on a terminal: grouped and wrapped, with wrap-ansi loaded only then. */
const prettyAnywhere = async (input: ReportInput) => (input.width === undefined ? pretty(input) : (await import('./grouped.js')).grouped(input));

export const reporters: Record<Format, (input: ReportInput) => string | Promise<string>> = { pretty: prettyAnywhere, json, github, sarif, junit, gitlab };
