/**
 * Property tests of the verbs' planning (src/api): for random trackers (compact or aligned tables,
 * LF, CRLF or lone CR line endings, statuses with qualifiers) and random operation sequences,
 * applying them one by one equals applying the list at once, every byte outside the touched table
 * and the Last updated line is unchanged, and the model after the write shows exactly the requested
 * values.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDocument, type ParsedDocument } from '../src/model/parse.js';
import { applyOperations, type Operation } from '../src/api/operations.js';
import { OperationError } from '../src/api/errors.js';
import type { TrackerModel } from '../src/model/types.js';
import { modelOptions, TODAY } from './helpers.js';

const statuses = ['✅ Complete', '🟡 In Progress', '⚪ Not Started', 'COMPLETE (archived)', '🟡 In Progress (v2)', '❌ Blocked'];
const words = fc.stringMatching(/^[a-z][a-z ]{0,10}[a-z]$/);

const tracker = fc
  .record({
    rows: fc.uniqueArray(fc.record({ n: fc.integer({ min: 1, max: 40 }), status: fc.constantFrom(...statuses), progress: fc.integer({ min: 0, max: 100 }), notes: fc.oneof(fc.constant(''), words) }), { selector: (r) => r.n, minLength: 1, maxLength: 8 }),
    aligned: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    sorted: fc.boolean(),
  })
  .map((t) => {
    const rows = t.sorted ? [...t.rows].sort((a, b) => a.n - b.n) : t.rows;
    const header = ['Milestone', 'Status', 'Progress', 'Notes'];
    const cells = rows.map((r) => [`M${r.n}`, r.status, `${r.progress}%`, r.notes]);
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => [...c[i]!].length + 2)));
    const line = (c: string[]) => (t.aligned ? '| ' + c.map((x, i) => x + ' '.repeat(Math.max(0, widths[i]! - [...x].length))).join(' | ') + ' |' : '| ' + c.join(' | ') + ' |');
    const delimiter = t.aligned ? '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|' : '|---|---|---|---|';
    const head = '# Status Tracker\n\nLast updated: 2026-01-01\n\n## Current Focus\n\nPeople\'s words | with a pipe, *emphasis*.\n\n## Milestone Status\n\n';
    const table = [line(header), delimiter, ...cells.map(line)].join('\n') + '\n';
    const tail = '\n## Recent Work\n\n### 2026-01-01\n- Started\n\n## Notes\n\nfree text\n';
    const convert = (s: string) => s.replace(/\n/g, t.eol);
    return { text: convert(head + table + tail), head: convert(head), tail: convert(tail), keys: rows.map((r) => `M${r.n}`), eol: t.eol };
  });

const operation = (keys: string[]): fc.Arbitrary<Operation> =>
  fc.oneof(
    fc.record({ key: fc.constantFrom(...keys), status: fc.constantFrom('done', 'in progress', 'blocked', 'not started', 'paused') }).map(({ key, status }): Operation => ({ op: 'set', table: 'milestones', key, values: { status } })),
    fc.record({ key: fc.constantFrom(...keys), progress: fc.integer({ min: 0, max: 100 }) }).map(({ key, progress }): Operation => ({ op: 'set', table: 'milestones', key, values: { progress: `${progress}%` } })),
    fc.record({ key: fc.constantFrom(...keys), notes: words }).map(({ key, notes }): Operation => ({ op: 'set', table: 'Milestone Status', key, values: { notes } })),
    fc.integer({ min: 41, max: 60 }).map((n): Operation => ({ op: 'add', table: 'milestones', values: { milestone: `M${n}`, status: 'not started', progress: '0%' } })),
    fc.record({ text: words, day: fc.integer({ min: 1, max: 9 }) }).map(({ text, day }): Operation => ({ op: 'log', text, date: `2026-01-0${day}` })),
  );

const ctx = { today: TODAY, model: modelOptions };
const parse = (text: string) => parseDocument(text, 'status-tracker.md', 'tracker', modelOptions);

/** Apply, or the refusal's kind (a second `add` of one key is refused, in both ways alike). */
function attempt(doc: ParsedDocument, ops: Operation[]): string {
  try {
    return applyOperations(doc, ops, ctx).text;
  } catch (e) {
    if (e instanceof OperationError) return `refused: ${e.kind}`;
    throw e;
  }
}

describe('verbs properties', () => {
  it('one by one equals apply of the list', () => {
    fc.assert(
      fc.property(tracker.chain((t) => fc.tuple(fc.constant(t), fc.array(operation(t.keys), { minLength: 1, maxLength: 6 }))), ([t, ops]) => {
        const together = attempt(parse(t.text), ops);
        let text = t.text;
        let refused: string | undefined;
        for (const op of ops) {
          const r = attempt(parse(text), [op]);
          if (r.startsWith('refused: ')) {
            refused = r;
            break;
          }
          text = r;
        }
        // Last updated aside: operations that undo each other (done, then in progress again) leave
        // the list with nothing to write, while one by one the first write already dated the file.
        const undated = (s: string) => s.replace(/Last updated: \d{4}-\d{2}-\d{2}/, 'Last updated: D');
        expect(undated(together)).toBe(undated(refused ?? text));
        if (together !== t.text) expect(together).toBe(refused ?? text);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps every byte outside the touched table, Recent Work and Last updated; the model shows the values set', () => {
    fc.assert(
      fc.property(tracker.chain((t) => fc.tuple(fc.constant(t), fc.array(operation(t.keys), { minLength: 1, maxLength: 6 }))), ([t, ops]) => {
        const sets = ops.filter((o): o is Extract<Operation, { op: 'set' }> => o.op === 'set');
        let out: string;
        try {
          out = applyOperations(parse(t.text), ops, ctx).text;
        } catch (e) {
          if (e instanceof OperationError && e.kind === 'duplicate') return;
          throw e;
        }
        // Outside the table and Recent Work: the head (but for Last updated) and the notes stay byte for byte.
        // (Last updated changes only when something else did.)
        expect(out.startsWith(out === t.text ? t.head : t.head.replace('Last updated: 2026-01-01', `Last updated: ${TODAY}`))).toBe(true);
        expect(out.endsWith(t.eol + '## Notes' + t.eol + t.eol + 'free text' + t.eol)).toBe(true);
        // Line endings are the document's own.
        if (t.eol === '\r\n') expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
        else if (t.eol === '\r') expect(out).not.toContain('\n');
        else expect(out).not.toContain('\r');
        // The model shows the last value set for each cell.
        const model = parse(out).model as TrackerModel;
        const last = new Map<string, string>();
        for (const s of sets) for (const [col, v] of Object.entries(s.values)) last.set(`${s.key}\u0000${col}`, v);
        const expectedStatus: Record<string, string> = { done: 'complete', 'in progress': 'in-progress', blocked: 'blocked', 'not started': 'not-started', paused: 'paused' };
        for (const [k, v] of last) {
          const [key, col] = k.split('\u0000') as [string, string];
          const row = model.milestones!.rows.find((r) => r.key === key)!;
          if (col === 'status') expect(row.status).toBe(expectedStatus[v]);
          else if (col === 'progress') expect(row.progress).toBe(Number(v.replace('%', '')));
          else expect(row.cells.notes!.text).toBe(v);
        }
        // Every row is still there, once, with its qualifier when its status was set.
        for (const key of t.keys) expect(model.milestones!.rows.filter((r) => r.key === key)).toHaveLength(1);
        // Logged entries are there.
        for (const o of ops) if (o.op === 'log') expect(model.recentWork.find((e) => e.date.value === o.date)?.items.some((i) => i.text === o.text)).toBe(true);
        // A second application of the same sets changes nothing.
        if (sets.length && sets.length === ops.length) expect(applyOperations(parse(out), sets, ctx).changed).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
