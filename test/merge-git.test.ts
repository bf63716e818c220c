/**
 * The merge driver in real temporary git repositories: `trackdocs merge-driver install`, then
 * `git merge`, `git rebase`, `git cherry-pick` and `git stash pop` with branches that each edit the
 * tracker or the TODO list. Every case here is one git's own line merge conflicts on (checked
 * against `git merge-file`), so a clean result is the driver's doing.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, gitRepo, runCli, testArea } from './helpers.js';

const { tree } = testArea();
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_EDITOR: 'true', TRACKDOCS_TODAY: '2026-11-25', NO_COLOR: '1',
};
function git(dir: string, ...args: string[]) {
  const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}
const ok = (dir: string, ...args: string[]) => {
  const r = git(dir, ...args);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.out}`);
  return r.out;
};

const TRACKER = 'docs/status-tracker.md';
const row1 = '| 31000001 | sweep-lr-a | 1x RTX 4090 | 🟢 Running | — | $0.40/hr | lr 3e-4 |';
const row2 = '| 31000002 | sweep-lr-b | 1x RTX 4090 | 🟢 Running | — | $0.40/hr | lr 1e-4 |';
const row3 = '| 31000003 | eval-ours | 1x A100 | 🟢 Running | — | $1.10/hr | eval of ckpt 12 |';
const row4 = '| 31000004 | eval-theirs | 1x H100 | 🟡 Starting | — | $2.20/hr | long-context eval |';
const tracker = (o: { updated?: string; rows?: string[]; recent?: string; tasks?: string[] } = {}) => `# Status Tracker

Last updated: ${o.updated ?? '2026-11-20'}

## Current Focus

**Active Step**: Step 2 - Sweep

## Active Remote Jobs

| Instance ID | Label | GPU | Status | W&B Run | Est. Cost | Notes |
|-------------|-------|-----|--------|---------|-----------|-------|
${(o.rows ?? [row1, row2]).join('\n')}

## Step Status

| Step | Status | Blocking Issues |
|------|--------|-----------------|
| Step 1 - Data | ✅ Complete | — |
| Step 2 - Sweep | 🟡 In Progress | — |
| Step 3 - Report | ⚪ Not Started | — |

## Recent Work

${o.recent ?? ''}### 2026-11-20
- Launched the learning-rate sweep on two 4090s

### 2026-11-18
- Cleaned the tokenizer cache
`;
const todo = (ticks: boolean[] = [false, false, false, false], extra = '') => `# TODO

## Sweep

${['Write the sweep summary', 'Plot the loss curves', 'Archive the old checkpoints', 'Email the results'].map((t, i) => `- [${ticks[i] ? 'x' : ' '}] ${t}`).join('\n')}
${extra}`;

/** A repository on `main` with the tracker and the TODO committed and the driver installed. */
function repo(files: Record<string, string> = { [TRACKER]: tracker(), 'TODO.md': todo() }): string {
  const dir = gitRepo(tree, git, files);
  ok(dir, 'checkout', '-qb', 'main');
  const r = runCli(['merge-driver', 'install'], { cwd: dir, env: { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  ok(dir, 'add', '-A');
  ok(dir, 'commit', '-qm', 'start');
  return dir;
}
const write = (dir: string, path: string, text: string) => writeFileSync(join(dir, path), text);
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
const commit = (dir: string, path: string, text: string, message: string) => {
  write(dir, path, text);
  ok(dir, 'commit', '-qam', message);
};

/** `topic` edits `path` one way, `main` the other way; then `git merge topic` on main. */
function mergeBranches(dir: string, path: string, onTopic: string, onMain: string) {
  ok(dir, 'checkout', '-qb', 'topic');
  commit(dir, path, onTopic, 'topic edit');
  ok(dir, 'checkout', '-q', 'main');
  commit(dir, path, onMain, 'main edit');
  return git(dir, 'merge', '--no-edit', 'topic');
}

/** Whether git's own line merge conflicts on these three versions (so the case tests the driver). */
function lineMergeConflicts(base: string, ours: string, theirs: string): boolean {
  const dir = tree({ base, ours, theirs });
  return spawnSync('git', ['merge-file', '-p', 'ours', 'base', 'theirs'], { cwd: dir, env }).status !== 0;
}

describe('git merge through the driver (structural cases: they need the structural merge in src/merge/)', () => {
  it('two branches add different job rows: clean, both rows kept', () => {
    const base = tracker();
    const ours = tracker({ rows: [row1, row2, row3] });
    const theirs = tracker({ rows: [row1, row2, row4] });
    expect(lineMergeConflicts(base, ours, theirs)).toBe(true);
    const dir = repo();
    const r = mergeBranches(dir, TRACKER, theirs, ours);
    expect(r.out).toMatch(/trackdocs merge docs\/status-tracker.md: merged cleanly \(1 place both sides changed merged by structure\)/);
    expect(r.code).toBe(0);
    expect(read(dir, TRACKER)).toBe(tracker({ rows: [row1, row2, row3, row4] }));
  });

  it('two branches tick different tasks: clean, both ticked', () => {
    const ours = todo([true, false, false, false]);
    const theirs = todo([false, true, false, false]);
    expect(lineMergeConflicts(todo(), ours, theirs)).toBe(true);
    const dir = repo();
    const r = mergeBranches(dir, 'TODO.md', theirs, ours);
    expect(r.code).toBe(0);
    expect(read(dir, 'TODO.md')).toBe(todo([true, true, false, false]));
  });

  it('two branches add Recent Work entries for the same date: clean, both kept under one date, newest first', () => {
    const ours = tracker({ updated: '2026-11-25', recent: '### 2026-11-25\n- Evaluated checkpoint 12 on the held-out set\n\n' });
    const theirs = tracker({ updated: '2026-11-25', recent: '### 2026-11-25\n- Fixed the shuffling bug in the data loader\n\n' });
    expect(lineMergeConflicts(tracker(), ours, theirs)).toBe(true);
    const dir = repo();
    const r = mergeBranches(dir, TRACKER, theirs, ours);
    expect(r.code).toBe(0);
    expect(read(dir, TRACKER)).toBe(
      tracker({ updated: '2026-11-25', recent: '### 2026-11-25\n- Evaluated checkpoint 12 on the held-out set\n- Fixed the shuffling bug in the data loader\n\n' }),
    );
  });

  it('Last updated set to two dates: clean, the later date', () => {
    const ours = tracker({ updated: '2026-11-24', rows: [row1, row2, row3] });
    const theirs = tracker({ updated: '2026-11-26' });
    expect(lineMergeConflicts(tracker(), ours, theirs)).toBe(true);
    const dir = repo();
    const r = mergeBranches(dir, TRACKER, theirs, ours);
    expect(r.code).toBe(0);
    expect(read(dir, TRACKER)).toBe(tracker({ updated: '2026-11-26', rows: [row1, row2, row3] }));
  });

  it('one cell changed to two values: a conflict confined to that row, the rest merged', () => {
    const done = row1.replace('🟢 Running', '✅ Complete');
    const failed = row1.replace('🟢 Running', '🔴 Failed');
    const row2Noted = row2.replace('lr 1e-4', 'lr 1e-4, diverged at step 900');
    const ours = tracker({ rows: [done, row2Noted] });
    const theirs = tracker({ rows: [failed, row2] });
    expect(lineMergeConflicts(tracker(), ours, theirs)).toBe(true);
    const dir = repo();
    const r = mergeBranches(dir, TRACKER, theirs, ours);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/CONFLICT \(content\): Merge conflict in docs\/status-tracker.md/);
    expect(r.out).toMatch(/trackdocs merge docs\/status-tracker.md: 1 conflict \(line 13: row 31000001, column status\)\n/);
    expect(read(dir, TRACKER)).toBe(tracker({ rows: [`<<<<<<< ours\n${done}\n=======\n${failed}\n>>>>>>> theirs`, row2Noted] }));
    expect(git(dir, 'ls-files', '-u', TRACKER).out).toMatch(/ 1\t.* 2\t.* 3\t/s);
  });
});

describe('a merge that conflicted before the driver was installed', () => {
  it('git checkout -m redoes the file through the driver once it is installed', () => {
    const dir = gitRepo(tree, git, { [TRACKER]: tracker() });
    ok(dir, 'checkout', '-qb', 'main');
    ok(dir, 'add', '-A');
    ok(dir, 'commit', '-qm', 'start');
    const r = mergeBranches(dir, TRACKER, tracker({ rows: [row1, row2, row4] }), tracker({ rows: [row1, row2, row3] }));
    expect(r.code).toBe(1);
    expect(read(dir, TRACKER)).toMatch(/^<<<<<<< HEAD$/m);
    expect(runCli(['merge-driver', 'install'], { cwd: dir, env: { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } }).code).toBe(0);
    const again = git(dir, 'checkout', '-m', '--', TRACKER);
    expect(again.out).toMatch(/trackdocs merge docs\/status-tracker.md: merged cleanly/);
    expect(read(dir, TRACKER)).toBe(tracker({ rows: [row1, row2, row3, row4] }));
  });
});

/** main's own three edits (a row, a tick, an entry), and the topic's three, as separate commits. */
function threeAndThree(dir: string) {
  ok(dir, 'checkout', '-qb', 'topic');
  commit(dir, TRACKER, tracker({ rows: [row1, row2, row3] }), 'topic: add row 3');
  commit(dir, 'TODO.md', todo([true, false, false, false]), 'topic: tick the summary');
  commit(dir, TRACKER, tracker({ updated: '2026-11-25', rows: [row1, row2, row3], recent: '### 2026-11-25\n- Topic: evaluated checkpoint 12\n\n' }), 'topic: log');
  ok(dir, 'checkout', '-q', 'main');
  commit(dir, TRACKER, tracker({ rows: [row1, row2, row4] }), 'main: add row 4');
  commit(dir, 'TODO.md', todo([false, true, false, false]), 'main: tick the plots');
  commit(dir, TRACKER, tracker({ updated: '2026-11-25', rows: [row1, row2, row4], recent: '### 2026-11-25\n- Main: fixed the data loader\n\n' }), 'main: log');
}

describe('rebase, cherry-pick and stash pop go through the driver (structural cases)', () => {
  it('a rebase of a branch with three tracker commits onto a moved main is clean', () => {
    const dir = repo();
    threeAndThree(dir);
    ok(dir, 'checkout', '-q', 'topic');
    const r = git(dir, 'rebase', 'main');
    expect(r.out).toMatch(/trackdocs merge/);
    expect(r.code).toBe(0);
    // In a rebase, "ours" is main (the new base) and "theirs" the commit being replayed.
    expect(read(dir, TRACKER)).toBe(
      tracker({ updated: '2026-11-25', rows: [row1, row2, row4, row3], recent: '### 2026-11-25\n- Main: fixed the data loader\n- Topic: evaluated checkpoint 12\n\n' }),
    );
    expect(read(dir, 'TODO.md')).toBe(todo([true, true, false, false]));
    expect(ok(dir, 'log', '--format=%s', 'main..topic').trim().split('\n')).toEqual(['topic: log', 'topic: tick the summary', 'topic: add row 3']);
  });

  it('a cherry-pick of a commit that adds a row onto a main that added another is clean', () => {
    const dir = repo();
    ok(dir, 'checkout', '-qb', 'topic');
    commit(dir, TRACKER, tracker({ rows: [row1, row2, row3] }), 'topic: add row 3');
    ok(dir, 'checkout', '-q', 'main');
    commit(dir, TRACKER, tracker({ rows: [row1, row2, row4] }), 'main: add row 4');
    const r = git(dir, 'cherry-pick', 'topic');
    expect(r.out).toMatch(/trackdocs merge/);
    expect(r.code).toBe(0);
    expect(read(dir, TRACKER)).toBe(tracker({ rows: [row1, row2, row4, row3] }));
  });

  it('git stash pop onto a commit that ticked another task is clean', () => {
    const dir = repo();
    write(dir, 'TODO.md', todo([false, false, true, false]));
    ok(dir, 'stash');
    commit(dir, 'TODO.md', todo([false, true, false, false]), 'main: tick the plots');
    const r = git(dir, 'stash', 'pop');
    expect(r.out).toMatch(/trackdocs merge/);
    expect(r.code).toBe(0);
    expect(read(dir, 'TODO.md')).toBe(todo([false, true, true, false]));
  });
});

describe('git merge through the driver (line-level cases)', () => {
  const prose = (lines: string[]) => `# Notes\n\n${lines.join('\n\n')}\n`;
  const paragraphs = ['First paragraph about the sweep.', 'Second paragraph about the data.', 'Third paragraph about the model.', 'Fourth paragraph about the costs.', 'Fifth paragraph about the plan.'];

  it('disjoint prose edits merge cleanly, and the driver ran', () => {
    const dir = repo({ 'TODO.md': prose(paragraphs) });
    const theirs = paragraphs.map((p, i) => (i === 0 ? p.replace('sweep', 'learning-rate sweep') : p));
    const ours = paragraphs.map((p, i) => (i === 4 ? p.replace('plan', 'plan for December') : p));
    const r = mergeBranches(dir, 'TODO.md', prose(theirs), prose(ours));
    expect(r.out).toMatch(/trackdocs merge TODO.md: merged cleanly/);
    expect(r.code).toBe(0);
    expect(read(dir, 'TODO.md')).toBe(prose(paragraphs.map((p, i) => (i === 0 ? theirs[0]! : i === 4 ? ours[4]! : p))));
  });

  it('overlapping prose edits conflict with standard markers around the hunk only', () => {
    const dir = repo({ 'TODO.md': prose(paragraphs) });
    const theirs = paragraphs.map((p, i) => (i === 2 ? 'Third paragraph: the model is a ViT-S.' : p));
    const ours = paragraphs.map((p, i) => (i === 2 ? 'Third paragraph: the model is a ResNet-50.' : p));
    const r = mergeBranches(dir, 'TODO.md', prose(theirs), prose(ours));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/trackdocs merge TODO.md: 1 conflict \(line 7\)/);
    expect(read(dir, 'TODO.md')).toBe(
      prose([paragraphs[0]!, paragraphs[1]!, '<<<<<<< ours\nThird paragraph: the model is a ResNet-50.\n=======\nThird paragraph: the model is a ViT-S.\n>>>>>>> theirs', paragraphs[3]!, paragraphs[4]!]),
    );
    // git's own line merge gives the same markers, labels aside.
    expect(git(dir, 'diff', '--name-only', '--diff-filter=U').out.trim()).toBe('TODO.md');
  });

  it('merge.conflictStyle diff3 in the git config shows the base in the conflict', () => {
    const dir = repo({ 'TODO.md': prose(paragraphs) });
    ok(dir, 'config', 'merge.conflictStyle', 'diff3');
    const theirs = paragraphs.map((p, i) => (i === 2 ? 'Third: ViT-S.' : p));
    const ours = paragraphs.map((p, i) => (i === 2 ? 'Third: ResNet-50.' : p));
    const r = mergeBranches(dir, 'TODO.md', prose(theirs), prose(ours));
    expect(r.code).toBe(1);
    expect(read(dir, 'TODO.md')).toContain('<<<<<<< ours\nThird: ResNet-50.\n||||||| base\nThird paragraph about the model.\n=======\nThird: ViT-S.\n>>>>>>> theirs\n');
  });

  it('a CRLF document stays CRLF, conflict markers included', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const dir = repo({ 'TODO.md': crlf(prose(paragraphs)) });
    const theirs = paragraphs.map((p, i) => (i === 0 ? 'First: theirs.' : i === 2 ? 'Third: theirs.' : p));
    const ours = paragraphs.map((p, i) => (i === 2 ? 'Third: ours.' : i === 4 ? 'Fifth: ours.' : p));
    const r = mergeBranches(dir, 'TODO.md', crlf(prose(theirs)), crlf(prose(ours)));
    expect(r.code).toBe(1);
    expect(read(dir, 'TODO.md')).toBe(crlf(prose(['First: theirs.', paragraphs[1]!, '<<<<<<< ours\nThird: ours.\n=======\nThird: theirs.\n>>>>>>> theirs', paragraphs[3]!, 'Fifth: ours.'])));
  });

  it('a version that is not text is left to git merge-file semantics: ours kept, the path in conflict', () => {
    const dir = repo({ 'TODO.md': prose(paragraphs) });
    const r = mergeBranches(dir, 'TODO.md', prose(paragraphs) + '\0binary tail\n', prose(['Changed on main.', ...paragraphs.slice(1)]));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/their version is not text trackdocs reads \(the file is binary/);
    expect(read(dir, 'TODO.md')).toBe(prose(['Changed on main.', ...paragraphs.slice(1)]));
    expect(git(dir, 'diff', '--name-only', '--diff-filter=U').out.trim()).toBe('TODO.md');
  });
});

describe('trackdocs merge-driver install / uninstall', () => {
  const isolated = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const block = (...paths: string[]) =>
    `# trackdocs merge driver (\`trackdocs merge-driver uninstall\` removes this block)\n${paths.map((p) => `${p} merge=trackdocs\n`).join('')}# end of trackdocs merge driver\n`;

  it('installs for the detected documents, idempotently, keeping other attributes; uninstall removes exactly that', () => {
    const dir = gitRepo(tree, git, { [TRACKER]: tracker(), 'TODO.md': todo(), 'ROADMAP.md': '# Roadmap\n', '.gitattributes': '*.png binary\n' });
    const dry = runCli(['merge-driver', 'install', '--dry-run'], { cwd: dir, env: isolated });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(block('/docs/status-tracker.md', '/TODO.md', '/ROADMAP.md'));
    expect(dry.stdout).toMatch(/merge.trackdocs.driver = sh -c .* trackdocs-merge %O %A %B %P --marker-size %L\n/);
    expect(read(dir, '.gitattributes')).toBe('*.png binary\n');
    expect(git(dir, 'config', '--get', 'merge.trackdocs.driver').code).toBe(1);

    const first = runCli(['merge-driver', 'install'], { cwd: dir, env: isolated });
    expect(first.code).toBe(0);
    const installed = '*.png binary\n' + block('/docs/status-tracker.md', '/TODO.md', '/ROADMAP.md');
    expect(read(dir, '.gitattributes')).toBe(installed);
    expect(ok(dir, 'config', '--get', 'merge.trackdocs.name')).toMatch(/^trackdocs: /);
    expect(ok(dir, 'check-attr', 'merge', '--', 'TODO.md', 'docs/status-tracker.md', 'sub/TODO.md')).toBe(
      'TODO.md: merge: trackdocs\ndocs/status-tracker.md: merge: trackdocs\nsub/TODO.md: merge: unspecified\n',
    );

    const again = runCli(['merge-driver', 'install'], { cwd: dir, env: isolated });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already installed/);
    expect(read(dir, '.gitattributes')).toBe(installed);

    // Lines added after the block by the user survive an update and the uninstall.
    write(dir, '.gitattributes', installed + '*.csv text eol=lf\n');
    expect(runCli(['merge-driver', 'install', 'TODO.md'], { cwd: dir, env: isolated }).code).toBe(0);
    expect(read(dir, '.gitattributes')).toBe('*.png binary\n' + block('/TODO.md') + '*.csv text eol=lf\n');

    const dryUn = runCli(['merge-driver', 'uninstall', '--dry-run'], { cwd: dir, env: isolated });
    expect(dryUn.stdout).toBe('would remove the trackdocs block from .gitattributes\nwould unset merge.trackdocs.name, merge.trackdocs.driver in the git config\n');
    expect(read(dir, '.gitattributes')).toBe('*.png binary\n' + block('/TODO.md') + '*.csv text eol=lf\n');
    expect(ok(dir, 'config', '--get', 'merge.trackdocs.name')).toMatch(/^trackdocs: /);
    const un = runCli(['merge-driver', 'uninstall'], { cwd: dir, env: isolated });
    expect(un.code).toBe(0);
    expect(read(dir, '.gitattributes')).toBe('*.png binary\n*.csv text eol=lf\n');
    expect(git(dir, 'config', '--get-regexp', '^merge\\.trackdocs\\.').out).toBe('');
    expect(runCli(['merge-driver', 'uninstall'], { cwd: dir, env: isolated }).stdout).toMatch(/not installed/);
  });

  it('uses the config\'s documents, and removes a .gitattributes it created', () => {
    const dir = gitRepo(tree, git, { 'notes/tracker.md': tracker(), 'docs.config.yaml': 'documents:\n  notes/tracker.md: tracker\n', 'TODO.md': todo() });
    expect(runCli(['merge-driver', 'install'], { cwd: dir, env: isolated }).code).toBe(0);
    expect(read(dir, '.gitattributes')).toBe(block('/notes/tracker.md'));
    expect(runCli(['merge-driver', 'uninstall'], { cwd: dir, env: isolated }).code).toBe(0);
    expect(git(dir, 'ls-files', '--others').out).not.toMatch(/gitattributes/);
  });

  it('says what to do when there are no documents, and outside a repository', () => {
    const dir = gitRepo(tree, git, { 'README.md': '# x\n' });
    const r = runCli(['merge-driver', 'install'], { cwd: dir, env: isolated });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no documents found: .* trackdocs merge-driver install PATHS/);
    const outside = runCli(['merge-driver', 'install'], { cwd: tree({}), env: isolated });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/not inside a git repository/);
    expect(runCli(['merge-driver', 'frob'], { cwd: dir }).stderr).toMatch(/unknown action `frob`/);
  });

  it('quotes a path with a space, and the driver prefers the project\'s node_modules/.bin/trackdocs', () => {
    const dir = gitRepo(tree, git, { 'my docs/TODO.md': todo(), 'node_modules/.bin/trackdocs': `#!/bin/sh\necho "project-local trackdocs" >&2\nexec "${process.execPath}" "${bin}" "$@"\n` });
    chmodSync(join(dir, 'node_modules/.bin/trackdocs'), 0o755);
    write(dir, '.gitignore', 'node_modules\n');
    ok(dir, 'checkout', '-qb', 'main');
    expect(runCli(['merge-driver', 'install', 'my docs/TODO.md'], { cwd: dir, env: isolated }).code).toBe(0);
    expect(read(dir, '.gitattributes')).toBe(block('"/my docs/TODO.md"'));
    ok(dir, 'add', '-A');
    ok(dir, 'commit', '-qm', 'start');
    const r = mergeBranches(dir, 'my docs/TODO.md', todo([false, true, false, false]), todo([true, false, false, false]));
    expect(r.out).toMatch(/project-local trackdocs\ntrackdocs merge my docs\/TODO.md: merged cleanly/);
    expect(r.code).toBe(0);
    expect(read(dir, 'my docs/TODO.md')).toBe(todo([true, true, false, false]));
  });

  it('a trackdocs that fails (an old one without `merge`) leaves the merge to git merge-file', () => {
    const dir = repo({ 'TODO.md': todo() });
    // Not committed: an untracked node_modules, as in a real project.
    mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/.bin/trackdocs'), '#!/bin/sh\necho "trackdocs: unknown command \\`$1\\`" >&2\nexit 2\n', { mode: 0o755 });
    ok(dir, 'checkout', '-qb', 'topic');
    commit(dir, 'TODO.md', todo([false, true, false, false]), 'topic');
    ok(dir, 'checkout', '-q', 'main');
    commit(dir, 'TODO.md', todo([true, false, false, false]), 'main');
    const r = git(dir, 'merge', '--no-edit', 'topic');
    expect(r.out).toMatch(/trackdocs: unknown command `merge`\ntrackdocs merge driver: merging TODO.md line by line with git merge-file instead\n/);
    expect(r.code).toBe(1);
    expect(read(dir, 'TODO.md')).toMatch(/^<<<<<<< .*\n- \[x\] Write the sweep summary\n- \[ \] Plot the loss curves\n=======\n- \[ \] Write the sweep summary\n- \[x\] Plot the loss curves\n>>>>>>> /m);
  });

  it('the driver without any trackdocs to find still merges, with git merge-file', () => {
    const dir = repo({ 'TODO.md': todo() });
    // Point the recorded copy at nothing: the driver cannot find trackdocs.
    const driver = ok(dir, 'config', '--get', 'merge.trackdocs.driver').trim();
    ok(dir, 'config', 'merge.trackdocs.driver', driver.replace(/b='\\''[^']*'\\''/, "b='\\''/nonexistent/docs.cjs'\\''"));
    ok(dir, 'checkout', '-qb', 'topic');
    commit(dir, 'TODO.md', todo([false, true, false, false]), 'topic');
    ok(dir, 'checkout', '-q', 'main');
    commit(dir, 'TODO.md', todo([true, false, false, false]), 'main');
    const r = spawnSync('git', ['merge', '--no-edit', 'topic'], { cwd: dir, env: { ...env, PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
    expect(r.stderr).toMatch(/trackdocs merge driver: trackdocs is not in node_modules\/.bin, not on PATH, and \/nonexistent\/docs.cjs \(recorded at install\) is gone. Reinstall trackdocs, then run: trackdocs merge-driver install\ntrackdocs merge driver: merging TODO.md line by line with git merge-file instead\n/);
    expect(r.status).toBe(1);
    expect(read(dir, 'TODO.md')).toMatch(/^<<<<<<< .*\n- \[x\] Write the sweep summary\n- \[ \] Plot the loss curves\n=======\n- \[ \] Write the sweep summary\n- \[x\] Plot the loss curves\n>>>>>>> /m);
  });
});
