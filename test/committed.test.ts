/**
 * Reading committed conflict markers (src/merge/committed.ts): every marker shape git writes (labels
 * or none, diff3 base sections, other marker sizes, LF/CRLF/lone CR) comes back as the two sides
 * byte for byte; nested and unbalanced markers are reported at their line and column and nothing is
 * resolved; a setext underline or a code example is not taken for a marker. Properties: a marked
 * file built from two versions reads back as exactly those versions, and marker garbage never
 * throws and never yields sides that lose a line.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readCommittedConflicts, resolveCommitted, type CommittedSides } from '../src/merge/committed.js';
import { markerLines } from '../src/core/conflict-markers.js';
import { splitLines } from '../src/merge/lines.js';

const sides = (r: CommittedSides) => {
  if (!r.ok) throw new Error(`expected sides, got problems: ${JSON.stringify(r.problems)}`);
  return r;
};
const problems = (r: CommittedSides) => {
  if (r.ok) throw new Error('expected problems, got sides');
  return r.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
};

describe('reading the sides', () => {
  it('a plain conflict with labels: each side keeps the text around the conflict', () => {
    const r = sides(readCommittedConflicts('# T\n\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> feature\nafter\n'));
    expect(r.ours).toBe('# T\n\nmine\nafter\n');
    expect(r.theirs).toBe('# T\n\ntheirs\nafter\n');
    expect(r.base).toBeUndefined();
    expect(r.conflicts.map((c) => [c.open.line, c.separator.line, c.close.line, c.open.label, c.close.label, c.size])).toEqual([[3, 5, 7, 'HEAD', 'feature', 7]]);
  });

  it('markers without labels, empty sides, a conflict at the very end without a final newline', () => {
    const r = sides(readCommittedConflicts('a\n<<<<<<<\n=======\nnew\n>>>>>>>'));
    expect(r.ours).toBe('a\n');
    expect(r.theirs).toBe('a\nnew\n');
  });

  it('several conflicts, two whole copies of a document between one pair of markers', () => {
    const one = '# Status\n\n| Instance | Status |\n|---|---|\n| 1 | Running |\n';
    const two = '# Status\n\n| Instance | Status |\n|---|---|\n| 1 | Running |\n| 2 | Running |\n';
    const r = sides(readCommittedConflicts(`<<<<<<< Updated upstream\n${one}=======\n${two}>>>>>>> Stashed changes\n`));
    expect([r.ours, r.theirs]).toEqual([one, two]);
    const many = sides(readCommittedConflicts('x\n<<<<<<< a\n1\n=======\n2\n>>>>>>> b\ny\n<<<<<<< a\n3\n=======\n4\n>>>>>>> b\nz\n'));
    expect([many.ours, many.theirs, many.conflicts.length]).toEqual(['x\n1\ny\n3\nz\n', 'x\n2\ny\n4\nz\n', 2]);
  });

  it('diff3 style: the base is read when every conflict has a base section, labelled or not', () => {
    const r = sides(readCommittedConflicts('h\n<<<<<<< ours\nA\n||||||| merged common ancestors\nO\n=======\nB\n>>>>>>> theirs\nm\n<<<<<<< ours\nC\n|||||||\n=======\nD\n>>>>>>> theirs\n'));
    expect([r.ours, r.base, r.theirs]).toEqual(['h\nA\nm\nC\n', 'h\nO\nm\n', 'h\nB\nm\nD\n']);
    expect(r.conflicts[0]!.base!.label).toBe('merged common ancestors');
    const mixed = sides(readCommittedConflicts('<<<<<<< a\nA\n||||||| o\nO\n=======\nB\n>>>>>>> b\n<<<<<<< a\nC\n=======\nD\n>>>>>>> b\n'));
    expect(mixed.base).toBeUndefined();
  });

  it('keeps every line ending as written: CRLF, lone CR, mixed', () => {
    const crlf = sides(readCommittedConflicts('a\r\n<<<<<<< HEAD\r\nmine\r\n=======\r\ntheirs\r\n>>>>>>> b\r\nz\r\n'));
    expect([crlf.ours, crlf.theirs]).toEqual(['a\r\nmine\r\nz\r\n', 'a\r\ntheirs\r\nz\r\n']);
    const cr = sides(readCommittedConflicts('a\r<<<<<<< HEAD\rmine\r=======\rtheirs\n>>>>>>> b\rz'));
    expect([cr.ours, cr.theirs]).toEqual(['a\rmine\rz', 'a\rtheirs\nz']);
  });

  it('other marker sizes: a block of 9 reads as one, and 7-character lines inside it are content', () => {
    const r = sides(readCommittedConflicts('<<<<<<<<< a\nTitle\n=======\n=========\nx\n>>>>>>>>> b\n'));
    expect([r.ours, r.theirs, r.conflicts[0]!.size]).toEqual(['Title\n=======\n', 'x\n', 9]);
    // A smaller size only when asked for (git's conflict-marker-size attribute).
    expect(sides(readCommittedConflicts('<<<< a\nx\n====\ny\n>>>> b\n')).conflicts).toEqual([]);
    expect(sides(readCommittedConflicts('<<<< a\nx\n====\ny\n>>>> b\n', { minSize: 4 })).theirs).toBe('y\n');
  });

  it('no markers: no conflicts, and both sides are the text; a setext underline or a quote is not a marker', () => {
    for (const text of ['plain\n', 'Title\n=======\n\ntext\n', '> quote\n>>> deep\n', '']) {
      const r = sides(readCommittedConflicts(text));
      expect([r.ours, r.theirs, r.conflicts]).toEqual([text, text, []]);
    }
  });

  it('the looser reading: an unclosed `<<<<<<<` in a code example and a setext heading before a real conflict', () => {
    const text = '```text\n<<<<<<< HEAD\nan example\n```\n\nNotes\n=======\n\n<<<<<<< HEAD\nfive seeds\n=======\nthree seeds\n>>>>>>> lr\n';
    const codeEnd = text.indexOf('```\n\n') + 3;
    const r = sides(readCommittedConflicts(text, { inCode: (o) => o < codeEnd }));
    expect(r.conflicts.map((c) => c.open.line)).toEqual([9]);
    expect(r.ours).toBe(text.replace('<<<<<<< HEAD\nfive seeds\n=======\nthree seeds\n>>>>>>> lr\n', 'five seeds\n'));
    // Without knowing the code block, the example's opener is a conflict never closed (nested).
    expect(problems(readCommittedConflicts(text))).toEqual([
      '2:1 `<<<<<<<` opens a conflict that is never closed: no `>>>>>>>` after it (its `=======` is at line 7)',
      '9:1 `<<<<<<<` inside the conflict opened at line 2: nested conflict markers',
    ]);
  });
});

describe('nested and unbalanced markers: reported at their place, nothing resolved', () => {
  it.each([
    [
      'a conflict committed inside another (nested)',
      '<<<<<<< HEAD\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> x\nc\n=======\nd\n>>>>>>> y\n',
      ['2:1 `<<<<<<<` inside the conflict opened at line 1: nested conflict markers'],
    ],
    [
      'a `>>>>>>>` and a `=======` whose opener was deleted',
      'text\n\nkept\n=======\nother\n>>>>>>> branch\n',
      ['4:1 `=======` outside any conflict: no `<<<<<<<` before it', '6:1 `>>>>>>>` closes no conflict: no `<<<<<<<` before it'],
    ],
    [
      'a conflict never closed',
      'x\n<<<<<<< HEAD\nmine\n=======\ntheirs\n',
      ['2:1 `<<<<<<<` opens a conflict that is never closed: no `>>>>>>>` after it (its `=======` is at line 4)'],
    ],
    [
      'two `=======` in one conflict',
      '<<<<<<< a\nx\n=======\ny\n=======\nz\n>>>>>>> b\n',
      ['5:1 a second `=======` in the conflict opened at line 1 (the first is at line 3); if one is a heading underline, make it longer or shorter than the markers'],
    ],
    [
      'a `>>>>>>>` before the `=======`',
      '<<<<<<< a\nx\n>>>>>>> b\n',
      ['3:1 `>>>>>>>` closes the conflict opened at line 1, which has no `=======`'],
    ],
    [
      'a base section after the separator, and a second one',
      '<<<<<<< a\nx\n||||||| o\no\n||||||| o\n=======\ny\n|||||||\n>>>>>>> b\n',
      ['5:1 a second `|||||||` in the conflict opened at line 1 (the first is at line 3)', '8:1 `|||||||` after the `=======` (line 6) of the conflict opened at line 1'],
    ],
    [
      'markers of two sizes: the closer of another size does not close',
      '<<<<<<< a\nx\n=======\ny\n>>>>>>>>> b\n',
      ['1:1 `<<<<<<<` opens a conflict that is never closed: no `>>>>>>>` after it (its `=======` is at line 3)'],
    ],
    [
      'CRLF lines are counted as lines',
      'a\r\nb\r\n<<<<<<< a\r\n<<<<<<< a\r\nx\r\n=======\r\ny\r\n>>>>>>> b\r\n=======\r\n>>>>>>> b\r\n',
      ['4:1 `<<<<<<<` inside the conflict opened at line 3: nested conflict markers'],
    ],
  ])('%s', (_name, text, expected) => {
    const r = readCommittedConflicts(text);
    expect(problems(r)).toEqual(expected);
    const first = (r as { problems: { offset: number; line: number }[] }).problems[0]!;
    expect(text.slice(first.offset, first.offset + 3)).toMatch(/^[<=|>]{3}$/);
  });

  it('a stray `>>>>>>>` in a code example is not a problem; one in prose is', () => {
    const text = 'x\n\n```\n>>>>>>> theirs\n```\n';
    expect(sides(readCommittedConflicts(text, { inCode: (o) => o > 2 })).conflicts).toEqual([]);
    expect(problems(readCommittedConflicts(text))).toEqual(['4:1 `>>>>>>>` closes no conflict: no `<<<<<<<` before it']);
  });
});

describe('marker lines', () => {
  it('recognises the shapes git writes and nothing else', () => {
    const text = ['<<<<<<< HEAD', '<<<<<<<', '<<<<<<<x', '|||||||', '======= ', '=======x', '>>>>>>> a b', '<<<<<<', ' <<<<<<<', '<<<<<<<<<< ten'].join('\n');
    expect(markerLines(text).map((m) => [m.line, m.kind, m.size, m.label])).toEqual([
      [1, '<', 7, 'HEAD'],
      [2, '<', 7, ''],
      [4, '|', 7, ''],
      [5, '=', 7, ''],
      [7, '>', 7, 'a b'],
      [10, '<', 10, 'ten'],
    ]);
  });
});

// ---- properties ----

const eol = fc.constantFrom('\n', '\r\n', '\r');
const content = fc.constantFrom('', '# Status', '| 1 | Running | $0.40 |', '|---|---|', '- [ ] train', '- [x] eval `scripts/e.py`', 'text 🟡', '```', '=======', '> quote', '<<<< not', '|||||||x');
const line = fc.tuple(content, eol).map(([c, e]) => c + e);
const lines = fc.array(line, { maxLength: 4 });
/** A document split into pieces: shared lines, or a place where the two versions differ. */
const piece = fc.oneof(fc.record({ shared: lines }), fc.record({ ours: lines, theirs: lines, base: fc.option(lines, { nil: undefined }) }));
const labels = fc.constantFrom('', 'HEAD', 'feature/x', 'Stashed changes');

describe('properties', () => {
  it('a marked file built from two versions reads back as exactly those two versions (and the base)', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.integer({ min: 7, max: 11 }), eol, labels, labels, fc.boolean(), (pieces, size, markerEol, l1, l2, diff3) => {
        const marker = (ch: string, label: string) => ch.repeat(size) + (label ? ' ' + label : '') + markerEol;
        // A 7-character `=======` in a version is a marker when the markers are 7 long: git has the same ambiguity.
        const clean = (ls: string[]) => (size === 7 ? ls.filter((l) => !/^=======\s*$/.test(l)) : ls);
        let text = '';
        let ours = '';
        let theirs = '';
        let base = '';
        let count = 0;
        for (const p of pieces) {
          if ('shared' in p) {
            count += clean(p.shared).length;
            const s = clean(p.shared).join('');
            text += s;
            ours += s;
            theirs += s;
            base += s;
            continue;
          }
          const [a, b, o] = [clean(p.ours).join(''), clean(p.theirs).join(''), clean(p.base ?? []).join('')];
          count += clean(p.ours).length + clean(p.theirs).length + (diff3 ? clean(p.base ?? []).length + 1 : 0) + 3;
          text += marker('<', l1) + a + (diff3 ? marker('|', 'base') + o : '') + marker('=', '') + b + marker('>', l2);
          ours += a;
          theirs += b;
          base += o;
        }
        // Line endings joined across pieces (a lone CR before an LF-ended empty line) make other lines: skip those.
        fc.pre(splitLines(text).length === count);
        const r = sides(readCommittedConflicts(text));
        expect(r.ours).toBe(ours);
        expect(r.theirs).toBe(theirs);
        const blocks = pieces.filter((p) => !('shared' in p)).length;
        expect(r.conflicts.length).toBe(blocks);
        expect(r.base).toBe(diff3 && blocks ? base : undefined);
      }),
      { numRuns: 400 },
    );
  });

  it('marker garbage never throws; sides lose no line that is not a marker, problems point at markers', () => {
    const garbage = fc.constantFrom('<<<<<<< HEAD', '<<<<<<<', '=======', '|||||||', '>>>>>>> b', '<<<<<<<<< x', '=========', '>>>>>>>>>', 'text', '', 'Title', '```');
    fc.assert(
      fc.property(fc.array(fc.tuple(garbage, eol), { maxLength: 30 }), (parts) => {
        const text = parts.map(([c, e]) => c + e).join('');
        const r = readCommittedConflicts(text);
        if (!r.ok) {
          expect(r.problems.length).toBeGreaterThan(0);
          for (const p of r.problems) expect('<|=>').toContain(text[p.offset]);
          return;
        }
        const used = new Set<number>();
        for (const c of r.conflicts) {
          for (const m of [c.open, c.base, c.separator, c.close]) if (m) used.add(m.line);
          // The base section of the diff3 style is the ancestor, not a side's words.
          if (c.base) for (let l = c.base.line + 1; l < c.separator.line; l++) used.add(l);
        }
        const kept = splitLines(text).filter((_, i) => !used.has(i + 1)).map((l) => l.content);
        // Every line that is not one of the conflicts' markers is in one side or the other. (As
        // bytes: a lone CR before a side that starts with a blank line reads as one CRLF there,
        // which is what taking the side's bytes gives; no character is lost.)
        const sides = r.ours + '\u0000' + r.theirs;
        for (const k of kept) expect(sides).toContain(k);
        expect(r.ours.length + r.theirs.length).toBeGreaterThanOrEqual(kept.reduce((n, k) => n + k.length, 0));
      }),
      { numRuns: 500 },
    );
  });

  it('resolving two whole copies of a tracker loses no line of either copy: each is in the result, merged or inside markers', () => {
    const statuses = ['🟢 Running', '🟡 Starting', '✅ Done', '⏹ Exited'];
    const job = fc.record({ id: fc.constantFrom('4101', '4102', '4103', '4104', '4105'), status: fc.constantFrom(...statuses), note: fc.constantFrom('', 'warm-up', 'loss spikes') });
    const task = fc.record({ text: fc.constantFrom('prepare the shards', 'train the baseline', 'evaluate', 'write it up'), done: fc.boolean() });
    const version = fc.record({
      date: fc.constantFrom('2026-11-20', '2026-11-22', '2026-11-24'),
      jobs: fc.uniqueArray(job, { selector: (j) => j.id, maxLength: 4 }),
      tasks: fc.uniqueArray(task, { selector: (t) => t.text, maxLength: 4 }),
      notes: fc.subarray(['The sweep runs on spot instances.', 'Keep an eye on the bill.', 'Seeds: 3.']),
    });
    const render = (v: typeof version extends fc.Arbitrary<infer T> ? T : never) =>
      [
        '# Status Tracker',
        '',
        `Last updated: ${v.date}`,
        '',
        '## Active Remote Jobs',
        '',
        '| Instance ID | Label | Status | Notes |',
        '|---|---|---|---|',
        ...v.jobs.map((j) => `| ${j.id} | run-${j.id} | ${j.status} | ${j.note} |`),
        '',
        '## Step Status',
        '',
        ...v.tasks.map((t) => `- [${t.done ? 'x' : ' '}] ${t.text}`),
        '',
        '## Notes',
        '',
        ...v.notes,
        '',
      ].join('\n');
    fc.assert(
      fc.property(version, version, (a, b) => {
        const ours = render(a);
        const theirs = render(b);
        const plan = resolveCommitted(`<<<<<<< HEAD\n${ours}=======\n${theirs}>>>>>>> other\n`, { merge: { path: 'docs/status-tracker.md' } });
        expect(plan.status).toBe('merged');
        if (plan.status !== 'merged') return;
        const result = new Set(plan.text.split('\n'));
        for (const line of [...ours.split('\n'), ...theirs.split('\n')]) {
          if (line.startsWith('Last updated:')) continue;
          expect(result, `${JSON.stringify(line)} lost`).toContain(line);
        }
        const later = a.date > b.date ? a.date : b.date;
        expect(plan.text).toContain(`Last updated: ${later}`);
        const lines = plan.text.split('\n');
        for (const c of plan.conflicts) expect(lines[c.line - 1]).toMatch(/^<<<<<<< HEAD$/);
        if (plan.clean) expect(plan.text).not.toMatch(/^(<{7}|={7}|>{7})/m);
      }),
      { numRuns: 150 },
    );
  });
});
