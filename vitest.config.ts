import { defineConfig } from 'vitest/config';

/**
 * The race tests spawn many processes (50 pairs of `docs sync`, a watcher racing an editor, 50
 * agents writing one tracker): they run after the other tests, not beside them, so they neither
 * starve them nor are starved by them on a 2-core machine.
 */
const races = ['test/concurrent-sync.test.ts', 'test/watch-race.test.ts', 'test/verbs-concurrency.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    // The install routes (npm installs, builds, pre-commit) are slow and busy: they run last, on
    // their own, so they neither crowd the other tests nor wait on them.
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: [...races, 'test/install.test.ts'], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'races', include: races, sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: 'install', include: ['test/install.test.ts'], sequence: { groupOrder: 2 } } },
    ],
  },
});
