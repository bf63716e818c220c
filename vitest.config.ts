import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    // The install routes (npm installs, builds, pre-commit) are slow and busy: they run after the
    // other tests, on their own, so they neither crowd them nor wait on them.
    projects: [
      { extends: true, test: { name: 'tests', include: ['test/**/*.test.ts'], exclude: ['test/install.test.ts'] } },
      { extends: true, test: { name: 'install', include: ['test/install.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
