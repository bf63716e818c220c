/**
 * Precision: the lint says nothing false on real-looking documents (trackdocs' own docs, its
 * templates, a clean fixture set written from the patterns people use), finds every problem planted
 * in the twin set, and has escape hatches (inline comments, ignores, --no-inline-config,
 * unused-disable reporting). Fixes are safe by construction, and --fix --dry-run shows the diff.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli, testArea, projectRoot, modelOptions, TODAY } from './helpers.js';
import { templateTokens } from '../src/core/placeholders.js';
import { parseDocument } from '../src/model/parse.js';
import { fixDocument } from '../src/lint/engine.js';
import { defineRule } from '../src/rules/define.js';

const { tree } = testArea();
const json = (stdout: string) => JSON.parse(stdout) as { file: string; line: number; column: number; ruleId: string; message: string; fixable: boolean }[];
const precision = join(projectRoot, 'test', 'fixtures', 'precision');

describe('nothing false', () => {
  it("on trackdocs' own docs/, README.md, templates/ (as templates) and the clean precision set", () => {
    const r = runCli(['lint', 'docs', 'README.md', 'templates', 'test/fixtures/precision/clean', '--format', 'json']);
    expect(json(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it("each rule's clean fixtures get nothing from any rule (but the mojibake statuses status/unknown must read)", () => {
    const dir = join(projectRoot, 'test', 'fixtures', 'rules');
    const oks = readdirSync(dir).flatMap((rule) => readdirSync(join(dir, rule)).filter((f) => /(^|\.)ok\.\w+\.md$/.test(f) && !f.includes('not-ok')).map((f) => `test/fixtures/rules/${rule}/${f}`));
    const r = runCli(['lint', ...oks, '--format', 'json']);
    const found = json(r.stdout).filter((d) => !(d.file === 'test/fixtures/rules/status-unknown/ok.tracker.md' && d.ruleId === 'encoding/mojibake'));
    expect(found).toEqual([]);
  });

  it('the twin set with planted problems: every one found, nothing else', () => {
    const r = runCli(['lint', 'test/fixtures/precision/planted', '--format', 'json']);
    const found = json(r.stdout).map((d) => `${d.file.replace('test/fixtures/precision/planted/', '')}:${d.line}:${d.column} ${d.ruleId}`);
    const expected = readFileSync(join(precision, 'planted', 'expected.txt'), 'utf8').trim().split('\n');
    expect(found).toEqual(expected);
    expect(r.code).toBe(1);
    // The parent whose text says work remains is reported, but offers no fix.
    const shipV2 = json(r.stdout).find((d) => d.message.includes('Ship v2'))!;
    expect(shipV2.fixable).toBe(false);
  });

  it('knows the bracketed prompts of every template `docs init` writes, and no others', () => {
    const found = new Set<string>();
    for (const f of readdirSync(join(projectRoot, 'templates')).filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(projectRoot, 'templates', f), 'utf8');
      for (const m of text.matchAll(/\[([^\]\n]{2,})\](?!\()/g)) found.add(`[${m[1]!.replace(/\d+/g, '1')}]`);
    }
    expect([...found].sort()).toEqual([...templateTokens].sort());
  });
});

describe('inline comments', () => {
  const tracker = (extra: string) => `# Status Tracker\n\n## Notes\n\n${extra}\n`;

  it('disable-next-line, disable … enable and disable-file silence what they name; a comment without ids silences every rule', () => {
    const d = tree({
      'a-status-tracker.md': tracker('<!-- trackdocs-disable-next-line encoding/mojibake -->\nDone âœ…\n\nDone âœ… again'),
      'b-status-tracker.md': tracker('<!-- trackdocs-disable encoding/mojibake -->\nDone âœ…\n\nStill âœ…\n<!-- trackdocs-enable encoding/mojibake -->\n\nLoud âœ…'),
      'c-status-tracker.md': '<!-- trackdocs-disable-file -->\n' + tracker('Done âœ…\n\nNext Step: [What comes after current work]'),
    });
    const r = runCli(['lint', '.', '--format', 'json'], { cwd: d });
    expect(json(r.stdout).map((x) => `${x.file}:${x.line} ${x.ruleId}`)).toEqual(['a-status-tracker.md:8 encoding/mojibake', 'b-status-tracker.md:11 encoding/mojibake']);
    // --fix leaves what is silenced as it is.
    runCli(['lint', '--fix', 'a-status-tracker.md'], { cwd: d });
    expect(readFileSync(join(d, 'a-status-tracker.md'), 'utf8')).toBe(tracker('<!-- trackdocs-disable-next-line encoding/mojibake -->\nDone âœ…\n\nDone ✅ again'));
  });

  it('a disable that silences nothing, or names no rule, is a lint/unused-disable warning', () => {
    const d = tree({
      'status-tracker.md': tracker('<!-- trackdocs-disable-next-line encoding/mojibake -->\nAll fine here.\n\n<!-- trackdocs-disable-next-line no/such-rule -->\nDone âœ…'),
    });
    const r = runCli(['lint', '.', '--format', 'json'], { cwd: d });
    const found = json(r.stdout).map((x) => `${x.line} ${x.ruleId}: ${x.message}`);
    expect(found).toEqual([
      '5 lint/unused-disable: Unexpected `trackdocs-disable-next-line` comment: it silences nothing for `encoding/mojibake`; remove it',
      '8 lint/unused-disable: Unexpected `trackdocs-disable-next-line` comment: it names no rule (`no/such-rule`); remove it or correct the id',
      '9 encoding/mojibake: Unexpected mojibake `âœ…`, expected `✅`',
    ]);
    // Its severity is set like a rule's.
    const off = tree({ 'docs.config.yaml': 'rules:\n  lint/unused-disable: off\n', 'status-tracker.md': tracker('<!-- trackdocs-disable -->\nAll fine here.') });
    expect(json(runCli(['lint', 'status-tracker.md', '--format', 'json'], { cwd: off }).stdout)).toEqual([]);
  });

  it('--no-inline-config reports what the comments silence, and no unused ones', () => {
    const d = tree({ 'status-tracker.md': tracker('<!-- trackdocs-disable-next-line encoding/mojibake -->\nDone âœ…\n<!-- trackdocs-disable-next-line -->\nquiet') });
    const r = runCli(['lint', '.', '--no-inline-config', '--format', 'json'], { cwd: d });
    expect(json(r.stdout).map((x) => `${x.line} ${x.ruleId}`)).toEqual(['6 encoding/mojibake']);
  });

  it('a comment shown in code is an example, not a directive', () => {
    const d = tree({ 'status-tracker.md': tracker('Write `<!-- trackdocs-disable-file -->` at the top.\n\nDone âœ…') });
    const r = runCli(['lint', '.', '--format', 'json'], { cwd: d });
    expect(json(r.stdout).map((x) => `${x.line} ${x.ruleId}`)).toEqual(['7 encoding/mojibake']);
  });
});

describe('ignores', () => {
  it('globs in the config leave files out, also when a folder or the file itself is named', () => {
    const d = tree({
      'docs.config.yaml': 'ignores:\n  - "archive/**"\n  - "**/CHANGELOG.md"\n',
      'archive/old-status-tracker.md': '# Status Tracker\n\nDone âœ…\n',
      'notes/CHANGELOG.md': '# Changes\n\nDone âœ…\n',
      'notes/TODO.md': '# TODO\n\n- [x] ok\n',
    });
    const r = runCli(['lint', '.', '--format', 'json'], { cwd: d });
    expect(json(r.stdout)).toEqual([]);
    expect(runCli(['lint', 'archive/old-status-tracker.md'], { cwd: d }).stdout).toMatch(/^0 files checked/);
    const bad = tree({ 'docs.config.yaml': 'ignores: archive\n', 'TODO.md': '# TODO\n' });
    const r2 = runCli(['lint', 'TODO.md'], { cwd: bad });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/ignores/);
  });
});

describe('--fix --dry-run', () => {
  it('prints the unified diff --fix would write, writes nothing, and names what would be fixed per rule', () => {
    const text = '# TODO\n\n- [ ] Parent\n  - [x] child\n\nDone âœ…\n';
    const d = tree({ 'TODO.md': text });
    const r = runCli(['lint', '--fix', '--dry-run', 'TODO.md'], { cwd: d });
    expect(readFileSync(join(d, 'TODO.md'), 'utf8')).toBe(text);
    expect(r.stdout).toContain('--- a/TODO.md\n+++ b/TODO.md\n');
    expect(r.stdout).toContain('-- [ ] Parent\n+- [x] Parent\n');
    expect(r.stdout).toContain('-Done âœ…\n+Done ✅\n');
    expect(r.stderr).toBe('trackdocs: --dry-run: --fix would fix 2 findings in 1 file (checklist/children-done-parent-open: 1, encoding/mojibake: 1); nothing was written\n');
    // The patch applies: it is what --fix writes.
    const fixed = runCli(['lint', '--fix', 'TODO.md'], { cwd: d });
    expect(fixed.stdout).toContain('fixed 1 file (checklist/children-done-parent-open: 1, encoding/mojibake: 1)');
    expect(readFileSync(join(d, 'TODO.md'), 'utf8')).toBe('# TODO\n\n- [x] Parent\n  - [x] child\n\nDone ✅\n');
    expect(runCli(['lint', '--dry-run', 'TODO.md'], { cwd: d }).code).toBe(2);
  });

  it('pretty output marks fixable findings', () => {
    const d = tree({ 'TODO.md': '# TODO\n\n- [ ] Parent\n  - [x] child\n' });
    expect(runCli(['lint', 'TODO.md'], { cwd: d }).stdout).toContain('checklist/children-done-parent-open (fixable)\n');
  });
});

describe('fixes are safe by construction', () => {
  // A rule whose fix would add a line: the re-parse check refuses the whole file.
  const lineAdder = defineRule({
    id: 'table/cell-count',
    description: 'test double',
    severity: 'error',
    appliesTo: 'all',
    fixable: true,
    code: '',
    check(ctx) {
      const at = ctx.doc.text.indexOf('| 1 |');
      if (at >= 0) ctx.report({ message: 'x', start: at, end: at, fix: [{ start: at, end: at, text: '| 0 |\n' }] });
    },
  });
  it('a fix that would change the table or a line outside it is not applied, and the reason is given', () => {
    const text = '# Notes\n\n| a |\n|---|\n| 1 |\n\nafter\n';
    const doc = parseDocument(text, 'doc.md', 'markdown', modelOptions);
    const result = fixDocument(doc, modelOptions, { rules: [lineAdder], today: TODAY, pathExists: () => true });
    expect(result.text).toBe(text);
    expect(result.applied).toBe(0);
    expect(result.aborted).toMatch(/could not be fixed safely \(a fix at line 5 would add or remove a line break\); nothing written/);
  });
});

describe('table/malformed', () => {
  it('reports a table that lost its delimiter row, with what is wrong', () => {
    const d = tree({ 'status-tracker.md': '# Status Tracker\n\n## Milestone Status\n\n| Milestone | Status | Progress |\n| M1 | ✅ Complete | 100% |\n' });
    const r = runCli(['lint', 'status-tracker.md'], { cwd: d });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('status-tracker.md:5:1 error Unexpected 2 pipe-separated lines that do not make a table (under “Milestone Status”): no delimiter row after the header (such as `| --- | --- | --- |`) table/malformed');
  });
});

describe('checklist/missing-path', () => {
  const todo = '# TODO\n\n- [x] Wrote `impl.py`\n- [x] Notes in `sub/notes.md`\n- [x] Remove `legacy/train_old.py`\n- [x] Wrote `gone.py`\n';
  it('resolves next to the document, from the root, and a bare name against the files git tracks', () => {
    const d = tree({ 'docs/TODO.md': todo, 'docs/sub/notes.md': '# n\n', 'src/deep/impl.py': '' });
    const git = (...args: string[]) => spawnSync('git', args, { cwd: d });
    git('init', '-q');
    git('add', '-A');
    const r = runCli(['lint', 'docs/TODO.md', '--format', 'json'], { cwd: d });
    expect(json(r.stdout).map((x) => `${x.line} ${x.message.slice(0, 24)}`)).toEqual(['6 Missing path `gone.py`: ']);
  });

  it('outside a git repository it is silent, and says so once with --verbose', () => {
    const d = tree({ 'TODO.md': todo });
    const r = runCli(['lint', 'TODO.md', '--verbose'], { cwd: d });
    expect(r.stdout).toMatch(/^1 file checked: 0 errors, 0 warnings/);
    expect(r.stderr).toBe('trackdocs: not in a git repository: checklist/missing-path checks no paths (it needs git to know where files live)\n');
  });
});

describe('docs check', () => {
  const instances = join(projectRoot, 'test', 'fixtures', 'vastai', 'instances.json');
  const tracker = readFileSync(join(projectRoot, 'test', 'fixtures', 'vastai', 'status-tracker.md'), 'utf8');

  it('reports a known table the committed version had as table/removed', () => {
    const d = tree({ 'status-tracker.md': tracker });
    const git = (...args: string[]) => spawnSync('git', args, { cwd: d });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
    expect(existsSync(join(d, '.git'))).toBe(true);
    const before = json(runCli(['check', '--vastai-json', instances, '--no-state', '--format', 'json'], { cwd: d }).stdout).filter((x) => x.ruleId === 'table/removed');
    expect(before).toEqual([]);
    const start = tracker.indexOf('## Step Status');
    const end = tracker.indexOf('\n## ', start + 5);
    writeFileSync(join(d, 'status-tracker.md'), tracker.slice(0, start) + tracker.slice(end + 1));
    const after = json(runCli(['check', '--vastai-json', instances, '--no-state', '--format', 'json'], { cwd: d }).stdout).filter((x) => x.ruleId === 'table/removed');
    expect(after.map((x) => x.message)).toEqual([expect.stringMatching(/^Unexpected missing table “Step Status” \(steps\): the committed version has it at line \d+/)]);
  });

  it('with live vastai data, cost/burn-rate defers to drift/burn-rate and says to run docs sync', () => {
    const d = tree({ 'status-tracker.md': tracker });
    const lint = json(runCli(['lint', 'status-tracker.md', '--format', 'json'], { cwd: d }).stdout).filter((x) => x.ruleId === 'cost/burn-rate');
    const check = json(runCli(['check', '--vastai-json', instances, '--no-state', '--format', 'json'], { cwd: d }).stdout);
    const burn = check.filter((x) => x.ruleId.endsWith('burn-rate'));
    for (const b of burn) expect(b.message).toMatch(/run `docs sync`/);
    expect(burn.filter((x) => x.ruleId === 'cost/burn-rate' && x.fixable)).toEqual([]);
    // Never two contradicting findings on one line.
    const lines = burn.map((x) => x.line);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lint.length + burn.length).toBeGreaterThan(0);
  });
});
