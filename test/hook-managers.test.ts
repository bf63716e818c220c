/**
 * `trackdocs hook install` beside other people's hooks (issue 9, "Hooks never weaken a repository",
 * and issue 11, "A hook that survives upgrades"), in real temporary git repositories: husky v9 and
 * lefthook installed from npm in the test, the pre-commit framework, a tracked core.hooksPath, a
 * global core.hooksPath, a dangling symlink hook, and a hook whose recorded trackdocs is gone.
 */
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { join, delimiter } from 'node:path';
import { bin, gitRepo, projectRoot, runCli, tempTree, testArea } from './helpers.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

/** A HOME and an empty global git config, so the machine's own config plays no part. */
const home = tempTree({ '.gitconfig': '' });
cleanups.push(home.cleanup);
/** An executable `trackdocs` that runs this checkout's bin (what npm's bin link does). */
function linkBin(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'trackdocs'), `#!/bin/sh\nexec node '${bin}' "$@"\n`);
  chmodSync(join(dir, 'trackdocs'), 0o755);
}
/** A directory holding a `trackdocs` on PATH. */
const shim = tempTree({});
cleanups.push(shim.cleanup);
linkBin(shim.dir);

const baseEnv = {
  PATH: process.env.PATH ?? '',
  HOME: home.dir,
  GIT_CONFIG_GLOBAL: join(home.dir, '.gitconfig'),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
  TRACKDOCS_TODAY: '2026-11-25',
  NO_COLOR: '1',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};
const withTrackdocs = { ...baseEnv, PATH: `${shim.dir}${delimiter}${baseEnv.PATH}` };

function sh(dir: string, cmd: string, args: string[], env: Record<string, string> = baseEnv) {
  const r = spawnSync(cmd, args, { cwd: dir, env, encoding: 'utf8' });
  return { code: r.status, out: (r.stdout ?? '') + (r.stderr ?? '') };
}
const git = (dir: string, ...args: string[]) => sh(dir, 'git', args);
const trackdocs = (dir: string, ...args: string[]) => runCli(args, { cwd: dir, env: baseEnv });

const { tree } = testArea();
const repo = (files: Record<string, string> = {}) => gitRepo(tree, git, files);

/** Every file under `dir` (but .git/objects and node_modules) with its bytes or link target, to compare before and after. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const rel = p.slice(dir.length + 1);
      if (['.git/objects', '.git/logs', 'node_modules', '.git/index'].some((x) => rel === x || rel.startsWith(x + '/'))) continue;
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[rel] = `-> ${readlinkSync(p)}`;
      else if (st.isDirectory()) walk(p);
      else out[rel] = `${(st.mode & 0o777).toString(8)} ${readFileSync(p, 'utf8')}`;
    }
  };
  walk(dir);
  return out;
}

const good = '# TODO\n\n- [ ] parent\n  - [ ] child\n';
const bad = '# TODO\n\n- [ ] parent âœ…\n  - [ ] child\n';
/** Commit TODO.md with `content`; the commit's exit code and output. */
function commit(dir: string, content: string, env: Record<string, string> = withTrackdocs) {
  writeFileSync(join(dir, 'TODO.md'), content);
  git(dir, 'add', 'TODO.md');
  return sh(dir, 'git', ['commit', '-m', 'c'], env);
}

function npmInstall(dir: string, ...pkgs: string[]) {
  writeFileSync(join(dir, 'package.json'), '{"name": "hooked", "version": "1.0.0", "private": true}\n');
  const r = sh(dir, 'npm', ['install', '--save-dev', '--no-audit', '--no-fund', ...pkgs], { ...baseEnv, HOME: process.env.HOME ?? home.dir });
  if (r.code !== 0) throw new Error(`npm install ${pkgs.join(' ')} failed:\n${r.out}`);
}

describe('husky v9', () => {
  let dir: string;
  beforeAll(() => {
    dir = repo();
    npmInstall(dir, 'husky@9');
    expect(sh(dir, join(dir, 'node_modules/.bin/husky'), []).code).toBe(0); // husky sets core.hooksPath=.husky/_
    expect(git(dir, 'config', '--get', 'core.hooksPath').out.trim()).toBe('.husky/_');
    // The project's own husky check: it blocks a commit unless ALLOW exists.
    writeFileSync(join(dir, '.husky/pre-commit'), 'echo husky-check-ran >> husky.log\ntest -f ALLOW\n');
    writeFileSync(join(dir, '.gitignore'), 'node_modules\nhusky.log\nALLOW\n');
  }, 120_000);

  it('an untracked .husky/pre-commit gets one line; husky still blocks what it blocked; uninstall restores the bytes', () => {
    const before = readFileSync(join(dir, '.husky/pre-commit'), 'utf8');
    const huskyRunner = snapshot(join(dir, '.husky/_'));
    const install = trackdocs(dir, 'hook', 'install');
    expect(install.code).toBe(0);
    expect(install.stdout).toMatch(/added a line to .husky\/pre-commit: husky runs `trackdocs lint --staged --quiet` on every commit/);
    expect(readFileSync(join(dir, '.husky/pre-commit'), 'utf8')).toBe(before + '# trackdocs (`trackdocs hook uninstall` removes this line and the next)\ntrackdocs lint --staged --quiet\n');
    expect(snapshot(join(dir, '.husky/_'))).toEqual(huskyRunner); // husky's runner untouched
    // husky's own check still blocks the commit (the failure of issue 9: it went through).
    const blocked = commit(dir, good);
    expect(blocked.code).not.toBe(0);
    expect(blocked.out).toMatch(/husky - pre-commit script failed/);
    writeFileSync(join(dir, 'ALLOW'), '');
    // With husky's check passing, trackdocs runs: a bad doc is blocked, a good one goes through.
    const badCommit = commit(dir, bad);
    expect(badCommit.code).not.toBe(0);
    expect(badCommit.out).toMatch(/encoding\/mojibake/);
    expect(commit(dir, good).code).toBe(0);
    expect(readFileSync(join(dir, 'husky.log'), 'utf8').split('\n').filter(Boolean).length).toBe(3);
    expect(trackdocs(dir, 'hook', 'install').stdout).toMatch(/already runs trackdocs/);
    const un = trackdocs(dir, 'hook', 'uninstall');
    expect(un.stdout).toMatch(/removed trackdocs from .husky\/pre-commit/);
    expect(readFileSync(join(dir, '.husky/pre-commit'), 'utf8')).toBe(before);
    rmSync(join(dir, 'ALLOW'));
  });

  it('a tracked .husky/pre-commit is never rewritten: install refuses and prints the line to add', () => {
    git(dir, 'add', '.husky/pre-commit', '.gitignore', 'package.json', 'package-lock.json');
    git(dir, 'commit', '-qm', 'husky', '--no-verify');
    const before = snapshot(dir);
    const r = trackdocs(dir, 'hook', 'install');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not installed: .husky\/pre-commit is tracked in git, and trackdocs never rewrites a tracked file/);
    expect(r.stderr).toMatch(/Add this line to .husky\/pre-commit and commit it[\s\S]*\n {4}trackdocs lint --staged --quiet\n/);
    expect(snapshot(dir)).toEqual(before);
    expect(git(dir, 'status', '--porcelain').out).toBe('');
  });
});

describe('lefthook', () => {
  it('install refuses and prints a lefthook.yml snippet, which works as printed', () => {
    const dir = repo({ 'lefthook.yml': '# the project\'s hooks\n', '.gitignore': 'node_modules\n' });
    npmInstall(dir, 'lefthook');
    expect(sh(dir, join(dir, 'node_modules/.bin/lefthook'), ['install']).code).toBe(0);
    const before = snapshot(dir);
    const r = trackdocs(dir, 'hook', 'install');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not installed: lefthook manages this repository's hooks/);
    expect(snapshot(dir)).toEqual(before);
    // The snippet, added as printed, makes lefthook run trackdocs.
    const snippet = r.stderr.slice(r.stderr.indexOf('pre-commit:'));
    writeFileSync(join(dir, 'lefthook.yml'), readFileSync(join(dir, 'lefthook.yml'), 'utf8') + snippet);
    expect(r.stderr).toMatch(/then run\n`npx lefthook install`/);
    expect(sh(dir, join(dir, 'node_modules/.bin/lefthook'), ['install']).code).toBe(0);
    const blocked = commit(dir, bad);
    expect(blocked.code).not.toBe(0);
    expect(blocked.out).toMatch(/encoding\/mojibake/);
    expect(commit(dir, good).code).toBe(0);
  }, 120_000);
});

describe('the pre-commit framework', () => {
  it('install refuses and prints a .pre-commit-config.yaml entry', () => {
    const dir = repo({ '.pre-commit-config.yaml': 'repos: []\n' });
    const before = snapshot(dir);
    const r = trackdocs(dir, 'hook', 'install');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not installed: the pre-commit framework manages this repository's hooks/);
    expect(r.stderr).toMatch(/- repo: local[\s\S]*entry: trackdocs lint --staged --quiet[\s\S]*language: system/);
    expect(snapshot(dir)).toEqual(before);
  });

  it.skipIf(spawnSync('pre-commit', ['--version']).status !== 0)('the printed entry works with pre-commit', () => {
    const dir = repo({ '.pre-commit-config.yaml': 'repos: []\n' });
    const r = trackdocs(dir, 'hook', 'install');
    writeFileSync(join(dir, '.pre-commit-config.yaml'), r.stderr.slice(r.stderr.indexOf('repos:')));
    git(dir, 'add', '.pre-commit-config.yaml');
    const env = { ...withTrackdocs, PRE_COMMIT_HOME: join(home.dir, 'pre-commit-cache') };
    expect(sh(dir, 'pre-commit', ['install'], env).code).toBe(0);
    const blocked = commit(dir, bad, env);
    expect(blocked.code).not.toBe(0);
    expect(blocked.out).toMatch(/encoding\/mojibake/);
    expect(commit(dir, good, env).code).toBe(0);
  }, 120_000);
});

describe('core.hooksPath', () => {
  it('team hooks tracked in git (core.hooksPath=.githooks): nothing rewritten, the line printed', () => {
    const team = '#!/bin/sh\necho team-hook\n';
    const dir = repo({ '.githooks/pre-commit': team });
    chmodSync(join(dir, '.githooks/pre-commit'), 0o755);
    git(dir, 'config', 'core.hooksPath', '.githooks');
    git(dir, 'add', '.githooks');
    git(dir, 'commit', '-qm', 'team hooks', '--no-verify');
    const before = snapshot(dir);
    const r = trackdocs(dir, 'hook', 'install');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/core.hooksPath is .githooks, whose hooks are tracked in git/);
    expect(r.stderr).toMatch(/Add this line to .githooks\/pre-commit and commit it/);
    expect(snapshot(dir)).toEqual(before);
    expect(git(dir, 'status', '--porcelain').out).toBe('');
    expect(readFileSync(join(dir, '.githooks/pre-commit'), 'utf8')).toBe(team);
  });

  it('a global core.hooksPath: a refusal with instructions, nothing written anywhere, other repositories unaffected', () => {
    const global = tempTree({});
    cleanups.push(global.cleanup);
    const globalHooks = join(global.dir, 'hooks');
    mkdirSync(globalHooks);
    const gitconfig = join(global.dir, 'gitconfig');
    writeFileSync(gitconfig, `[core]\n\thooksPath = ${globalHooks}\n`);
    const env = { ...baseEnv, GIT_CONFIG_GLOBAL: gitconfig };
    const dir = repo();
    const other = repo();
    const before = snapshot(dir);
    const r = runCli(['hook', 'install'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/core.hooksPath is set in your global git config \(.*gitconfig\) to .*hooks: a hook written there would run in every repository on this machine/);
    expect(r.stderr).toMatch(/git config --local core.hooksPath .git\/hooks/);
    expect(readdirSync(globalHooks)).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
    // An unrelated repository's commit of a "bad" doc goes through: nothing of ours runs there.
    expect(commit(other, bad, env).code).toBe(0);
    // Following the instructions installs in this repository only.
    git(dir, 'config', '--local', 'core.hooksPath', '.git/hooks');
    expect(runCli(['hook', 'install'], { cwd: dir, env }).code).toBe(0);
    expect(commit(dir, bad, { ...env }).code).not.toBe(0);
    expect(readdirSync(globalHooks)).toEqual([]);
  });
});

describe('the hook file itself', () => {
  it('a dangling symlink hook is kept and restored exactly by uninstall', () => {
    const dir = repo();
    const hook = join(dir, '.git/hooks/pre-commit');
    symlinkSync('../../tools/missing-hook.sh', hook);
    const before = snapshot(join(dir, '.git/hooks'));
    const install = trackdocs(dir, 'hook', 'install');
    expect(install.code).toBe(0);
    expect(install.stdout).toMatch(/kept your existing pre-commit hook as .git\/hooks\/pre-commit.trackdocs-chained/);
    expect(readlinkSync(join(dir, '.git/hooks/pre-commit.trackdocs-chained'))).toBe('../../tools/missing-hook.sh');
    // git would not run a dangling hook; neither does the chain, and the check still runs.
    const blocked = commit(dir, bad, baseEnv);
    expect(blocked.code).not.toBe(0);
    expect(blocked.out).toMatch(/encoding\/mojibake/);
    expect(trackdocs(dir, 'hook', 'uninstall').stdout).toMatch(/restored your previous .git\/hooks\/pre-commit/);
    expect(snapshot(join(dir, '.git/hooks'))).toEqual(before);
    expect(readlinkSync(hook)).toBe('../../tools/missing-hook.sh');
  });

  it('names no Node by absolute path, and prints only errors and a one-line count of warnings', () => {
    const dir = repo();
    expect(trackdocs(dir, 'hook', 'install').code).toBe(0);
    const script = readFileSync(join(dir, '.git/hooks/pre-commit'), 'utf8');
    expect(script).not.toMatch(new RegExp(`exec '${process.execPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`));
    // Warnings only (an unchecked child under a checked parent): the commit goes through, one summary line.
    const warned = commit(dir, '# TODO\n\n- [x] parent\n  - [ ] child\n', baseEnv);
    expect(warned.code).toBe(0);
    expect(warned.out).toMatch(/1 file checked: 0 errors, 1 warning/);
    expect(warned.out).not.toMatch(/warning checklist\//);
    // Asked for more, it shows every warning.
    const verbose = commit(dir, '# TODO\n\n- [x] parent\n  - [ ] child\n  - [ ] another\n', { ...baseEnv, TRACKDOCS_HOOK_VERBOSE: '1' });
    expect(verbose.code).toBe(0);
    expect(verbose.out).toMatch(/TODO.md:3:3 warning .*checklist\//);
  });

  it('still works after the trackdocs and Node recorded at install are gone; says how to reinstall when nothing is left', () => {
    // Install from a copy of trackdocs, as if from an nvm-managed global install, then delete it.
    const copy = tempTree({});
    cleanups.push(copy.cleanup);
    for (const d of ['bin', 'dist', 'schemas', 'templates', 'package.json']) cpSync(join(projectRoot, d), join(copy.dir, d), { recursive: true });
    symlinkSync(join(projectRoot, 'node_modules'), join(copy.dir, 'node_modules'));
    const dir = repo();
    const r = spawnSync(process.execPath, [join(copy.dir, 'bin/docs.cjs'), 'hook', 'install'], { cwd: dir, env: baseEnv, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, '.git/hooks/pre-commit'), 'utf8')).toContain(join(copy.dir, 'bin/docs.cjs'));
    rmSync(copy.dir, { recursive: true, force: true });
    // trackdocs on PATH (a new install): the hook finds it.
    const onPath = commit(dir, bad, withTrackdocs);
    expect(onPath.code).not.toBe(0);
    expect(onPath.out).toMatch(/encoding\/mojibake/);
    // trackdocs in the project's node_modules/.bin: found first.
    linkBin(join(dir, 'node_modules/.bin'));
    writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
    expect(commit(dir, good, baseEnv).code).toBe(0);
    rmSync(join(dir, 'node_modules'), { recursive: true });
    // Nowhere: the commit is blocked with the way to reinstall.
    const lost = commit(dir, good + '- [ ] more\n', baseEnv);
    expect(lost.code).not.toBe(0);
    expect(lost.out).toMatch(/the pre-commit hook cannot find trackdocs/);
    expect(lost.out).toMatch(/Reinstall it: npm install --save-dev trackdocs \(or npm install -g trackdocs\), then run: trackdocs hook install/);
    expect(lost.out).toMatch(/git commit --no-verify/);
    expect(existsSync(join(dir, '.git/hooks/pre-commit'))).toBe(true);
  });
});
