/**
 * What users of linters expect, through the real bin: help <command>, --version, --no-color,
 * stdin lint, JUnit XML (validated with xmllint against the JUnit subset CI systems read), GitLab
 * code quality (against its documented fields), SARIF helpUris, export --no-positions, shell
 * completion loaded in bash, and the terminal output (grouped, wrapped, a progress line) in a pty.
 */
import { describe, expect, it, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, existsSync } from 'node:fs';
import { join, delimiter } from 'node:path';
import { Ajv } from 'ajv';
import { runCli, tempTree, projectRoot, bin } from './helpers.js';
import { grouped } from '../src/reporters/grouped.js';
import { rules } from '../src/rules/index.js';
import type { Diagnostic } from '../src/core/diagnostic.js';
import pkg from '../package.json' with { type: 'json' };

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
function tree(files: Record<string, string> = {}) {
  const t = tempTree(files);
  cleanups.push(t.cleanup);
  return t.dir;
}
const bad = '# TODO\n\n- [ ] parent \u00e2\u0153\u2026\n';
const pathDir = join(tree(), 'bin');
mkdirSync(pathDir);
symlinkSync(bin, join(pathDir, 'trackdocs'));
const PATH = [pathDir, join(projectRoot, 'test', 'fake-vastai'), process.env.PATH].join(delimiter);

describe('help, version, colour', () => {
  it('`trackdocs help <command>` is that command\'s --help', () => {
    for (const name of ['lint', 'sync', 'check', 'export', 'init', 'watch', 'hook', 'completion']) {
      const viaHelp = runCli(['help', name]);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.stdout).toBe(runCli([name, '--help']).stdout);
      expect(viaHelp.stdout).toMatch(new RegExp(`Usage: trackdocs ${name}`));
    }
  });

  it('the main help lists --version, --no-color and every command, and says `trackdocs`, never `npx docs`', () => {
    const r = runCli(['--help']);
    expect(r.stdout).toMatch(/-v, --version +print trackdocs' version/);
    expect(r.stdout).toMatch(/--no-color/);
    for (const c of ['init', 'lint', 'sync', 'check', 'export', 'hook', 'watch', 'completion', 'help']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(r.stdout).not.toMatch(/npx docs|Usage: docs/);
  });

  it.each([
    [['lint', 'demo']],
    [['export', 'demo/TODO.md']],
    [['check', 'demo', '--vastai-json', 'demo/vastai-instances.json', '--state', 'demo/system_state.json']],
    [['sync', 'demo/docs/status-tracker.md', '--dry-run', '--vastai-json', 'demo/vastai-instances.json', '--no-state']],
    [['init', '--help']],
    [['hook', '--help']],
    [['completion', 'bash']],
  ])('--no-color is accepted by `trackdocs %j` and wins over FORCE_COLOR', (args) => {
    const r = runCli([...args, '--no-color'], { env: { FORCE_COLOR: '1' } });
    expect(r.code).not.toBe(2);
    expect(r.stdout + r.stderr).not.toContain('\x1b[');
  });
});

describe('lint --stdin', () => {
  it('lints standard input as the file --stdin-filename names (its kind, its path in the report)', () => {
    const dir = tree({ '.git/HEAD': '' });
    const r = runCli(['lint', '--stdin', '--stdin-filename', 'docs/TODO.md'], { cwd: dir, input: bad });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('docs/TODO.md:3:14 error Unexpected mojibake `âœ…`, expected `✅` encoding/mojibake (fixable)\n\n1 file checked: 1 error, 0 warnings (1 fixable with --fix)\n');
    const json = JSON.parse(runCli(['lint', '--stdin', '--stdin-filename', 'ROADMAP.md', '--format', 'json'], { cwd: dir, input: '# Roadmap\n\n- [ ] a\n  - [x] b\n' }).stdout);
    expect(json.map((d: { file: string; ruleId: string }) => `${d.file} ${d.ruleId}`)).toEqual(['ROADMAP.md checklist/children-done-parent-open']);
    expect(runCli(['lint', '--stdin'], { cwd: dir, input: '# x\n' }).stdout).toBe('1 file checked: 0 errors, 0 warnings\n');
    expect(runCli(['lint', '--stdin-filename', 'x.md'], { cwd: dir }).stderr).toMatch(/--stdin-filename names what --stdin reads; add --stdin/);
  });
});

describe('output formats', () => {
  it('junit: valid against the JUnit XML subset CI systems read (xmllint), a testcase per finding', () => {
    const r = runCli(['lint', 'demo', '--format', 'junit']);
    expect(r.code).toBe(1);
    const xsd = join(projectRoot, 'test', 'fixtures', 'formats', 'junit.xsd');
    const v = spawnSync('xmllint', ['--noout', '--schema', xsd, '-'], { input: r.stdout, encoding: 'utf8' });
    expect(v.stderr).toBe('- validates\n');
    const findings = JSON.parse(runCli(['lint', 'demo', '--format', 'json']).stdout).length;
    expect(r.stdout.match(/<testcase /g)!.length).toBe(findings);
    expect(r.stdout).toContain(`<testsuites name="trackdocs" tests="${findings}" failures="${findings}"`);
    expect(r.stdout).toContain('<testcase classname="demo/docs/status-tracker.md" name="17:48 encoding/mojibake" file="demo/docs/status-tracker.md">');
    // A clean run is one passing testcase, still valid.
    const clean = runCli(['lint', '--stdin', '--format', 'junit'], { input: '# x\n' });
    expect(spawnSync('xmllint', ['--noout', '--schema', xsd, '-'], { input: clean.stdout, encoding: 'utf8' }).status).toBe(0);
    expect(clean.stdout).toContain('tests="1" failures="0"');
  });

  it("gitlab: GitLab's code-quality report, every documented field, stable unique fingerprints", () => {
    // The fields GitLab documents for a code-quality report (a subset of the CodeClimate spec).
    const schema = {
      type: 'array',
      items: {
        type: 'object',
        required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
        properties: {
          description: { type: 'string', minLength: 1 },
          check_name: { type: 'string', minLength: 1 },
          fingerprint: { type: 'string', minLength: 1 },
          severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
          location: {
            type: 'object',
            required: ['path', 'lines'],
            properties: { path: { type: 'string' }, lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } } },
          },
        },
      },
    };
    const r = runCli(['check', 'demo', '--format', 'gitlab', '--vastai-json', 'demo/vastai-instances.json', '--state', 'demo/system_state.json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { fingerprint: string; severity: string; check_name: string; location: { path: string } }[];
    const validate = new Ajv().compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(new Set(report.map((i) => i.fingerprint)).size).toBe(report.length);
    expect(report.find((i) => i.check_name === 'drift/unlisted-instance')).toMatchObject({ severity: 'major', location: { path: 'demo/docs/status-tracker.md' } });
    expect(JSON.parse(runCli(['check', 'demo', '--format', 'gitlab', '--vastai-json', 'demo/vastai-instances.json', '--state', 'demo/system_state.json']).stdout)).toEqual(report);
  });

  it("sarif: every rule's helpUri is its doc page, shipped in the package, at this version's tag of the repository", () => {
    const sarif = JSON.parse(runCli(['check', 'demo', '--format', 'sarif', '--vastai-json', 'demo/vastai-instances.json', '--state', 'demo/system_state.json']).stdout);
    const driver = sarif.runs[0].tool.driver;
    const base = `${pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/v${pkg.version}/`;
    expect(driver.informationUri).toBe(base.replace(/\/blob\/.*/, ''));
    for (const rule of driver.rules as { id: string; helpUri: string }[]) {
      expect(rule.helpUri.startsWith(base)).toBe(true);
      const path = rule.helpUri.slice(base.length);
      expect(existsSync(join(projectRoot, path)), path).toBe(true);
      expect(pkg.files.some((f) => path.startsWith(f + '/'))).toBe(true);
    }
    expect(driver.rules.find((r: { id: string }) => r.id === 'encoding/mojibake').helpUri).toBe(`${base}docs/rules/encoding-mojibake.md`);
    expect(driver.rules.find((r: { id: string }) => r.id === 'drift/unlisted-instance').helpUri).toBe(`${base}docs/sync.md`);
  });

  it('the package has a LICENSE, and repository and bugs addresses', () => {
    expect(readFileSync(join(projectRoot, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(pkg.license).toBe('MIT');
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/[^/]+\/trackdocs\.git$/);
    expect(pkg.bugs.url).toBe(pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '/issues'));
    expect(pkg.bin).toEqual({ trackdocs: 'bin/docs.cjs', docs: 'bin/docs.cjs' });
  });
});

describe('export --no-positions', () => {
  it('drops every position; a located value becomes its bare value', () => {
    const full = runCli(['export', 'demo/docs/status-tracker.md']);
    const r = runCli(['export', 'demo/docs/status-tracker.md', '--no-positions']);
    expect(r.code).toBe(0);
    expect(full.stdout).toContain('"position"');
    expect(r.stdout).not.toContain('"position"');
    const [doc] = JSON.parse(r.stdout);
    expect(doc.model.lastUpdated).toBe('2026-01-04');
    expect(doc.model.jobs.rows[0].cells.instance.text).toBe('28491023');
  });
});

describe('shell completion', () => {
  const complete = (line: string) => {
    const words = line.split(' ');
    const script = `source <(trackdocs completion bash)
complete -p trackdocs
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; COMP_LINE='${line}'; COMP_POINT=${line.length}
_trackdocs_completion
printf '[%s]\\n' "\${COMPREPLY[@]}"`;
    return spawnSync('bash', ['-c', script], { env: { PATH, HOME: process.env.HOME ?? '' }, encoding: 'utf8' });
  };

  it('the bash script loads and completes commands, options and option values', () => {
    const commands = complete('trackdocs li');
    expect(commands.stderr).toBe('');
    expect(commands.stdout).toBe('complete -o default -F _trackdocs_completion trackdocs\n[lint]\n');
    expect(complete('trackdocs lint --f').stdout).toContain('[--format]\n[--fix]\n');
    expect(complete('trackdocs lint --format ').stdout.split('\n').slice(1).join(' ')).toBe('[pretty] [json] [github] [sarif] [junit] [gitlab] ');
    expect(complete('trackdocs export --format ').stdout).toContain('[json]\n[yaml]\n');
    expect(complete('trackdocs sync --archive m').stdout).toContain('[move]\n[mark]\n');
    expect(complete('trackdocs hook ').stdout).toContain('[install]\n[uninstall]\n');
    expect(complete('trackdocs merge-driver ').stdout).toContain('[install]\n[uninstall]\n');
    expect(complete('trackdocs merge --d').stdout).toContain('[--diff3]\n');
    expect(complete('trackdocs completion ').stdout).toContain('[bash]\n[zsh]\n[fish]\n');
    expect(complete('trackdocs sync --no-').stdout).toContain('[--no-vastai]\n[--no-state]\n[--no-color]\n');
  });

  it('zsh and fish scripts register the completer; an unknown shell is a usage error', () => {
    expect(runCli(['completion', 'zsh']).stdout).toMatch(/compdef _trackdocs_completion trackdocs/);
    expect(runCli(['completion', 'fish']).stdout).toMatch(/complete -f -d 'trackdocs' -c trackdocs/);
    const r = runCli(['completion', 'bsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown shell `bsh` \(did you mean `bash`\?\)/);
  });
});

describe('on a terminal', () => {
  /** Run trackdocs in a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
  const inPty = (command: string, env: Record<string, string> = {}) =>
    spawnSync('script', ['-qec', command, '/dev/null'], { cwd: projectRoot, env: { PATH, HOME: process.env.HOME ?? '', TRACKDOCS_TODAY: '2026-11-25', NO_COLOR: '1', ...env }, encoding: 'utf8' });

  it('pretty output groups findings by file, fits them to the width, and marks the fixable ones', () => {
    const r = inPty('stty cols 72 2>/dev/null; trackdocs lint demo', { COLUMNS: '72' });
    const lines = r.stdout.replace(/\r/g, '').split('\n');
    expect(lines).toContain('demo/TODO.md');
    expect(lines).toContain('demo/docs/status-tracker.md');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(72);
    expect(lines).toContain('  17:48  error    Unexpected mojibake `ğŸŸ¡`, expected `🟡`');
    expect(r.stdout).toMatch(/\(fixable\)/);
  });

  it('a progress line on stderr while vastai is queried, cleared after; none when not a terminal', () => {
    const env = { FAKE_VASTAI_JSON: join(projectRoot, 'demo', 'vastai-instances.json'), FAKE_VASTAI_DELAY_MS: '300' };
    const r = inPty('trackdocs sync --check demo/docs/status-tracker.md --no-state', env);
    expect(r.stdout).toContain('Querying vastai…');
    expect(r.stdout).toContain('\r\x1b[2K');
    const piped = runCli(['sync', '--check', 'demo/docs/status-tracker.md', '--no-state'], { env: { PATH, ...env } });
    expect(piped.stdout + piped.stderr).not.toContain('Querying');
  });

  it('the grouped layout, in-process: a heading per file, messages wrapped under their column', () => {
    const d = (file: string, line: number, message: string, fix = false): Diagnostic => ({ file, ruleId: 'x/y', severity: 'warning', message, line, column: 1, endLine: line, endColumn: 2, ...(fix ? { fix: [] } : {}) });
    const out = grouped({ diagnostics: [d('a.md', 1, 'short'), d('a.md', 10, 'a long message '.repeat(6).trim(), true), d('b.md', 2, 'other')], files: 2, rules, width: 50, toolVersion: '' });
    expect(out).toBe(
      'a.md\n' +
        '  1:1   warning  short  x/y\n' +
        '  10:1  warning  a long message a long message a\n' +
        '                 long message a long message a\n' +
        '                 long message a long message  x/y\n' +
        '                 (fixable)\n' +
        '\n' +
        'b.md\n' +
        '  2:1  warning  other  x/y\n' +
        '\n' +
        '2 files checked: 0 errors, 3 warnings (1 fixable with --fix)\n',
    );
  });
});
