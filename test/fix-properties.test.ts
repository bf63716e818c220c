/**
 * Property: --fix on documents with lone CRs, tables and fixable findings changes only the lines
 * that hold a fixable finding (ragged rows padded, mojibake repaired, a parent ticked), keeps every
 * other byte and every line ending (the final newline included), and a second fix is a no-op.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDocument } from '../src/model/parse.js';
import { fixDocument } from '../src/lint/engine.js';
import { LineIndex } from '../src/core/text.js';
import { modelOptions, TODAY } from './helpers.js';

type Block = { lines: string[]; fixable: boolean[] };
const word = fc.constantFrom('alpha', 'beta', 'run', 'seed', 'loss', 'eval', 'M1', 'x2', 'notes');
const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));

const prose: fc.Arbitrary<Block> = fc.tuple(words, fc.boolean()).map(([w, broken]) => ({ lines: [broken ? `Done âœ… ${w}` : `Plain ${w}`], fixable: [broken] }));
const table: fc.Arbitrary<Block> = fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), word), { minLength: 1, maxLength: 4 }).map((rows) => ({
  lines: ['| A | B | C |', '|---|---|---|', ...rows.map(([n, w]) => '| ' + Array.from({ length: n }, (_, i) => `${w}${i}`).join(' | ') + ' |')],
  fixable: [false, false, ...rows.map(([n]) => n < 3)],
}));
const tasks: fc.Arbitrary<Block> = fc.tuple(words, fc.boolean()).map(([w, done]) => ({ lines: [`- [ ] ${w}`, `  - [x] child ${w}`, `  - [${done ? 'x' : ' '}] other`], fixable: [done, false, false] }));
const fence: fc.Arbitrary<Block> = words.map((w) => ({ lines: ['```', `| not | a table | ${w}`, '```'], fixable: [false, false, false] }));
const ending = fc.constantFrom('\n', '\r\n', '\r');

const documents = fc
  .tuple(fc.array(fc.oneof(prose, table, tasks, fence), { minLength: 1, maxLength: 6 }), fc.infiniteStream(ending), fc.constantFrom('\n', '\r\n', ''))
  .map(([blocks, endings, last]) => {
    const lines: string[] = ['# Notes'];
    const fixable: boolean[] = [false];
    for (const b of blocks) {
      lines.push('', ...b.lines);
      fixable.push(false, ...b.fixable);
    }
    const ends: string[] = [];
    lines.forEach((line, i) => {
      const end = i === lines.length - 1 ? last : endings.next().value;
      // A lone CR before an empty line ending in LF would read as one CRLF: that blank line ends in CR too.
      ends.push(line === '' && ends[i - 1] === '\r' && end.startsWith('\n') ? '\r' : end);
    });
    return { text: lines.map((l, i) => l + ends[i]).join(''), fixable };
  });

describe('--fix on generated documents with lone CRs, tables and fixable findings', () => {
  it('changes only the lines with a fixable finding, keeps every line ending, and a second fix is a no-op', () => {
    fc.assert(
      fc.property(documents, ({ text, fixable }) => {
        const doc = parseDocument(text, 'doc.md', 'markdown', modelOptions);
        const options = { today: TODAY, pathExists: () => true };
        const result = fixDocument(doc, modelOptions, options);
        expect(result.aborted).toBeUndefined();
        const before = new LineIndex(text);
        const after = new LineIndex(result.text);
        expect(after.lineCount).toBe(before.lineCount);
        for (let l = 1; l <= before.lineCount; l++) {
          expect(after.lineEnding(l)).toBe(before.lineEnding(l));
          const was = text.slice(before.lineStart(l), before.lineEnd(l));
          const now = result.text.slice(after.lineStart(l), after.lineEnd(l));
          if (!fixable[l - 1]) expect(now).toBe(was);
          else expect(now).not.toBe(was);
        }
        const again = fixDocument(parseDocument(result.text, 'doc.md', 'markdown', modelOptions), modelOptions, options);
        expect(again.text).toBe(result.text);
        expect(again.applied).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});
