/**
 * Property tests (fast-check) for everything that parses or edits text: any string parses and
 * lints without throwing; fixing leaves no fixable diagnostic; bytes outside fixed ranges are
 * untouched; a large document parsed in pieces reads the same as parsed whole.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDocument } from '../src/model/parse.js';
import { lintDocument } from '../src/lint/engine.js';
import { applyEdits } from '../src/edit/apply.js';
import { splitRow } from '../src/core/table.js';
import { parseMarkdown, splitIntoPieces, LARGE_DOCUMENT } from '../src/core/markdown.js';
import { extractTables } from '../src/core/table.js';
import { LineIndex, type Point } from '../src/core/text.js';
import { decodeText, encodeText, firstInvalidUtf8 } from '../src/core/encoding.js';
import { findMojibake, repairMojibake } from '../src/core/mojibake.js';
import type { DocumentKind } from '../src/model/types.js';
import { cesu8, fixText, modelOptions, TODAY } from './helpers.js';

const kinds: DocumentKind[] = ['tracker', 'todo', 'roadmap', 'markdown'];

/** Lines that exercise every rule, mixed with arbitrary text. */
const fragment = fc.oneof(
  fc.constantFrom(
    '# Status Tracker', '## Milestone Status', '## Step Status', '## Active Remote Jobs', '## Recent Work', '### 2026-01-05', '### 2026-01-03', '### YYYY-MM-DD',
    'Last updated: 2026-01-04', 'Last updated: YYYY-MM-DD', '## Current Focus', '**Active Step**: Step 2 - Thing  ', '**Active Step**: Step 9',
    '| Milestone | Status | Progress | Notes |', '|---|---|---|---|', '| M1 | âœ… Complete | 95% | ok |', '| M2 | ğŸŸ¡ In Progress | 120% |', '| M1 | ⚪ | 0% | x | y |',
    '| Step | Status |', '| Step 2 - Thing | 🟡 In Progress |', '| Step 2 - Thing | ✅ |',
    '| Instance ID | Label | Status | Est. Cost |', '| 28491023 | a | 🟢 Running | $0.42/hr |', '| 12ab | b | Sleeping | 1.0 |', '| NNNNNN | c | ğŸŸ¡ Starting',
    '- Current hourly burn rate: $1.00/hr', '- Instances to destroy after completion: [list]',
    '- [ ] parent', '  - [x] child `scripts/x.py`', '  - [ ] open child', '- [x] done parent', '  - note', '- âŒ Blocked', '- â¸ï¸ Paused', 'RÂ² â€” ok',
    '<<<<<<< HEAD', '=======', '>>>>>>> other', '```', '~~~', '<!--', '-->', '', '', '\r', '|', '\\|', '> quote', '1. item', '* [X] task',
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
/** Line endings: one kind for the whole document (LF, CRLF, lone CR), or each line its own. */
const lineEndings = fc.oneof(
  fc.constantFrom('\n', '\r\n', '\r').map((eol) => (n: number) => Array<string>(n).fill(eol)),
  fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 40, maxLength: 40 }).map((eols) => (n: number) => eols.slice(0, n)),
);
const markdownish = fc.tuple(fc.array(fragment, { maxLength: 40 }), lineEndings).map(([lines, eols]) => {
  const endings = eols(lines.length);
  return lines.map((l, i) => (i === 0 ? l : endings[i - 1] + l)).join('');
});

/**
 * Documents built of whole blocks (tables with ragged rows, fences holding a lone CR, checklists,
 * prose), so that tables follow stray CRs often; lines joined with generated line endings.
 */
const tableBlock = fc
  .tuple(
    fc.constantFrom(['Milestone', 'Status', 'Progress', 'Notes'], ['Step', 'Status'], ['Instance ID', 'Label', 'Status', 'Est. Cost'], ['A', 'B', 'C']),
    fc.array(fc.array(fc.constantFrom('M1', '✅ Complete', '🟡 In Progress', '50%', '120%', 'x', '', '`a\\|b`', '28491023', '$0.42/hr', 'C:\\\\runs\\\\'), { maxLength: 6 }), { maxLength: 5 }),
    fc.boolean(),
  )
  .map(([header, rows, trailing]) => [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')}${trailing ? ' |' : ''}`)]);
const block = fc.oneof(
  tableBlock,
  fc.constantFrom(
    ['```', 'epoch 1:  40%|####  |\repoch 1: 100%|######|', '```'], ['progress 10%\r20%\r30%'], ['- [ ] parent', '  - [x] child', '  - [ ] open child'], ['- [x] done parent', '  - [x] child'],
    ['# Roadmap'], ['## Milestone Status'], ['## Active Remote Jobs'], ['Last updated: 2026-01-04'], ['A paragraph after.'], ['> quote'], ['RÂ² â€” ok'],
  ),
  fc.array(fragment, { maxLength: 3 }),
);
const blocky = fc.tuple(fc.array(block, { maxLength: 8 }), lineEndings, fc.boolean()).map(([blocks, eols, final]) => {
  const lines = blocks.flatMap((b) => [...b, '']);
  const endings = eols(lines.length + 1);
  return lines.map((l, i) => (i === 0 ? l : endings[(i - 1) % endings.length] + l)).join('') + (final ? endings[0] : '');
});
const documentish = fc.oneof(markdownish, blocky);

describe('parsing', () => {
  it('any string parses and lints without throwing, for every kind', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), markdownish), fc.constantFrom(...kinds), (text, kind) => {
        const doc = parseDocument(text, 'doc.md', kind, modelOptions);
        lintDocument(doc, { today: TODAY, pathExists: () => false });
        JSON.stringify(doc.model);
      }),
      { numRuns: Number(process.env.PIECE_RUNS ?? 400) },
    );
  }, 600_000);

  it('every diagnostic points inside the document', () => {
    fc.assert(
      fc.property(markdownish, fc.constantFrom(...kinds), (text, kind) => {
        const lines = new LineIndex(text);
        const doc = parseDocument(text, 'doc.md', kind, modelOptions);
        for (const d of lintDocument(doc, { today: TODAY, pathExists: () => false })) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines.lineCount);
          expect(d.endLine * 1e6 + d.endColumn).toBeGreaterThanOrEqual(d.line * 1e6 + d.column);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('positions slice back to the source text: tables, rows, cells and diagnostics', () => {
    fc.assert(
      fc.property(documentish, fc.constantFrom(...kinds), (text, kind) => {
        const doc = parseDocument(text, 'doc.md', kind, modelOptions);
        const lines = doc.lines;
        const at = (p: { line: number; column: number; offset: number }) => {
          expect(lines.lineStart(p.line) + p.column - 1).toBe(p.offset);
          expect(p.offset).toBeLessThanOrEqual(lines.lineEnd(p.line));
        };
        for (const table of doc.tables) {
          for (const row of [table.raw.header, ...table.raw.rows]) {
            // A row is one whole line: no line ending inside it, and it is the line the tree names.
            expect(text.slice(row.start, row.end)).not.toMatch(/[\r\n]/);
            expect([row.start, row.end]).toEqual([lines.lineStart(row.line), lines.lineEnd(row.line)]);
            for (const cell of row.cells) expect(text.slice(cell.start, cell.end)).toBe(cell.source);
          }
          for (const row of table.model.rows) {
            at(row.position.start);
            at(row.position.end);
          }
        }
        // Every position anywhere in the model: line and column agree with the offset.
        const walk = (value: unknown, key: string): void => {
          if (Array.isArray(value)) return value.forEach((v) => walk(v, key));
          if (!value || typeof value !== 'object') return;
          const o = value as Record<string, unknown>;
          if (key === 'position' && o.start && o.end) {
            at(o.start as Point);
            at(o.end as Point);
            return;
          }
          for (const [k, v] of Object.entries(o)) walk(v, k);
        };
        walk(doc.model, '');
        // A task's position starts at its list marker.
        const tasks = (value: unknown): void => {
          if (Array.isArray(value)) return value.forEach(tasks);
          if (!value || typeof value !== 'object') return;
          const o = value as Record<string, unknown>;
          if (typeof o.checked === 'boolean' && 'mark' in o && o.position) expect(text.slice((o.position as { start: Point }).start.offset)).toMatch(/^(?:[-*+]|\d{1,9}[.)])/);
          for (const v of Object.values(o)) tasks(v);
        };
        tasks(doc.model);
        for (const d of lintDocument(doc, { today: TODAY, pathExists: () => false })) {
          const start = lines.lineStart(d.line) + d.column - 1;
          expect(start).toBeLessThanOrEqual(lines.lineEnd(d.line));
          expect(lines.point(start)).toEqual({ line: d.line, column: d.column, offset: start });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('splitRow counts the cells GFM (micromark) reads, backslashes and escaped pipes included', () => {
    const piece = fc.constantFrom('a', ' b ', '\\|', '\\\\', 'C:\\\\runs\\\\', '`x|y`', '`x\\|y`', '', ' ', 'é', '\\', 'x\\', '\\\\\\|', '**b**');
    const row = fc.tuple(fc.array(fc.array(piece, { maxLength: 3 }).map((p) => p.join('')), { minLength: 1, maxLength: 6 }), fc.constantFrom('', '|', ' |', '\\|', '\\\\|', '\\\\\\|')).map(([cells, tail]) => '| ' + cells.join(' | ') + tail);
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), (rows) => {
        const text = ['| h1 | h2 | h3 | h4 | h5 | h6 | h7 | h8 |', '|---|---|---|---|---|---|---|---|', ...rows].join('\n') + '\n';
        const table = parseMarkdown(text).children[0];
        if (table?.type !== 'table') return;
        const lines = new LineIndex(text);
        for (const mdRow of table.children.slice(1)) {
          const line = mdRow.position!.start.line;
          expect(splitRow(text, lines.lineStart(line), lines.lineEnd(line)).length, text.slice(lines.lineStart(line), lines.lineEnd(line))).toBe(mdRow.children.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('splitRow never loses a character between cells', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }).filter((s) => !s.includes('\n')), (line) => {
        const spans = splitRow(line, 0, line.length);
        expect(spans.length).toBeGreaterThanOrEqual(1);
        for (const s of spans) expect(line.slice(s.start, s.end)).toBe(line.slice(s.start, s.end).trim());
        for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
      }),
    );
  });

  it('decodeText accepts what TextEncoder writes and round-trips it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const r = decodeText(new TextEncoder().encode(s));
        if (s.includes('\0')) return;
        expect(r).toEqual({ ok: true, text: s.replace(/^\ufeff/, ''), storage: { encoding: 'utf-8', bom: s.startsWith('\ufeff'), surrogatePairs: [] } });
      }),
    );
  });

  it('decodeText reads UTF-16 LE and BE with a BOM, and encodeText writes them back byte for byte', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\0') && !s.startsWith('\ufeff')), fc.constantFrom('utf-16le' as const, 'utf-16be' as const), (s, encoding) => {
        const bytes = encodeText(s, { encoding, bom: true });
        expect([...bytes.subarray(0, 2)]).toEqual(encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff]);
        const r = decodeText(bytes);
        expect(r).toEqual({ ok: true, text: s, storage: { encoding, bom: true, surrogatePairs: [] } });
        if (r.ok) expect(Buffer.from(encodeText(r.text, r.storage))).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('decodeText reads characters written as surrogate halves (CESU-8) as the characters, and says where', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\0') && !s.startsWith('\ufeff')), (s) => {
        const r = decodeText(cesu8(s));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.text).toBe(s);
        const astral = [...s.matchAll(/[\ud800-\udbff][\udc00-\udfff]/g)].map((m) => m.index);
        expect(r.storage.surrogatePairs.map((p) => p.offset)).toEqual(astral);
        for (const p of r.storage.surrogatePairs) expect(cesu8(s.slice(0, p.offset)).length).toBe(p.byteOffset);
        expect(Buffer.from(encodeText(r.text, r.storage))).toEqual(Buffer.from(s, 'utf8'));
      }),
    );
  });

  it('firstInvalidUtf8 finds exactly where the fatal UTF-8 decoder stops', () => {
    // Bytes near the edges of UTF-8's ranges: overlongs, surrogates, above U+10FFFF, cut sequences.
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xf5, 0xff),
    );
    const chunk = fc.oneof(fc.array(byte, { maxLength: 12 }).map((b) => Uint8Array.from(b)), fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => new TextEncoder().encode(s)));
    const decoder = () => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const stops = (bytes: Uint8Array, stream: boolean) => {
      try {
        decoder().decode(bytes, { stream });
        return false;
      } catch {
        return true;
      }
    };
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 5 }), (chunks) => {
        const bytes = Uint8Array.from(chunks.flatMap((c) => [...c]));
        const error = firstInvalidUtf8(bytes);
        expect(error === undefined).toBe(!stops(bytes, false));
        if (!error) return;
        // Everything before the broken sequence is valid; the decoder notices at `offset` and not before.
        expect(stops(bytes.subarray(0, error.sequenceStart), false)).toBe(false);
        expect(stops(bytes.subarray(0, error.offset), true)).toBe(false);
        if (error.offset < bytes.length) expect(stops(bytes.subarray(0, error.offset + 1), true)).toBe(true);
        else expect(stops(bytes, false)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('mojibake repair inverts a Latin-1 round trip too (C1 controls for 0x80–0x9F)', () => {
    const latin1 = (s: string) => [...new TextEncoder().encode(s)].map((b) => String.fromCharCode(b)).join('');
    fc.assert(
      fc.property(fc.array(fc.constantFrom('✅', '❌', '🟡', '⏸️', '—', '🎯', 'λ'), { minLength: 1, maxLength: 6 }), (parts) => {
        const clean = parts.join(' ok ');
        expect(repairMojibake(latin1(clean))).toBe(clean);
      }),
    );
  });

  it('mojibake repair inverts a Windows-1252 round trip of emoji', () => {
    const cp1252 = new Map<number, string>([[0x80, '€'], [0x82, '‚'], [0x83, 'ƒ'], [0x84, '„'], [0x85, '…'], [0x86, '†'], [0x87, '‡'], [0x88, 'ˆ'], [0x89, '‰'], [0x8a, 'Š'], [0x8b, '‹'], [0x8c, 'Œ'], [0x8e, 'Ž'], [0x91, '‘'], [0x92, '’'], [0x93, '“'], [0x94, '”'], [0x95, '•'], [0x96, '–'], [0x97, '—'], [0x98, '˜'], [0x99, '™'], [0x9a, 'š'], [0x9b, '›'], [0x9c, 'œ'], [0x9e, 'ž'], [0x9f, 'Ÿ']]);
    const garble = (s: string) => [...new TextEncoder().encode(s)].map((b) => (b < 0x80 ? String.fromCharCode(b) : b < 0xa0 ? (cp1252.get(b) ?? '') : String.fromCharCode(b))).join('');
    const emoji = fc.constantFrom('✅', '🟡', '⚪', '🟢', '🔴', '—', '🎯', '🚀', '📦', '✓', '•');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('', ' ', 'a ', 'Step 1 '), emoji), { minLength: 1, maxLength: 8 }), (parts) => {
        const clean = parts.map(([t, e]) => t + e).join(' ');
        const broken = garble(clean);
        if (!parts.every(([, e]) => garble(e).length === [...new TextEncoder().encode(e)].length)) return; // a byte was dropped: covered by fixtures
        expect(repairMojibake(broken)).toBe(clean);
        expect(findMojibake(clean)).toEqual([]);
      }),
    );
  });
});

describe('fixing', () => {
  it('leaves no fixable diagnostic, and a second fix changes nothing', () => {
    fc.assert(
      fc.property(documentish, fc.constantFrom(...kinds), (text, kind) => {
        const once = fixText(text, kind);
        expect(once.diagnostics.filter((d) => d.fix)).toEqual([]);
        expect(fixText(once.text, kind).text).toBe(once.text);
      }),
      { numRuns: 300 },
    );
  });

  it('fixes only the lines their findings point at, and never a line ending', () => {
    fc.assert(
      fc.property(documentish, fc.constantFrom(...kinds), (text, kind) => {
        const doc = parseDocument(text, 'doc.md', kind, modelOptions);
        for (const d of lintDocument(doc, { today: TODAY, pathExists: () => false })) {
          (d.fix ?? []).forEach((e, k) => {
            // A mojibake repair in prose carries the repairs of the file's code with it (see
            // encoding/mojibake): those edits lie elsewhere, each on one line of its own.
            if (d.ruleId !== 'encoding/mojibake' || k === 0) {
              // Within the reported lines' content (an edit at the very end of the last one appends to it).
              expect(e.start).toBeGreaterThanOrEqual(doc.lines.lineStart(d.line));
              expect(e.end).toBeLessThanOrEqual(doc.lines.lineEnd(d.endLine));
            }
            expect(text.slice(e.start, e.end)).not.toMatch(/[\r\n]/);
            expect(e.text).not.toMatch(/[\r\n]/);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('changes only the bytes inside the fixed ranges', () => {
    fc.assert(
      fc.property(documentish, fc.constantFrom(...kinds), (text, kind) => {
        const doc = parseDocument(text, 'doc.md', kind, modelOptions);
        const edits = lintDocument(doc, { today: TODAY, pathExists: () => false }).flatMap((d) => d.fix ?? []);
        const { text: out, applied } = applyEdits(text, edits);
        // Walk both texts: every byte outside an applied edit must be the same, in the same order.
        let i = 0;
        let j = 0;
        for (const e of [...applied].sort((a, b) => a.start - b.start)) {
          expect(out.slice(j, j + (e.start - i))).toBe(text.slice(i, e.start));
          j += e.start - i;
          expect(out.slice(j, j + e.text.length)).toBe(e.text);
          j += e.text.length;
          i = e.end;
        }
        expect(out.slice(j)).toBe(text.slice(i));
      }),
      { numRuns: 300 },
    );
  });
});

/** Block-level lines where a cut could go wrong: headings inside containers, fences, HTML blocks. */
const blockFragment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(
    '# Heading', '## Section', '### 2026-01-05', '#', '#not a heading', '  # indented heading', '   ### three spaces', '    # indented code',
    '- item', '- [ ] task', '  - [x] child', '  # heading inside the item?', '1. first', '   # in an ordered item?', '*', '+ x',
    '> quote', '> # quoted heading', '>', '```', '```js', '~~~', '````', '  ```', '- ```', '# after fence?', '\tcode',
    '<div>', '</div>', '<!--', '-->', '<!-- one line -->', '<script>', '</script>', '<pre>', '</pre>', '<?php', '?>', '<![CDATA[', ']]>', '<!DOCTYPE html>', '<b>inline</b> html',
    '| A | B |', '|---|---|', '| 1 | 2 |', '|x|', 'a | b', '--- | ---', 'text', 'more text *em* `code` [l](u)', '===', '---', '***', '',
    '', '', 'Setext', '[ref]: https://example.com', '[ref]', '[x][ref]', '\\# escaped',
  ) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

describe('documents parsed in pieces', () => {
  it('read exactly as parsed whole: every node, value and position', () => {
    fc.assert(
      fc.property(fc.array(fc.array(blockFragment, { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), (sections, eol, padded) => {
        // Sections long enough to be cut, each opened by a heading at the margin.
        const text = sections.map((lines, k) => [`## Part ${k}`, ...lines, ...(padded ? Array(60).fill('filler text line') : [])].join(eol)).join(eol);
        expect(parseMarkdown(text)).toEqual(parseMarkdown(text, { whole: true }));
      }),
      { numRuns: Number(process.env.PIECE_RUNS ?? 400) },
    );
  }, 600_000);

  it('are cut at headings, so the properties above are tested on cut documents', () => {
    const text = Array.from({ length: 6 }, (_, k) => `## Part ${k}\n` + 'filler text line\n'.repeat(200)).join('');
    expect(splitIntoPieces(text).length).toBeGreaterThan(4);
    expect(splitIntoPieces(text.replace(/\n/g, '\r')).length).toBeGreaterThan(4);
  });
});

describe('large documents', () => {
  it('parsed in pieces, read the same tables at the same positions as parsed whole', () => {
    fc.assert(
      fc.property(fc.array(markdownish, { minLength: 1, maxLength: 6 }), (parts) => {
        let text = '';
        for (let k = 0; text.length <= LARGE_DOCUMENT; k++) text += `\n## Section ${k}\n\n` + parts[k % parts.length] + '\n\n```\n# not a heading\n```\n';
        const lines = new LineIndex(text);
        const chunked = extractTables(parseMarkdown(text), text, lines);
        const reference = extractTables(parseMarkdown(text, { whole: true }), text, lines);
        expect(chunked).toEqual(reference);
      }),
      { numRuns: 15 },
    );
  }, 600_000);

  it('a table longer than a chunk, split between its rows, reads the same as parsed whole', () => {
    const cell = fc.oneof(fc.constantFrom('🟢 Running', '$0.42/hr', '`a\\|b`', '—', 'x | y', '**b**', '[r](https://x.y)', ''), fc.string({ maxLength: 8 }).filter((s) => !/[\n\r|\\`]/.test(s)));
    const row = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => '| ' + cells.join(' | ') + ' |');
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), fc.constantFrom('\n', '\r\n'), fc.constantFrom('', 'after the table\n', '> quote\n', '|not a row\n\ntext\n'), (rows, eol, tail) => {
        const body: string[] = [];
        for (let i = 0; body.join(eol).length < 1.3 * LARGE_DOCUMENT; i++) body.push(rows[i % rows.length]!.replace('x', `x${i}`));
        const text = ['# Status Tracker', '', '## Active Remote Jobs', '', '| A | B | C |', '|---|:---:|---|', ...body].join(eol) + eol + tail.replace(/\n/g, eol);
        const lines = new LineIndex(text);
        const chunked = parseMarkdown(text);
        const whole = parseMarkdown(text, { whole: true });
        expect(extractTables(chunked, text, lines)).toEqual(extractTables(whole, text, lines));
        expect(chunked.children.map((c) => [c.type, c.position])).toEqual(whole.children.map((c) => [c.type, c.position]));
      }),
      { numRuns: 6 },
    );
  }, 120_000);
});
