/**
 * The race of issue 9, short enough for CI: `docs watch --sync` (interval 100 ms, the snapshot
 * flipping) while a script saves the document by write-and-rename. The long runs (60 s) are
 * `node bench/watch-race.mjs`.
 */
import { describe, expect, it } from 'vitest';
import { runRace } from '../bench/watch-race.mjs';

describe('docs watch --sync against an editor saving by write-and-rename', () => {
  it('saves every 0.3–1 s: no save is lost, sync keeps writing, watch never crashes', async () => {
    const r = await runRace({ seconds: 6, gap: [300, 1000], settle: '100ms' });
    expect(r.crashed, r.output).toBe(false);
    expect(r.lostAt).toEqual([]);
    expect(r.saves).toBeGreaterThan(4);
    expect(r.syncs, r.output).toBeGreaterThan(0);
    expect(r.exit.code).toBe(0);
  }, 30_000);

  it('saves every 10–60 ms with no settle time: watch never crashes (the lost-save figure is reported by the bench)', async () => {
    const r = await runRace({ seconds: 3, gap: [10, 60], settle: '0' });
    expect(r.crashed, r.output).toBe(false);
    expect(r.exit.code).toBe(0);
    expect(r.saves).toBeGreaterThan(20);
  }, 30_000);
});
