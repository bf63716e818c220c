/** `trackdocs merge BASE OURS THEIRS [PATH]` as git runs it: the real bin on real files. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, testArea } from './helpers.js';

const { tree } = testArea();
const isolated = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const paragraphs = ['First about the sweep.', 'Second about the data.', 'Third about the model.', 'Fourth about the costs.', 'Fifth about the plan.'];
const prose = (edit: Record<number, string> = {}, eol = '\n') => ['# Notes', '', ...paragraphs.flatMap((p, i) => [edit[i] ?? p, ''])].join(eol).replace(new RegExp(`${eol}$`), '');

/** A folder holding base, ours and theirs; `merge` runs the bin there. */
function three(base: string | Uint8Array, ours: string | Uint8Array, theirs: string | Uint8Array) {
  const dir = tree({ base, ours, theirs });
  return {
    dir,
    merge: (...extra: string[]) => runCli(['merge', 'base', 'ours', 'theirs', ...extra], { cwd: dir, env: isolated }),
    ours: () => readFileSync(join(dir, 'ours')),
  };
}
const gitMergeFile = (dir: string, ...extra: string[]) =>
  spawnSync('git', ['merge-file', '-p', ...extra, '-L', 'ours', '-L', 'base', '-L', 'theirs', 'ours', 'base', 'theirs'], { cwd: dir, env: { ...process.env, ...isolated } });

describe('trackdocs merge: exit codes and what lands in OURS', () => {
  it('disjoint edits: exit 0, both in OURS, a summary on stderr', () => {
    const t = three(prose(), prose({ 0: 'First, ours.' }), prose({ 4: 'Fifth, theirs.' }));
    const r = t.merge('notes.md');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    // How many places the core read by structure is its business; the text is checked below.
    expect(r.stderr).toMatch(/^trackdocs merge notes.md: merged cleanly( \(\d+ places? both sides changed merged by structure\))?\n$/);
    expect(t.ours().toString()).toBe(prose({ 0: 'First, ours.', 4: 'Fifth, theirs.' }));
    expect(t.merge('notes.md', '--quiet').stderr).toBe('');
  });

  it('overlapping edits: exit 1, standard markers around the hunk, the same bytes as git merge-file', () => {
    const t = three(prose(), prose({ 2: 'Third, ours.' }), prose({ 2: 'Third, theirs.' }));
    const expected = gitMergeFile(t.dir).stdout;
    const r = t.merge();
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('trackdocs merge ours: 1 conflict (line 7)\n');
    expect(t.ours().toString()).toBe(prose({ 2: '<<<<<<< ours\nThird, ours.\n=======\nThird, theirs.\n>>>>>>> theirs' }));
    expect(t.ours().toString()).toBe(expected.toString());
  });

  it('--marker-size, --diff3 and -L labels shape the markers as git merge-file does', () => {
    const t = three(prose(), prose({ 2: 'Third, ours.' }), prose({ 2: 'Third, theirs.' }));
    const expected = spawnSync('git', ['merge-file', '-p', '--diff3', '--marker-size=9', '-L', 'HEAD', '-L', 'merged common ancestors', '-L', 'topic', 'ours', 'base', 'theirs'], { cwd: t.dir }).stdout.toString();
    expect(t.merge('--marker-size', '9', '--diff3', '-L', 'HEAD', '-L', 'merged common ancestors', '--label', 'topic').code).toBe(1);
    expect(t.ours().toString()).toBe(expected);
    expect(expected).toContain('<<<<<<<<< HEAD\nThird, ours.\n||||||||| merged common ancestors\nThird about the model.\n=========\nThird, theirs.\n>>>>>>>>> topic\n');
  });

  it('keeps CRLF line endings, and a UTF-8 byte-order mark', () => {
    const bom = '\ufeff';
    const t = three(bom + prose({}, '\r\n'), bom + prose({ 0: 'First, ours.' }, '\r\n'), bom + prose({ 4: 'Fifth, theirs.' }, '\r\n'));
    expect(t.merge().code).toBe(0);
    expect(t.ours().toString()).toBe(bom + prose({ 0: 'First, ours.', 4: 'Fifth, theirs.' }, '\r\n'));
  });

  it('merges UTF-16 documents as text and writes UTF-16 back', () => {
    const utf16 = (s: string) => Buffer.from('\ufeff' + s, 'utf16le');
    const t = three(utf16(prose()), utf16(prose({ 0: 'First, ours ✅.' })), utf16(prose({ 4: 'Fifth, theirs.' })));
    expect(t.merge().code).toBe(0);
    expect(t.ours().equals(utf16(prose({ 0: 'First, ours ✅.', 4: 'Fifth, theirs.' })))).toBe(true);
  });

  it('writes OURS by a rename (a new inode), leaving no temp file or lock behind', () => {
    const t = three(prose(), prose({ 0: 'First, ours.' }), prose({ 4: 'Fifth, theirs.' }));
    const before = statSync(join(t.dir, 'ours')).ino;
    expect(t.merge().code).toBe(0);
    expect(statSync(join(t.dir, 'ours')).ino).not.toBe(before);
    expect(readdirSync(t.dir).sort()).toEqual(['base', 'ours', 'theirs']);
  });

  it('does not touch OURS when the result is what it holds already', () => {
    const t = three(prose(), prose({ 0: 'First, ours.' }), prose());
    const before = statSync(join(t.dir, 'ours')).ino;
    expect(t.merge().code).toBe(0);
    expect(statSync(join(t.dir, 'ours')).ino).toBe(before);
  });

  it('usage and IO errors exit 2 and leave OURS as it was', () => {
    const t = three(prose(), prose({ 0: 'First, ours.' }), prose({ 4: 'Fifth, theirs.' }));
    const oursBefore = t.ours();
    const missing = runCli(['merge', 'base', 'ours', 'nope'], { cwd: t.dir, env: isolated });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('trackdocs merge ours: cannot read THEIRS (nope): no such file; nothing merged\n');
    const few = runCli(['merge', 'base', 'ours'], { cwd: t.dir });
    expect(few.code).toBe(2);
    expect(few.stderr).toMatch(/^trackdocs merge: expected BASE OURS THEIRS and an optional PATH, got 2 paths\nRun `trackdocs merge --help` for usage.\n$/);
    expect(runCli(['merge', 'base', 'ours', 'theirs', '--marker-size', 'x'], { cwd: t.dir }).stderr).toMatch(/--marker-size needs a whole number/);
    expect(runCli(['merge', 'base', 'ours', 'theirs', '--conflict-style', 'fancy'], { cwd: t.dir }).stderr).toMatch(/unknown --conflict-style fancy; expected merge or diff3/);
    expect(runCli(['merge', 'base', 'base', 'theirs', 'x', 'y'], { cwd: t.dir }).code).toBe(2);
    const dirAsOurs = runCli(['merge', 'base', '.', 'theirs'], { cwd: t.dir, env: isolated });
    expect(dirAsOurs.code).toBe(2);
    expect(dirAsOurs.stderr).toMatch(/cannot read OURS \(\.\): it is a directory, not a regular file; nothing merged/);
    expect(t.ours().equals(oursBefore)).toBe(true);
  });

  it('--help names every option', () => {
    const r = runCli(['merge', '--help']);
    expect(r.code).toBe(0);
    for (const o of ['--marker-size', '--diff3', '--conflict-style', '--label', '--quiet']) expect(r.stdout).toContain(o);
    expect(runCli(['help', 'merge-driver']).stdout).toMatch(/^Usage: trackdocs merge-driver install/);
  });
});

describe('trackdocs merge: sides that are not text go to git merge-file', () => {
  it('bytes that are not UTF-8: merged by git merge-file, byte for byte', () => {
    const latin1 = (s: string) => Buffer.from(s, 'latin1');
    const t = three(latin1(prose({ 1: 'Second, café.' })), latin1(prose({ 0: 'First, ours.', 1: 'Second, café.' })), latin1(prose({ 1: 'Second, café.', 4: 'Fifth, thé.' })));
    const expected = gitMergeFile(t.dir).stdout;
    const r = t.merge('notes.md');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^trackdocs merge notes.md: the base version is not text trackdocs reads \(the file is not valid UTF-8 .*\); merged line by line with git merge-file: clean\n$/);
    expect(t.ours().equals(expected)).toBe(true);
    expect(t.ours().equals(latin1(prose({ 0: 'First, ours.', 1: 'Second, café.', 4: 'Fifth, thé.' })))).toBe(true);
  });

  it('a conflict in bytes that are not UTF-8: exit 1, git merge-file\'s markers', () => {
    const latin1 = (s: string) => Buffer.from(s, 'latin1');
    const t = three(latin1(prose()), latin1(prose({ 2: 'Third, oùrs.' })), latin1(prose({ 2: 'Third, thé.' })));
    const expected = gitMergeFile(t.dir).stdout;
    const r = t.merge();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/merged line by line with git merge-file: 1 conflict\n$/);
    expect(t.ours().equals(expected)).toBe(true);
  });

  it('a binary side: OURS kept as it is, exit 1 (git\'s binary merge)', () => {
    const oursBytes = Buffer.from(prose({ 0: 'First, ours.' }));
    const t = three(prose(), oursBytes, prose() + '\0\x01\x02');
    const r = t.merge();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/their version is not text trackdocs reads \(the file is binary, not text \(NUL byte at offset \d+\)\); git merge-file cannot merge it either \(Cannot merge binary files: .*\): our version is kept/);
    expect(t.ours().equals(oursBytes)).toBe(true);
  });

  it('characters stored as surrogate halves are merged by git merge-file, so their bytes stay', () => {
    // 😀 as two 3-byte surrogate halves (CESU-8), in every version.
    const cesu = Buffer.from([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]);
    const withEmoji = (s: string) => Buffer.concat([Buffer.from(s), cesu, Buffer.from('\n')]);
    const t = three(withEmoji(prose()), withEmoji(prose({ 0: 'First, ours.' })), withEmoji(prose({ 4: 'Fifth, theirs.' })));
    expect(t.merge().code).toBe(0);
    expect(t.ours().equals(withEmoji(prose({ 0: 'First, ours.', 4: 'Fifth, theirs.' })))).toBe(true);
  });

  it('a version over 16 MiB is merged by git merge-file', () => {
    const big = 'x'.repeat(100) + '\n';
    const body = big.repeat(Math.ceil((16 * 1024 * 1024) / big.length) + 10);
    const t = three('top\n' + body, 'top, ours\n' + body, 'top\n' + body + 'end, theirs\n');
    const r = t.merge();
    expect(r.stderr).toMatch(/the base version is too big for trackdocs \(it is 16 MiB, more than the 16 MiB trackdocs reads\); merged line by line with git merge-file: clean/);
    expect(r.code).toBe(0);
    expect(t.ours().toString()).toBe('top, ours\n' + body + 'end, theirs\n');
  });

  it('a document past the parser\'s limits is still merged, line by line where it is too complex', () => {
    // 40 nested list levels: past the complexity limit (32), so nothing of it is read by structure.
    const deep = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    const doc = (a: string, b: string) => `# TODO\n\n${deep}\n\n- [ ] ${a}\n- [ ] ${b}\n`;
    const t = three(doc('one', 'two'), doc('one, ours', 'two'), doc('one', 'two, theirs'));
    const expected = gitMergeFile(t.dir).stdout.toString();
    const r = t.merge('TODO.md');
    expect(r.stderr).not.toMatch(/git merge-file/);
    expect(r.code).toBe(1);
    expect(t.ours().toString()).toBe(expected);
  });

  it('a config that cannot be read does not stop the merge', () => {
    const dir = tree({ 'docs.config.yaml': 'documents: [unclosed\n', base: prose(), ours: prose({ 0: 'First, ours.' }), theirs: prose({ 4: 'Fifth, theirs.' }) });
    const r = runCli(['merge', 'base', 'ours', 'theirs', 'TODO.md'], { cwd: dir, env: isolated });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^trackdocs merge TODO.md: the config cannot be used \(.*\); merging with the default tables\ntrackdocs merge TODO.md: merged cleanly( \(.*\))?\n$/);
  });
});

describe('property: a version that is not text is merged exactly as git merge-file merges it', () => {
  // Lines of text, and lines that make a version not text: a Latin-1 byte, a NUL.
  const line = fc.constantFrom('# Notes', '', '- [ ] task', '- [x] done', '| 1 | a |', 'prose', 'more prose', 'caf\xe9', 'nul\0byte', '\r');
  const version = fc.array(line, { maxLength: 12 });
  const bytes = (lines: string[]) => Buffer.from(lines.join('\n') + '\n', 'latin1');
  const notText = (b: Buffer) => b.includes(0) || b.includes(0xe9);

  it('same bytes, same outcome (clean, conflicted, or refused with ours kept)', () => {
    const dir = tree({});
    fc.assert(
      fc.property(version, version, version, (o, a, b) => {
        const [base, ours, theirs] = [bytes(o), bytes(a), bytes(b)];
        fc.pre(notText(base) || notText(ours) || notText(theirs));
        for (const [name, data] of [['base', base], ['ours', ours], ['theirs', theirs]] as const) writeFileSync(join(dir, name), data);
        const git = gitMergeFile(dir);
        const r = runCli(['merge', 'base', 'ours', 'theirs'], { cwd: dir, env: isolated });
        const result = readFileSync(join(dir, 'ours'));
        if ((git.status ?? 255) > 127) {
          expect(r.code).toBe(1);
          expect(result.equals(ours)).toBe(true);
        } else {
          expect(r.code).toBe(git.status === 0 ? 0 : 1);
          expect(result.equals(git.stdout)).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('property: for text, OURS ends up holding exactly what the merge core returns, in its encoding', () => {
  const line = fc.constantFrom('# TODO', '', '## Sweep', '- [ ] one', '- [x] one', '- [ ] two', '| Instance ID | Status |', '|---|---|', '| 1 | 🟢 Running |', '| 1 | ✅ Complete |', 'Last updated: 2026-11-20', 'Last updated: 2026-11-24', 'prose ✅');
  const version = fc.tuple(fc.array(line, { maxLength: 10 }), fc.constantFrom('\n', '\r\n'));
  const storage = fc.constantFrom<'utf-8' | 'utf-8-bom' | 'utf-16le'>('utf-8', 'utf-8-bom', 'utf-16le');
  const encode = (text: string, how: string) => (how === 'utf-16le' ? Buffer.from('\ufeff' + text, 'utf16le') : Buffer.from((how === 'utf-8-bom' ? '\ufeff' : '') + text, 'utf8'));

  it('same text, same exit code', async () => {
    const { mergeDocuments } = await import('../src/merge/index.js');
    const { resolveConfig } = await import('../src/config/resolve.js');
    const dir = tree({});
    fc.assert(
      fc.property(version, version, version, storage, (o, a, b, how) => {
        const [base, ours, theirs] = [o, a, b].map(([lines, eol]) => lines.join(eol) + eol) as [string, string, string];
        for (const [name, text] of [['base', base], ['ours', ours], ['theirs', theirs]] as const) writeFileSync(join(dir, name), encode(text, how));
        const expected = mergeDocuments(base, ours, theirs, { labels: { ours: 'ours', base: 'base', theirs: 'theirs' }, markerSize: 7, conflictStyle: 'merge', path: 'TODO.md', model: resolveConfig({}, dir, undefined).model });
        const r = runCli(['merge', 'base', 'ours', 'theirs', 'TODO.md', '--conflict-style', 'merge'], { cwd: dir, env: isolated });
        expect(r.code).toBe(expected.clean ? 0 : 1);
        expect(readFileSync(join(dir, 'ours')).equals(encode(expected.text, how))).toBe(true);
      }),
      { numRuns: 20 },
    );
  });
});
