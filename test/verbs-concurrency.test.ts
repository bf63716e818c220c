/**
 * Writes that never clobber, through real processes: 50 `trackdocs set` on 50 rows at once all
 * land; 20 `set --expect` on one cell: exactly one wins, the others exit 3; a writer killed with
 * SIGKILL (holding the lock, or anywhere in its write) leaves the old or the new file, and the
 * next write takes the dead writer's lock over.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bin, tempTree, TODAY } from './helpers.js';
import { lockPathOf } from '../src/io/guarded-write.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function trackerWith(rows: number): string {
  const body = Array.from({ length: rows }, (_, i) => `| M${i + 1} (Part ${i + 1}) | ⚪ Not Started | 0% | |`).join('\n');
  return `# Status Tracker\n\nLast updated: 2026-01-01\n\n## Milestone Status\n\n| Milestone | Status | Progress | Notes |\n|---|---|---|---|\n${body}\n\n## Recent Work\n\n### 2026-01-01\n- Started\n`;
}

function start(dir: string, args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', TRACKDOCS_TODAY: TODAY, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

describe('concurrent agents', () => {
  it('50 processes set 50 different rows at once: all 50 values land', async () => {
    const { dir, cleanup } = tempTree({ 'status-tracker.md': trackerWith(50) });
    cleanups.push(cleanup);
    const runs = Array.from({ length: 50 }, (_, i) => start(dir, ['set', 'milestones', `M${i + 1}`, `progress=${i + 1}`, 'notes=agent ' + (i + 1), '-f', 'status-tracker.md']).done);
    const results = await Promise.all(runs);
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    const text = readFileSync(join(dir, 'status-tracker.md'), 'utf8');
    for (let i = 1; i <= 50; i++) expect(text).toContain(`| M${i} (Part ${i}) | ⚪ Not Started | ${i}% | agent ${i} |`);
    expect(text).toContain(`Last updated: ${TODAY}`);
    expect(readdirSync(dir)).toEqual(['status-tracker.md']);
  }, 120_000);

  it('20 processes set the same cell with --expect on its old value: exactly one succeeds, the others exit 3', async () => {
    const { dir, cleanup } = tempTree({ 'status-tracker.md': trackerWith(3) });
    cleanups.push(cleanup);
    const runs = Array.from({ length: 20 }, (_, i) => start(dir, ['set', 'milestones', 'M2', `notes=writer ${i}`, '--expect', 'notes=', '-f', 'status-tracker.md']).done);
    const results = await Promise.all(runs);
    const codes = results.map((r) => r.code);
    expect(codes.filter((c) => c === 0)).toHaveLength(1);
    expect(codes.filter((c) => c === 3)).toHaveLength(19);
    const winner = results.findIndex((r) => r.code === 0);
    expect(readFileSync(join(dir, 'status-tracker.md'), 'utf8')).toContain(`| M2 (Part 2) | ⚪ Not Started | 0% | writer ${winner} |`);
    for (const r of results.filter((x) => x.code === 3)) expect(r.stderr).toContain('as expected; nothing written');
  }, 120_000);

  it('a writer killed with SIGKILL leaves the old or the new file, and its lock does not block the next write past the stale time', async () => {
    const old = trackerWith(5);
    const { dir, cleanup } = tempTree({ 'status-tracker.md': old });
    cleanups.push(cleanup);
    const file = join(dir, 'status-tracker.md');
    const lock = lockPathOf(file);
    // Killed at different moments: holding the lock (right after it appears), and at random times.
    for (const when of ['lock', 'random', 'random']) {
      const before = readFileSync(file, 'utf8');
      const { child, done } = start(dir, ['set', 'milestones', 'M1', `notes=${when}-${Date.now()}`, '-f', 'status-tracker.md']);
      if (when === 'lock') for (let i = 0; i < 2000 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 2));
      else await new Promise((r) => setTimeout(r, 50 + Math.random() * 250));
      child.kill('SIGKILL');
      await done;
      const after = readFileSync(file, 'utf8');
      // Old or new, never half: either the same bytes, or the old ones with the M1 row and Last updated changed.
      if (after !== before) {
        expect(after.split('\n').length).toBe(before.split('\n').length);
        expect(after).toMatch(new RegExp(`\\| M1 \\(Part 1\\) \\| ⚪ Not Started \\| 0% \\| ${when}-\\d+ \\|`));
      }
      // The next writer gets through (taking a dead writer's lock over once it is stale).
      const next = await start(dir, ['set', 'milestones', 'M2', `notes=after ${when}`, '-f', 'status-tracker.md']).done;
      expect(next, next.stderr).toMatchObject({ code: 0 });
      expect(readFileSync(file, 'utf8')).toContain(`| after ${when} |`);
      expect(existsSync(lock)).toBe(false);
    }
    expect(readdirSync(dir).filter((f) => f !== 'status-tracker.md')).toEqual([]);
  }, 120_000);
});
