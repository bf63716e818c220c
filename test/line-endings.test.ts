/**
 * Line endings as the parser sees them: LF, CRLF and a lone CR all end a line (micromark's rule),
 * so positions, the model, `lint --fix` and `sync` agree with the tree even after a stray `\r`
 * (a progress bar pasted into a fenced block). The fixtures are in test/fixtures/field/.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import fc from 'fast-check';
import { LineIndex } from '../src/core/text.js';
import { parseMarkdown } from '../src/core/markdown.js';
import { parseDocument } from '../src/model/parse.js';
import { applyEdits } from '../src/edit/apply.js';
import { planSync } from '../src/sync/reconcile.js';
import { lintDocument } from '../src/lint/engine.js';
import { modelOptions, projectRoot, runCli, tempTree, TODAY } from './helpers.js';

const field = join(projectRoot, 'test', 'fixtures', 'field');
const fakeBin = join(projectRoot, 'test', 'fake-vastai');
const instances = join(projectRoot, 'test', 'fixtures', 'vastai', 'instances.json');
const trees: ReturnType<typeof tempTree>[] = [];
afterAll(() => trees.forEach((t) => t.cleanup()));
const tree = (files: Record<string, string>) => trees[trees.push(tempTree(files)) - 1]!.dir;

describe('LineIndex', () => {
  it('ends lines at CRLF, LF and a lone CR', () => {
    const lines = new LineIndex('a\r\nb\rc\nd\r\r\ne');
    expect(lines.lineStarts).toEqual([0, 3, 5, 7, 9, 11]);
    expect([1, 2, 3, 4, 5, 6].map((l) => lines.lineEnding(l))).toEqual(['\r\n', '\r', '\n', '\r', '\r\n', '']);
    expect([1, 2, 3, 4, 5, 6].map((l) => lines.lineEnd(l))).toEqual([1, 4, 6, 8, 9, 12]);
    expect(lines.point(5)).toEqual({ line: 3, column: 1, offset: 5 });
  });

  it('gives every node of the tree the line and column micromark gives it', () => {
    const piece = fc.constantFrom('# H', '| a | b |', '|---|---|', '| 1 |', '```', 'x\ty', '- [ ] t', '> q', '', 'text', '***', 'é🟢');
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    const text = fc.array(fc.tuple(piece, eol), { maxLength: 30 }).map((parts) => parts.map(([p, e]) => p + e).join(''));
    fc.assert(
      fc.property(text, fc.boolean(), (source, trailing) => {
        const doc = trailing ? source : source.replace(/(?:\r\n|\r|\n)$/, '');
        const lines = new LineIndex(doc);
        const visit = (node: { position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } }; children?: unknown[] }) => {
          const pos = node.position!;
          expect(lines.point(pos.start.offset!)).toEqual(pos.start);
          expect(lines.point(pos.end.offset!)).toEqual(pos.end);
          for (const child of node.children ?? []) visit(child as typeof node);
        };
        visit(parseMarkdown(doc) as Parameters<typeof visit>[0]);
        expect(lines.lineCount).toBe(doc.split(/\r\n|\r|\n/).length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a lone CR above a table', () => {
  it('puts table rows and cells on the lines and at the offsets the parser gives them', () => {
    const text = readFileSync(join(field, 'lone-cr-roadmap.md'), 'utf8');
    const doc = parseDocument(text, 'ROADMAP.md', 'roadmap', modelOptions);
    const table = doc.tables[0]!;
    expect(table.raw.rows.map((r) => [r.line, text.slice(r.start, r.end)])).toEqual([
      [14, '| M1 data | ✅ Complete | Ana |'],
      [15, '| M2 model | 🟡 In Progress | Ben | eval pending |'],
      [16, '| M3 paper | ⚪ Not Started |'],
    ]);
    const m1 = '| M1 data | ✅ Complete | Ana |';
    const at = text.indexOf(m1);
    expect(table.model.rows[0]!.position).toEqual({ start: { line: 14, column: 1, offset: at }, end: { line: 14, column: m1.length + 1, offset: at + m1.length } });
    const notes = table.raw.rows[1]!.cells[3]!;
    expect([notes.source, text.slice(notes.start, notes.end)]).toEqual(['eval pending', 'eval pending']);
  });

  it('lint reports the ragged rows on their own lines, and --fix pads only them, keeping every other byte', () => {
    const original = readFileSync(join(field, 'lone-cr-roadmap.md'), 'utf8');
    const dir = tree({ 'ROADMAP.md': original });
    const lint = runCli(['lint', 'ROADMAP.md', '--format', 'json'], { cwd: dir });
    const cellCount = JSON.parse(lint.stdout).filter((d: { ruleId: string }) => d.ruleId === 'table/cell-count');
    expect(cellCount.map((d: { line: number; column: number; endLine: number }) => [d.line, d.column, d.endLine])).toEqual([[14, 1, 14], [16, 1, 16]]);
    const fix = runCli(['lint', 'ROADMAP.md', '--fix'], { cwd: dir });
    expect(fix.stderr).toBe('');
    const fixed = readFileSync(join(dir, 'ROADMAP.md'), 'utf8');
    expect(fixed).toBe(original.replace('| M1 data | ✅ Complete | Ana |', '| M1 data | ✅ Complete | Ana |  |').replace('| M3 paper | ⚪ Not Started |', '| M3 paper | ⚪ Not Started |  |  |'));
    // A second fix is a no-op.
    runCli(['lint', 'ROADMAP.md', '--fix'], { cwd: dir });
    expect(readFileSync(join(dir, 'ROADMAP.md'), 'utf8')).toBe(fixed);
  });

  it('sync archives the stale row, not the one a line below, and keeps every line ending', () => {
    const original = readFileSync(join(field, 'lone-cr-status-tracker.md'), 'utf8');
    const dir = tree({ 'status-tracker.md': original, '.git/HEAD': '' });
    const r = runCli(['sync', 'status-tracker.md'], { cwd: dir, env: { PATH: `${fakeBin}${delimiter}${process.env.PATH}`, FAKE_VASTAI_MODE: 'ok', FAKE_VASTAI_JSON: instances } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('status-tracker.md: 2 added, 0 updated, 1 archived; written\n1 tracker synced with vastai\n');
    const after = readFileSync(join(dir, 'status-tracker.md'), 'utf8');
    const stale = '| 27000000 | old-sweep | 1x RTX 3060 | 🟢 Running | [abc](https://wandb.ai/k/s/runs/abc) | $0.10/hr | lr sweep; results in `logs/sweep.json` |\n';
    const teacherless = '| 28491077 | step2-teacherless | 2x RTX 3090 | 🟢 Running | — | $0.35/hr | Bob\'s baseline |\r\n';
    const added =
      '| 30000001 | — | 1x A100 SXM4 | 🟡 Starting | — | $1.20/hr | — |\r\n' +
      '| 30000002 | résumé \\| \\<b>old\\</b> | 1x RTX 3060 | ⚫ Offline | — | $0.20/hr | — |\r\n';
    const archived = '| 27000000 | old-sweep | 🗑 Destroyed | lr sweep; results in `logs/sweep.json`; GPU: 1x RTX 3060; W&B Run: [abc](https://wandb.ai/k/s/runs/abc); Est. Cost: $0.10/hr | 2026-11-25 |\n';
    const expected = original
      .replace('Last updated: 2026-11-20', 'Last updated: 2026-11-25')
      .replace(stale, '')
      // The last row kept its CRLF; the new rows follow it with the same ending.
      .replace(teacherless, teacherless.replace(/\r\n$/, '') + '\r\n' + added.replace(/\r\n$/, '') + '\r\n')
      .replace('$0.87/hr', '$1.97/hr')
      .replace('| 1000 | first | 🗑 Destroyed | kept | 2026-01-01 |\n', '| 1000 | first | 🗑 Destroyed | kept | 2026-01-01 |\n' + archived);
    expect(after).toBe(expected);
    // The running job, with its W&B link and its owner's note, stays in Active Remote Jobs.
    expect(after.indexOf('Alice: checkpoint is on s3://bucket/run7')).toBeLessThan(after.indexOf('## Past Remote Jobs'));
    expect(runCli(['sync', 'status-tracker.md'], { cwd: dir, env: { PATH: `${fakeBin}${delimiter}${process.env.PATH}`, FAKE_VASTAI_MODE: 'ok', FAKE_VASTAI_JSON: instances } }).stdout).toBe('status-tracker.md: in sync\n1 tracker synced with vastai\n');
  });

  it('archiving rows after a lone CR never joins it to the next LF (which would read as one CRLF and drop a blank line)', () => {
    const text =
      '# Status Tracker\n\nLast updated: 2026-01-01\n\n## Active Remote Jobs\n\n' +
      '| Instance ID | Label | Status | Notes |\n|---|---|---|---|\r| 28491023 | a | 🟢 Running | x |\r| 30000003 | b | 🟢 Running | y |\r\n' +
      '\n**Cost tracking**:\n- Current hourly burn rate: $0.84/hr\n\r## Step Status\n\n| Step | Status |\n|---|---|\n| Step 1 | 🟡 In Progress |\n';
    const doc = parseDocument(text, 'status-tracker.md', 'tracker', modelOptions);
    const plan = planSync(doc, { instances: [] }, { today: TODAY, archive: 'move', force: false, jobVocabulary: modelOptions.vocabularies.job });
    const out = applyEdits(text, plan.edits).text;
    expect(out).toContain('|---|---|---|---|\r\n\n**Cost tracking**:');
    const again = parseDocument(out, 'status-tracker.md', 'tracker', modelOptions);
    expect(lintDocument(again, { today: TODAY, pathExists: () => true }).filter((d) => d.ruleId.startsWith('table/'))).toEqual([]);
    expect(again.tables[0]!.raw.rows).toEqual([]);
  });
});
