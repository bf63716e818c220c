/**
 * Property tests of the merge: random trackers (jobs table, nested checklist, dated Recent Work,
 * Last updated, prose), random edits on each side.
 * - Edits that touch different rows, tasks, entries and paragraphs merge to exactly the document
 *   both edits make (insertions at one place: ours first; new dates newest first; Last updated the later).
 * - For any edits, everything either side added is in the result, merged or between markers.
 * - A side that changed nothing gives the other side, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { mergeDocuments } from '../src/merge/index.js';

interface Row { id: string; label: string; status: string; notes: string }
interface Task { text: string; mark: string; children: { text: string; mark: string }[] }
interface Day { date: string; entries: string[] }
interface Doc { lastUpdated: string; rows: Row[]; tasks: Task[]; days: Day[]; prose: string[]; eol: string }

const statuses = ['🟢 Running', '🟡 Starting (v2)', '⏹ Exited', '⚫ Destroyed', 'RUNNING', '✅ Done'];
const marks = [' ', 'x', '/', '-', '~'];
const words = ['alpha', 'sweep', 'eval', 'loss', 'été', '数据', 'warm-up', 'cosine', 'shard', 'seed'];

function render(d: Doc): string {
  const l: string[] = ['# Status Tracker — property', '', `Last updated: ${d.lastUpdated}`, '', '## Active Remote Jobs', ''];
  l.push('| Instance ID | Label | Status | Notes |', '|---|---|---|---|');
  for (const r of d.rows) l.push(`| ${r.id} | ${r.label} | ${r.status} | ${r.notes} |`);
  l.push('', '## Step Status', '');
  for (const t of d.tasks) {
    l.push(`- [${t.mark}] ${t.text}`);
    for (const c of t.children) l.push(`  - [${c.mark}] ${c.text}`);
  }
  l.push('', '## Notes', '');
  d.prose.forEach((p, i) => l.push(...(i ? ['', p] : [p])));
  l.push('', '## Recent Work', '');
  d.days.forEach((day, i) => l.push(...(i ? [''] : []), `### ${day.date}`, ...day.entries.map((e) => `- ${e}`)));
  return l.join(d.eol) + d.eol;
}

const day = (n: number) => new Date(Date.UTC(2025, 10, 1) + n * 86_400_000).toISOString().slice(0, 10);
const phrase = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));

const docArb: fc.Arbitrary<Doc> = fc
  .record({
    rows: fc.uniqueArray(fc.integer({ min: 1000, max: 9999 }), { minLength: 1, maxLength: 6 }),
    labels: fc.array(phrase, { minLength: 6, maxLength: 6 }),
    st: fc.array(fc.constantFrom(...statuses), { minLength: 6, maxLength: 6 }),
    tasks: fc.integer({ min: 1, max: 5 }),
    children: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 5 }),
    taskMarks: fc.array(fc.constantFrom(...marks), { minLength: 15, maxLength: 15 }),
    days: fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 4 }),
    entries: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4, maxLength: 4 }),
    prose: fc.array(phrase, { minLength: 1, maxLength: 3 }),
    eol: fc.constantFrom('\n', '\r\n'),
  })
  .map((g) => {
    const days = [...g.days].sort((a, b) => b - a);
    let m = 0;
    return {
      lastUpdated: day(days[0]!),
      rows: g.rows.map((id, i) => ({ id: String(id), label: `${g.labels[i]}-${i}`, status: g.st[i]!, notes: i % 2 ? 'note ' + i : '' })),
      tasks: Array.from({ length: g.tasks }, (_, i) => ({
        text: `Step ${i + 1}: ${g.labels[i % 6]}`,
        mark: g.taskMarks[m++ % 15]!,
        children: Array.from({ length: g.children[i]! }, (_, k) => ({ text: `Step ${i + 1}${'abc'[k]}: detail ${k}`, mark: g.taskMarks[m++ % 15]! })),
      })),
      days: days.map((n, i) => ({ date: day(n), entries: Array.from({ length: g.entries[i]! }, (_, k) => `Entry ${k} of ${day(n)}: ${g.labels[k]}`) })),
      prose: g.prose.map((p, i) => `Paragraph ${i}: ${p}.`),
      eol: g.eol,
    };
  });

/** An edit, and the things it touches (two edits of the two sides are disjoint when these differ). */
interface Edit { touches: string[]; apply: (d: Doc, side: 'o' | 't', added: Set<string>) => void }

function editsFor(d: Doc, side: 'o' | 't'): fc.Arbitrary<Edit[]> {
  const rowIds = d.rows.map((r) => r.id);
  const taskTexts = d.tasks.map((t) => t.text);
  const dates = d.days.map((x) => x.date);
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ id: fc.constantFrom(...rowIds), field: fc.constantFrom('status', 'notes', 'label'), v: fc.constantFrom(...statuses) }).map(({ id, field, v }) => ({
      touches: [`row:${id}`],
      apply: (doc: Doc) => {
        const r = doc.rows.find((x) => x.id === id);
        if (r) (r as unknown as Record<string, string>)[field] = field === 'status' ? v : `${side} ${field} ${v.length}`;
      },
    })),
    fc.record({ after: fc.option(fc.constantFrom(...rowIds)), n: fc.integer({ min: 1, max: 99 }) }).map(({ after, n }) => ({
      touches: after === null ? ['row-start'] : [`anchor:${after}`],
      apply: (doc: Doc, s: 'o' | 't', added: Set<string>) => {
        const row = { id: `${s === 'o' ? 1 : 2}${String(n).padStart(2, '0')}`, label: `${s}-new`, status: '🟢 Running', notes: '' };
        if (doc.rows.some((r) => r.id === row.id)) return;
        let at = after === null ? 0 : doc.rows.findIndex((r) => r.id === after) + 1;
        if (after !== null && at === 0) return;
        while (s === 't' && at < doc.rows.length && added.has(doc.rows[at]!.id)) at++;
        doc.rows.splice(at, 0, row);
        if (s === 'o') added.add(row.id);
      },
    })),
    fc.constantFrom(...rowIds).map((id) => ({ touches: [`row:${id}`, `anchor:${id}`], apply: (doc: Doc) => void (doc.rows = doc.rows.filter((r) => r.id !== id)) })),
    fc.record({ text: fc.constantFrom(...taskTexts), mark: fc.constantFrom(...marks) }).map(({ text, mark }) => ({
      touches: [`task:${text}`],
      apply: (doc: Doc) => {
        const t = doc.tasks.find((x) => x.text === text);
        if (t) t.mark = mark;
      },
    })),
    fc.record({ parent: fc.constantFrom(...taskTexts), n: fc.integer({ min: 1, max: 9 }) }).map(({ parent, n }) => ({
      touches: [`children:${parent}`],
      apply: (doc: Doc, s: 'o' | 't') => {
        const t = doc.tasks.find((x) => x.text === parent);
        if (t) t.children.push({ text: `${s} subtask ${n}`, mark: ' ' });
      },
    })),
    fc.record({ date: fc.oneof(fc.constantFrom(...dates), fc.integer({ min: 21, max: 25 }).map(day)), n: fc.integer({ min: 1, max: 9 }) }).map(({ date, n }) => ({
      touches: [`day:${date}`],
      apply: (doc: Doc, s: 'o' | 't', added: Set<string>) => {
        const text = `${s === 'o' ? 'Ours' : 'Theirs'} ${n}: did something on ${date}`;
        let target = doc.days.find((x) => x.date === date);
        if (!target) {
          target = { date, entries: [] };
          doc.days.push(target);
          doc.days.sort((a, b) => (a.date < b.date ? 1 : -1));
        }
        if (target.entries.includes(text)) return;
        let at = 0;
        while (s === 't' && at < target.entries.length && added.has(target.entries[at]!)) at++;
        target.entries.splice(at, 0, text);
        if (s === 'o') added.add(text);
        if (date > doc.lastUpdated) doc.lastUpdated = date;
      },
    })),
    fc.integer({ min: 0, max: 2 }).map((i) => ({
      touches: [`prose:${i}`],
      apply: (doc: Doc, s: 'o' | 't') => {
        if (i < doc.prose.length) doc.prose[i] = `Paragraph ${i}, rewritten by ${s}.`;
      },
    })),
  );
  return fc.array(edit, { maxLength: 4 });
}

const clone = (d: Doc): Doc => JSON.parse(JSON.stringify(d));

describe('merge properties', () => {
  it('merges edits that touch different rows, tasks, entries and paragraphs into exactly both edits', () => {
    fc.assert(
      fc.property(
        docArb.chain((d) => fc.tuple(fc.constant(d), editsFor(d, 'o'), editsFor(d, 't'))),
        ([base, oursEdits, theirsEdits]) => {
          const taken = new Set(oursEdits.flatMap((e) => e.touches));
          const theirs = theirsEdits.filter((e) => !e.touches.some((t) => taken.has(t) || (t.startsWith('anchor:') && taken.has(`row:${t.slice(7)}`)) || (t.startsWith('row:') && taken.has(`anchor:${t.slice(4)}`))));
          const added = new Set<string>();
          const o = clone(base);
          oursEdits.forEach((e) => e.apply(o, 'o', added));
          const t = clone(base);
          theirs.forEach((e) => e.apply(t, 't', new Set()));
          const both = clone(base);
          oursEdits.forEach((e) => e.apply(both, 'o', new Set()));
          theirs.forEach((e) => e.apply(both, 't', added));
          both.lastUpdated = o.lastUpdated > t.lastUpdated ? o.lastUpdated : t.lastUpdated;
          const m = mergeDocuments(render(base), render(o), render(t), { path: 'docs/status-tracker.md' });
          if (process.env.MERGE_DEBUG && m.text !== render(both)) writeFileSync(process.env.MERGE_DEBUG, JSON.stringify([render(base), render(o), render(t), render(both)]));
          expect(m.text).toBe(render(both));
          expect(m.clean).toBe(true);
        },
      ),
      { numRuns: Number(process.env.MERGE_RUNS ?? 150) },
    );
  });

  it('keeps every row, task, entry and line either side added, merged or between markers', () => {
    fc.assert(
      fc.property(
        docArb.chain((d) => fc.tuple(fc.constant(d), editsFor(d, 'o'), editsFor(d, 't'))),
        ([base, oursEdits, theirsEdits]) => {
          const o = clone(base);
          oursEdits.forEach((e) => e.apply(o, 'o', new Set()));
          const t = clone(base);
          theirsEdits.forEach((e) => e.apply(t, 't', new Set()));
          const [B, O, T] = [render(base), render(o), render(t)];
          const m = mergeDocuments(B, O, T, { path: 'docs/status-tracker.md' });
          const resultLines = new Set(m.text.split(/\r?\n/));
          const baseLines = new Set(B.split(/\r?\n/));
          for (const side of [O, T]) {
            for (const line of side.split(/\r?\n/)) {
              // Last updated becomes the later of the two dates: the earlier one is meant to go.
              if (baseLines.has(line) || resultLines.has(line) || line.startsWith('Last updated:')) continue;
              const key = /^\| (\d+) \|/.exec(line)?.[1];
              const task = /^\s*- \[.\] (.*)$/.exec(line)?.[1];
              const found = key ? m.text.includes(`| ${key} |`) : task ? m.text.includes(`] ${task}`) : false;
              expect(found, `lost: ${line}\n--- merged:\n${m.text}`).toBe(true);
            }
          }
          // What neither side touched is still there.
          for (const line of B.split(/\r?\n/)) {
            if (O.split(/\r?\n/).includes(line) && T.split(/\r?\n/).includes(line)) expect(resultLines.has(line), `dropped: ${line}`).toBe(true);
          }
          expect(m.clean).toBe(!/^<{7}/m.test(m.text));
        },
      ),
      { numRuns: Number(process.env.MERGE_RUNS ?? 150) },
    );
  });

  it('gives the other side byte for byte when one side changed nothing', () => {
    fc.assert(
      fc.property(
        docArb.chain((d) => fc.tuple(fc.constant(d), editsFor(d, 'o'))),
        ([base, edits]) => {
          const o = clone(base);
          edits.forEach((e) => e.apply(o, 'o', new Set()));
          const [B, O] = [render(base), render(o)];
          if (process.env.MERGE_DEBUG && mergeDocuments(B, O, O).text !== O) writeFileSync(process.env.MERGE_DEBUG, JSON.stringify([B, O, O, O]));
          expect(mergeDocuments(B, O, B).text).toBe(O);
          expect(mergeDocuments(B, B, O).text).toBe(O);
          expect(mergeDocuments(B, O, O).text).toBe(O);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('never throws and never drops a line on arbitrary text', () => {
    const line = fc.oneof(fc.constantFrom('', '# H', '## Jobs', '| a | b |', '|---|---|', '| 1 | x |', '- [ ] t', '- [x] t', '  - [ ] c', '```', '<!--', '-->', '### 2025-01-02', 'Last updated: 2025-01-01', '> quote', '    code'), fc.string({ maxLength: 8 }));
    const text = fc.tuple(fc.array(line, { maxLength: 14 }), fc.constantFrom('\n', '\r\n', '\r')).map(([ls, eol]) => ls.join(eol));
    fc.assert(
      fc.property(text, text, text, (B, O, T) => {
        const m = mergeDocuments(B, O, T);
        const result = new Set(m.text.split(/\r\n|\r|\n/));
        for (const l of [...O.split(/\r\n|\r|\n/), ...T.split(/\r\n|\r|\n/)]) {
          if (B.split(/\r\n|\r|\n/).includes(l)) continue;
          expect(result.has(l) || l.trim() === '', `lost ${JSON.stringify(l)}`).toBe(true);
        }
      }),
      { numRuns: Number(process.env.MERGE_RUNS ?? 300) },
    );
  });
});
