/**
 * The verbs' write path (store/operations.ts over the guarded writer): the lock is taken before
 * the file is read, and a save by a program that does not take it (an editor) between the read
 * and the rename makes the operations plan again on the saved bytes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeIntent, lockPathOf } from '../src/io/guarded-write.js';
import { perform, versionOf } from '../src/store/operations.js';
import { tempTree, TODAY } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const tracker = '# Status Tracker\n\nLast updated: 2026-01-01\n\n## Milestone Status\n\n| Milestone | Status | Progress | Notes |\n|---|---|---|---|\n| M1 | ⚪ Not Started | 0% | |\n| M2 | ⚪ Not Started | 0% | |\n';

describe('the verbs\' writes', () => {
  it('lockFirst: the lock is held while planning; an editor\'s save in between is planned on again, not overwritten', async () => {
    const { dir, cleanup } = tempTree({ 'a.md': 'v0\n' });
    cleanups.push(cleanup);
    const file = join(dir, 'a.md');
    const seen: string[] = [];
    const outcome = await writeIntent(
      file,
      (bytes) => {
        seen.push(bytes.toString());
        expect(existsSync(lockPathOf(file))).toBe(true);
        // The first time, an editor saves right after trackdocs read the file.
        if (seen.length === 1) writeFileSync(file, 'v0\neditor\n');
        return { data: bytes.toString() + 'agent\n', result: seen.length };
      },
      { lockFirst: true },
    );
    expect(outcome).toMatchObject({ status: 'written', attempts: 2, result: 2 });
    expect(seen).toEqual(['v0\n', 'v0\neditor\n']);
    expect(readFileSync(file, 'utf8')).toBe('v0\neditor\nagent\n');
    expect(existsSync(lockPathOf(file))).toBe(false);
  });

  it('perform: one write for a list, versions before and after, and nothing written on a refusal', async () => {
    const { dir, cleanup } = tempTree({ 'status-tracker.md': tracker });
    cleanups.push(cleanup);
    const file = join(dir, 'status-tracker.md');
    const before = readFileSync(file);
    const refused = await perform([{ op: 'set', table: 'milestones', key: 'M1', values: { status: 'done' } }, { op: 'set', table: 'milestones', key: 'M2', values: { status: 'nope' } }], { cwd: dir, today: TODAY, files: ['status-tracker.md'] });
    expect(refused).toMatchObject({ ok: false, exit: 2, error: { kind: 'invalid' } });
    expect(readFileSync(file)).toEqual(before);
    const done = await perform([{ op: 'set', table: 'milestones', key: 'M1', values: { status: 'done', progress: '100' } }, { op: 'set', table: 'milestones', key: 'M2', values: { notes: 'next' } }], { cwd: dir, today: TODAY, files: ['status-tracker.md'], ifMatch: versionOf(before) });
    expect(done).toMatchObject({ ok: true, files: [{ versionBefore: versionOf(before), version: versionOf(readFileSync(file)), written: true }] });
    expect(readFileSync(file, 'utf8')).toBe(tracker.replace('2026-01-01', TODAY).replace('| M1 | ⚪ Not Started | 0% | |', '| M1 | ✅ Complete | 100% | |').replace('| M2 | ⚪ Not Started | 0% | |', '| M2 | ⚪ Not Started | 0% | next |'));
  });
});
