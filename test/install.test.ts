/**
 * The install routes, as a user takes them: the packed tarball installed globally into a temporary
 * prefix, `npm install -g` from a git URL of a clone, and the pre-commit framework (Debian's
 * `pre-commit`) installing the hook from a local clone and blocking a bad staged doc. They need the
 * npm registry, so they are slow; nothing here writes to the project folder.
 */
import { describe, expect, it, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, tempTree } from './helpers.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()), 120_000);
function tmp(files: Record<string, string> = {}) {
  const t = tempTree(files);
  cleanups.push(t.cleanup);
  return t.dir;
}

// npm's own settings from `npm test` (npm_config_*) must not leak into the installs under test.
const env: Record<string, string> = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !/^npm_/i.test(k))) as Record<string, string>;
Object.assign(env, { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', NO_COLOR: '1', TRACKDOCS_TODAY: '2026-11-25' });

function sh(cmd: string, args: string[], cwd: string, extra: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: (r.stdout ?? '') + (r.stderr ?? ''), stdout: r.stdout ?? '' };
}
const ok = <R extends { code: number | null; out: string }>(r: R): R => {
  if (r.code !== 0) throw new Error(r.out);
  return r;
};

/** A commit of the working tree as it is (tracked files), so the routes test this code, not HEAD. */
function workingTreeCommit(): string {
  const stash = sh('git', ['stash', 'create'], projectRoot).stdout.trim();
  return stash || ok(sh('git', ['rev-parse', 'HEAD'], projectRoot)).stdout.trim();
}

function clone(): { dir: string; rev: string } {
  const rev = workingTreeCommit();
  const dir = join(tmp(), 'trackdocs');
  ok(sh('git', ['clone', '-q', '--no-checkout', projectRoot, dir], projectRoot));
  ok(sh('git', ['checkout', '-q', '-B', 'under-test', rev], dir));
  return { dir, rev };
}

/** A new project with a bad TODO, then trackdocs run from `binDir`: it must work end to end. */
function useInstalled(binDir: string) {
  const project = tmp();
  ok(sh('git', ['init', '-q'], project));
  const run = (...args: string[]) => sh(join(binDir, 'trackdocs'), args, project);
  expect(run('--version').stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  expect(ok(run('init')).out).toContain('created  docs/status-tracker.md');
  expect(run('lint').code).toBe(0);
  writeFileSync(join(project, 'TODO.md'), '# TODO\n\n- [ ] parent \u00e2\u0153\u2026\n');
  const bad = run('lint', 'TODO.md');
  expect(bad.code).toBe(1);
  expect(bad.out).toContain('TODO.md:3:14 error Unexpected mojibake');
  expect(sh(join(binDir, 'docs'), ['--version'], project).code).toBe(0); // the second name
}

const slow = 600_000;

describe('install routes', () => {
  it(
    "the README's install, in a clone: npm ci, then a global install (temporary prefix) of what npm pack makes; no devDependencies installed",
    () => {
      const { dir } = clone();
      const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
      const install = /## Install[\s\S]*?```bash\n([\s\S]*?)```/.exec(readme)![1]!.split('\n').map((l) => l.replace(/\s+#.*$/, '')).filter(Boolean);
      expect(install).toEqual(['npm ci', 'npm install -g "$(npm pack --silent)"']);
      ok(sh('npm', ['ci', '--no-audit', '--no-fund'], dir));
      // npm pack must print the tarball's name and nothing else (pre-commit reads it too).
      const packed = ok(sh('npm', ['pack', '--silent'], dir)).stdout;
      expect(packed).toMatch(/^trackdocs-\d+\.\d+\.\d+\.tgz\n$/);
      const tarball = join(dir, packed.trim());
      const listing = ok(sh('tar', ['tzf', tarball], dir)).stdout;
      for (const f of ['package/dist/cli.cjs', 'package/dist/more.cjs', 'package/dist/merge.cjs', 'package/dist/cli.v8cache', 'package/dist/merge.v8cache', 'package/bin/docs.cjs', 'package/LICENSE', 'package/docs/rules/encoding-mojibake.md', 'package/schemas/config.schema.json', 'package/templates/docs.config.yaml']) expect(listing).toContain(f);
      expect(listing).not.toMatch(/package\/(src|test|node_modules|scripts)\//);
      const prefix = join(tmp(), 'prefix');
      ok(sh('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tarball], dir));
      const installed = readdirSync(join(prefix, 'lib', 'node_modules', 'trackdocs', 'node_modules'));
      for (const dev of ['esbuild', 'typescript', 'vitest', 'fast-check']) expect(installed).not.toContain(dev);
      useInstalled(join(prefix, 'bin'));
    },
    slow,
  );

  it(
    'npm install -g from a git clone (git+file://), which builds in prepare without the caller having the build tools',
    () => {
      const { dir, rev } = clone();
      const prefix = join(tmp(), 'prefix');
      ok(sh('npm', ['install', '-g', '--install-links', '--prefix', prefix, '--no-audit', '--no-fund', `git+file://${dir}#${rev}`], dir));
      expect(existsSync(join(prefix, 'lib', 'node_modules', 'trackdocs', 'dist', 'cli.cjs'))).toBe(true);
      useInstalled(join(prefix, 'bin'));
    },
    slow,
  );

  const preCommit = sh('pre-commit', ['--version'], projectRoot).code === 0;
  // CI installs Debian's pre-commit (.ci/run); on a developer's machine without it, say so and skip.
  it.skipIf(!preCommit && !process.env.CI)(
    "the pre-commit framework (language: node, language_version: system) installs the hook from a local clone and blocks a bad staged doc",
    () => {
      expect(preCommit, 'pre-commit is not installed (apt-get install pre-commit)').toBe(true);
      const { dir, rev } = clone();
      const project = tmp({ '.pre-commit-config.yaml': `repos:\n  - repo: ${dir}\n    rev: ${rev}\n    hooks:\n      - id: trackdocs-lint\n` });
      const home = { PRE_COMMIT_HOME: join(tmp(), 'pre-commit-home') };
      ok(sh('git', ['init', '-q'], project));
      ok(sh('pre-commit', ['install'], project, home));
      writeFileSync(join(project, 'TODO.md'), '# TODO\n\n- [ ] parent \u00e2\u0153\u2026\n');
      ok(sh('git', ['add', '.'], project));
      const blocked = sh('git', ['commit', '-m', 'bad doc'], project, home);
      expect(blocked.code, blocked.out).not.toBe(0);
      expect(blocked.out).toContain('TODO.md:3:14 error Unexpected mojibake');
      expect(sh('git', ['log', '--oneline'], project).code).not.toBe(0); // nothing was committed
      writeFileSync(join(project, 'TODO.md'), '# TODO\n\n- [ ] parent \u2705\n');
      ok(sh('git', ['add', '.'], project));
      const passed = sh('git', ['commit', '-m', 'good doc'], project, home);
      expect(passed.code, passed.out).toBe(0);
      expect(passed.out).toMatch(/trackdocs lint\.+Passed/);
    },
    slow,
  );
});
