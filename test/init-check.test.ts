/** `trackdocs init` in an empty directory, then `trackdocs lint` and `trackdocs check` as documented. */
import { describe, expect, it, afterAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, delimiter } from 'node:path';
import { projectRoot, runCli, tempTree } from './helpers.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
function dir(files: Record<string, string> = {}) {
  const t = tempTree({ '.git/HEAD': 'ref: refs/heads/main\n', ...files });
  cleanups.push(t.cleanup);
  return t.dir;
}
const fakeBin = join(projectRoot, 'test', 'fake-vastai');
const instances = join(projectRoot, 'test', 'fixtures', 'vastai', 'instances.json');
const noVastai = { PATH: '/usr/bin:/bin' };

describe('trackdocs init', () => {
  it('writes the four files; they lint clean apart from placeholder warnings', () => {
    const d = dir();
    const r = runCli(['init'], { cwd: d });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^created  docs\/status-tracker.md\ncreated  TODO.md\ncreated  ROADMAP.md\ncreated  docs.config.yaml\n/);
    const tracker = readFileSync(join(d, 'docs/status-tracker.md'), 'utf8');
    expect(tracker).toContain('| M1 (Baseline) | ✅ Complete | 100% |');
    expect(tracker).toContain('## Past Remote Jobs');
    expect(tracker).toContain('## Local Training');
    expect(tracker).not.toMatch(/[âğ]/);
    const lint = runCli(['lint', '--format', 'json'], { cwd: d });
    expect(lint.code).toBe(0);
    const found = JSON.parse(lint.stdout) as { ruleId: string; severity: string; file: string }[];
    expect(new Set(found.map((f) => `${f.ruleId} ${f.severity}`))).toEqual(new Set(['template/placeholder warning']));
    expect(new Set(found.map((f) => f.file))).toEqual(new Set(['docs/status-tracker.md', 'TODO.md', 'ROADMAP.md']));
    // With no source to check the tracker against, check refuses rather than report a clean 0.
    const check = runCli(['check'], { cwd: d, env: noVastai });
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/vastai is not installed here; its drift is not checked/);
    expect(check.stderr).toMatch(/no source to check against: .*nothing was checked\.\n.*run `trackdocs lint` to lint only/s);
    expect(check.stdout).toBe('');
  });

  it('never overwrites; --force keeps a .bak', () => {
    const d = dir({ 'TODO.md': '# Mine\n' });
    const r = runCli(['init'], { cwd: d });
    expect(r.stdout).toContain('skipped  TODO.md (exists; --force overwrites it and keeps a .bak)');
    expect(readFileSync(join(d, 'TODO.md'), 'utf8')).toBe('# Mine\n');
    const forced = runCli(['init', '--force'], { cwd: d });
    expect(forced.stdout).toContain('replaced TODO.md (the old one is TODO.md.bak)');
    expect(readFileSync(join(d, 'TODO.md.bak'), 'utf8')).toBe('# Mine\n');
    expect(readFileSync(join(d, 'TODO.md'), 'utf8')).toMatch(/^# Project TODOs/);
    expect(existsSync(join(d, 'docs.config.yaml'))).toBe(true);
  });
});

describe('trackdocs check', () => {
  const tracker = readFileSync(join(projectRoot, 'test', 'fixtures', 'vastai', 'status-tracker.md'), 'utf8');

  it('reports lint findings and drift in one report with one exit code', () => {
    const d = dir({ 'docs/status-tracker.md': tracker.replace('🟢 Running | [abc]', '🟢 Running | [abc]').replace('Last updated: 2026-11-20', 'Last updated: 2026-11-20\n\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> topic'), 'TODO.md': '# TODO\n\n- [x] a\n' });
    const r = runCli(['check', '--format', 'json', '--vastai-json', instances], { cwd: d });
    expect(r.code).toBe(1);
    const ids = (JSON.parse(r.stdout) as { ruleId: string }[]).map((x) => x.ruleId);
    expect(ids).toContain('git/conflict-marker');
    expect(ids).toContain('drift/unlisted-instance');
    expect(ids).toContain('drift/stale-instance');
    const gh = runCli(['check', '--format', 'github', '--vastai-json', instances], { cwd: d });
    expect(gh.stdout.split('\n').filter(Boolean).every((l) => /^::(error|warning|notice) file=/.test(l))).toBe(true);
    const sarif = JSON.parse(runCli(['check', '--format', 'sarif', '--vastai-json', instances], { cwd: d }).stdout);
    const ruleIds = sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
    expect(ruleIds).toEqual(expect.arrayContaining(['git/conflict-marker', 'drift/unlisted-instance']));
  });

  it('uses an installed vastai, and exits 2 when a configured one fails', () => {
    const d = dir({ 'docs/status-tracker.md': tracker });
    const path = `${fakeBin}${delimiter}${process.env.PATH}`;
    const ok = runCli(['check', '--format', 'json'], { cwd: d, env: { PATH: path, FAKE_VASTAI_JSON: instances } });
    expect(ok.code).toBe(1);
    expect(JSON.parse(ok.stdout).some((x: { ruleId: string }) => x.ruleId === 'drift/burn-rate')).toBe(true);
    const failing = runCli(['check'], { cwd: d, env: { PATH: path, FAKE_VASTAI_MODE: '401-stderr' } });
    expect(failing.code).toBe(2);
    expect(failing.stderr).toMatch(/vastai source failed: vastai rejected the API key/);
    writeFileSync(join(d, 'docs.config.yaml'), 'sources:\n  vastai:\n    enabled: true\n');
    const required = runCli(['check'], { cwd: d, env: noVastai });
    expect(required.code).toBe(2);
    expect(required.stderr).toMatch(/`vastai` was not found/);
  });
});
