/**
 * `trackdocs resolve` through the real bin (run `node build.mjs` first): committed conflict markers
 * around two whole copies of a tracker are merged by structure, the diff is printed, nothing is
 * written without --write; the file keeps its BOM and line endings; conflicts that remain exit 1
 * and are written only with --keep-conflicts; nested markers exit 2 with FILE:LINE:COLUMN and the
 * file untouched; the lint finding points at resolve.
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { gitRepo, runCli, testArea } from './helpers.js';

const { tree } = testArea();

const tracker = (jobs: string[], extra = '') => `# Status Tracker

Last updated: 2026-11-20

## Active Remote Jobs

| Instance ID | Label | GPU | Status | Est. Cost |
|-------------|-------|-----|--------|-----------|
${jobs.join('\n')}
${extra}
## Notes

The sweep runs on spot instances; keep an eye on the bill.
`;
const job1 = '| 30112 | lr-sweep-a | RTX 4090 | 🟢 Running | $0.41/hr |';
const job2 = '| 30187 | lr-sweep-b | RTX 4090 | 🟢 Running | $0.39/hr |';
const job3 = '| 30245 | eval-big | A100 | 🟡 Starting | $1.10/hr |';

/** A file with two whole copies of a document between one pair of markers, as the issue found them. */
const twoCopies = (ours: string, theirs: string, eol = '\n') => `<<<<<<< HEAD${eol}${ours}=======${eol}${theirs}>>>>>>> agent/eval${eol}`;

function area(files: Record<string, string | Uint8Array>) {
  const dir = tree(files);
  return { dir, read: (p: string) => readFileSync(join(dir, p)), run: (...args: string[]) => runCli(['resolve', ...args], { cwd: dir }) };
}

describe('trackdocs resolve', () => {
  it('two copies, one with added job rows, the other with an added note: resolved, the diff printed, nothing written without --write, written with it', () => {
    const note = (s: string) => s.replace('keep an eye on the bill.\n', 'keep an eye on the bill.\nDestroy them when the sweep ends.\n');
    const marked = twoCopies(note(tracker([job1])), tracker([job1, job2, job3]));
    const w = area({ 'docs/status-tracker.md': marked });
    const dry = w.run('docs/status-tracker.md');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('--- a/docs/status-tracker.md\n+++ b/docs/status-tracker.md\n');
    expect(dry.stdout).toContain('-<<<<<<< HEAD\n');
    expect(dry.stdout).toContain('->>>>>>> agent/eval\n');
    expect(dry.stderr).toContain('1 conflict read, every one settled; nothing written (run again with --write to write it)');
    expect(w.read('docs/status-tracker.md').toString()).toBe(marked);

    const written = w.run('docs/status-tracker.md', '--write');
    expect(written.code).toBe(0);
    expect(written.stdout).toBe(dry.stdout);
    expect(written.stderr).toContain('written');
    expect(w.read('docs/status-tracker.md').toString()).toBe(note(tracker([job1, job2, job3])));

    // Nothing left to resolve: said, and exit 0.
    const again = w.run('docs/status-tracker.md', '--write');
    expect([again.code, again.stderr]).toEqual([0, 'trackdocs resolve: docs/status-tracker.md has no conflict markers; nothing to resolve\n']);
    // The result lints without a conflict marker.
    const lint = runCli(['lint', 'docs/status-tracker.md', '--format', 'json'], { cwd: w.dir });
    expect(lint.stdout).not.toContain('git/conflict-marker');
  });

  it('keeps the BOM, CRLF line endings, the emoji and a UTF-16 encoding of the file', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const marked = '\ufeff' + crlf(twoCopies(tracker([job1]), tracker([job1, job2])));
    const w = area({ 'status-tracker.md': marked });
    const r = w.run('status-tracker.md', '--write');
    expect(r.code).toBe(0);
    const bytes = w.read('status-tracker.md');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(crlf(tracker([job1, job2])));

    // UTF-16 LE with its BOM stays UTF-16 LE.
    const utf16 = area({ 'status-tracker.md': Buffer.from('\ufeff' + twoCopies(tracker([job1]), tracker([job1, job3])), 'utf16le') });
    expect(utf16.run('status-tracker.md', '--write').code).toBe(0);
    expect(utf16.read('status-tracker.md').equals(Buffer.from('\ufeff' + tracker([job1, job3]), 'utf16le'))).toBe(true);
  });

  it('a small conflict committed around one line: the line both sides changed stays a conflict (exit 1), written only with --keep-conflicts', () => {
    const marked = '# Notes\n\nFirst line.\n\n<<<<<<< HEAD\nThe sweep uses five seeds.\n=======\nThe sweep uses three seeds.\nEval runs on the held-out split.\n>>>>>>> lr-sweep\n\nLast line.\n';
    const w = area({ 'notes.md': marked });
    const dry = w.run('notes.md', '--write');
    expect(dry.code).toBe(1);
    expect(dry.stderr).toMatch(/^notes\.md:5: a conflict remains \(.+\)\n/);
    expect(dry.stderr).toContain('nothing written; edit the file by hand, or pass --keep-conflicts');
    expect(w.read('notes.md').toString()).toBe(marked);

    const kept = w.run('notes.md', '--write', '--keep-conflicts');
    expect(kept.code).toBe(1);
    const text = w.read('notes.md').toString();
    expect(text).toContain('<<<<<<< HEAD\nThe sweep uses five seeds.\n=======\nThe sweep uses three seeds.\n');
    expect(text).toContain('Eval runs on the held-out split.\n');
    expect(text).toMatch(/^# Notes\n\nFirst line\.\n\n[^]*\n\nLast line\.\n$/);
  });

  it('diff3 style (every conflict has a base section): a three-way merge, clean where the two-way one is not', () => {
    const marked = '<<<<<<< HEAD\nAlpha\nbeta\ngamma\n||||||| base\nalpha\nbeta\ngamma\n=======\nalpha\nbeta\nGamma\n>>>>>>> other\n';
    const w = area({ 'notes.md': marked });
    const r = w.run('notes.md', '--write', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ file: 'notes.md', status: 'resolved', written: true, conflictsRead: 1, threeWay: true, remaining: [] });
    expect(w.read('notes.md').toString()).toBe('Alpha\nbeta\nGamma\n');
  });

  it('nested markers: exit 2, each problem as FILE:LINE:COLUMN, the file untouched', () => {
    const marked = '# TODO\n\n<<<<<<< HEAD\n<<<<<<< HEAD\n- [ ] a\n=======\n- [x] a\n>>>>>>> one\n- [ ] b\n=======\n- [ ] c\n>>>>>>> two\n';
    const w = area({ 'TODO.md': marked });
    const r = w.run('TODO.md', '--write');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^TODO\.md:4:1: `<<<<<<<` inside the conflict opened at line 3: nested conflict markers\ntrackdocs resolve: TODO\.md has nested or unbalanced conflict markers; nothing resolved, the file is left as it is\./);
    expect(w.read('TODO.md').toString()).toBe(marked);
    const json = w.run('TODO.md', '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ file: 'TODO.md', status: 'unbalanced', written: false, problems: [{ line: 4, column: 1, message: '`<<<<<<<` inside the conflict opened at line 3: nested conflict markers' }] });
  });

  it('an unbalanced closer with CRLF lines is placed at its line', () => {
    const w = area({ 'notes.md': 'a\r\nb\r\n=======\r\nc\r\n>>>>>>> gone\r\n' });
    const r = w.run('notes.md');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('notes.md:3:1: `=======` outside any conflict: no `<<<<<<<` before it\nnotes.md:5:1: `>>>>>>>` closes no conflict: no `<<<<<<<` before it\n');
  });

  it('a conflict example in a code block and a setext heading are not markers; the real conflict after them is resolved', () => {
    const text = '# Notes\n\n```text\n<<<<<<< HEAD\nan example\n```\n\nSetext title\n=======\n\n<<<<<<< HEAD\n- one\n=======\n- one\n- two\n>>>>>>> b\n';
    const w = area({ 'notes.md': text });
    const r = w.run('notes.md', '--write');
    expect(r.code).toBe(0);
    expect(w.read('notes.md').toString()).toBe('# Notes\n\n```text\n<<<<<<< HEAD\nan example\n```\n\nSetext title\n=======\n\n- one\n- two\n');
  });

  it('usage: no file, two files, --keep-conflicts without --write, a missing file, a read-only file; --help', () => {
    const w = area({ 'a.md': twoCopies('x\n', 'x\ny\n') });
    expect(w.run().code).toBe(2);
    expect(w.run('a.md', 'b.md').stderr).toContain('one FILE at a time');
    expect(w.run('a.md', '--keep-conflicts').code).toBe(2);
    const missing = w.run('nope.md');
    expect([missing.code, missing.stderr]).toEqual([2, 'trackdocs resolve: cannot read nope.md: no such file\n']);
    const missingJson = w.run('nope.md', '--json');
    expect([missingJson.code, JSON.parse(missingJson.stdout)]).toEqual([2, { file: 'nope.md', status: 'unreadable', written: false, error: 'cannot read nope.md: no such file' }]);
    const binary = area({ 'bin.md': new Uint8Array([0x3c, 0x00, 0x01, 0x02]) }).run('bin.md');
    expect([binary.code, binary.stderr]).toEqual([2, 'trackdocs resolve: cannot read bin.md: the file is binary, not text (NUL byte at offset 1)\n']);
    chmodSync(join(w.dir, 'a.md'), 0o444);
    const ro = w.run('a.md', '--write');
    expect(ro.code).toBe(2);
    expect(ro.stderr).toContain('read-only');
    expect(w.run('a.md', '--write', '--force').code).toBe(0);
    expect(w.read('a.md').toString()).toBe('x\ny\n');
    expect(w.run('a.md', '--marker-size', '2').stderr).toContain('--marker-size needs a whole number ≥ 3, got 2');
    const small = area({ 'b.md': 'x\n<<<< ours\ny\n====\nz\n>>>> theirs\n' });
    expect(small.run('b.md').stderr).toContain('has no conflict markers');
    expect(small.run('b.md', '--marker-size', '4', '--write').code).toBe(1);
    expect(small.run('b.md', '--marker-size', '4', '--write', '--keep-conflicts').code).toBe(1);
    expect(small.read('b.md').toString()).toBe('x\n<<<< ours\ny\n====\nz\n>>>> theirs\n');
    const help = w.run('--help');
    expect(help.code).toBe(0);
    for (const flag of ['--write', '--keep-conflicts', '--force', '--marker-size', '--json']) expect(help.stdout).toContain(flag);
  });

  it("git/conflict-marker's finding points at trackdocs resolve", () => {
    const w = area({ 'notes.md': '# N\n\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> x\n' });
    const lint = runCli(['lint', 'notes.md', '--format', 'json'], { cwd: w.dir });
    const found = JSON.parse(lint.stdout) as { line: number; message: string }[];
    expect(found.map((d) => d.line)).toEqual([3, 5, 7]);
    for (const d of found) expect(d.message).toContain('`trackdocs resolve notes.md`');
  });
});

/** The structural merge core at work: table rows by key and cell by cell, tasks by text, Last updated. */
describe('trackdocs resolve, by structure', () => {
  it('two copies that each add a different job row at the end: both rows kept, in order, resolved', () => {
    const w = area({ 'docs/status-tracker.md': twoCopies(tracker([job1, job2]), tracker([job1, job3])) });
    const r = w.run('docs/status-tracker.md', '--write');
    expect(r.code).toBe(0);
    expect(w.read('docs/status-tracker.md').toString()).toBe(tracker([job1, job2, job3]));
  });

  it('two copies where the same row has two statuses and one side adds a row: the row added, the conflict confined to that row', () => {
    const doneJob2 = '| 30187 | lr-sweep-b | RTX 4090 | ✅ Done | $0.39/hr |';
    const marked = twoCopies(tracker([job1, job2]), tracker([job1, doneJob2, job3]));
    const w = area({ 'docs/status-tracker.md': marked });
    const r = w.run('docs/status-tracker.md', '--write', '--keep-conflicts');
    expect(r.code).toBe(1);
    expect(w.read('docs/status-tracker.md').toString()).toBe(tracker([job1, `<<<<<<< HEAD\n${job2}\n=======\n${doneJob2}\n>>>>>>> agent/eval`, job3]));
    expect(r.stderr).toMatch(/^docs\/status-tracker\.md:10: a conflict remains/);
  });

  it('two copies that tick different tasks and add one each: both added tasks kept; a task ticked in one copy only is a conflict of that task (no ancestor says which changed)', () => {
    const todo = (tasks: string[]) => `# TODO\n\n## Training\n\n${tasks.join('\n')}\n\n## Later\n\n- [ ] write the paper\n`;
    const ours = todo(['- [x] launch the sweep', '- [ ] collect the curves `runs/curves.csv`', '- [ ] compare seeds']);
    const theirs = todo(['- [ ] launch the sweep', '- [x] collect the curves `runs/curves.csv`', '- [ ] pick the best run']);
    const w = area({ 'TODO.md': twoCopies(ours, theirs) });
    const r = w.run('TODO.md', '--write', '--keep-conflicts');
    expect(r.code).toBe(1);
    const conflict = (a: string, b: string) => `<<<<<<< HEAD\n${a}\n=======\n${b}\n>>>>>>> agent/eval`;
    expect(w.read('TODO.md').toString()).toBe(
      todo([
        conflict('- [x] launch the sweep', '- [ ] launch the sweep'),
        conflict('- [ ] collect the curves `runs/curves.csv`', '- [x] collect the curves `runs/curves.csv`'),
        '- [ ] compare seeds',
        '- [ ] pick the best run',
      ]),
    );
    expect(r.stderr).toContain('TODO.md:5: a conflict remains (task "launch the sweep")\nTODO.md:10: a conflict remains (task "collect the curves `runs/curves.csv`")\n');
  });

  it('Last updated becomes the later of the two dates', () => {
    const later = tracker([job1, job2]).replace('2026-11-20', '2026-11-24');
    const w = area({ 'status-tracker.md': twoCopies(tracker([job1]), later) });
    const r = w.run('status-tracker.md', '--write');
    expect(r.code).toBe(0);
    expect(w.read('status-tracker.md').toString()).toBe(later);
  });
});

describe('in a real git repository', () => {
  const git = (dir: string, ...args: string[]) => {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
    return { code: r.status, out: r.stdout + r.stderr };
  };

  it('a merge conflict committed with its markers (two branches added job rows and Recent Work entries) is resolved with --write; only the marker lines go', () => {
    const withWork = (jobs: string[], entries: string[]) => tracker(jobs, `\n## Recent Work\n\n### 2026-11-20\n${[...entries, '- Set up the cluster image'].join('\n')}\n`);
    const dir = gitRepo(tree, git, { 'docs/status-tracker.md': withWork([job1], []) });
    const write = (jobs: string[], entries: string[]) => writeFileSync(join(dir, 'docs/status-tracker.md'), withWork(jobs, entries));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    git(dir, 'checkout', '-qb', 'sweep');
    write([job1, job2], ['- Launched lr-sweep-b']);
    git(dir, 'commit', '-qam', 'sweep');
    git(dir, 'checkout', '-q', '-');
    git(dir, 'checkout', '-qb', 'eval');
    write([job1, job3], ['- Started the big eval']);
    git(dir, 'commit', '-qam', 'eval');
    expect(git(dir, 'merge', 'sweep').code).toBe(1);
    // The mistake the issue describes: the conflicted file committed as it is.
    git(dir, 'commit', '-qam', 'merge sweep');
    const committed = readFileSync(join(dir, 'docs/status-tracker.md'), 'utf8');
    expect(committed.match(/^<{7} HEAD$/gm)).toHaveLength(2);

    const r = runCli(['resolve', 'docs/status-tracker.md', '--write'], { cwd: dir });
    expect(r.stderr).toBe('trackdocs resolve: docs/status-tracker.md: 2 conflicts read, every one settled; written\n');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'docs/status-tracker.md'), 'utf8')).toBe(withWork([job1, job3, job2], ['- Started the big eval', '- Launched lr-sweep-b']));
    // Against the committed file, only the six marker lines were removed.
    const diff = git(dir, 'diff', '--numstat').out.trim();
    expect(diff).toBe('0\t6\tdocs/status-tracker.md');
  });
});
