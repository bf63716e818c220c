/** The pre-commit hook in real temporary git repositories. */
import { describe, expect, it, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempTree } from './helpers.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', TRACKDOCS_TODAY: '2026-11-25', NO_COLOR: '1' };
function git(dir: string, ...args: string[]) {
  const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}
function repo(files: Record<string, string> = {}) {
  const t = tempTree(files);
  cleanups.push(t.cleanup);
  git(t.dir, 'init', '-q');
  git(t.dir, 'config', 'commit.gpgsign', 'false');
  return t.dir;
}

const good = '# TODO\n\n- [ ] parent\n  - [ ] child\n';
const bad = '# TODO\n\n- [ ] parent âœ…\n  - [ ] child\n<<<<<<< HEAD\n- [ ] mine\n=======\n- [ ] theirs\n>>>>>>> topic\n';

describe('docs hook', () => {
  it('blocks a commit whose staged doc is bad while the working tree is good', () => {
    const dir = repo();
    expect(runCli(['hook', 'install'], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, 'TODO.md'), bad);
    git(dir, 'add', 'TODO.md');
    writeFileSync(join(dir, 'TODO.md'), good);
    const r = git(dir, 'commit', '-m', 'bad staged');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/TODO.md:3:14 error Unexpected mojibake `âœ…`, expected `✅` encoding\/mojibake/);
    expect(r.out).toMatch(/TODO.md:5:1 error .*git\/conflict-marker/);
    expect(r.out).toMatch(/commit blocked/);
    expect(git(dir, 'log', '--oneline').code).not.toBe(0); // no commit was made
  });

  it('lets through a good staged doc while the working tree is bad', () => {
    const dir = repo();
    runCli(['hook', 'install'], { cwd: dir });
    writeFileSync(join(dir, 'TODO.md'), good);
    git(dir, 'add', 'TODO.md');
    writeFileSync(join(dir, 'TODO.md'), bad);
    const r = git(dir, 'commit', '-m', 'good staged');
    expect(r.out).toMatch(/1 file checked: 0 errors, 0 warnings/);
    expect(r.code).toBe(0);
    expect(git(dir, 'show', 'HEAD:TODO.md').out).toBe(good);
  });

  it('lints a renamed doc under its new name, and a doc committed from a subdirectory', () => {
    const dir = repo({ 'old/TODO.md': bad + 'x\n'.repeat(40), 'sub/keep.txt': '' });
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'first', '--no-verify');
    git(dir, 'mv', 'old/TODO.md', 'TODO.md');
    expect(git(dir, 'diff', '--cached', '--name-status').out).toMatch(/^R\d+\s+old\/TODO.md\s+TODO.md/);
    const r = runCli(['lint', '--staged'], { cwd: join(dir, 'sub'), env });
    expect(r.stdout).toMatch(/^\.\.\/TODO.md:3:14 error Unexpected mojibake/m);
    expect(r.stdout).not.toMatch(/old\//);
    expect(r.code).toBe(1);
  });

  it('judges a partially staged file by its staged part', () => {
    const dir = repo({ 'TODO.md': good });
    git(dir, 'add', 'TODO.md');
    git(dir, 'commit', '-qm', 'first', '--no-verify');
    runCli(['hook', 'install'], { cwd: dir });
    // Stage a bad first hunk, keep a good edit unstaged further down.
    writeFileSync(join(dir, 'TODO.md'), good.replace('parent', 'parent âœ…'));
    git(dir, 'add', 'TODO.md');
    writeFileSync(join(dir, 'TODO.md'), good.replace('child', 'child, renamed'));
    const r = git(dir, 'commit', '-m', 'partial');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/encoding\/mojibake/);
  });

  it('chains a pre-existing hook, and uninstalls cleanly', () => {
    const dir = repo();
    const theirs = '#!/bin/sh\necho their-hook-ran >> "$(git rev-parse --show-toplevel)/hook.log"\n';
    writeFileSync(join(dir, '.git/hooks/pre-commit'), theirs);
    chmodSync(join(dir, '.git/hooks/pre-commit'), 0o755);
    const install = runCli(['hook', 'install'], { cwd: dir });
    expect(install.stdout).toMatch(/kept your existing pre-commit hook as .git\/hooks\/pre-commit.trackdocs-chained; it runs first/);
    expect(runCli(['hook', 'install'], { cwd: dir }).stdout).toMatch(/^updated/);
    writeFileSync(join(dir, 'TODO.md'), good);
    git(dir, 'add', 'TODO.md');
    expect(git(dir, 'commit', '-m', 'one').code).toBe(0);
    expect(readFileSync(join(dir, 'hook.log'), 'utf8')).toBe('their-hook-ran\n');
    // Their hook failing still blocks the commit.
    writeFileSync(join(dir, '.git/hooks/pre-commit.trackdocs-chained'), '#!/bin/sh\necho no >&2\nexit 3\n');
    writeFileSync(join(dir, 'TODO.md'), good + '- [ ] more\n');
    git(dir, 'add', 'TODO.md');
    expect(git(dir, 'commit', '-m', 'two').code).not.toBe(0);
    writeFileSync(join(dir, '.git/hooks/pre-commit.trackdocs-chained'), theirs);
    const un = runCli(['hook', 'uninstall'], { cwd: dir });
    expect(un.stdout).toMatch(/restored your previous .git\/hooks\/pre-commit/);
    expect(readFileSync(join(dir, '.git/hooks/pre-commit'), 'utf8')).toBe(theirs);
    expect(existsSync(join(dir, '.git/hooks/pre-commit.trackdocs-chained'))).toBe(false);
    expect(runCli(['hook', 'uninstall'], { cwd: dir }).stdout).toMatch(/is not trackdocs' hook; left as it is/);
  });

  it('lints only the staged docs: configured ones, or trackers, TODO lists and roadmaps by name', () => {
    const dir = repo();
    writeFileSync(join(dir, 'README.md'), '# Readme\n\n[Something in brackets]\n<<<<<<< x\na\n=======\nb\n>>>>>>> y\n');
    writeFileSync(join(dir, 'TODO.md'), good);
    git(dir, 'add', '.');
    const r = runCli(['lint', '--staged'], { cwd: dir });
    expect(r.stdout).toBe('1 file checked: 0 errors, 0 warnings\n');
    writeFileSync(join(dir, 'docs.config.yaml'), 'documents:\n  README.md: markdown\n');
    const configured = runCli(['lint', '--staged'], { cwd: dir });
    expect(configured.code).toBe(1);
    expect(configured.stdout).toMatch(/^README.md:4:1 error/m);
  });

  it('--staged outside a repository, with paths or with --fix is a usage error', () => {
    const t = tempTree({ 'TODO.md': good });
    cleanups.push(t.cleanup);
    expect(runCli(['lint', '--staged'], { cwd: t.dir, env: { GIT_CEILING_DIRECTORIES: t.dir } }).stderr).toMatch(/not inside a git repository/);
    expect(runCli(['lint', '--staged', 'TODO.md'], { cwd: t.dir }).code).toBe(2);
    expect(runCli(['lint', '--staged', '--fix'], { cwd: t.dir }).stderr).toMatch(/cannot --fix the git index/);
  });
});
