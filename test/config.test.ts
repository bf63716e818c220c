/** Config discovery and config errors, through the real bin in temporary repositories. */
import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { runCli, testArea, projectRoot } from './helpers.js';

const { tree } = testArea();
const bad = '# TODO\n\n- [ ] parent \u00e2\u0153\u2026\n';

describe('config discovery', () => {
  it('searches up to the repository root and stops there: a config above the repository is not read', () => {
    const dir = tree({ 'docs.config.yaml': 'rules:\n  encoding/mojibake: off\n', 'repo/.git/HEAD': '', 'repo/sub/TODO.md': bad });
    const r = runCli(['lint', 'TODO.md'], { cwd: join(dir, 'repo', 'sub') });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('encoding/mojibake');
    const printed = runCli(['lint', '--print-config'], { cwd: join(dir, 'repo', 'sub') });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('# no docs.config.yaml between here and the repository root (..): built-in defaults');
    expect(parse(printed.stdout).rules['encoding/mojibake']).toBe('error');
  });

  it('finds the config in a folder above the working directory inside the repository', () => {
    const dir = tree({ '.git/HEAD': '', 'docs.config.yaml': 'rules:\n  encoding/mojibake: warning\n', 'sub/TODO.md': bad });
    const r = runCli(['lint', 'TODO.md'], { cwd: join(dir, 'sub') });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3:14 warning Unexpected mojibake/);
    const printed = runCli(['check', '--print-config'], { cwd: join(dir, 'sub') });
    expect(printed.stdout).toContain('# from ../docs.config.yaml; paths are relative to ..');
    const config = parse(printed.stdout);
    expect(config.rules['encoding/mojibake']).toBe('warning');
    expect(config.rules['table/cell-count']).toBe('error'); // defaults filled in
    expect(config.sync).toEqual({ archive: 'move' });
  });

  it('both docs.config.yaml and docs.config.yml in one folder is an error', () => {
    const dir = tree({ '.git/HEAD': '', 'docs.config.yaml': '', 'docs.config.yml': '', 'TODO.md': '# TODO\n' });
    const r = runCli(['lint'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/docs.config.yaml and docs.config.yml are both in .*: keep one/);
  });
});

describe('config errors', () => {
  it('name the file, line and key, and the nearest valid value', () => {
    const dir = tree({ '.git/HEAD': '', 'TODO.md': '# TODO\n', 'docs.config.yaml': 'rules:\n  encoding/mojibak: error\n  cost/burn-rate: eror\nsources:\n  vastai:\n    timout: 3\nsynk: {}\n' });
    const r = runCli(['lint'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('docs.config.yaml:3:19: `rules.cost/burn-rate: eror` is not allowed (did you mean `error`?); expected one of error, warning, info, off');
    expect(r.stderr).toContain('docs.config.yaml:6:5: unknown key `timout` under `sources.vastai` (did you mean `timeout`?)');
    expect(r.stderr).toContain('docs.config.yaml:7:1: unknown key `synk` (did you mean `sync`?)');
    expect(r.stderr).toContain('docs.config.yaml:2:3: unknown rule `encoding/mojibak` under `rules` (did you mean `encoding/mojibake`?)');
    expect(r.stderr).not.toMatch(/~1|must be equal to one of/); // no raw validator text
  });

  it('a YAML error shows the whole message with its code frame', () => {
    const dir = tree({ '.git/HEAD': '', 'TODO.md': '# TODO\n', 'docs.config.yaml': 'rules:\n  a: [1\nb: c: d\n' });
    const r = runCli(['lint'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/docs.config.yaml is not valid YAML:\n.* at line \d+, column \d+:\n\n[\s\S]*\^/);
    expect(r.stderr).toContain('Nested mappings are not allowed in compact mappings at line 3, column 4:\n\nb: c: d\n   ^');
  });
});

describe('trackdocs init', () => {
  it('writes a config whose first line points editors at the installed schema, which validates it', () => {
    const dir = tree({ '.git/HEAD': '' });
    expect(runCli(['init'], { cwd: dir }).code).toBe(0);
    const text = readFileSync(join(dir, 'docs.config.yaml'), 'utf8');
    const m = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
    expect(m).not.toBeNull();
    const schemaPath = m![1]!;
    expect(schemaPath).toBe(join(projectRoot, 'schemas', 'config.schema.json'));
    expect(existsSync(schemaPath)).toBe(true);
    const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    expect(validate(parse(text))).toBe(true);
  });
});
