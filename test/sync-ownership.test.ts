/**
 * Sync touches only what it owns: each failure of issue 9's "Sync rewrites a person's lines" and
 * "Archiving a row drops cells", with its input, and the splice check that aborts a file's write
 * when an edit's positions disagree with the text.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../src/model/parse.js';
import { planSync, type SyncOptions } from '../src/sync/reconcile.js';
import { applyEdits } from '../src/edit/apply.js';
import type { Instance } from '../src/sync/instances.js';
import type { TrackerModel } from '../src/model/types.js';
import { LineIndex } from '../src/core/text.js';
import { splitRow } from '../src/core/table.js';
import { TableEditor } from '../src/edit/table-editor.js';
import { modelOptions, runCli, tempTree } from './helpers.js';

const TODAY = '2026-12-01';
const options: SyncOptions = { today: TODAY, archive: 'move', force: false, jobVocabulary: modelOptions.vocabularies.job };
const running = (id: number, extra: Partial<Instance> = {}): Instance => ({ id, label: 'a', actual_status: 'running', gpu_name: 'RTX 4090', num_gpus: 1, dph_total: 0.5, ...extra });
const header = '| Instance ID | Label | GPU | Status | W&B Run | Est. Cost | Notes |\n|---|---|---|---|---|---|---|\n';

function sync(text: string, instances: Instance[], opts = options) {
  const doc = parseDocument(text, 'status-tracker.md', 'tracker', modelOptions);
  const plan = planSync(doc, { instances }, opts);
  const result = applyEdits(text, plan.edits);
  return { ...result, plan, doc };
}

describe('sync rewrites only its own lines', () => {
  it('Last updated: never a Recent Work bullet that starts with "Last updated"', () => {
    const text = `# Status Tracker\n\n## Active Remote Jobs\n\n${header}| 1000200 | a | 1x RTX 4090 | 🟡 Starting | — | $0.50/hr | x |\n\n## Recent Work\n\n### 2026-11-30\n\n- Last updated the tokenizer; Bob must re-run eval\n`;
    const out = sync(text, [running(1000200)]);
    expect(out.text).toContain('- Last updated the tokenizer; Bob must re-run eval\n');
    expect(out.text).toContain('| 🟢 Running |');
    expect((out.doc.model as TrackerModel).lastUpdated).toBeUndefined();
  });

  it('Last updated: the line after the title is updated, and the bullet below is not', () => {
    const text = `# Status Tracker\n\nLast updated: 2026-11-01\n\n## Active Remote Jobs\n\n${header}| 1000200 | a | 1x RTX 4090 | 🟡 Starting | — | $0.50/hr | x |\n\n## Recent Work\n\n### 2026-11-30\n\n- Last updated the tokenizer; Bob must re-run eval\n`;
    const out = sync(text, [running(1000200)]);
    expect(out.text).toContain('Last updated: 2026-12-01\n');
    expect(out.text).toContain('- Last updated the tokenizer; Bob must re-run eval\n');
  });

  it('Last updated: in YAML front matter', () => {
    const text = `---\ntitle: Status Tracker\nlast_updated: 2026-11-01\n---\n\n# Status Tracker\n\n## Active Remote Jobs\n\n${header}| 1000200 | a | 1x RTX 4090 | 🟡 Starting | — | $0.50/hr | x |\n\n## Log\n\n- Last updated the docs\n`;
    const out = sync(text, [running(1000200)]);
    expect(out.text.startsWith('---\ntitle: Status Tracker\nlast_updated: 2026-12-01\n---\n')).toBe(true);
    expect(out.text).toContain('- Last updated the docs\n');
  });

  it('burn rate: only the line in the cost-tracking block, never a sentence in a list', () => {
    const text = `# Status Tracker\n\nLast updated: 2026-11-01\n\n## Active Remote Jobs\n\n${header}| 1000200 | a | 1x RTX 4090 | 🟡 Starting | — | $0.50/hr | x |\n\n- Burn rate was too high, so Alice killed the spot instances\n`;
    const out = sync(text, [running(1000200)]);
    expect(out.text).toContain('- Burn rate was too high, so Alice killed the spot instances\n');
    const withBlock = text + '\n**Cost tracking**:\n- Current hourly burn rate: $9.99/hr\n- Burn rate notes: ask Alice\n';
    const synced = sync(withBlock, [running(1000200)]);
    expect(synced.text).toContain('- Burn rate was too high, so Alice killed the spot instances\n');
    expect(synced.text).toContain('- Current hourly burn rate: $0.50/hr\n- Burn rate notes: ask Alice\n');
  });

  it('burn rate: a sentence before the cost-tracking block is not taken for it', () => {
    const text = `# Status Tracker\n\n## Active Remote Jobs\n\n${header}| 1000200 | a | 1x RTX 4090 | 🟢 Running | — | $0.50/hr | x |\n\n- Burn rate: was too high last week, so Alice killed the spot instances\n\n**Cost tracking**:\n\n- Burn rate: $0.10/hr\n`;
    const out = sync(text, [running(1000200)]);
    expect(out.text).toContain('- Burn rate: was too high last week, so Alice killed the spot instances\n');
    expect(out.text).toContain('- Burn rate: $0.50/hr\n');
  });
});

describe('archiving moves the whole row', () => {
  it('keeps cells beyond the header (the s3 path)', () => {
    const text = `# Status Tracker\n\n## Active Remote Jobs\n\n| Instance ID | Status | Notes |\n|---|---|---|\n| 1000300 | 🟢 Running | ok | Alice: checkpoint is on s3://bucket/run7 |\n\n## Past Remote Jobs\n\n| Instance ID | Status | Notes | Ended |\n|---|---|---|---|\n`;
    const out = sync(text, []);
    expect(out.plan.summary.archived).toBe(1);
    expect(out.text).toContain('| 1000300 | 🗑 Destroyed | ok | 2026-12-01 | Alice: checkpoint is on s3://bucket/run7 |');
  });

  it('keeps both halves of a link with an unescaped pipe', () => {
    const text = `# Status Tracker\n\n## Active Remote Jobs\n\n${header}| 1000301 | b | 1x RTX 4090 | 🟢 Running | [run](https://wandb.ai/x?a|b) | $0.50/hr | keep me |\n`;
    const out = sync(text, []);
    expect(out.text).toMatch(/\| 1000301 \| b \| 1x RTX 4090 \| 🗑 Destroyed \| \[run\]\(https:\/\/wandb\.ai\/x\?a \| b\) \| \$0\.50\/hr \| 2026-12-01 \| keep me \|/);
    for (const cell of ['[run](https://wandb.ai/x?a', 'b)', '$0.50/hr', 'keep me']) expect(out.text).toContain(cell);
  });
});

describe('tables in quotes and list items', () => {
  it('a jobs table in a block quote is left alone with a warning, never duplicated', () => {
    const text = `# Status Tracker\n\nLast updated: 2026-11-01\n\n## Active Remote Jobs\n\n> ${header.replace('\n|', '\n> |')}> | 1000200 | a | 1x RTX 4090 | 🟡 Starting | — | $0.50/hr | x |\n`;
    const out = sync(text, [running(1000200)]);
    expect(out.text).toBe(text);
    expect(out.plan.drift).toContainEqual(expect.objectContaining({ id: 'sync/table-not-handled', severity: 'warning' }));
    expect(out.plan.notes[0]).toMatch(/inside a block quote; sync leaves it alone/);
  });

  it('a jobs table in a list item likewise', () => {
    const text = `# Status Tracker\n\n## Active Remote Jobs\n\n- Jobs:\n\n  ${header.replace('\n|', '\n  |')}  | 1000200 | a | 1x RTX 4090 | 🟡 Starting | — | $0.50/hr | x |\n`;
    const out = sync(text, [running(1000200), running(1000201)]);
    expect(out.text).toBe(text);
    expect(out.plan.notes[0]).toMatch(/inside a list item/);
  });

  it('a Past Remote Jobs table in a quote: the row is kept, not moved to a second Past table', () => {
    const text = `# Status Tracker\n\n## Active Remote Jobs\n\n${header}| 1000200 | a | 1x RTX 4090 | 🟢 Running | — | $0.50/hr | x |\n\n## Past Remote Jobs\n\n> | Instance ID | Status | Ended |\n> |---|---|---|\n> | 1 | done | 2026-01-01 |\n`;
    const out = sync(text, []);
    expect(out.text).toContain('| 1000200 | a |');
    expect(out.text.match(/## Past Remote Jobs/g)).toHaveLength(1);
    expect(out.plan.notes[0]).toMatch(/kept the row of instance 1000200 .*inside a block quote/);
  });
});

describe('line endings', () => {
  it('mixed line endings stay as they were on every line that is not edited', () => {
    const lines = ['# Status Tracker', '', 'Last updated: 2026-11-01', '', '## Active Remote Jobs', '', header.split('\n')[0]!, header.split('\n')[1]!, '| 1000200 | a | 1x RTX 4090 | 🟡 Starting | — | $0.50/hr | x |', '| 1000201 | b | 1x RTX 4090 | 🟡 Starting | — | $0.50/hr | y |', '| 1000202 | c | 1x RTX 4090 | 🟡 Starting | — | $0.50/hr | z |', '', 'end'];
    const endings = ['\r\n', '\n', '\n', '\r\n', '\r\n', '\n', '\n', '\r\n', '\n', '\r\n', '\n', '\n', '\r\n'];
    const text = lines.map((l, i) => l + endings[i]).join('');
    const out = sync(text, [running(1000200)]);
    // Rows 1000201 and 1000202 moved; every remaining original line keeps its own ending.
    const kept = out.text.split(/(?<=\n)/);
    for (const [i, l] of lines.entries()) {
      if (l === '' || l.includes('1000201') || l.includes('1000202')) continue;
      const now = kept.find((k) => k.replace(/\r?\n$/, '') === (l.startsWith('Last updated') ? 'Last updated: 2026-12-01' : l.replace('🟡 Starting', '🟢 Running')));
      expect(now, l).toBeDefined();
      expect(now!.endsWith(endings[i]!) && (endings[i] === '\r\n' || !now!.endsWith('\r\n')), `${l} ends with ${JSON.stringify(endings[i])}`).toBe(true);
    }
  });
});

describe('every splice is checked against the text it replaces', () => {
  it('an edit whose expected text is not there is not applied, and is reported', () => {
    const r = applyEdits('abc def', [{ start: 0, end: 3, text: 'X', expect: 'abc' }, { start: 4, end: 7, text: 'Y', expect: 'xyz' }]);
    expect(r.text).toBe('X def');
    expect(r.mismatched).toEqual([{ start: 4, end: 7, text: 'Y', expect: 'xyz' }]);
  });

  it('sync edits carry the text they replace, and applying them to another text aborts the write', () => {
    const text = `# Status Tracker\n\nLast updated: 2026-11-01\n\n## Active Remote Jobs\n\n${header}| 1000200 | a | 1x RTX 4090 | 🟡 Starting | — | $0.50/hr | x |\n`;
    const doc = parseDocument(text, 'status-tracker.md', 'tracker', modelOptions);
    const plan = planSync(doc, { instances: [running(1000200)] }, options);
    expect(plan.edits.every((e) => e.expect !== undefined || e.start === e.end)).toBe(true);
    // The same edits over a text in which a line was added above: every one is refused.
    const shifted = text.replace('Last updated', 'A new line.\nLast updated');
    expect(applyEdits(shifted, plan.edits).applied.filter((e) => e.start !== e.end)).toEqual([]);
  });

  it('a table editor whose line index disagrees with the parser (a lone CR read as no line break) plans edits the splice check refuses', () => {
    const text = `# Status Tracker\n\n\`\`\`\nepoch 1 10%\rEpoch 1 20%\n\`\`\`\n\n## Active Remote Jobs\n\n${header}| 1000200 | a | 1x RTX 4090 | 🟢 Running | [w](https://wandb.ai/r) | $0.50/hr | Alice's note |\n| 1000201 | b | 1x RTX 4090 | 🟢 Running | — | $0.50/hr | y |\n`;
    const doc = parseDocument(text, 'status-tracker.md', 'tracker', modelOptions);
    const table = doc.tables.find((t) => t.raw.header.cells[0]?.text === 'Instance ID')!.raw;
    // The old line splitting (on \n only), with the same offsets: every line after the CR is one off.
    const skewed = new LineIndex(text.replace(/\r(?!\n)/g, 'X'));
    const rows = table.rows.map((r) => ({ ...r, start: skewed.lineStart(r.line), end: skewed.lineEnd(r.line), cells: splitRow(text, skewed.lineStart(r.line), skewed.lineEnd(r.line)).map((c) => ({ ...c, source: text.slice(c.start, c.end), text: text.slice(c.start, c.end), links: [] })) }));
    const editor = new TableEditor(text, skewed, { ...table, rows });
    editor.setCell(1, 3, '🔴 Stopped');
    editor.deleteRow(0);
    const result = applyEdits(text, editor.edits());
    expect(result.applied).toEqual([]);
    expect(result.mismatched.length).toBe(2);
    // With the parser's own line index, the same edits land.
    const right = new TableEditor(text, doc.lines, table);
    right.setCell(1, 3, '🔴 Stopped');
    expect(applyEdits(text, right.edits()).text).toContain('| 1000201 | b | 1x RTX 4090 | 🔴 Stopped |');
  });

  it('a lone CR above the table: sync edits the right row (the running job with its W&B link and note stays where it is)', () => {
    const text = `# Status Tracker\n\nLast updated: 2026-11-01\n\n\`\`\`\nepoch 1 10%\rEpoch 1 20%\n\`\`\`\n\n## Active Remote Jobs\n\n${header}| 1000200 | a | 1x RTX 4090 | 🟢 Running | [w](https://wandb.ai/r) | $0.50/hr | Alice's note |\n| 1000201 | b | 1x RTX 4090 | 🟢 Running | — | $0.50/hr | y |\n`;
    const { dir, cleanup } = tempTree({ 'status-tracker.md': text, 'i.json': JSON.stringify([running(1000200), running(1000201, { actual_status: 'stopped' })]) });
    const r = runCli(['sync', 'status-tracker.md', '--vastai-json', 'i.json', '--no-state'], { cwd: dir, env: { TRACKDOCS_TODAY: TODAY } });
    const after = readFileSync(join(dir, 'status-tracker.md'), 'utf8');
    expect(r.code, r.stderr).toBe(0);
    expect(after).toContain("| 1000200 | a | 1x RTX 4090 | 🟢 Running | [w](https://wandb.ai/r) | $0.50/hr | Alice's note |");
    expect(after).toMatch(/\| 1000201 \| b \| 1x RTX 4090 \| \S+ Stopped \|/);
    expect(after).not.toContain('Past Remote Jobs');
    expect(after.replace(/🔴 Stopped/, '🟢 Running').replace('Last updated: 2026-12-01', 'Last updated: 2026-11-01')).toBe(text);
    writeFileSync(join(dir, 'status-tracker.md'), text);
    cleanup();
  });
});
