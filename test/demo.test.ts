/** `npm run demo` tells its story: numbered steps, the forgotten A100 and its cost per day, no noise. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './helpers.js';

describe('npm run demo', () => {
  const r = spawnSync(process.execPath, [join(projectRoot, 'demo', 'run.mjs')], { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, encoding: 'utf8' });

  it('walks through numbered steps, each with a one-line header, and ends with what to try next', () => {
    expect(r.status).toBe(0);
    const headers = r.stdout.split('\n').filter((l) => /^Step \d of \d: /.test(l));
    expect(headers).toEqual([
      'Step 1 of 3: The drift: what vastai bills that the docs do not say',
      'Step 2 of 3: The diff `trackdocs sync` would write to fix that (a dry run: nothing is written)',
      'Step 3 of 3: What a person must fix: the lint findings',
    ]);
    expect(r.stdout.trimEnd().split('\n').slice(-5)[0]).toBe('Next');
  });

  it('step 1 names the forgotten A100 and what it costs per day; step 2 shows the diff; step 3 the findings', () => {
    const [, drift, diff, lint] = r.stdout.split(/^Step \d of 3: .*$/m);
    expect(drift).toContain('Instance 29013377 (forgotten-sweep) is running on vastai at $1.10/hr ($26.40/day) but no document lists it');
    expect(drift).toContain('run `vastai destroy instance 28491023`');
    expect(drift).toMatch(/1 tracker checked against vastai and the state tracker; TODO.md and ROADMAP.md are not trackers: \d+ errors/);
    expect(diff).toContain('+| 29013377 | forgotten-sweep | 1x A100 PCIE | 🟢 Running |');
    expect(diff).toContain('(dry run: nothing written)');
    expect(lint).toContain('encoding/mojibake (fixable)');
    expect(lint).toMatch(/3 files checked: \d+ errors, \d+ warnings/);
  });

  it('has no noise: the demo TODO names no path it does not ship', () => {
    expect(r.stdout).not.toContain('checklist/missing-path');
    expect(r.stderr).toBe('');
  });
});
