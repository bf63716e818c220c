// The long run of test/bounded.test.ts's fuzz test: many pathological documents up to 1 MB, each
// linted by the built CLI in this process, its CPU time compared with a normal 1 MB document's.
//
//   node build.mjs && node bench/pathological.mjs [--runs 300] [--factor 10] [--seed 42]
//
// Prints the worst ratios and every input over the factor; exits 1 if any input is over it.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { pathological, normalDocument, MAX_SIZE } from './pathological-inputs.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const runs = option('--runs', 300);
const factor = option('--factor', 10);
const seed = option('--seed', Date.now() % 1e9);

const cli = require('../bin/load-cli.cjs').loadCli();
const dir = mkdtempSync(join(tmpdir(), 'trackdocs-pathological-'));
const sink = { write: () => true, isTTY: false };
let output = '';
const capture = { write: (s) => ((output += s), true), isTTY: false };

/** CPU milliseconds to lint `text` as TODO.md, and whether it was found too complex. */
async function lint(text) {
  const file = join(dir, 'TODO.md');
  writeFileSync(file, text);
  output = '';
  const start = process.cpuUsage();
  await cli.run({ argv: ['lint', '--format', 'json', file], cwd: dir, env: { TRACKDOCS_TODAY: '2026-01-06', TRACKDOCS_WORKERS: '0' }, stdout: capture, stderr: sink });
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, complex: output.includes('file/too-complex') };
}

const normal = normalDocument(MAX_SIZE);
await lint(normal);
const baseline = Math.min((await lint(normal)).ms, (await lint(normal)).ms, (await lint(normal)).ms);
console.log(`normal 1 MB document: ${baseline.toFixed(0)} ms CPU; factor ${factor}; ${runs} inputs, seed ${seed}`);

const samples = fc.sample(pathological(fc), { numRuns: runs, seed });
const results = [];
for (const text of samples) {
  const r = await lint(text);
  results.push({ ...r, size: text.length, head: JSON.stringify(text.slice(0, 50)) });
}
rmSync(dir, { recursive: true, force: true });
results.sort((a, b) => b.ms - a.ms);
const over = results.filter((r) => r.ms > factor * baseline);
console.log(`too complex: ${results.filter((r) => r.complex).length}, linted: ${results.filter((r) => !r.complex).length}`);
console.log('slowest:');
for (const r of results.slice(0, 10)) console.log(`  ${(r.ms / baseline).toFixed(2)}×  ${r.ms.toFixed(0)} ms  ${r.size} chars  ${r.complex ? 'too complex' : 'linted'}  ${r.head}`);
if (over.length) {
  console.log(`${over.length} input(s) over ${factor}× the normal document`);
  process.exit(1);
}
console.log(`every input within ${factor}× the normal document`);
