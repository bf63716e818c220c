/**
 * Property tests of the model on documents built from the patterns of real trackers: tables of
 * many shapes with statuses people write, checklists with every check mark, headings with
 * statuses, front matter, fenced code that looks like tables and tasks, and LF, CRLF or lone-CR
 * line endings (plus lone CRs inside code). Every table and every task is read, and every position
 * slices back to the source.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDocument } from '../src/model/parse.js';
import type { ChecklistSection, DocumentModel, TaskModel } from '../src/model/types.js';
import { checkPositions, modelOptions } from './helpers.js';

const word = fc.constantFrom('alpha', 'beta', 'data', 'eval', 'warmup', 'GPU', 'v2', 'loss', 'été', '数据');
const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const statusCell = fc.constantFrom(
  '🟡 Running (v1)', '🟢 Running (v2)', 'COMPLETE (archived)', '❌ Failed (OOM)', '**COMPLETE** (PR #113)', '✅ 100%',
  '🟢 RUNNING/QUEUED', 'Done ✅', 'DEFERRED', 'in review', ':white_check_mark: Complete', '⏸️', '✅', 'Waiting on Bob', '—', '',
);
const plainCell = fc.oneof(words, words.map((w) => `\`${w}\``), words.map((w) => `${w} \\| ${w}`), words.map((w) => `[${w}](https://example.com/${w.length})`), fc.constant(''));
const headers = fc.constantFrom(['Task', 'Status', 'Owner'], ['Job ID', 'Config', 'Status'], ['Milestone', 'State', 'Progress'], ['ID', 'Model', 'Notes', 'Status'], ['Name', 'Value'], ['Phase', 'Goal']);

interface Block {
  lines: string[];
  tables: number[];
  tasks: number;
}

const table: fc.Arbitrary<Block> = headers.chain((h) =>
  fc
    .array(fc.tuple(...h.map((name) => (/status|state/i.test(name) ? statusCell : plainCell))), { minLength: 1, maxLength: 5 })
    .map((rows) => ({
      lines: [`| ${h.join(' | ')} |`, `|${h.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)],
      tables: [rows.length],
      tasks: 0,
    })),
);

const mark = fc.constantFrom('[ ]', '[x]', '[/]', '[-]', '[~]', '[✓]', '[✔]', '[✗]', '[✘]', '[N/A]');
const task = fc.tuple(mark, words, fc.array(fc.tuple(mark, words), { maxLength: 2 }));
const checklist: fc.Arbitrary<Block> = fc.array(task, { minLength: 1, maxLength: 4 }).map((items) => ({
  lines: items.flatMap(([m, w, children]) => [`- ${m} ${w}`, ...children.map(([cm, cw]) => `  - ${cm} ${cw}`)]),
  tables: [],
  tasks: items.reduce((n, [, , c]) => n + 1 + c.length, 0),
}));

const heading: fc.Arbitrary<Block> = fc
  .tuple(fc.integer({ min: 2, max: 3 }), words, fc.constantFrom('', ' ✅ 100%', ' (3/7 complete - 43%)', ' — ✅ COMPLETED', ': In Progress'))
  .map(([depth, w, status]) => ({ lines: [`${'#'.repeat(depth)} ${w}${status}`], tables: [], tasks: 0 }));

const paragraph: fc.Arbitrary<Block> = words.map((w) => ({ lines: [`${w}.`, '- **Status**: 🟡 Running'], tables: [], tasks: 0 }));

/** Code that looks like a table and tasks, with a progress bar's lone CRs in it: none of it counts. */
const fenced: fc.Arbitrary<Block> = words.map((w) => ({ lines: ['```text', `| ${w} | b |`, '|---|---|', '- [ ] not a task', 'epoch 1: 10%\r epoch 1: 50%\r epoch 1: 100%', '```'], tables: [], tasks: 0 }));

const documentArb = fc
  .record({
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    frontMatter: fc.boolean(),
    blocks: fc.array(fc.oneof(table, checklist, heading, paragraph, fenced), { minLength: 1, maxLength: 8 }),
    kind: fc.constantFrom('markdown', 'todo', 'tracker') as fc.Arbitrary<'markdown' | 'todo' | 'tracker'>,
  })
  .map(({ eol, frontMatter, blocks, kind }) => {
    const parts = ['# Project status', ...blocks.map((b) => b.lines.join(eol))];
    if (frontMatter) parts.unshift(['---', 'title: status', 'updated: 2026-01-01', '---'].join(eol));
    return {
      text: parts.join(eol + eol) + eol,
      kind,
      eol,
      tables: blocks.flatMap((b) => b.tables),
      tasks: blocks.reduce((n, b) => n + b.tasks, 0),
    };
  });

function allTasks(model: DocumentModel): TaskModel[] {
  const sections: ChecklistSection[] = 'checklists' in model ? model.checklists : model.sections;
  const out: TaskModel[] = [];
  const stack = sections.flatMap((s) => s.tasks);
  while (stack.length) {
    const t = stack.pop()!;
    out.push(t);
    stack.push(...t.children);
  }
  return out;
}

describe('the model of documents from the field', () => {
  it('reads every table and every task, and every position slices back to the source', () => {
    fc.assert(
      fc.property(documentArb, ({ text, kind, tables, tasks }) => {
        const model = parseDocument(text, 'doc.md', kind, modelOptions).model;
        expect(model.tables.map((t) => t.rows.length)).toEqual(tables);
        expect(allTasks(model)).toHaveLength(tasks);
        checkPositions(text, model);
        for (const t of model.tables) {
          for (const row of t.rows) {
            for (const cell of Object.values(row.cells)) expect(text.slice(cell.position.start.offset, cell.position.end.offset)).toBe(cell.source);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads the same whatever the line endings', () => {
    fc.assert(
      fc.property(documentArb, ({ text, kind, eol }) => {
        if (eol !== '\n') return;
        const strip = (m: DocumentModel) => JSON.stringify(m, (k, v) => (k === 'position' ? undefined : typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v));
        const lf = strip(parseDocument(text, 'doc.md', kind, modelOptions).model);
        for (const other of ['\r\n', '\r']) {
          const converted = text.replace(/\n/g, other);
          expect(strip(parseDocument(converted, 'doc.md', kind, modelOptions).model)).toBe(lf);
        }
      }),
      { numRuns: 150 },
    );
  });
});
