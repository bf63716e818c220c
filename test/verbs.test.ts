/**
 * The agents' verbs through the real bin, on the reference tracker, TODO list and roadmap: each
 * write changes only the lines of the touched rows, tasks and entries plus Last updated, and the
 * result re-lints with no new finding. Refusals (unknown status with did-you-mean, duplicate key,
 * ambiguous task) write nothing; --expect and --if-match conflicts exit 3.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffLines } from 'diff';
import { runCli, tempTree, projectRoot, TODAY } from './helpers.js';

const fixture = (p: string) => readFileSync(join(projectRoot, 'test/fixtures', p));
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function workspace() {
  const t = tempTree({
    'docs/status-tracker.md': fixture('status-tracker.example.md'),
    'TODO.md': fixture('TODO.example.md'),
    'ROADMAP.md': fixture('ROADMAP.example.md'),
    'jobs/status-tracker.md': fixture('vastai/status-tracker.md'),
  });
  cleanups.push(t.cleanup);
  const read = (p: string) => readFileSync(join(t.dir, p), 'utf8');
  const run = (args: string[], input?: string) => runCli(args, { cwd: t.dir, input });
  return { dir: t.dir, read, run };
}

/** Lines removed and added between two texts. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffLines(before, after)) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    if (part.removed) removed.push(...lines);
    if (part.added) added.push(...lines);
  }
  return { removed, added };
}

/** Rule ids of the findings lint reports, counted. */
function findings(run: (a: string[]) => { stdout: string }, file: string): Map<string, number> {
  const out = JSON.parse(run(['lint', file, '--format', 'json']).stdout) as { ruleId: string }[];
  const counts = new Map<string, number>();
  for (const d of out) counts.set(d.ruleId, (counts.get(d.ruleId) ?? 0) + 1);
  return counts;
}

function expectNoNewFindings(before: Map<string, number>, after: Map<string, number>) {
  for (const [rule, n] of after) expect(n, `new ${rule} finding`).toBeLessThanOrEqual(before.get(rule) ?? 0);
}

const tracker = 'docs/status-tracker.md';

describe('trackdocs set', () => {
  it('writes a status in the table\'s spelling and a progress, changing only that row and Last updated; re-lints with no new finding', () => {
    const w = workspace();
    const before = w.read(tracker);
    const lint0 = findings(w.run, tracker);
    const r = w.run(['set', 'milestones', 'M3', 'status=in progress', 'progress=10', '--file', tracker]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('M3 (CRATE)');
    const after = w.read(tracker);
    expect(changedLines(before, after)).toEqual({
      removed: ['Last updated: 2026-01-05', '| M3 (CRATE) | âšª Not Started | 0% | |'],
      added: [`Last updated: ${TODAY}`, '| M3 (CRATE) | 🟡 In Progress | 10% | |'],
    });
    expectNoNewFindings(lint0, findings(w.run, tracker));
  });

  it('finds the table by its heading, and keeps the person\'s qualifier', () => {
    const w = workspace();
    const path = 'jobs/status-tracker.md';
    w.run(['set', 'Active Remote Jobs', '28491023', 'notes=30 epochs (v2)', '-f', path]);
    let r = w.run(['set', 'Active Remote Jobs', '28491023', 'status=running (v2)', '-f', path]);
    expect(r.code).toBe(0);
    expect(w.read(path)).toContain('| 28491023 | step2-ema-rate | 1x RTX 4090 | 🟢 Running (v2) |');
    r = w.run(['set', 'jobs', '28491023', 'status=stopped', '-f', path]);
    expect(r.code).toBe(0);
    // The qualifier stays; the sync-owned column gets a note.
    expect(w.read(path)).toMatch(/\| 28491023 \| step2-ema-rate \| 1x RTX 4090 \| \S+ Stopped \(v2\) \|/);
    expect(r.stderr).toContain('note: Status is a column `trackdocs sync` owns');
  });

  it('refuses an unknown status with did-you-mean, an unknown row or column, and writes nothing (exit 2)', () => {
    const w = workspace();
    const before = w.read(tracker);
    let r = w.run(['set', 'milestones', 'M1', 'status=compleet', '-f', tracker]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Did you mean "complete"');
    r = w.run(['set', 'milestones', 'M9', 'status=done', '-f', tracker, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    r = w.run(['set', 'milestones', 'M1', 'staus=done', '-f', tracker]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Did you mean "status"');
    r = w.run(['set', 'milestoens', 'M1', 'status=done', '-f', tracker]);
    expect(r.stderr).toContain('Did you mean "milestones"');
    r = w.run(['set', 'milestones', 'M1', 'progress=lots', '-f', tracker]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Progress "lots" is not valid');
    expect(w.read(tracker)).toBe(before);
  });

  it('--expect and --if-match: a stale expectation exits 3 and writes nothing; a current one writes', () => {
    const w = workspace();
    const before = w.read(tracker);
    let r = w.run(['set', 'steps', 'Step 3', 'status=done', '--expect', 'status=in progress', '-f', tracker]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('not "in progress" as expected');
    const got = JSON.parse(w.run(['get', 'steps', 'Step 3', '-f', tracker, '--json']).stdout);
    expect(got.rows[0]).toMatchObject({ key: 'Step 3 - CRATE Integration', status: 'not-started' });
    r = w.run(['set', 'steps', 'Step 3', 'status=done', '--if-match', '0000000000000000', '-f', tracker, '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, exit: 3, error: { kind: 'conflict', current: got.version } });
    expect(w.read(tracker)).toBe(before);
    r = w.run(['set', 'steps', 'Step 3', 'status=done', '--if-match', got.version, '--expect', 'status=pending', '-f', tracker, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.files[0]).toMatchObject({ versionBefore: got.version, written: true });
    expect(JSON.parse(w.run(['get', 'steps', 'Step 3', '-f', tracker, '--json']).stdout).version).toBe(out.files[0].version);
  });

  it('--dry-run prints the diff and writes nothing; a set that changes nothing writes nothing (not even Last updated)', () => {
    const w = workspace();
    const before = w.read(tracker);
    let r = w.run(['set', 'milestones', 'M1', 'progress=96', '--dry-run', '-f', tracker]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('-| M1 (Baseline) | ğŸŸ¡ In Progress | 95% |');
    expect(r.stdout).toContain('+| M1 (Baseline) | ğŸŸ¡ In Progress | 96% |');
    expect(r.stdout).toContain(`+Last updated: ${TODAY}`);
    r = w.run(['set', 'milestones', 'M1', 'status=in progress', 'progress=95%', '-f', tracker]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('unchanged');
    expect(w.read(tracker)).toBe(before);
  });
});

describe('trackdocs add and rm', () => {
  it('adds a row where the keys\' order puts it, in the table\'s style; refuses a duplicate', () => {
    const w = workspace();
    const before = w.read(tracker);
    const lint0 = findings(w.run, tracker);
    let r = w.run(['add', 'milestones', 'milestone=M7 (Release)', 'status=not started', 'progress=0', '-f', tracker]);
    expect(r.code).toBe(0);
    const after = w.read(tracker);
    expect(changedLines(before, after).added).toEqual([`Last updated: ${TODAY}`, '| M7 (Release) | ⚪ Not Started | 0% |  |']);
    expect(after.indexOf('| M7 (Release)')).toBeGreaterThan(after.indexOf('| M6 (Local)'));
    expectNoNewFindings(lint0, findings(w.run, tracker));
    r = w.run(['add', 'milestones', 'milestone=M7 (Release)', 'status=done', '-f', tracker]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already has a row M7 (Release)');
  });

  it('adds a job row in the style of the jobs table, and creates the section from the template when it is missing', () => {
    const w = workspace();
    const path = 'jobs/status-tracker.md';
    let r = w.run(['add', 'jobs', 'instance=28491050', 'label=exp-c', 'gpu=1x A100', 'status=running', 'cost=$1.10/hr', '-f', path]);
    expect(r.code).toBe(0);
    expect(w.read(path)).toContain('| 27000000 | old-sweep | 1x RTX 3060 | 🟢 Running | [abc](https://wandb.ai/k/s/runs/abc) | $0.10/hr | lr sweep; results in `logs/sweep.json` |\n| 28491050 | exp-c | 1x A100 | 🟢 Running |  | $1.10/hr |  |\n');
    // The reference tracker has no Active Remote Jobs: the section comes from the template.
    r = w.run(['add', 'jobs', 'instance=30000001', 'status=starting', '-f', tracker]);
    expect(r.code).toBe(0);
    const text = w.read(tracker);
    expect(text).toMatch(/## Active Remote Jobs\n\n(?:.*\n\n)?\| Instance ID \| Label \| GPU \| Status \| W&B Run \| Est\. Cost \| Notes \|\n\|[-|]+\|\n\| 30000001 \| {2}\| {2}\| 🟡 Starting \|/);
    expect(text.indexOf('## Active Remote Jobs')).toBeLessThan(text.indexOf('## Milestone Status'));
  });

  it('rm moves a job to Past Remote Jobs and removes any other row, printing it', () => {
    const w = workspace();
    const path = 'jobs/status-tracker.md';
    let r = w.run(['rm', 'jobs', '27000000', '-f', path]);
    expect(r.code).toBe(0);
    const text = w.read(path);
    const past = text.slice(text.indexOf('## Past Remote Jobs'));
    expect(past).toContain('| 27000000 | old-sweep | 1x RTX 3060 |');
    expect(text.slice(0, text.indexOf('## Past Remote Jobs'))).not.toContain('27000000');
    const before = w.read(tracker);
    r = w.run(['rm', 'steps', 'Step 6', '-f', tracker]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| Step 6 - Local Learning | âšª Pending | |');
    expect(changedLines(before, w.read(tracker)).removed).toEqual(['Last updated: 2026-01-05', '| Step 6 - Local Learning | âšª Pending | |']);
  });
});

describe('trackdocs log', () => {
  it('adds a bullet under an existing date, and a new date heading newest-first', () => {
    const w = workspace();
    const before = w.read(tracker);
    const lint0 = findings(w.run, tracker);
    let r = w.run(['log', 'Re-ran the probe on the paper split', '--date', '2026-01-03', '-f', tracker]);
    expect(r.code).toBe(0);
    const mid = w.read(tracker);
    const c = changedLines(before, mid);
    expect(c.added).toEqual([`Last updated: ${TODAY}`, '- Re-ran the probe on the paper split']);
    expect(mid.indexOf('- Re-ran the probe')).toBeGreaterThan(mid.indexOf('### 2026-01-03'));
    expect(mid.indexOf('- Re-ran the probe')).toBeLessThan(mid.indexOf('### 2026-01-02'));
    r = w.run(['log', 'Launched exp-b', '-f', tracker]);
    expect(r.code).toBe(0);
    const after = w.read(tracker);
    expect(after).toContain(`## Recent Work\n\n### ${TODAY}\n- Launched exp-b\n\n### 2026-01-05\n`);
    expectNoNewFindings(lint0, findings(w.run, tracker));
  });
});

describe('trackdocs done', () => {
  it('ticks a TODO task by a backticked path; an ambiguous name lists the candidates; --undo reopens', () => {
    const w = workspace();
    const before = w.read('TODO.md');
    let r = w.run(['done', 'data/raw/', '-f', 'TODO.md']);
    expect(r.code).toBe(0);
    expect(changedLines(before, w.read('TODO.md'))).toEqual({ removed: ['  - [ ] Acquire RefinedWeb + supplement corpora under `data/raw/`.'], added: ['  - [x] Acquire RefinedWeb + supplement corpora under `data/raw/`.'] });
    // Every subtask of Data Engineering is now done: said, not done without --cascade.
    expect(r.stderr).toContain('every subtask of "Data Engineering" (line 4) is now done');
    r = w.run(['done', 'pilot', '-f', 'TODO.md']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/matches \d+ tasks/);
    expect(r.stderr).toContain('TODO.md:16 Run pilot');
    r = w.run(['done', 'data/raw/', '--undo', '-f', 'TODO.md']);
    expect(r.code).toBe(0);
    expect(w.read('TODO.md')).toBe(before);
  });

  it('--cascade ticks the parent on the roadmap; the result re-lints with no new finding', () => {
    const w = workspace();
    const before = w.read('ROADMAP.md');
    const lint0 = findings(w.run, 'ROADMAP.md');
    for (const task of ['Gitignore-aware rsync']) expect(w.run(['done', task]).code).toBe(0);
    const r = w.run(['done', 'Incremental sync', '--cascade']);
    expect(r.code).toBe(0);
    const c = changedLines(before, w.read('ROADMAP.md'));
    expect(c.added).toEqual(['- [x] Code sync', '  - [x] Gitignore-aware rsync', '  - [x] Incremental sync']);
    expectNoNewFindings(lint0, findings(w.run, 'ROADMAP.md'));
  });
});

describe('trackdocs apply', () => {
  it('applies every operation as one write, or none of them', () => {
    const w = workspace();
    const before = w.read(tracker);
    const ops = [
      { op: 'set', table: 'milestones', key: 'M1', values: { status: 'done', progress: '100' } },
      { op: 'log', text: 'M1 done', date: '2026-01-06' },
      { op: 'set', table: 'steps', key: 'Step 3', values: { status: 'bogus' } },
    ];
    let r = w.run(['apply', '-f', tracker, '--json'], JSON.stringify(ops));
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(w.read(tracker)).toBe(before);
    r = w.run(['apply', '-f', tracker], JSON.stringify(ops.slice(0, 2)));
    expect(r.code).toBe(0);
    const after = w.read(tracker);
    expect(after).toContain('| M1 (Baseline) | ✅ Complete | 100% |');
    expect(after).toContain('### 2026-01-06\n- M1 done\n');
    r = w.run(['apply'], 'not json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('stdin is not JSON');
  });

  it('applies operations on the tracker and the TODO list: each document in one write; a refusal in either writes neither', () => {
    const w = workspace();
    const tracker0 = w.read(tracker);
    const todo0 = w.read('TODO.md');
    const files = ['-f', tracker, '-f', 'TODO.md'];
    let r = w.run(['apply', ...files], JSON.stringify([{ op: 'log', text: 'Acquired the corpora' }, { op: 'done', task: 'data/raw/' }, { op: 'done', task: 'no such task anywhere' }]));
    expect(r.code).toBe(2);
    expect(w.read(tracker)).toBe(tracker0);
    expect(w.read('TODO.md')).toBe(todo0);
    r = w.run(['apply', ...files, '--json'], JSON.stringify([{ op: 'log', text: 'Acquired the corpora' }, { op: 'done', task: 'data/raw/' }]));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files.map((f: { file: string; written: boolean }) => [f.file, f.written])).toEqual([[tracker, true], ['TODO.md', true]]);
    expect(w.read(tracker)).toContain(`### ${TODAY}\n- Acquired the corpora\n`);
    expect(w.read('TODO.md')).toContain('  - [x] Acquire RefinedWeb');
    r = w.run(['apply', ...files, '--if-match', '0123456789abcdef'], JSON.stringify([{ op: 'log', text: 'x' }, { op: 'done', task: 'data/raw/', undo: true }]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('touch several documents');
  });

  it('init writes Notes for Agents that name the verbs', () => {
    const t = tempTree({});
    cleanups.push(t.cleanup);
    expect(runCli(['init'], { cwd: t.dir }).code).toBe(0);
    const notes = readFileSync(join(t.dir, 'docs/status-tracker.md'), 'utf8').split('## Notes for Agents')[1]!;
    for (const verb of ['get', 'set', 'add', 'rm', 'log', 'done', 'apply']) expect(notes).toContain(`trackdocs ${verb}`);
    expect(notes).toContain('trackdocs mcp');
  });

  it('every verb has --help', () => {
    const w = workspace();
    for (const verb of ['get', 'set', 'add', 'rm', 'log', 'done', 'apply', 'mcp']) {
      const r = w.run([verb, '--help']);
      expect(r.code, verb).toBe(0);
      expect(r.stdout, verb).toContain(`Usage: trackdocs ${verb}`);
    }
  });
});
