/**
 * Property tests of issue 9 for the two writers that edit documents, sync and `lint --fix`: for
 * random trackers with LF, CRLF, lone CR and mixed line endings, ragged rows (cells beyond the header, short
 * rows, an unescaped pipe in a link), jobs tables inside quotes and list items, people's lines that
 * start like the lines sync owns, and random instance sets:
 * - every byte outside the parts sync owns is kept (each such part is found verbatim, in order);
 * - every cell of every row sync moves to Past Remote Jobs is kept, in that row;
 * - a second run is a no-op.
 * Lone CR endings are read as micromark reads them (src/core/text.ts); a splice whose positions
 * disagree with the parser anyway aborts the write (test/sync-ownership.test.ts).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDocument } from '../src/model/parse.js';
import { applyEdits } from '../src/edit/apply.js';
import { planSync, type SyncOptions } from '../src/sync/reconcile.js';
import type { Instance } from '../src/sync/instances.js';
import { fixText, modelOptions, TODAY } from './helpers.js';

const ids = [1000200, 1000201, 1000202, 1000203, 1000204];
const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const prose = fc.oneof(fc.constant(''), fc.constant('—'), word, fc.constantFrom('30 epochs, EMA+Rate', 'Alice: checkpoint is on s3://bucket/run7', 'résumé 日本語', '[run](https://wandb.ai/x)', 'a \\| b'));
const status = fc.constantFrom('🟢 Running', '🟡 Starting', '🔴 Stopped', 'running', '');
const cost = fc.constantFrom('$0.42/hr', '$1.00/hr', '', '—');
/** Cells after the seven columns: none, a note beyond the header, or the tail of a link cut by an unescaped pipe. */
const beyond = fc.constantFrom<string[]>([], [], [], ['Alice: checkpoint is on s3://bucket/run7'], ['b) see run'], ['x', 'y']);
const row = fc.record({ id: fc.constantFrom(...ids), label: fc.oneof(fc.constant(''), word), gpu: fc.constantFrom('1x RTX 4090', ''), status, run: prose, cost, notes: prose, beyond, short: fc.boolean() });
const eolKind = fc.constantFrom<'lf' | 'crlf' | 'cr' | 'mixed'>('lf', 'crlf', 'cr', 'mixed');
const lineBreak = /\r\n|\r|\n/;
/** Lines with their own endings (`\r\n`, a lone `\r` or `\n`). */
const linesOf = (text: string) => text.match(/[^\r\n]*(?:\r\n|\r|\n|$)/g)!.filter((l) => l !== '');

const header = ['Instance ID', 'Label', 'GPU', 'Status', 'W&B Run', 'Est. Cost', 'Notes'];
const line = (cells: string[]) => '| ' + cells.join(' | ') + ' |';
const quotedJobs = '> | Instance ID | Status | Notes |\n> |---|---|---|\n> | 1000299 | 🟢 Running | quoted, not ours |\n';
const listedJobs = '- A table kept in a list item:\n\n  | Instance ID | Status |\n  |---|---|\n  | 1000298 | 🟢 Running |\n';

const tracker = fc
  .record({
    rows: fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 5 }),
    eol: eolKind,
    eolSeed: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 200, maxLength: 200 }),
    burn: fc.boolean(),
    past: fc.boolean(),
    nested: fc.constantFrom('', quotedJobs, listedJobs),
    peoplesLines: fc.boolean(),
  })
  .map((t) => {
    const cells = t.rows.map((r) => {
      const c = [String(r.id), r.label, r.gpu, r.status, r.run, r.cost, r.notes, ...r.beyond];
      return r.short && r.beyond.length === 0 ? c.slice(0, 5) : c;
    });
    let jobs = `## Active Remote Jobs\n\n${[line(header), '|---|---|---|---|---|---|---|', ...cells.map(line)].join('\n')}\n`;
    const people = t.peoplesLines ? '\n- Burn rate was too high, so Alice killed the spot instances\n' : '';
    const costBlock = t.burn ? '\n**Cost tracking**:\n- Current hourly burn rate: $9.99/hr\n' : '';
    jobs += people + costBlock;
    const past = t.past ? '\n## Past Remote Jobs\n\n| Instance ID | Label | Status | Notes | Ended |\n|---|---|---|---|---|\n| 1000 | x | 🗑 Destroyed | kept | 2026-01-01 |\n' : '';
    const recent = `\n## Recent Work\n\n### 2026-01-02\n\n${t.peoplesLines ? '- Last updated the tokenizer; Bob must re-run eval\n' : '- Nothing yet\n'}`;
    const parts = { head: '# Status Tracker\n\n', last: 'Last updated: 2026-01-01\n', focus: '\n## Current Focus\n\n**Active Step**: Step 1\n\n', jobs, past, notes: `\n## Notes\n\n${t.nested || 'free text | with a pipe\n'}`, recent };
    // Line endings: each line break of the document is LF, CRLF or a lone CR by the seed (mixed), or all one kind.
    let k = 0;
    const withEol = (s: string) => s.replace(/\n/g, () => (t.eol === 'lf' ? '\n' : t.eol === 'crlf' ? '\r\n' : t.eol === 'cr' ? '\r' : t.eolSeed[k++ % t.eolSeed.length]!));
    const converted = Object.fromEntries(Object.entries(parts).map(([name, v]) => [name, withEol(v)])) as typeof parts;
    return { text: Object.values(converted).join(''), parts: converted, rows: t.rows, cells };
  });

const instance = fc.record({
  id: fc.constantFrom(...ids),
  label: fc.oneof(fc.constant(null), word),
  actual_status: fc.constantFrom(null, 'running', 'stopped', 'exited', 'offline'),
  gpu_name: fc.oneof(fc.constant(null), fc.constantFrom('RTX 4090', 'A100 SXM4')),
  num_gpus: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 8 })),
  dph_total: fc.oneof(fc.constantFrom(0.4213, 0.351, 1.104), fc.constant(null)),
});
const instances = fc.uniqueArray(instance, { selector: (i) => i.id, maxLength: 5 }) as fc.Arbitrary<Instance[]>;
const options: SyncOptions = { today: TODAY, archive: 'move', force: false, jobVocabulary: modelOptions.vocabularies.job };

function sync(text: string, snapshot: Instance[]) {
  const doc = parseDocument(text, 'status-tracker.md', 'tracker', modelOptions);
  const plan = planSync(doc, { instances: snapshot }, options);
  const result = applyEdits(text, plan.edits);
  expect(result.skipped).toEqual([]);
  expect(result.mismatched).toEqual([]);
  return { text: result.text, plan };
}

/** Whether `parts` occur in `text` verbatim and in this order. */
function inOrder(text: string, parts: string[]): boolean {
  let at = 0;
  for (const p of parts) {
    const i = text.indexOf(p, at);
    if (i === -1) return false;
    at = i + p.length;
  }
  return true;
}

describe('sync properties (LF, CRLF, lone CR, mixed; ragged rows; tables in quotes and lists)', () => {
  it('keeps every byte outside what it owns, every cell of the rows it moves, and a second run is a no-op', () => {
    fc.assert(
      fc.property(tracker, instances, (t, snapshot) => {
        const once = sync(t.text, snapshot);
        const twice = sync(once.text, snapshot);
        expect(twice.plan.edits).toEqual([]);
        expect(twice.text).toBe(once.text);
        // Parts sync does not own, verbatim and in order (the Last updated line, the jobs and the past
        // tables are its own). A new section may land between a blank line and the heading after it.
        const { head, focus, notes, recent } = t.parts;
        expect(inOrder(once.text, [head, focus, notes, recent].map((p) => p.replace(/^(?:\r\n|\r|\n)+/, '')))).toBe(true);
        expect(once.text.endsWith(recent)).toBe(true);
        if (t.parts.jobs.includes('Burn rate was too high')) expect(once.text).toMatch(/- Burn rate was too high, so Alice killed the spot instances[\r\n]/);
        // Rows moved to Past Remote Jobs keep every cell, in one row.
        const listed = new Set(snapshot.map((i) => i.id));
        const lines = once.text.split(lineBreak);
        t.rows.forEach((r, k) => {
          const rowLines = lines.filter((l) => l.startsWith(`| ${r.id} `));
          expect(rowLines.length, `row ${r.id}`).toBe(1);
          const own = t.cells[k]!;
          // A kept row keeps its people's cells (W&B run, notes, cells beyond the header); a moved row keeps
          // every cell but its status, which says the instance is gone (🗑 Destroyed).
          const cells = listed.has(r.id) ? own.filter((_, i) => i === 4 || i >= 6) : own.filter((_, i) => i !== 3);
          if (!listed.has(r.id)) expect(rowLines[0]).toContain('🗑 Destroyed');
          for (const c of cells) if (c && c !== '—') expect(rowLines[0], `cell ${JSON.stringify(c)} of ${r.id}`).toContain(c);
        });
        // Nested tables are never edited nor duplicated.
        expect(once.text.match(/## Active Remote Jobs/g)).toHaveLength(1);
        if (t.parts.notes.includes('1000299')) expect(once.text.match(/1000299/g)).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });

  it('with mixed line endings (lone CR included), every line sync does not edit keeps its own ending', () => {
    fc.assert(
      fc.property(tracker, instances, (t, snapshot) => {
        const once = sync(t.text, snapshot);
        const before = linesOf(t.text);
        const after = new Set(linesOf(once.text));
        for (const l of before) {
          // Lines sync owns: the Last updated line, job rows, the burn-rate line, table delimiter rows of grown tables.
          if (/^Last updated|^\| \d|^- Current hourly burn rate|^\|---/.test(l) || l.trim() === '') continue;
          expect(after.has(l), `line ${JSON.stringify(l)}`).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** Lines for --fix: fixable findings (mojibake, short rows, burn rate, Last updated), ragged rows, nested tables. */
const fixLine = fc.constantFrom(
  '# Status Tracker', 'Last updated: 2026-01-01', '## Milestone Status', '| Milestone | Status | Progress | Notes |', '|---|---|---|---|',
  '| M1 | âœ… Complete | 100% | ok |', '| M2 | ğŸŸ¡ In Progress | 50% |', '| M3 | ✅ Complete | 100% | a | beyond |', '| M4 | [r](https://x?a|b) | 10% | n |',
  '## Active Remote Jobs', '| Instance ID | Label | Status | Est. Cost |', '|---|---|---|---|', '| 1000200 | a | 🟢 Running | $0.42/hr |',
  '**Cost tracking**:', '- Current hourly burn rate: $9.99/hr', '- Burn rate was too high, so Alice killed it',
  '## Recent Work', '### 2026-01-05', '- Last updated the tokenizer', '> | Milestone | Status |', '> |---|---|', '> | M9 | âœ… Complete |',
  '- item', '  | A | B |', '  |---|---|', '  | 1 | âœ… |', '', '', 'RÂ² â€” ok', 'text',
);
const fixDoc = fc.tuple(fc.array(fixLine, { maxLength: 30 }), fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 30, maxLength: 30 }), eolKind).map(([lines, seed, kind]) =>
  lines.map((l, i) => l + (kind === 'lf' ? '\n' : kind === 'crlf' ? '\r\n' : kind === 'cr' ? '\r' : seed[i]!)).join(''),
);

describe('lint --fix properties (LF, CRLF, lone CR, mixed; ragged rows; tables in quotes and lists)', () => {
  it('keeps every byte outside its edits and every line ending, and a second fix is a no-op', () => {
    fc.assert(
      fc.property(fixDoc, (text) => {
        const once = fixText(text, 'tracker');
        expect(once.aborted).toBeUndefined();
        expect(fixText(once.text, 'tracker').text).toBe(once.text);
        // Same number of line breaks, each of the same kind: fixes never add, drop or convert one.
        expect(once.text.match(/\r\n|\r|\n/g) ?? []).toEqual(text.match(/\r\n|\r|\n/g) ?? []);
        // A line is unchanged unless it had something to fix (mojibake, a wrong burn rate or date), or
        // it is a table row that was short of cells, which keeps its text and gains empty cells.
        const a = text.split(lineBreak);
        const b = once.text.split(lineBreak);
        a.forEach((l, i) => {
          if (!/[âğÂ]|^- Current hourly|^Last updated:/.test(l)) expect(b[i]!.startsWith(l.replace(/\s*\|?\s*$/, '')), `${JSON.stringify(l)} became ${JSON.stringify(b[i])}`).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});
