/**
 * The merge core on documents people write: each case gives the base, the two sides' edits and
 * the exact merged text. (The git driver around it is tested in real repositories elsewhere.)
 */
import { describe, expect, it } from 'vitest';
import { mergeDocuments, mergeTwoWay } from '../src/merge/index.js';

const tracker = `# Status Tracker — vision-sweep

Last updated: 2025-12-20

## Active Remote Jobs

| Instance ID | Label | GPU | Status | Est. Cost | Notes |
|-------------|-------|-----|--------|-----------|-------|
| 1001 | train-a | 1x A100 | 🟢 Running (v1) | $0.40/hr | first pass |
| 1002 | eval-b | 1x RTX 4090 | 🟡 Starting | $0.30/hr | |

**Cost tracking**:
- Current hourly burn rate: $0.70/hr

## Step Status

- [ ] Step 1: prepare the shards
- [ ] Step 2: train the baseline
  - [ ] Step 2a: warm-up schedule
- [ ] Step 3: evaluate on the held-out set

## Recent Work

### 2025-12-20
- Set up the cluster image

### 2025-12-19
- Wrote the plan
`;

const edit = (text: string, ...pairs: [string, string][]) =>
  pairs.reduce((t, [from, to]) => {
    if (!t.includes(from)) throw new Error(`fixture edit: ${from} not found`);
    return t.replace(from, to);
  }, text);

const row1001 = '| 1001 | train-a | 1x A100 | 🟢 Running (v1) | $0.40/hr | first pass |';
const row1002 = '| 1002 | eval-b | 1x RTX 4090 | 🟡 Starting | $0.30/hr | |';

describe('merge by structure', () => {
  it('keeps the job rows both sides added at the end of the table, ours first', () => {
    const ours = edit(tracker, [row1002, `${row1002}\n| 1003 | ours-sweep | 1x A100 | 🟢 Running | $0.40/hr | |`]);
    const theirs = edit(tracker, [row1002, `${row1002}\n| 1004 | their-probe | 1x H100 | 🟡 Starting | $1.40/hr | |`]);
    const m = mergeDocuments(tracker, ours, theirs, { path: 'docs/status-tracker.md' });
    expect(m.conflicts).toEqual([]);
    expect(m.text).toBe(edit(tracker, [row1002, `${row1002}\n| 1003 | ours-sweep | 1x A100 | 🟢 Running | $0.40/hr | |\n| 1004 | their-probe | 1x H100 | 🟡 Starting | $1.40/hr | |`]));
  });

  it('merges different cells of one row, and the neighbouring rows each side changed', () => {
    const ours = edit(tracker, [row1001, row1001.replace('🟢 Running (v1)', '⏹ Exited (v1)')], [row1002, row1002.replace('🟡 Starting', '🟢 Running')]);
    const theirs = edit(tracker, [row1001, row1001.replace('first pass', 'loss spikes at 3k')]);
    const m = mergeDocuments(tracker, ours, theirs, { path: 'docs/status-tracker.md' });
    expect(m.conflicts).toEqual([]);
    expect(m.text).toBe(edit(tracker, [row1001, '| 1001 | train-a | 1x A100 | ⏹ Exited (v1) | $0.40/hr | loss spikes at 3k |'], [row1002, row1002.replace('🟡 Starting', '🟢 Running')]));
  });

  it('confines a cell set to two values to that row, each side showing the other side\'s other cells', () => {
    const ours = edit(tracker, [row1001, row1001.replace('🟢 Running (v1)', '⏹ Exited (v1)')], [row1002, row1002.replace('| |', '| queued behind 1001 |')]);
    const theirs = edit(tracker, [row1001, row1001.replace('🟢 Running (v1)', '⚫ Destroyed').replace('first pass', 'done')]);
    const m = mergeDocuments(tracker, ours, theirs, { path: 'docs/status-tracker.md' });
    expect(m.conflicts).toEqual([{ line: 9, what: 'row 1001, column status' }]);
    expect(m.text).toBe(
      edit(tracker, [
        `${row1001}\n${row1002}`,
        [
          '<<<<<<< ours',
          '| 1001 | train-a | 1x A100 | ⏹ Exited (v1) | $0.40/hr | done |',
          '=======',
          '| 1001 | train-a | 1x A100 | ⚫ Destroyed | $0.40/hr | done |',
          '>>>>>>> theirs',
          '| 1002 | eval-b | 1x RTX 4090 | 🟡 Starting | $0.30/hr | queued behind 1001 |',
        ].join('\n'),
      ]),
    );
  });

  it('deletes a row one side deleted and the other left alone; a row deleted against a change conflicts', () => {
    const ours = edit(tracker, [`${row1002}\n`, ''], [row1001, row1001.replace('first pass', 'second pass')]);
    const theirs = edit(tracker, [`${row1001}\n`, '']);
    const m = mergeDocuments(tracker, ours, theirs);
    expect(m.conflicts.map((c) => c.what)).toEqual(['row 1001: changed on our side, deleted on theirs']);
    expect(m.text).toContain(`<<<<<<< ours\n${row1001.replace('first pass', 'second pass')}\n=======\n>>>>>>> theirs\n\n**Cost`);
    expect(m.text).not.toContain('| 1002 |');

    const clean = mergeDocuments(tracker, edit(tracker, [`${row1002}\n`, '']), edit(tracker, [row1001, row1001.replace('first pass', 'second pass')]));
    expect(clean.conflicts).toEqual([]);
    expect(clean.text).toBe(edit(tracker, [`${row1001}\n${row1002}`, row1001.replace('first pass', 'second pass')]));
  });

  it('ticks different tasks, keeps tasks added under their parent, and merges a mark three-way', () => {
    const ours = edit(tracker, ['- [ ] Step 1', '- [x] Step 1'], ['  - [ ] Step 2a: warm-up schedule', '  - [ ] Step 2a: warm-up schedule\n  - [ ] Step 2b: cosine decay']);
    const theirs = edit(tracker, ['- [ ] Step 2: train', '- [/] Step 2: train'], ['  - [ ] Step 2a: warm-up schedule', '  - [x] Step 2a: warm-up schedule\n  - [ ] Step 2c: label smoothing']);
    const m = mergeDocuments(tracker, ours, theirs, { path: 'TODO.md' });
    expect(m.conflicts).toEqual([]);
    expect(m.text).toContain(
      '- [x] Step 1: prepare the shards\n- [/] Step 2: train the baseline\n  - [x] Step 2a: warm-up schedule\n  - [ ] Step 2b: cosine decay\n  - [ ] Step 2c: label smoothing\n- [ ] Step 3',
    );
  });

  it('conflicts on one task both sides marked differently, and nowhere else', () => {
    const ours = edit(tracker, ['- [ ] Step 3', '- [x] Step 3'], ['- [ ] Step 1', '- [x] Step 1']);
    const theirs = edit(tracker, ['- [ ] Step 3', '- [-] Step 3']);
    const m = mergeDocuments(tracker, ours, theirs);
    expect(m.conflicts).toHaveLength(1);
    expect(m.text).toContain('- [x] Step 1: prepare the shards\n');
    expect(m.text).toContain('<<<<<<< ours\n- [x] Step 3: evaluate on the held-out set\n=======\n- [-] Step 3: evaluate on the held-out set\n>>>>>>> theirs\n');
  });

  it('keeps both sides\' Recent Work entries for one date, and new dates newest first, with the later Last updated', () => {
    const ours = edit(tracker, ['### 2025-12-20\n', '### 2025-12-21\n- Ours: resumed from step 4k\n\n### 2025-12-20\n- Ours: checked the shards\n'], ['Last updated: 2025-12-20', 'Last updated: 2025-12-21']);
    const theirs = edit(tracker, ['### 2025-12-20\n', '### 2025-12-22\n- Theirs: launched the sweep\n\n### 2025-12-20\n- Theirs: fixed the tokenizer\n'], ['Last updated: 2025-12-20', 'Last updated: 2025-12-22']);
    const m = mergeDocuments(tracker, ours, theirs, { path: 'docs/status-tracker.md' });
    expect(m.conflicts).toEqual([]);
    expect(m.text).toContain('Last updated: 2025-12-22\n');
    expect(m.text.slice(m.text.indexOf('## Recent Work'))).toBe(
      '## Recent Work\n\n### 2025-12-22\n- Theirs: launched the sweep\n\n### 2025-12-21\n- Ours: resumed from step 4k\n\n### 2025-12-20\n- Ours: checked the shards\n- Theirs: fixed the tokenizer\n- Set up the cluster image\n\n### 2025-12-19\n- Wrote the plan\n',
    );
  });

  it('merges one new date both sides added into one heading', () => {
    const ours = edit(tracker, ['### 2025-12-20\n', '### 2025-12-21\n- Ours: resumed\n\n### 2025-12-20\n']);
    const theirs = edit(tracker, ['### 2025-12-20\n', '### 2025-12-21\n- Theirs: profiled\n\n### 2025-12-20\n']);
    const m = mergeDocuments(tracker, ours, theirs);
    expect(m.conflicts).toEqual([]);
    expect(m.text).toContain('### 2025-12-21\n- Ours: resumed\n- Theirs: profiled\n\n### 2025-12-20\n');
  });

  it('puts prose both sides rewrote between markers around the smallest hunk', () => {
    const base = 'Intro line\n\nShared one\nThe plan is A.\nShared two\n';
    const m = mergeDocuments(base, base.replace('plan is A', 'plan is B'), base.replace('plan is A', 'plan is C'));
    expect(m.text).toBe('Intro line\n\nShared one\n<<<<<<< ours\nThe plan is B.\n=======\nThe plan is C.\n>>>>>>> theirs\nShared two\n');
    expect(m.conflicts).toEqual([{ line: 4, what: 'lines' }]);
  });

  it('keeps each side\'s bytes: CRLF, padding and emoji', () => {
    const crlf = tracker.replace(/\n/g, '\r\n');
    const ours = edit(crlf, [row1002, `${row1002}\r\n|  1003  |  padded   | 1x A100 | 🟢 Running | $0.40/hr |  |`]);
    const theirs = edit(crlf, [row1002, `${row1002}\r\n| 1004 | emoji-✨ | 1x H100 | 🟡 Starting | $1.40/hr | 🚀 |`]);
    const m = mergeDocuments(crlf, ours, theirs);
    expect(m.conflicts).toEqual([]);
    expect(m.text).toBe(edit(crlf, [row1002, `${row1002}\r\n|  1003  |  padded   | 1x A100 | 🟢 Running | $0.40/hr |  |\r\n| 1004 | emoji-✨ | 1x H100 | 🟡 Starting | $1.40/hr | 🚀 |`]));
    // Markers take the document's line ending.
    const conflict = mergeDocuments(crlf, edit(crlf, ['Wrote the plan', 'Wrote plan A']), edit(crlf, ['Wrote the plan', 'Wrote plan B']));
    expect(conflict.text).toContain('<<<<<<< ours\r\n- Wrote plan A\r\n=======\r\n- Wrote plan B\r\n>>>>>>> theirs\r\n');
    expect(conflict.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('gives the other side exactly when one side changed nothing', () => {
    const ours = edit(tracker, ['- [ ] Step 1', '- [x] Step 1'], [row1002, `${row1002}\n| 1003 | x | 1x A100 | 🟢 Running | $0.40/hr | |`]);
    expect(mergeDocuments(tracker, ours, tracker).text).toBe(ours);
    expect(mergeDocuments(tracker, tracker, ours).text).toBe(ours);
    expect(mergeDocuments(tracker, ours, ours).text).toBe(ours);
  });

  it('conflicts when both sides rewrote one task differently (a replacement, not two tasks)', () => {
    const ours = edit(tracker, ['- [ ] Step 3: evaluate on the held-out set', '- [ ] Step 3: evaluate on the test set']);
    const theirs = edit(tracker, ['- [ ] Step 3: evaluate on the held-out set', '- [ ] Step 3: evaluate on both sets']);
    const m = mergeDocuments(tracker, ours, theirs);
    expect(m.conflicts).toHaveLength(1);
    expect(m.text).toContain('<<<<<<< ours\n- [ ] Step 3: evaluate on the test set\n=======\n- [ ] Step 3: evaluate on both sets\n>>>>>>> theirs\n');
  });

  it('uses the marker size and labels it is given, and the diff3 style', () => {
    const base = 'a\nb\nc\n';
    const m = mergeDocuments(base, 'a\nB1\nc\n', 'a\nB2\nc\n', { markerSize: 9, labels: { ours: 'HEAD', theirs: 'feature' }, conflictStyle: 'diff3' });
    expect(m.text).toBe('a\n<<<<<<<<< HEAD\nB1\n||||||||| base\nb\n=========\nB2\n>>>>>>>>> feature\nc\n');
  });

  it('adds a line ending before markers after a last line that had none', () => {
    const m = mergeDocuments('x\nlast', 'x\nlast ours', 'x\nlast theirs');
    expect(m.text).toBe('x\n<<<<<<< ours\nlast ours\n=======\nlast theirs\n>>>>>>> theirs\n');
  });
  it('takes the later date in front matter, and merges two tables of one section by their own keys', () => {
    const base = [
      '---',
      'title: Ablations',
      'last_updated: 2025-12-01',
      '---',
      '# Ablations',
      '',
      '## Runs',
      '',
      '| Run | Config | Result |',
      '| --- | --- | --- |',
      '| r1 | `base.yaml` | 71.2 |',
      '',
      '| Model | Params |',
      '| --- | --- |',
      '| tiny | 12M |',
      '',
    ].join('\n');
    const ours = edit(base, ['last_updated: 2025-12-01', 'last_updated: 2025-12-03'], ['| r1 | `base.yaml` | 71.2 |', '| r1 | `base.yaml` | 71.2 |\n| r2 | `wide.yaml` | 72.0 |'], ['| tiny | 12M |', '| tiny | 12M |\n| small | 40M |']);
    const theirs = edit(base, ['last_updated: 2025-12-01', 'last_updated: 2025-12-02'], ['| r1 | `base.yaml` | 71.2 |', '| r1 | `base.yaml` | 71.2 |\n| r3 | `deep.yaml` | 70.4 |'], ['| tiny | 12M |', '| tiny | 12M |\n| base | 110M |']);
    const m = mergeDocuments(base, ours, theirs, { path: 'docs/ablations.md' });
    expect(m.conflicts).toEqual([]);
    expect(m.text).toBe(
      edit(base, ['last_updated: 2025-12-01', 'last_updated: 2025-12-03'], ['| r1 | `base.yaml` | 71.2 |', '| r1 | `base.yaml` | 71.2 |\n| r2 | `wide.yaml` | 72.0 |\n| r3 | `deep.yaml` | 70.4 |'], ['| tiny | 12M |', '| tiny | 12M |\n| small | 40M |\n| base | 110M |']),
    );
  });

  it('merges a TODO list with sections and odd check marks', () => {
    const base = '# TODO\n\n## Data\n\n- [ ] Download shards\n- [✓] Dedupe\n\n## Training\n\n- [ ] Warm-up run\n- [ ] Full run\n';
    const ours = edit(base, ['- [ ] Download shards', '- [x] Download shards'], ['- [ ] Full run', '- [ ] Full run\n- [ ] Ours: profile the dataloader']);
    const theirs = edit(base, ['- [ ] Warm-up run', '- [/] Warm-up run'], ['- [ ] Full run', '- [ ] Full run\n- [ ] Theirs: try bf16']);
    const m = mergeDocuments(base, ours, theirs, { path: 'TODO.md' });
    expect(m.conflicts).toEqual([]);
    expect(m.text).toBe('# TODO\n\n## Data\n\n- [x] Download shards\n- [✓] Dedupe\n\n## Training\n\n- [/] Warm-up run\n- [ ] Full run\n- [ ] Ours: profile the dataloader\n- [ ] Theirs: try bf16\n');
  });
});

describe('two-way merge (committed conflicts)', () => {
  it('unites rows and tasks of two copies, and keeps differing cells as conflicts', () => {
    const ours = edit(tracker, [row1002, `${row1002}\n| 1003 | ours | 1x A100 | 🟢 Running | $0.40/hr | |`], ['- [ ] Step 1', '- [x] Step 1']);
    const theirs = edit(tracker, [row1002, `${row1002}\n| 1004 | theirs | 1x A100 | 🟢 Running | $0.40/hr | |`], [row1001, row1001.replace('🟢 Running (v1)', '⏹ Exited (v1)')]);
    const m = mergeTwoWay(ours, theirs);
    expect(m.text).toContain('| 1003 | ours |');
    expect(m.text).toContain('| 1004 | theirs |');
    expect(m.text).toContain('<<<<<<< ours\n- [x] Step 1: prepare the shards\n=======\n- [ ] Step 1: prepare the shards\n>>>>>>> theirs\n');
    // No base: a cell that differs is a conflict of that row, and so is a task ticked on one side only.
    expect(m.conflicts.map((c) => c.what)).toEqual(['row 1001, column status', 'task "Step 1: prepare the shards"']);
  });
});

describe('merge by structure, more shapes', () => {
  it('reads dates with month names, and a column one side added', () => {
    const base = '# Tracker\n\n**Last updated**: Dec 1, 2025\n\n## Jobs\n\n| Job ID | Status |\n| --- | --- |\n| j1 | running |\n\n## Log\n\n### Dec 1, 2025\n- started\n';
    const ours = edit(base, ['Dec 1, 2025\n\n## Jobs', 'Dec 3, 2025\n\n## Jobs'], ['| Job ID | Status |\n| --- | --- |\n| j1 | running |', '| Job ID | Status | Node |\n| --- | --- | --- |\n| j1 | running | gpu-3 |'], ['### Dec 1, 2025', '### Dec 3, 2025\n- ours: resumed\n\n### Dec 1, 2025']);
    const theirs = edit(base, ['Dec 1, 2025\n\n## Jobs', 'Dec 2, 2025\n\n## Jobs'], ['| j1 | running |', '| j1 | done |'], ['### Dec 1, 2025', '### Dec 2, 2025\n- theirs: evaluated\n\n### Dec 1, 2025']);
    const m = mergeDocuments(base, ours, theirs);
    expect(m.conflicts).toEqual([]);
    expect(m.text).toBe('# Tracker\n\n**Last updated**: Dec 3, 2025\n\n## Jobs\n\n| Job ID | Status | Node |\n| --- | --- | --- |\n| j1 | done | gpu-3 |\n\n## Log\n\n### Dec 3, 2025\n- ours: resumed\n\n### Dec 2, 2025\n- theirs: evaluated\n\n### Dec 1, 2025\n- started\n');
  });
});

describe('dated logs written oldest first', () => {
  it('keeps the order the document has', () => {
    const base = '# Log\n\n## Entries\n\n### 2025-12-01\n- began\n\n### 2025-12-02\n- continued\n';
    const ours = base + '\n### 2025-12-04\n- ours: fourth day\n';
    const theirs = base + '\n### 2025-12-03\n- theirs: third day\n';
    const m = mergeDocuments(base, ours, theirs);
    expect(m.conflicts).toEqual([]);
    expect(m.text).toBe(base + '\n### 2025-12-03\n- theirs: third day\n\n### 2025-12-04\n- ours: fourth day\n');
  });
});

describe('line endings people have', () => {
  it('merges a lone-CR document with a State column, a qualified status and a ✓ mark, keeping its CRs', () => {
    const base = '# T\r\r## Jobs\r\r| Job ID | State |\r| --- | --- |\r| j1 | 🟡 Running (v1) |\r\r## Tasks\r\r- [ ] a\r- [ ] b\r';
    const ours = base.replace('| j1 | 🟡 Running (v1) |\r', '| j1 | 🟡 Running (v1) |\r| j2 | queued |\r').replace('- [ ] a', '- [✓] a');
    const theirs = base.replace('| j1 | 🟡 Running (v1) |\r', '| j1 | 🟡 Running (v1) |\r| j3 | queued |\r').replace('- [ ] b', '- [x] b');
    const m = mergeDocuments(base, ours, theirs);
    expect(m.conflicts).toEqual([]);
    expect(m.text).toBe('# T\r\r## Jobs\r\r| Job ID | State |\r| --- | --- |\r| j1 | 🟡 Running (v1) |\r| j2 | queued |\r| j3 | queued |\r\r## Tasks\r\r- [✓] a\r- [x] b\r');
  });
});
