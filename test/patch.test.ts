/** The dry-run patch built from edits: applying it gives the edited text, whatever the edits. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPatch, createTwoFilesPatch } from 'diff';
import { applyEdits } from '../src/edit/apply.js';
import { editsPatch } from '../src/core/patch.js';

const piece = fc.constantFrom('| a | b |', '| 1 | 🟢 Running |', 'text', '', ' ', 'x');
const text = fc
  .tuple(fc.array(piece, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, finalEol]) => lines.join(eol) + (finalEol && lines.length ? eol : ''));

describe('editsPatch', () => {
  it('applies to the old text to give the new one, for any edits', () => {
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.nat(), fc.nat(5), fc.constantFrom('', 'y', '\n', '| new | row |\n', 'a\nb', '\r\n')), { maxLength: 6 }), (old, raw) => {
        const edits = raw.map(([at, len, t]) => ({ start: at % (old.length + 1), end: Math.min(old.length, (at % (old.length + 1)) + len), text: t }));
        const { text: next, applied } = applyEdits(old, edits);
        const patch = editsPatch('a/f', 'b/f', old, applied, next);
        expect(applyPatch(old, patch, { autoConvertLineEndings: false })).toBe(next);
        if (next === old) expect(patch).not.toMatch(/^@@/m);
      }),
      { numRuns: Number(process.env.PATCH_RUNS ?? 1000) },
    );
  });

  it('prints what a whole-file diff prints for a one-row change', () => {
    const old = ['# T', '', '| A | B |', '|---|---|', '| 1 | x |', '| 2 | y |', '| 3 | z |', 'end', ''].join('\n');
    const at = old.indexOf('y');
    const edits = [{ start: at, end: at + 1, text: 'w' }];
    const next = applyEdits(old, edits).text;
    expect(editsPatch('a/f', 'b/f', old, edits, next)).toBe(createTwoFilesPatch('a/f', 'b/f', old, next, '', '', { context: 2 }));
  });
});
