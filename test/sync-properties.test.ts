/**
 * Property tests for sync: for random trackers and random instance sets, sync is idempotent,
 * people's cells and every byte outside the synced parts are unchanged, no row with people's
 * words disappears, and the result re-lints clean of table-shape errors.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDocument } from '../src/model/parse.js';
import { applyEdits } from '../src/edit/apply.js';
import { planSync, type SyncOptions } from '../src/sync/reconcile.js';
import type { Instance } from '../src/sync/instances.js';
import { lintDocument } from '../src/lint/engine.js';
import type { TrackerModel } from '../src/model/types.js';
import { modelOptions, TODAY } from './helpers.js';

const ids = [28491023, 28491077, 30000001, 30000002, 30000003, 30000004];
const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const prose = fc.oneof(fc.constant(''), fc.constant('—'), word, fc.constantFrom('30 epochs, EMA+Rate', 'see `logs/x.json`', 'résumé 日本語', '[run](https://wandb.ai/x)', 'a \\| b'));
const status = fc.constantFrom('🟢 Running', '🟡 Starting', '🔴 Stopped', 'running', '⚫ Offline', '', 'ğŸŸ¡ Starting');
const cost = fc.constantFrom('$0.42/hr', '$1.00/hr', '$0.35 / hr', '$0.42/hr', '', '—');
const row = fc.record({ id: fc.constantFrom(...ids), label: fc.oneof(fc.constant(''), word), gpu: fc.constantFrom('1x RTX 4090', '2x RTX 3090', ''), status, run: prose, cost, notes: prose });
const tracker = fc
  .record({
    rows: fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 5 }),
    aligned: fc.boolean(),
    // One ending for every line, or a mix (each line's ending drawn in turn from `mixed`).
    eol: fc.constantFrom('\n', '\r\n', '\r', 'mixed'),
    mixed: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 12 }),
    burn: fc.boolean(),
    past: fc.boolean(),
    head: fc.constantFrom('# Status Tracker\n\n', '# Status Tracker\n\n> Keep this current.\n\n'),
    middle: fc.constantFrom('\n## Current Focus\n\n**Active Step**: Step 1\n\n', '\n', '\n## Current Focus\n\n```\nepoch 1:  50%|#####     |\repoch 1: 100%|##########|\n```\n\n'),
    rest: fc.constantFrom('\n## Step Status\n\n| Step | Status |\n|---|---|\n| Step 1 | 🟡 In Progress |\n', '\n## Notes\n\nfree text | with a pipe\n'),
  })
  .map((t) => {
    const header = ['Instance ID', 'Label', 'GPU', 'Status', 'W&B Run', 'Est. Cost', 'Notes'];
    const cells = t.rows.map((r) => [String(r.id), r.label, r.gpu, r.status, r.run, r.cost, r.notes]);
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => [...c[i]!].length + 3)));
    const line = (c: string[]) => (t.aligned ? '| ' + c.map((x, i) => x + ' '.repeat(Math.max(0, widths[i]! - [...x].length))).join(' | ') + ' |' : '| ' + c.join(' | ') + ' |');
    const delimiter = t.aligned ? '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |' : '|---|---|---|---|---|---|---|';
    let jobs = `## Active Remote Jobs\n\n${[line(header), delimiter, ...cells.map(line)].join('\n')}\n`;
    if (t.burn) jobs += '\n**Cost tracking**:\n- Current hourly burn rate: $9.99/hr\n';
    const past = t.past ? '\n## Past Remote Jobs\n\n| Instance ID | Label | Status | Notes | Ended |\n|---|---|---|---|---|\n| 1000 | x | 🗑 Destroyed | kept | 2026-01-01 |\n' : '';
    const parts = { head: t.head, last: 'Last updated: 2026-01-01\n', middle: t.middle, jobs, past, rest: t.rest };
    let k = 0;
    let previous = '';
    // In a mix, a lone CR followed by an LF would make one CRLF of two line endings (and lose a blank line).
    const next = () => (previous = t.eol !== 'mixed' ? t.eol : previous === '\r' && t.mixed[k % t.mixed.length]![0] === '\n' ? (k++, '\r') : t.mixed[k++ % t.mixed.length]!);
    const withEndings = (v: string) => v.replace(/\n/g, next);
    const written = Object.fromEntries(Object.entries(parts).map(([name, v]) => [name, withEndings(v)])) as typeof parts;
    return { text: Object.values(written).join(''), rows: t.rows, parts: written, eol: t.eol };
  });
const instance = fc.record({
  id: fc.constantFrom(...ids),
  label: fc.oneof(fc.constant(null), word, fc.constantFrom('a|b <i>x</i>', 'two\nlines', '*star*')),
  actual_status: fc.constantFrom(null, 'running', 'loading', 'stopped', 'exited', 'offline', 'frozen', 'weird'),
  gpu_name: fc.oneof(fc.constant(null), fc.constantFrom('RTX 4090', 'A100 SXM4', 'H100 NVL')),
  num_gpus: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 8 })),
  dph_total: fc.oneof(fc.double({ min: 0, max: 20, noNaN: true }), fc.constantFrom(0.4213, 0.351, 1.104, 0.005, 0.015), fc.constant(null)),
});
const instances = fc.uniqueArray(instance, { selector: (i) => i.id, maxLength: 5 }) as fc.Arbitrary<Instance[]>;
const options: SyncOptions = { today: TODAY, archive: 'move', force: false, jobVocabulary: modelOptions.vocabularies.job };

function sync(text: string, snapshot: Instance[], opts = options) {
  const doc = parseDocument(text, 'status-tracker.md', 'tracker', modelOptions);
  const plan = planSync(doc, { instances: snapshot }, opts);
  const result = applyEdits(text, plan.edits);
  expect(result.skipped).toEqual([]);
  return { text: result.text, plan };
}

const peopleCells = (r: { run: string; notes: string }) => [r.run, r.notes].filter((c) => c && c !== '—');

describe('sync properties', () => {
  it('is idempotent, keeps people\'s cells and every byte outside the synced parts, and lints clean of table-shape errors', () => {
    fc.assert(
      fc.property(tracker, instances, fc.constantFrom<SyncOptions['archive']>('move', 'mark'), (t, snapshot, archive) => {
        const opts = { ...options, archive };
        const once = sync(t.text, snapshot, opts);
        const twice = sync(once.text, snapshot, opts);
        expect(twice.plan.edits).toEqual([]);
        expect(twice.text).toBe(once.text);
        // Bytes outside the synced parts.
        expect(once.text.startsWith(t.parts.head)).toBe(true);
        // (The blank line before the next section belongs to the jobs section: a new Past Remote Jobs goes there.)
        expect(once.text.endsWith(t.parts.rest.replace(/^(?:\r\n|\r|\n)/, ''))).toBe(true);
        expect(once.text).toContain(t.parts.middle);
        // People's cells survive, in the row of the same instance.
        const lines = once.text.split(/\r\n|\r|\n/);
        for (const r of t.rows) {
          const rowLine = lines.find((l) => l.startsWith(`| ${r.id} `));
          expect(rowLine, `row ${r.id}`).toBeDefined();
          for (const words of peopleCells(r)) expect(rowLine).toContain(words);
        }
        // Line endings stay as they were (the lone CR in a code block is not a line ending a writer copies).
        const endings = (s: string) => new Set(s.replace(/epoch 1:  50%\|#####     \|\r/, '').match(/\r\n|\r|\n/g));
        expect([...endings(once.text)].every((e) => endings(t.text).has(e))).toBe(true);
        const doc = parseDocument(once.text, 'status-tracker.md', 'tracker', modelOptions);
        const shape = lintDocument(doc, { today: TODAY, pathExists: () => true }).filter((d) => d.ruleId.startsWith('table/') || d.ruleId === 'cost/burn-rate');
        expect(shape).toEqual([]);
        const model = doc.model as TrackerModel;
        expect(new Set(model.jobs?.rows.map((r) => r.key))).toEqual(new Set(model.jobs?.rows.map((r) => r.key)));
        for (const i of snapshot) expect(model.jobs!.rows.some((r) => r.key === String(i.id))).toBe(true);
      }),
      { numRuns: 250 },
    );
  });

  it('with archive: remove, never drops a row that holds people\'s words unless forced', () => {
    fc.assert(
      fc.property(tracker, instances, (t, snapshot) => {
        const once = sync(t.text, snapshot, { ...options, archive: 'remove' });
        for (const r of t.rows) if (peopleCells(r).length) expect(once.text).toContain(`| ${r.id} `);
        expect(sync(once.text, snapshot, { ...options, archive: 'remove' }).text).toBe(once.text);
      }),
      { numRuns: 150 },
    );
  });
});
