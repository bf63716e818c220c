/** Writes are whole or not at all, and never over a file that changed after it was read. */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, readdirSync, statSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { atomicWrite, ChangedOnDiskError } from '../src/io/atomic-write.js';
import { tempTree } from './helpers.js';

describe('atomicWrite', () => {
  it('replaces the file and leaves no temp file behind, keeping its mode', () => {
    const { dir, cleanup } = tempTree({ 'a.md': 'old\n' });
    chmodSync(join(dir, 'a.md'), 0o640);
    const before = readFileSync(join(dir, 'a.md'));
    atomicWrite(join(dir, 'a.md'), 'new\n', before);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['a.md']);
    expect(statSync(join(dir, 'a.md')).mode & 0o777).toBe(0o640);
    cleanup();
  });

  it('writes nothing when the file changed since it was read (compare-and-swap)', () => {
    const { dir, cleanup } = tempTree({ 'a.md': 'old\n' });
    const read = readFileSync(join(dir, 'a.md'));
    writeFileSync(join(dir, 'a.md'), 'edited by a person\n');
    expect(() => atomicWrite(join(dir, 'a.md'), 'from sync\n', read)).toThrow(ChangedOnDiskError);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('edited by a person\n');
    expect(readdirSync(dir)).toEqual(['a.md']);
    cleanup();
  });
});
