/**
 * Bounded work on any input (issue 9, "Unbounded work"): each failure reproduced with its input and
 * shown fixed, long lists parsed in pieces read as parsed whole, and a fuzz test of pathological
 * markdown.
 *
 * The fuzz test's time bound. Wall-clock limits are flaky on a shared 2-core machine (load
 * averages above 10 are common while others run tests), so the test measures the CPU time of this
 * process (process.cpuUsage: time spent waiting for a core is not counted) and allows a generous
 * multiple (FUZZ_FACTOR) of the CPU time of a normal 1 MB document measured in the same process
 * just before. The pre-scan's limits are what make the bound hold; the factor only has to absorb
 * noise (cache and GC pressure from neighbours), not real slowness: the worst shape we know (a
 * megabyte of one-word list items) costs about 4× a normal document, emphasis and brackets at their
 * limits about 2×. `bench/pathological.mjs` runs the same check with many more inputs.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { bin, projectRoot, runCli, testArea, TODAY } from './helpers.js';
import { parseMarkdown, plainText, collectNodes } from '../src/core/markdown.js';
import { checkComplexity, complexityLimits } from '../src/core/complexity.js';
import { parseSource, isDiagnostic } from '../src/commands/documents.js';
import { resolveConfig } from '../src/config/resolve.js';
import { lintDocument } from '../src/lint/engine.js';
import { pathological, normalDocument } from '../bench/pathological-inputs.mjs';

const { tree } = testArea();

const config = resolveConfig({}, projectRoot, undefined);
/** Lint one text as `trackdocs lint` does (pre-scan, parse, rules): its diagnostics' rule ids. */
function lintText(text: string, name = 'TODO.md'): string[] {
  const loaded = parseSource({ path: name, display: name, fromRoot: name, bytes: Buffer.from(text) }, config);
  if (isDiagnostic(loaded)) return [loaded.ruleId];
  return lintDocument(loaded.doc, { today: TODAY, pathExists: () => false }).map((d) => d.ruleId);
}

describe('each failure of issue 9, with its input', () => {
  it.each([
    ['5,000 nested list markers (10 KB)', '- '.repeat(5000) + 'x\n'],
    ['20,000 nested list markers', '- '.repeat(20000) + 'x\n'],
    ['lists nested by indentation, 1,000 deep', Array.from({ length: 1000 }, (_, i) => '  '.repeat(i) + '- a\n').join('')],
    ['deep blockquotes', '> '.repeat(5000) + 'x\n'],
    ['nested emphasis', '*a '.repeat(3000) + 'b' + ' c*'.repeat(3000) + '\n'],
    ['an emphasis run', '*'.repeat(20000) + 'x' + '*'.repeat(20000) + '\n'],
    ['nested brackets', '['.repeat(10000) + 'x' + ']'.repeat(10000) + '\n'],
  ])('%s: file/too-complex, the other files linted, exit 1, no crash', (_name, text) => {
    const dir = tree({ 'docs/deep.md': text, 'docs/TODO.md': '# TODO\n\n- [x] parent\n  - [ ] child\n' });
    const r = runCli(['lint', 'docs'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^docs\/deep\.md:\d+:1 error Unexpected .*: this file is too complex to check, and trackdocs skipped it \(limits: docs\/README\.md#limits\) file\/too-complex$/m);
    expect(r.stdout).toMatch(/^docs\/TODO\.md:3:3 warning .*checklist\/parent-ticked-child-open$/m);
    expect(r.stdout).toMatch(/2 files checked: 1 error, 1 warning/);
  });

  it('`lint /dev/zero` is a clear error, not a crash', () => {
    const r = runCli(['lint', '/dev/zero']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\/dev\/zero:1:1 error Cannot read this file as markdown: it is a device, not a regular file file\/unreadable/);
  });

  it('a FIFO named *.md is a clear error, and nothing waits for a writer', () => {
    const dir = tree({ 'docs/TODO.md': '# TODO\n\n- [ ] a\n' });
    execFileSync('mkfifo', [join(dir, 'docs/pipe.md')]);
    const r = spawnSync(process.execPath, [bin, 'lint', 'docs'], { cwd: dir, env: { PATH: process.env.PATH, NO_COLOR: '1', TRACKDOCS_TODAY: TODAY }, encoding: 'utf8', timeout: 60_000 });
    expect(r.signal).toBeNull(); // not killed by the guard: it did not hang
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/docs\/pipe\.md:1:1 error Cannot read this file as markdown: it is a FIFO \(named pipe\), not a regular file file\/unreadable/);
    expect(r.stdout).toMatch(/2 files checked/);
  });

  it('a file over the size limit is a clear error', () => {
    const dir = tree({});
    writeFileSync(join(dir, 'big.md'), Buffer.alloc(17 * 1024 * 1024, 'a'));
    const r = runCli(['lint', 'big.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/big\.md:1:1 error Cannot read this file as markdown: it is 17 MiB, more than the 16 MiB trackdocs reads file\/unreadable/);
  });

  it('a config with 40,000 documents entries loads (linear YAML parse), and a duplicate key is still an error', () => {
    const entries = Array.from({ length: 40_000 }, (_, i) => `  docs/file${i}.md: todo\n`).join('');
    const dir = tree({ 'docs.config.yaml': `documents:\n${entries}  TODO.md: todo\n`, 'TODO.md': '# TODO\n\n- [ ] a\n' });
    const r = spawnSync(process.execPath, [bin, 'lint', 'TODO.md'], { cwd: dir, env: { PATH: process.env.PATH, NO_COLOR: '1' }, encoding: 'utf8', timeout: 120_000 });
    expect(r.signal).toBeNull();
    expect(r.stdout).toMatch(/1 file checked: 0 errors, 0 warnings/);
    writeFileSync(join(dir, 'docs.config.yaml'), 'documents:\n  TODO.md: todo\n  TODO.md: roadmap\n');
    const dup = runCli(['lint', 'TODO.md'], { cwd: dir });
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/is not valid YAML: the key `TODO.md` appears twice in one map/);
  });

  it.each([
    ['init | head -3', (dir: string) => `node '${bin}' init | head -3`, 0],
    ['lint | head -1', (dir: string) => `node '${bin}' lint ${join(dir, 'TODO.md')} | head -1`, 0],
    ['lint --format json | head -1', (dir: string) => `node '${bin}' lint --format json ${join(dir, 'TODO.md')} | head -1`, 0],
  ])('EPIPE on stdout (%s) ends quietly with the usual exit code', (_name, command, code) => {
    const dir = tree({ 'TODO.md': '# TODO\n\n' + Array.from({ length: 1000 }, (_, i) => `- [x] parent ${i}\n  - [ ] child\n`).join('') });
    const r = spawnSync('bash', ['--noprofile', '--norc', '-c', `${command(dir)}; echo "exit=\${PIPESTATUS[0]}" >&2`], { cwd: dir, env: { PATH: process.env.PATH, NO_COLOR: '1', TRACKDOCS_TODAY: TODAY }, encoding: 'utf8' });
    expect(r.stderr).toBe(`exit=${code}\n`);
    expect(r.stdout.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(1);
  });
});

describe('our walks over the tree are iterative', () => {
  it('plainText and collectNodes read a tree 100,000 levels deep', () => {
    let node: Nodes = { type: 'text', value: 'deep' };
    for (let i = 0; i < 100_000; i++) node = { type: 'emphasis', children: [node as never] };
    expect(plainText(node)).toBe('deep');
    expect(collectNodes(node, (n) => n.type === 'text').length).toBe(1);
  });

  it('lists and tasks nested to the limit are read whole', () => {
    const depth = complexityLimits.nesting;
    const text = '# TODO\n\n' + Array.from({ length: depth }, (_, i) => '  '.repeat(i) + `- [ ] task ${i}\n`).join('');
    expect(checkComplexity(text)).toBeUndefined();
    const ids = lintText(text);
    expect(ids).not.toContain('file/too-complex');
  });
});

describe('long lists parsed in pieces', () => {
  const item = fc.oneof(
    fc.constantFrom('- a', '- [ ] task', '- [x] done `path/x.py`', '* star', '+ plus', '1. one', '2) two', '10. ten', '-', '- *em* and **strong**', '- [link](https://x.y)'),
    fc.constantFrom('  - nested', '    - deeper', '  continued', 'lazy line', '', '   ', '  ```', '```', '  > quoted', '> quote', '# Heading', '---', '| a | b |', '<div>', 'para'),
  );
  it('read exactly as parsed whole', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 30 }), fc.integer({ min: 20, max: 80 }), fc.constantFrom('\n', '\r\n'), (lines, repeat, eol) => {
        const text = Array.from({ length: repeat }, (_, k) => lines.map((l) => l.replace(/\ba\b/, `a${k}`)).join(eol)).join(eol);
        expect(parseMarkdown(text)).toEqual(parseMarkdown(text, { whole: true }));
      }),
      { numRuns: Number(process.env.PIECE_RUNS ?? 40) },
    );
  }, 600_000);
});

describe('pathological markdown (fuzz)', () => {
  const FUZZ_FACTOR = 10;
  let baseline = 0;
  const cpu = (f: () => unknown) => {
    const start = process.cpuUsage();
    f();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  beforeAll(() => {
    const normal = normalDocument(1024 * 1024);
    cpu(() => lintText(normal)); // warm-up
    baseline = Math.min(cpu(() => lintText(normal)), cpu(() => lintText(normal)));
  }, 300_000);

  it('every input up to 1 MB lints within a fixed multiple of a normal 1 MB document, or is too complex, and never throws', () => {
    const seen = { complex: 0, linted: 0 };
    fc.assert(
      fc.property(pathological(fc), (text) => {
        expect(text.length).toBeLessThanOrEqual(1024 * 1024);
        let ids: string[] = [];
        const ms = cpu(() => (ids = lintText(text)));
        if (ids.includes('file/too-complex')) seen.complex++;
        else seen.linted++;
        expect(ms, `${ms.toFixed(0)} ms of CPU for ${text.length} characters starting ${JSON.stringify(text.slice(0, 60))}; a normal 1 MB document took ${baseline.toFixed(0)} ms`).toBeLessThanOrEqual(FUZZ_FACTOR * baseline);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 25), seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
    );
    // Both outcomes happen, so the test exercises both the limits and the parser.
    expect(seen.complex).toBeGreaterThan(0);
    expect(seen.linted).toBeGreaterThan(0);
  }, 600_000);
});

