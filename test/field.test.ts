/**
 * Documents from the field (test/fixtures/field/, written for these tests after the patterns of
 * real trackers): every table, status, qualifier, task and section status is read, with the exact
 * values and positions that slice back to the source.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../src/model/parse.js';
import { detectKind } from '../src/model/detect.js';
import type { DocumentModel, TableModel, TaskModel, ChecklistSection } from '../src/model/types.js';
import { modelOptions, projectRoot, runCli, tempTree, lintText, checkPositions } from './helpers.js';

const fieldDir = join(projectRoot, 'test', 'fixtures', 'field');
const read = (name: string) => readFileSync(join(fieldDir, name), 'utf8');

const model = (name: string, kind = detectKind(name, read(name))) => parseDocument(read(name), name, kind, modelOptions).model;
const tablesOf = (m: DocumentModel): TableModel[] => m.tables;
const rowsOf = (t: TableModel) => t.rows.map((r) => [r.key ?? null, r.status ?? null, r.qualifier ?? null]);

describe('a status dashboard with tables of every shape', () => {
  const text = read('dashboard.md');

  it('exports every table, with its section, key, status column and rows, through the CLI', () => {
    const r = runCli(['export', 'test/fixtures/field/dashboard.md']);
    expect(r.code).toBe(0);
    const { kind, model: m } = (JSON.parse(r.stdout) as { kind: string; model: DocumentModel }[])[0]!;
    expect(kind).toBe('markdown');
    const tables = tablesOf(m);
    expect(tables.map((t) => [t.section.at(-1), t.key ?? null, t.statusColumn ?? null, t.vocabulary ?? null, t.container ?? null])).toEqual([
      ['Features', 'Feature', 'Status', 'progress', null],
      ['Experiments', 'Exp ID', 'Status', 'progress', null],
      ['Cluster', 'Job ID', 'Status', 'job', null],
      ['Cluster', 'Node', null, null, null],
      ['Budget', 'Phase', 'Status', 'progress', null],
      ['Budget', 'Item', null, null, null],
      ['Budget', 'Quote', 'Status', 'progress', 'blockquote'],
      ['Budget', 'Step', 'State', 'progress', 'list'],
      ['Odds and ends', 'Check', null, null, null],
      ['Odds and ends', null, null, null, null],
      ['Odds and ends', 'Model', 'Status', 'progress', null],
      ['Odds and ends', 'Milestone', null, null, null],
      ['Odds and ends', 'Task', 'Status', 'progress', null],
    ]);
    expect(tables.every((t) => t.kind === 'generic' && t.section[0] === 'Lab dashboard')).toBe(true);
    expect(rowsOf(tables[0]!)).toEqual([
      ['Tokenizer v2', 'complete', null],
      ['Packed sequences', 'complete', null],
      ['Flash attention', 'complete', 'PR #113'],
      ['Eval harness', 'in-progress', null],
      // The document's legend says ⏸️ is Pending, not Paused.
      ['RLHF stage', 'not-started', null],
      ['Long context', 'paused', null],
    ]);
    expect(rowsOf(tables[1]!)).toEqual([
      ['E-101', 'complete', '100%'],
      ['E-102', 'in-progress', 'v1'],
      ['E-103', 'complete', null],
      ['E-104', 'blocked', 'OOM'],
    ]);
    expect(rowsOf(tables[2]!)).toEqual([
      ['88121', 'running', 'QUEUED'],
      ['88122', 'starting', null],
      ['88123', 'done', 'archived'],
    ]);
    expect(rowsOf(tables[4]!)).toEqual([
      ['P1', 'complete', null],
      ['P2', 'in-progress', null],
    ]);
    expect(rowsOf(tables[10]!)).toEqual([
      ['tiny', 'complete', null],
      ['small', 'in-progress', null],
    ]);
    // A status a person wrote in their own words is kept, unread, and no finding is made of it.
    expect(rowsOf(tables[12]!)).toEqual([['Port eval', null, null]]);
    // Cells beyond the header are kept; an escaped pipe inside code stays in its cell.
    expect(tables[3]!.rows[1]!.overflow?.map((c) => c.source)).toEqual(['reserved for evals']);
    expect(tables[8]!.rows[0]!.cells.Command!.source).toBe('`ruff check \\| tee lint.log`');
    expect(tables[6]!.rows[0]!.cells.Status!.source).toBe('🟡 In progress');
    expect(checkPositions(text, m)).toBeGreaterThan(100);
  });

  it('lints with one finding only: the row with a cell beyond its header', () => {
    expect(lintText(text, 'markdown').map((d) => [d.ruleId, d.line])).toEqual([['table/cell-count', 38]]);
  });
});

describe('a jobs table with qualifiers and no cost column', () => {
  const name = 'qualifiers.status-tracker.md';

  it('reads `🟡 Running (v1)` and `🟢 Running (v2)` as running, with their qualifiers', () => {
    const m = model(name);
    expect(m.kind).toBe('tracker');
    if (m.kind !== 'tracker') return;
    expect(m.jobs!.rows.map((r) => [r.key, r.status, r.qualifier])).toEqual([
      ['28000001', 'running', 'v1'],
      ['28000002', 'running', 'v2'],
    ]);
    expect(checkPositions(read(name), m)).toBeGreaterThan(10);
  });

  it('lints clean through the CLI', () => {
    const r = runCli(['lint', `test/fixtures/field/${name}`, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
  });
});

describe('statuses in headings and bullets', () => {
  const name = 'headings.roadmap.md';
  const text = read(name);

  it('reads status, percentage and counts, with positions', () => {
    const m = model(name);
    expect(m.kind).toBe('roadmap');
    const sections = (m as { sections: ChecklistSection[] }).sections;
    const statuses = sections.map((s) => [s.title.value, s.status ? { ...s.status, position: undefined } : null]);
    expect(statuses).toEqual([
      ['Phase 0: Foundation (2 weeks) ✅ 100%', { status: 'complete', progress: 100, source: 'Phase 0: Foundation (2 weeks) ✅ 100%', position: undefined }],
      ['Phase 1 (MVP) — ✅ COMPLETED', { status: 'complete', source: 'Phase 1 (MVP) — ✅ COMPLETED', position: undefined }],
      ['Phase 2: Stages', null],
      ['3.1 Stage Selection (3/7 complete - 43%)', { progress: 43, done: 3, total: 7, source: '3.1 Stage Selection (3/7 complete - 43%)', position: undefined }],
      ['Serving', { status: 'in-progress', source: '🟡 Running', position: undefined }],
    ]);
    expect(sections.map((s) => [s.done, s.total])).toEqual([[2, 2], [1, 1], [0, 0], [3, 7], [0, 0]]);
    const serving = sections[4]!.status!;
    expect(text.slice(serving.position.start.offset, serving.position.end.offset)).toBe('🟡 Running');
    expect(checkPositions(text, m)).toBeGreaterThan(10);
  });

  it('lints clean: the counts agree with the tasks', () => {
    expect(lintText(text, 'roadmap')).toEqual([]);
  });

  it('reports a heading whose count disagrees with the tasks under it', () => {
    const wrong = text.replace('(3/7 complete - 43%)', '(4/7 complete - 57%)');
    expect(lintText(wrong, 'roadmap').map((d) => [d.ruleId, d.line])).toEqual([['progress/count-mismatch', 14]]);
  });
});

describe('check marks, legends, details blocks and state headings', () => {
  const name = 'marks.notes.md';
  const text = read(name);
  const flat = (tasks: TaskModel[], depth = 0): [number, string, string, string | null][] =>
    tasks.flatMap((t) => [[depth, t.text, t.state, t.mark] as [number, string, string, string | null], ...flat(t.children, depth + 1)]);

  it('reads every task in a plain markdown file, with its state', () => {
    const m = model(name);
    expect(m.kind).toBe('markdown');
    if (m.kind !== 'markdown') return;
    expect(m.checklists.map((c) => [c.title.value, ...flat(c.tasks)])).toEqual([
      [
        'Sprint notes',
        [0, 'Write the data card', 'done', 'x'],
        [0, 'Train the 1B model', 'in-progress', '/'],
        [1, 'Warm-up run', 'done', '✓'],
        [1, 'First full run (diverged)', 'failed', '✗'],
        [1, 'Second full run', 'partial', '~'],
        [0, 'Port to JAX', 'cancelled', '-'],
        [0, 'Multi-node tests', 'not-applicable', 'N/A'],
        // `[?]` is not a check mark of its own; the document's legend makes it one.
        [0, 'Licence review', 'failed', '?'],
        [0, 'Old baseline', 'done', 'x'],
        [0, 'Old eval', 'done', '✔'],
      ],
      ['Completed', [0, 'Set up CI', 'done', null], [0, 'Pin CUDA 12.4', 'done', null]],
      ['已完成 ✅', [0, '数据清洗', 'done', null]],
      ['🚧 In Progress', [0, 'Distillation', 'in-progress', null]],
    ]);
    // Issue references are notes, not tasks; cancelled and not-applicable tasks do not count.
    expect(m.checklists[0]!.notes.map((n) => n.text)).toContain('[#40] Follow-up from the review (an issue reference, not a task)');
    expect([m.checklists[0]!.done, m.checklists[0]!.total]).toEqual([4, 8]);
    expect(checkPositions(text, m)).toBeGreaterThan(20);
  });

  it('a file that is mostly checkboxes is a TODO list', () => {
    expect(detectKind('notes/plan.md', '# Plan\n\n- [ ] a\n- [x] b\n- [/] c\n- [ ] d\n')).toBe('todo');
    expect(detectKind('notes/plan.md', '# Plan\n\nSome prose.\n\nMore prose.\n\nEven more.\n\n- [ ] a\n- [x] b\n- [ ] c\n\nAnd prose.\n')).toBe('markdown');
  });
});

describe('front matter and templates', () => {
  it('reads front matter as metadata with positions, and its last_updated as the Last updated', () => {
    const name = 'front-matter.md';
    const text = read(name);
    const m = parseDocument(text, name, 'tracker', modelOptions).model;
    if (m.kind !== 'tracker') throw new Error('expected a tracker');
    expect(m.frontMatter!.data).toEqual({ title: 'Diffusion project status', last_updated: '2026-11-20', owners: ['ana', 'bo'] });
    expect(m.lastUpdated!.value).toBe('2026-11-20');
    expect(m.lastUpdated!.position.start).toEqual({ line: 3, column: 15, offset: 50 });
    expect(text.slice(m.lastUpdated!.position.start.offset, m.lastUpdated!.position.end.offset)).toBe('2026-11-20');
    // The YAML is not a heading: the first section is the real title.
    expect(m.sections[0]!.title).toBe('Diffusion project status');
    expect(m.jobs!.rows[0]!.status).toBe('running');
    expect(lintText(text, 'tracker')).toEqual([]);
  });

  it('sync updates the front matter date, not a line elsewhere', () => {
    const { dir, cleanup } = tempTree({ 'docs/status-tracker.md': read('front-matter.md'), 'vast.json': JSON.stringify([{ id: 28000010, label: 'sd-finetune', actual_status: 'exited', gpu_name: 'A100', num_gpus: 1, dph_total: 1.1 }]), '.git/HEAD': '' });
    try {
      const r = runCli(['sync', 'docs/status-tracker.md', '--vastai-json', 'vast.json', '--no-state'], { cwd: dir });
      expect(r.stderr).toBe('');
      const after = readFileSync(join(dir, 'docs/status-tracker.md'), 'utf8');
      expect(after).toBe(read('front-matter.md').replace('last_updated: 2026-11-20', 'last_updated: 2026-11-25').replace('🟢 Running', '⏹ Exited'));
    } finally {
      cleanup();
    }
  });

  it('a document under templates/ is a template: read like a tracker, no placeholder findings', () => {
    const kind = detectKind('templates/tracker.md', read('templates/tracker.md'));
    expect(kind).toBe('template');
    expect(detectKind('docs/x.md', '# Status Tracker Template\n')).toBe('template');
    const m = parseDocument(read('templates/tracker.md'), 'templates/tracker.md', kind, modelOptions).model;
    expect(m.kind).toBe('template');
    expect(lintText(read('templates/tracker.md'), kind)).toEqual([]);
  });
});

describe('user-declared table kinds (collections)', () => {
  const config = `tables:
  slurm-jobs:
    title: Slurm jobs
    headers: [Job ID, Status]
    key: job
    columns:
      job: { aliases: [Job ID], type: text, pattern: "^[0-9]+$" }
      config: { aliases: [Config], type: text }
      status:
        type: status
        vocabulary:
          running: { emoji: ["🟢"], words: [RUNNING] }
          queued: { emoji: ["⏳"], words: [QUEUED, PENDING] }
          failed: { emoji: ["❌"], words: [FAILED] }
          completed: { emoji: ["✅"], words: [COMPLETED] }
  experiments:
    headings: [Experiments, "/^exp(eriment)?s? log$/i"]
    key: id
    columns:
      id: { aliases: [ID, Exp], required: true }
      accuracy: { aliases: [Acc, Accuracy], type: percent }
      started: { aliases: [Started], type: date }
      cost: { aliases: [Cost], type: money-per-hour }
      split: { aliases: [Split], type: enum, values: [train, val, test] }
      state: { aliases: [State], type: status, vocabulary: progress }
`;
  const doc = `# Cluster notes

## Queue

| Job ID | Config | Status |
|--------|--------|--------|
| 9001 | base.yaml | 🟢 RUNNING |
| 9002 | lr.yaml | ⏳ QUEUED |
| 9002 | wd.yaml | SLEEPING |
| x9 | bad.yaml | ❌ FAILED (node died) |

## Exp log

| ID | Acc | Started | Cost | Split | State |
|----|-----|---------|------|-------|-------|
| e1 | 41% | 2026-11-02 | $0.40/hr | val | ✅ Done |
| e2 | 140% | Nov 3 | 40c | dev | 🟡 In progress |
`;

  it('types the tables, exports their rows, and the same rules check them', () => {
    const { dir, cleanup } = tempTree({ 'docs.config.yaml': config, 'notes.md': doc, '.git/HEAD': '' });
    try {
      const exported = runCli(['export', 'notes.md'], { cwd: dir });
      expect(exported.stderr).toBe('');
      const m = (JSON.parse(exported.stdout) as { model: DocumentModel }[])[0]!.model;
      expect(m.tables.map((t) => [t.kind, t.key, t.statusColumn])).toEqual([
        ['slurm-jobs', 'job', 'status'],
        ['experiments', 'id', 'state'],
      ]);
      expect(m.tables[0]!.rows.map((r) => [r.key, r.status, r.qualifier ?? null])).toEqual([
        ['9001', 'running', null],
        ['9002', 'queued', null],
        ['9002', null, null],
        ['x9', 'failed', 'node died'],
      ]);
      const lint = runCli(['lint', 'notes.md', '--format', 'json'], { cwd: dir });
      expect(lint.code).toBe(1);
      const found = (JSON.parse(lint.stdout) as { ruleId: string; line: number; actual?: string }[]).map((d) => [d.ruleId, d.line, d.actual ?? null]);
      expect(found).toEqual([
        ['table/duplicate-key', 9, '9002'],
        ['status/unknown', 9, 'SLEEPING'],
        ['cell/format', 10, 'x9'],
        ['progress/range', 17, '140%'],
        ['cell/format', 17, 'Nov 3'],
        ['cell/format', 17, '40c'],
        ['cell/format', 17, 'dev'],
      ]);
    } finally {
      cleanup();
    }
  });

  it('a declaration without a key or columns is a config error that says what to add', () => {
    const { dir, cleanup } = tempTree({ 'docs.config.yaml': 'tables:\n  runs:\n    headings: [Runs]\n', 'notes.md': '# x\n', '.git/HEAD': '' });
    try {
      const r = runCli(['lint', 'notes.md'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('tables.runs: a table kind of your own needs `columns`');
    } finally {
      cleanup();
    }
  });
});


describe('sync writes in the person\'s terms', () => {
  const syncIn = (tracker: string, instances: object[]) => {
    const { dir, cleanup } = tempTree({ 'docs/status-tracker.md': tracker, 'vast.json': JSON.stringify(instances), '.git/HEAD': '' });
    try {
      const r = runCli(['sync', '--vastai-json', 'vast.json', '--no-state'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const once = readFileSync(join(dir, 'docs/status-tracker.md'), 'utf8');
      const again = runCli(['sync', '--vastai-json', 'vast.json', '--no-state'], { cwd: dir });
      expect(again.stdout).toContain('in sync');
      return once;
    } finally {
      cleanup();
    }
  };

  it('keeps qualifiers, leaves equal GPUs and costs alone, and writes new rows like the others', () => {
    const before = read('conventions.status-tracker.md');
    const after = syncIn(before, JSON.parse(read('conventions.vastai.json')));
    expect(after).toBe(
      before
        .replace('Last updated: 2026-11-20', 'Last updated: 2026-11-25')
        .replace('🟢 Running (v2)', '⏹ Exited (v2)')
        .replace('| second try |\n', '| second try |\n| 28000003 | ablate-c | RTX 4090 | 🟢 Running | — | $0.520/hr | — |\n')
        .replace('$0.70/hr', '$1.22/hr'),
    );
  });

  it('follows a table that writes statuses in capitals without emoji, and GPU counts as a prefix', () => {
    const before = `# Status Tracker

Last updated: 2026-11-20

## Active Remote Jobs

| Instance ID | GPU | Status | Notes |
|---|---|---|---|
| 28000001 | 2x A100 | RUNNING | **keep** me |
`;
    const after = syncIn(before, [
      { id: 28000001, actual_status: 'exited', gpu_name: 'A100 SXM4 80GB', num_gpus: 2, dph_total: 2.2 },
      { id: 28000002, actual_status: 'running', gpu_name: 'H100', num_gpus: 1, dph_total: 2.5 },
    ]);
    expect(after).toBe(
      before
        .replace('2026-11-20', '2026-11-25')
        .replace('| 2x A100 | RUNNING |', '| 2x A100 | EXITED |')
        .replace('me |\n', 'me |\n| 28000002 | 1x H100 | RUNNING | — |\n'),
    );
  });
});

describe('front matter is only front matter', () => {
  it('a document that opens with a thematic break keeps its heading', () => {
    const text = '---\n# Weekly status\n\nAll good.\n\n---\n\n## Jobs\n';
    const m = parseDocument(text, 'notes.md', 'markdown', modelOptions).model;
    expect(m.frontMatter).toBeUndefined();
    expect(m.sections.map((s) => s.title)).toEqual(['Weekly status', 'Jobs']);
  });

  it('front matter that is not valid YAML is reported in the model and still not read as markdown', () => {
    const text = '---\ntitle: [unclosed\n---\n# Plan\n';
    const m = parseDocument(text, 'notes.md', 'markdown', modelOptions).model;
    expect(m.frontMatter!.error).toMatch(/\S/);
    expect(m.sections.map((s) => s.title)).toEqual(['Plan']);
  });
});
