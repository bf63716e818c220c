/** The CLI as a user runs it: the real bin in a child process. */
import { describe, expect, it, afterAll } from 'vitest';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { runCli, tempTree, referenceDir, projectRoot } from './helpers.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
function tree(files: Record<string, string | Uint8Array>) {
  const t = tempTree(files);
  cleanups.push(t.cleanup);
  return t.dir;
}
const exampleTracker = readFileSync(join(referenceDir, 'status-tracker.example.md'), 'utf8');

describe('help and usage', () => {
  it.each([[['--help']], [['lint', '--help']], [['export', '--help']], [['lint', '-h']]])('docs %j prints help and exits 0', (args) => {
    const r = runCli(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: trackdocs/);
  });
  it('no command prints help and exits 2', () => {
    expect(runCli([]).code).toBe(2);
  });
  it.each([
    [['frobnicate'], /unknown command `frobnicate`/],
    [['lint', '--bogus'], /unknown option --bogus\n.*trackdocs lint --help/s],
    [['lint', '--formt', 'json'], /unknown option --formt \(did you mean `--format`\?\)/],
    [['lint', '--format', 'jsn'], /unknown --format jsn \(did you mean `json`\?\); expected one of pretty, json, github, sarif, junit, gitlab/],
    [['lnt'], /unknown command `lnt` \(did you mean `lint`\?\)/],
    [['help', 'synk'], /unknown command `synk` \(did you mean `sync`\?\)/],
    [['sync', 'demo', '--format', 'json'], /--format shapes the report of --check; without --check, sync writes the tracker/],
    [['lint', '--stdin', 'demo'], /--stdin lints standard input: it takes no paths/],
    [['lint', '--format', 'xml', 'demo'], /unknown --format xml/],
    [['lint', '--max-warnings', 'many', 'demo'], /--max-warnings needs a whole number/],
    [['lint', 'no/such/file.md'], /no such file or directory: no\/such\/file.md/],
    [['export', '--format', 'csv', 'demo'], /unknown --format csv; expected one of json, yaml/],
  ])('docs %j exits 2 with a clear message', (args, message) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
  it('with no paths and nothing to find, says what to do', () => {
    const r = runCli(['lint'], { cwd: tree({ 'README.md': '# x\n' }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no documents to check: pass paths/);
  });
  it('--version prints the version', () => {
    expect(runCli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('trackdocs lint', () => {
  it('on the demo: sorted file:line:col lines, a summary, exit 1', () => {
    const r = runCli(['lint', 'demo']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^3 files checked: \d+ errors, \d+ warnings \(\d+ fixable with --fix\)$/);
    const findings = lines.slice(0, -2);
    for (const l of findings) expect(l).toMatch(/^demo\/\S+:\d+:\d+ (error|warning) .+ [a-z]+\/[a-z-]+(?: \(fixable\))?$/);
    const keys = findings.map((l) => l.split(' ')[0]!.split(':')).map(([f, l, c]) => [f!, +l!, +c!] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    expect(keys).toEqual(sorted);
    expect(r.stdout).toContain('demo/docs/status-tracker.md:21:29 warning Unexpected burn rate $0.42/hr, expected $0.77/hr');
  });

  it('exits 0 on a clean file, and on warnings only', () => {
    const dir = tree({ 'TODO.md': '# TODO\n\n- [x] done\n', 'ROADMAP.md': '# Roadmap\n\n- [ ] a\n  - [x] b\n' });
    expect(runCli(['lint', 'TODO.md'], { cwd: dir })).toMatchObject({ code: 0, stdout: '1 file checked: 0 errors, 0 warnings\n' });
    const warn = runCli(['lint', 'ROADMAP.md'], { cwd: dir });
    expect(warn.code).toBe(0);
    expect(warn.stdout).toMatch(/1 warning/);
    expect(runCli(['lint', 'ROADMAP.md', '--max-warnings', '0'], { cwd: dir }).code).toBe(1);
    expect(runCli(['lint', 'ROADMAP.md', '--max-warnings', '1'], { cwd: dir }).code).toBe(0);
  });

  it('--quiet shows errors only', () => {
    const r = runCli(['lint', 'demo', '--quiet']);
    expect(r.stdout).not.toMatch(/ warning /);
    expect(r.stdout).toMatch(/ error /);
  });

  it('--format json prints the documented array', () => {
    const r = runCli(['lint', 'demo', '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(out.length).toBeGreaterThan(10);
    for (const d of out) {
      expect(Object.keys(d).slice(0, 9)).toEqual(['file', 'ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fixable']);
      expect(['error', 'warning', 'info']).toContain(d.severity);
      expect(typeof d.fixable).toBe('boolean');
    }
    expect(out).toContainEqual(expect.objectContaining({ file: 'demo/docs/status-tracker.md', ruleId: 'encoding/mojibake', line: 17, column: 48, endLine: 17, endColumn: 52, fixable: true, actual: 'ğŸŸ¡', expected: '🟡' }));
  });

  it('--format github prints workflow commands GitHub can parse', () => {
    const r = runCli(['lint', 'demo', '--format', 'github']);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+\/[a-z-]+::[^\n]+$/);
    expect(lines).toContain('::warning file=demo/docs/status-tracker.md,line=21,col=29,endLine=21,endColumn=37,title=cost/burn-rate::Unexpected burn rate $0.42/hr, expected $0.77/hr: the sum of the billing jobs\' costs');
  });

  it('--format sarif prints a SARIF 2.1.0 log', () => {
    const r = runCli(['lint', 'demo', '--format', 'sarif']);
    const log = JSON.parse(r.stdout);
    // The parts of the SARIF 2.1.0 schema (OASIS) that code-scanning consumers read.
    const sarifSubset = {
      type: 'object',
      required: ['version', 'runs'],
      properties: {
        version: { const: '2.1.0' },
        runs: {
          type: 'array', minItems: 1,
          items: {
            type: 'object', required: ['tool', 'results'],
            properties: {
              tool: { type: 'object', required: ['driver'], properties: { driver: { type: 'object', required: ['name', 'rules'], properties: { name: { type: 'string' }, rules: { type: 'array', items: { type: 'object', required: ['id'] } } } } } },
              results: {
                type: 'array',
                items: {
                  type: 'object', required: ['message', 'ruleId', 'level', 'locations'],
                  properties: {
                    level: { enum: ['none', 'note', 'warning', 'error'] },
                    message: { type: 'object', required: ['text'] },
                    locations: { type: 'array', items: { type: 'object', required: ['physicalLocation'], properties: { physicalLocation: { type: 'object', required: ['artifactLocation', 'region'], properties: { region: { type: 'object', required: ['startLine', 'startColumn'], properties: { startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 } } } } } } } },
                  },
                },
              },
            },
          },
        },
      },
    };
    const validate = new Ajv({ allErrors: true }).compile(sarifSubset);
    expect(validate.errors ?? validate(log)).toBe(true);
    const run = log.runs[0];
    for (const res of run.results) expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
    expect(run.results.length).toBe(JSON.parse(runCli(['lint', 'demo', '--format', 'json']).stdout).length);
  });

  it('reports a file that is not UTF-8 text, and still lints the others', () => {
    // UTF-16 without a byte-order mark (with one, it is read: see encoding.test.ts).
    const utf16 = Buffer.from('# TODO\n', 'utf16le');
    const dir = tree({ 'docs/a.md': utf16, 'docs/b.md': Buffer.from([0x23, 0x20, 0xc3, 0x28, 0x0a]), 'docs/c.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 'docs/TODO.md': '# TODO\n\n- [ ] p\n  - [x] c\n' });
    const r = runCli(['lint', 'docs', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.map((d: { file: string; ruleId: string }) => `${d.file} ${d.ruleId}`)).toEqual([
      'docs/TODO.md checklist/children-done-parent-open',
      'docs/a.md file/unreadable',
      'docs/b.md file/unreadable',
      'docs/c.md file/unreadable',
    ]);
    expect(out[1].message).toMatch(/UTF-16/);
    expect(out[2].message).toMatch(/not valid UTF-8 \(invalid byte 0xc3 at offset 2: /);
    expect(out[3].message).toMatch(/binary/);
  });

  it('--fix repairs in place, splices only the fixed bytes, keeps CRLF and BOM', () => {
    const crlf = '\ufeff' + exampleTracker.replace(/\n/g, '\r\n');
    const dir = tree({ 'docs/status-tracker.md': crlf });
    const r = runCli(['lint', '--fix', 'docs/status-tracker.md'], { cwd: dir });
    expect(r.stdout).toMatch(/fixed 1 file/);
    expect(r.code).toBe(0);
    const after = readFileSync(join(dir, 'docs/status-tracker.md'));
    expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = after.toString('utf8');
    expect(text.split('\r\n').length).toBe(crlf.split('\r\n').length);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(text).toContain('| M1 (Baseline) | 🟡 In Progress | 95% |');
    expect(text).toContain('Exp A-D ✓');
    // Every line that had no mojibake is byte-identical.
    const before = crlf.split('\r\n');
    text.split('\r\n').forEach((line, i) => {
      if (!/[âğÎÂ]/.test(before[i]!)) expect(line).toBe(before[i]);
    });
    const again = runCli(['lint', 'docs/status-tracker.md', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(again.stdout).filter((d: { fixable: boolean }) => d.fixable)).toEqual([]);
  });

  it('a lint worker that stops or fails to start ends the run with exit 2, not a hang', () => {
    // A copy of the bin and the bundles whose worker entry is broken.
    const dir = tree({});
    cpSync(join(projectRoot, 'bin'), join(dir, 'tool/bin'), { recursive: true });
    cpSync(join(projectRoot, 'dist'), join(dir, 'tool/dist'), { recursive: true });
    symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'tool/node_modules'));
    for (let i = 0; i < 60; i++) writeFileSync(join(dir, `${i}-TODO.md`), '# TODO\n\n- [ ] p\n');
    for (const [body, message] of [['process.exit(3);', /a lint worker thread stopped unexpectedly \(exit code 3\)/], ["throw new Error('no worker today');", /no worker today/]] as const) {
      writeFileSync(join(dir, 'tool/bin/lint-worker.cjs'), body);
      const r = spawnSync(process.execPath, [join(dir, 'tool/bin/docs.cjs'), 'lint', '.'], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^trackdocs: internal error: /);
      expect(r.stderr).toMatch(message);
    }
  });

  it('many files are linted on worker threads with the same result as on one thread', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 70; i++) {
      files[`docs/${String(i).padStart(3, '0')}-status-tracker.md`] = exampleTracker.replace('95%', `${90 + (i % 10)}%`);
      files[`docs/${String(i).padStart(3, '0')}-TODO.md`] = `# TODO\n\n- [ ] p${i}\n  - [x] c\n`;
    }
    const dir = tree(files);
    const pooled = runCli(['lint', 'docs', '--format', 'json'], { cwd: dir });
    const single = runCli(['lint', 'docs', '--format', 'json'], { cwd: dir, env: { TRACKDOCS_WORKERS: '0' } });
    expect(pooled.stderr).toBe('');
    expect(pooled.code).toBe(1);
    expect(JSON.parse(pooled.stdout).length).toBe(70 * 27 + 70);
    expect(pooled.stdout).toBe(single.stdout);
    const fixed = runCli(['lint', 'docs', '--fix', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(fixed.stdout).filter((d: { fixable: boolean }) => d.fixable)).toEqual([]);
    expect(readFileSync(join(dir, 'docs/000-TODO.md'), 'utf8')).toBe('# TODO\n\n- [x] p0\n  - [x] c\n');
  }, 300_000); // four runs over 140 files: on a loaded 2-core machine they take more than 30 s

  it('--fix leaves a file with nothing to fix untouched', () => {
    const dir = tree({ 'TODO.md': '# TODO\n\n- [x] done\n' });
    const r = runCli(['lint', '--fix', 'TODO.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'TODO.md'), 'utf8')).toBe('# TODO\n\n- [x] done\n');
  });
});

describe('configuration', () => {
  it('finds docs.config.yaml by walking up; severities, off, document kinds and aliases apply', () => {
    const dir = tree({
      'docs.config.yaml': 'documents:\n  notes/plan.md: tracker\nrules:\n  encoding/mojibake: off\n  cost/burn-rate: error\ntables:\n  jobs:\n    aliases:\n      cost: ["Price"]\n',
      'notes/plan.md': '# Plan\n\n## Active Remote Jobs\n\n| Instance ID | Status | Price |\n|---|---|---|\n| 28491023 | ğŸŸ¢ Running | $1.00/hr |\n\n- Current hourly burn rate: $2.00/hr\n',
      'sub/dir/.keep': '',
    });
    const r = runCli(['lint', '../../notes/plan.md', '--format', 'json'], { cwd: join(dir, 'sub', 'dir') });
    const out = JSON.parse(r.stdout);
    expect(out.map((d: { ruleId: string; severity: string }) => `${d.ruleId} ${d.severity}`)).toEqual(['cost/burn-rate error']);
    expect(r.code).toBe(1);
  });

  it('lints the configured documents when no path is given', () => {
    const dir = tree({ 'docs.config.yaml': 'documents:\n  plan.md: todo\n', 'plan.md': '# Plan\n\n- [ ] p\n  - [x] c\n', 'other.md': '<<<<<<< HEAD\n' });
    const r = runCli(['lint'], { cwd: dir });
    expect(r.stdout).toMatch(/^plan.md:3:3 warning .*checklist\/children-done-parent-open/);
    expect(r.stdout).toMatch(/1 file checked/);
  });

  it('a user schema replaces the built-in row schema', () => {
    const schema = JSON.parse(readFileSync(join(referenceDir, '..', '..', 'schemas', 'milestone-row.schema.json'), 'utf8'));
    schema.properties.owner = { type: 'string', pattern: '^@', 'x-aliases': ['Owner'] };
    schema.required.push('owner');
    const dir = tree({
      'docs.config.yaml': 'tables:\n  milestones:\n    schema: ./milestone.schema.json\n',
      'milestone.schema.json': JSON.stringify(schema),
      'status-tracker.md': '# Status Tracker\n\n## Milestone Status\n\n| Milestone | Status | Owner |\n|---|---|---|\n| M1 | ✅ | kai |\n| M2 | ✅ | @ana |\n',
    });
    const r = runCli(['lint', 'status-tracker.md'], { cwd: dir });
    expect(r.stdout).toMatch(/status-tracker.md:7:12 error Malformed Owner `kai`.* cell\/format/);
  });

  it.each([
    ['rules:\n  no/such-rule: off\n', /unknown rule `no\/such-rule`/],
    ['rules:\n  encoding/mojibake: loud\n', /docs.config.yaml:2:22: `rules.encoding\/mojibake: loud` is not allowed; expected one of error, warning, info, off/],
    ['colour: blue\n', /docs.config.yaml:1:1: unknown key `colour`; expected `documents`, `ignores`, `rules`, `tables`, `statuses`, `sources`, `sync`/],
    ['rules: [\n', /not valid YAML/],
    ['tables:\n  jobs:\n    schema: ./missing.json\n', /cannot read the jobs schema/],
  ])('a bad config (%j) exits 2 and names the problem', (config, message) => {
    const dir = tree({ 'docs.config.yaml': config, 'TODO.md': '# TODO\n' });
    const r = runCli(['lint', 'TODO.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^trackdocs: config error: /);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

describe('trackdocs export', () => {
  it('prints the typed model as JSON', () => {
    const r = runCli(['export', 'demo/docs/status-tracker.md']);
    expect(r.code).toBe(0);
    const [doc] = JSON.parse(r.stdout);
    expect(doc.file).toBe('demo/docs/status-tracker.md');
    expect(doc.kind).toBe('tracker');
    expect(doc.model.jobs.rows[0]).toMatchObject({ key: '28491023', status: 'running', cells: { gpu: { text: '1x RTX 4090' } } });
    expect(doc.model.cost.burnRate).toMatchObject({ value: '$0.42/hr', amount: 0.42 });
    expect(doc.model.lastUpdated.position.start).toEqual({ line: 3, column: 15, offset: 32 });
  });

  it('prints YAML with --format yaml', async () => {
    const r = runCli(['export', 'demo/TODO.md', '--format', 'yaml']);
    expect(r.code).toBe(0);
    const { parse } = await import('yaml');
    const [doc] = parse(r.stdout);
    expect(doc.kind).toBe('todo');
    expect(doc.model.sections[0].tasks[0].text).toBe('Infrastructure & Configs');
  });

  it('exits 2 for a file that is not text, after printing the others', () => {
    const dir = tree({ 'a.md': Buffer.from([0, 1, 2]), 'TODO.md': '# TODO\n' });
    const r = runCli(['export', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).map((d: { file: string }) => d.file)).toEqual(['TODO.md']);
    expect(r.stderr).toMatch(/a.md: Cannot read this file as markdown: the file is binary/);
  });
});

