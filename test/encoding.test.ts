/**
 * Encodings people really have, through the real bin: UTF-16 with a BOM is read (a warning says
 * it should be UTF-8, and `--fix` re-saves it as UTF-8; other writes keep UTF-16), emoji written as
 * surrogate halves (CESU-8) are read and repaired by `--fix`, and a file that really is not UTF-8
 * is refused with the first bad byte and its offset. Fixtures are in test/fixtures/field/.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { decodeText, encodeText } from '../src/core/encoding.js';
import { cesu8, projectRoot, runCli, tempTree } from './helpers.js';

const field = join(projectRoot, 'test', 'fixtures', 'field');
const fakeBin = join(projectRoot, 'test', 'fake-vastai');
const instances = join(projectRoot, 'test', 'fixtures', 'vastai', 'instances.json');
const trees: ReturnType<typeof tempTree>[] = [];
afterAll(() => trees.forEach((t) => t.cleanup()));
const tree = (files: Record<string, string | Uint8Array>) => trees[trees.push(tempTree(files)) - 1]!.dir;
const fixture = (name: string) => readFileSync(join(field, name));
const textOf = (bytes: Uint8Array) => {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded;
};
interface Finding {
  file: string;
  ruleId: string;
  severity: string;
  line: number;
  column: number;
  message: string;
}
const lintJson = (dir: string, args: string[]): Finding[] => JSON.parse(runCli(['lint', ...args, '--format', 'json'], { cwd: dir }).stdout);

describe('UTF-16 with a byte-order mark', () => {
  it('is read, with a warning; --fix re-saves it as UTF-8 along with the other fixes, and a second fix changes nothing', () => {
    const original = fixture('utf16le-status-tracker.md');
    const dir = tree({ 'status-tracker.md': original });
    const found = lintJson(dir, ['status-tracker.md']);
    expect(found.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`)).toEqual(['1:1 warning encoding/utf16', '10:1 error table/cell-count']);
    expect(found[0]!.message).toBe('Unexpected UTF-16 LE encoding, expected UTF-8 (git shows UTF-16 as binary and most tools cannot read it)');

    const r = runCli(['lint', '--fix', 'status-tracker.md'], { cwd: dir });
    expect(r.stdout).toMatch(/fixed 1 file/);
    expect(r.code).toBe(0);
    const text = textOf(original).text;
    const expected = Buffer.from(text.replace('| $0.35/hr |\r\n', '| $0.35/hr |  |\r\n'), 'utf8');
    const after = readFileSync(join(dir, 'status-tracker.md'));
    expect(after).toEqual(expected);
    runCli(['lint', '--fix', 'status-tracker.md'], { cwd: dir });
    expect(readFileSync(join(dir, 'status-tracker.md'))).toEqual(expected);
    expect(lintJson(dir, ['status-tracker.md'])).toEqual([]);
  });

  it('big-endian too; --fix re-saves it even when nothing else needs fixing', () => {
    const original = fixture('utf16be-roadmap.md');
    const dir = tree({ 'ROADMAP.md': original });
    expect(lintJson(dir, ['ROADMAP.md']).map((d) => d.message)).toEqual(['Unexpected UTF-16 BE encoding, expected UTF-8 (git shows UTF-16 as binary and most tools cannot read it)']);
    const model = JSON.parse(runCli(['export', 'ROADMAP.md', '--format', 'json'], { cwd: dir }).stdout)[0].model;
    // Positions count the text's UTF-16 code units (as for every document), not the file's bytes.
    const at = (p: { start: { line: number; column: number; offset: number } }) => [p.start.line, p.start.column, p.start.offset];
    expect(model.sections[0].tasks.map((t: { text: string; state: string; position: never }) => [t.text, t.state, ...at(t.position)])).toEqual([
      ['crawl the corpus 📦 ✅', 'done', 5, 1, 30],
      ['dedupe (日本語 and Ελληνικά pages too)', 'open', 6, 1, 58],
    ]);
    expect(runCli(['lint', '--fix', 'ROADMAP.md'], { cwd: dir }).stdout).toMatch(/fixed 1 file/);
    expect(readFileSync(join(dir, 'ROADMAP.md'))).toEqual(Buffer.from(textOf(original).text, 'utf8'));
  });

  it('stays UTF-16 when --fix is told to leave the encoding alone', () => {
    const original = fixture('utf16le-status-tracker.md');
    const dir = tree({ 'status-tracker.md': original, 'docs.config.yaml': 'rules:\n  encoding/utf16: off\n' });
    expect(runCli(['lint', '--fix', 'status-tracker.md'], { cwd: dir }).stdout).toMatch(/fixed 1 file/);
    const after = readFileSync(join(dir, 'status-tracker.md'));
    expect(Buffer.from(after)).toEqual(Buffer.from(encodeText(textOf(original).text.replace('| $0.35/hr |\r\n', '| $0.35/hr |  |\r\n'), { encoding: 'utf-16le', bom: true })));
  });

  it('sync writes a UTF-16 tracker back as UTF-16, with the same edits it makes in UTF-8', () => {
    const original = fixture('utf16le-status-tracker.md');
    const env = { PATH: `${fakeBin}${delimiter}${process.env.PATH}`, FAKE_VASTAI_MODE: 'ok', FAKE_VASTAI_JSON: instances };
    const dir16 = tree({ 'status-tracker.md': original, '.git/HEAD': '' });
    const dir8 = tree({ 'status-tracker.md': textOf(original).text, '.git/HEAD': '' });
    const r16 = runCli(['sync', 'status-tracker.md'], { cwd: dir16, env });
    const r8 = runCli(['sync', 'status-tracker.md'], { cwd: dir8, env });
    expect(r16.stderr).toBe('');
    expect(r16.stdout).toBe(r8.stdout);
    expect(r16.stdout).toMatch(/written/);
    const synced = readFileSync(join(dir8, 'status-tracker.md'), 'utf8');
    expect(Buffer.from(readFileSync(join(dir16, 'status-tracker.md')))).toEqual(Buffer.from(encodeText(synced, { encoding: 'utf-16le', bom: true })));
  });
  it('lint --staged reads a staged UTF-16 file too, and knows its kind from its headings', () => {
    const text = '# Project Roadmap\n\n## Phase 1\n\n- [x] parent\n  - [ ] open child\n';
    const dir = tree({ 'plan.md': encodeText(text, { encoding: 'utf-16le', bom: true }) });
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', 'plan.md');
    const found = lintJson(dir, ['--staged']);
    expect(found.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual(['plan.md:1:1 encoding/utf16', 'plan.md:5:3 checklist/parent-ticked-child-open']);
  });
});

describe('emoji written as surrogate halves (CESU-8)', () => {
  it('are read as the emoji, reported where they are, and --fix writes them as UTF-8, every other byte kept', () => {
    const original = fixture('cesu8-TODO.md');
    const dir = tree({ 'TODO.md': original });
    const found = lintJson(dir, ['TODO.md']);
    expect(found.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`)).toEqual(['7:22 error encoding/surrogates', '8:35 error encoding/surrogates', '9:25 error encoding/surrogates']);
    expect(found[0]!.message).toBe('Unexpected 🚀 written as two surrogate halves (ED A0 BD ED BA 80 at byte 90), expected UTF-8 (F0 9F 9A 80)');
    expect(original.subarray(90, 96)).toEqual(Buffer.from([0xed, 0xa0, 0xbd, 0xed, 0xba, 0x80]));
    const tasks = JSON.parse(runCli(['export', 'TODO.md', '--format', 'json'], { cwd: dir }).stdout)[0].model.sections[0].tasks;
    expect(tasks[0].text).toBe('fix the loader 🚀');

    expect(runCli(['lint', '--fix', 'TODO.md'], { cwd: dir }).stdout).toMatch(/fixed 1 file/);
    const after = readFileSync(join(dir, 'TODO.md'));
    // Each 6-byte pair became the 4 bytes of UTF-8; nothing else moved.
    const pairs: [number[], string][] = [[[0xed, 0xa0, 0xbd, 0xed, 0xba, 0x80], '🚀'], [[0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80], '😀'], [[0xed, 0xa0, 0xbd, 0xed, 0xb4, 0x91], '🔑']];
    let expected = Buffer.from(original);
    for (const [cesu, char] of pairs) {
      const at = expected.indexOf(Buffer.from(cesu));
      expect(at).toBeGreaterThan(-1);
      expected = Buffer.concat([expected.subarray(0, at), Buffer.from(char, 'utf8'), expected.subarray(at + 6)]);
    }
    expect(after).toEqual(expected);
    expect(lintJson(dir, ['TODO.md'])).toEqual([]);
  });
});

describe('sync on a tracker with surrogate halves', () => {
  it('writes the characters as UTF-8 (the bytes they had are not UTF-8), with the same edits as on the UTF-8 file', () => {
    const text = readFileSync(join(projectRoot, 'test', 'fixtures', 'vastai', 'status-tracker.md'), 'utf8');
    const cesu = Buffer.from(cesu8(text));
    expect(cesu.length).toBeGreaterThan(Buffer.byteLength(text));
    const env = { PATH: `${fakeBin}${delimiter}${process.env.PATH}`, FAKE_VASTAI_MODE: 'ok', FAKE_VASTAI_JSON: instances };
    const dirCesu = tree({ 'status-tracker.md': cesu, '.git/HEAD': '' });
    const dir8 = tree({ 'status-tracker.md': text, '.git/HEAD': '' });
    const r = runCli(['sync', 'status-tracker.md'], { cwd: dirCesu, env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(runCli(['sync', 'status-tracker.md'], { cwd: dir8, env }).stdout);
    expect(readFileSync(join(dirCesu, 'status-tracker.md'))).toEqual(readFileSync(join(dir8, 'status-tracker.md')));
  });
});

describe('a file that is not UTF-8', () => {
  it.each([
    ['a cut sequence', [0x23, 0x20, 0xc3, 0x28, 0x0a], 'invalid byte 0xc3 at offset 2: it starts a sequence that 0x28 at offset 3 does not continue'],
    ['an overlong form after valid text', [0x23, 0x20, 0xc3, 0xa9, 0x20, 0xe0, 0x80, 0xaf], 'invalid byte 0xe0 at offset 5: 0xe0 0x80 would be an overlong encoding'],
    ['a lone surrogate half', [0x41, 0x0a, 0xed, 0xa0, 0xbd, 0x41], 'invalid byte 0xed at offset 2: 0xed 0xa0 is half of a UTF-16 surrogate pair, without its other half'],
    ['a code point above U+10FFFF', [0x41, 0xf4, 0x90, 0x80, 0x80], 'invalid byte 0xf4 at offset 1: 0xf4 0x90 would be a code point above U+10FFFF'],
    ['a Latin-1 byte', [0x63, 0x61, 0x66, 0xe9, 0x0a], 'invalid byte 0xe9 at offset 3: it starts a sequence that 0x0a at offset 4 does not continue'],
    ['a file cut in a sequence', [0x41, 0xe2, 0x9c], 'invalid byte 0xe2 at offset 1: the file ends inside the sequence it starts'],
    ['a stray continuation byte', [0x41, 0x42, 0x9c], 'invalid byte 0x9c at offset 2: a continuation byte with no lead byte before it'],
    ['a UTF-8 BOM, then a bad byte (offsets count the BOM)', [0xef, 0xbb, 0xbf, 0x41, 0xff], 'invalid byte 0xff at offset 4: a byte that never appears in UTF-8'],
  ])('%s: names the first bad byte and its offset in the file', (_, bytes, what) => {
    const dir = tree({ 'notes.md': Uint8Array.from(bytes) });
    const found = lintJson(dir, ['notes.md']);
    expect(found.map((d) => [d.ruleId, d.message])).toEqual([['file/unreadable', `Cannot read this file as markdown: the file is not valid UTF-8 (${what}); re-save it as UTF-8`]]);
  });

  it('UTF-16 without a BOM and UTF-32 are refused with what to do', () => {
    const dir = tree({ 'a.md': Buffer.from('# TODO\n', 'utf16le'), 'b.md': Uint8Array.from([0xff, 0xfe, 0, 0, 0x23, 0, 0, 0]) });
    expect(lintJson(dir, ['a.md', 'b.md']).map((d) => [d.file, d.message])).toEqual([
      ['a.md', 'Cannot read this file as markdown: the file looks like UTF-16 text without a byte-order mark (NUL bytes between characters); save it as UTF-8'],
      ['b.md', 'Cannot read this file as markdown: the file is UTF-32 text (it starts with a UTF-32 byte-order mark); save it as UTF-8'],
    ]);
  });
});
