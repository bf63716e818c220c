#!/usr/bin/env node
// trackdocs benchmark: whole-process time (and peak memory) of `docs lint` against a bare Node
// start, markdownlint-cli2 and remark-cli (remark-gfm + remark-preset-lint-recommended), all run
// side by side in one go so the ratios survive a noisy machine. See bench/README.md.
//
//   node build.mjs && node bench/run.mjs      (or: npm run bench)
//   node bench/run.mjs --quick                fewer runs, for trying the bench itself out
//
// Exit code: 0 when every command ran (missed targets are reported, not fatal); 2 when a command
// could not run at all or did not do what it was asked (crash, wrong file count, missing plugin).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { statusTracker, todoList } from './generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.work');
const MANY = join(WORK, 'many');
const BIG = join(WORK, 'big');
const rel = (p) => relative(ROOT, p).split('\\').join('/');

const quick = process.argv.includes('--quick');
const RUNS_SINGLE = quick ? 5 : 21;
const WARMUP_SINGLE = quick ? 1 : 2;
const RUNS_MANY = quick ? 1 : 3;
const RUNS_BIG = quick ? 1 : 3;
const TIMEOUT_MS = 180_000; // per command run
const SINGLE_FILE = 'test/fixtures/status-tracker.example.md';
const N_MANY = 1000;
const TODAY = '2026-01-06'; // TRACKDOCS_TODAY, so trackdocs' date rules give the same findings every day

class BenchError extends Error {}

// ---------------------------------------------------------------------------------------------
// The commands
// ---------------------------------------------------------------------------------------------

/** A package's bin script, from its package.json, so peers run without npx's startup cost. */
function binOf(pkg, name) {
  const dir = join(ROOT, 'node_modules', pkg);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    throw new BenchError(`${pkg} is not installed in node_modules; run npm ci`);
  }
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[name];
  if (!bin) throw new BenchError(`${pkg}/package.json has no "${name}" bin`);
  return { path: join(dir, bin), version: manifest.version };
}

const TRACKDOCS = join(ROOT, 'bin', 'docs.cjs');
const MDL = binOf('markdownlint-cli2', 'markdownlint-cli2');
const REMARK = binOf('remark-cli', 'remark');
const REMARK_RC = join(WORK, 'remarkrc.json');
// remark's config: GFM (tables, task lists) plus the recommended lint preset. --no-stdout: lint
// only, do not print the processed document back; --frail: warnings make the exit code 1.
const remarkArgs = ['--rc-path', rel(REMARK_RC), '--no-stdout', '--no-color', '--frail'];

const childEnv = { ...process.env, TRACKDOCS_TODAY: TODAY, NO_COLOR: '1' };
delete childEnv.FORCE_COLOR;
delete childEnv.NODE_OPTIONS;

/** Count the files a command reports having checked, to be sure it did all of its work. */
const counters = {
  trackdocs: (out) => {
    const m = /(\d+) files? checked/.exec(out);
    return m ? Number(m[1]) : undefined;
  },
  markdownlint: (out) => {
    const m = /Linting: (\d+) file/.exec(out);
    return m ? Number(m[1]) : undefined;
  },
  // remark (not --quiet) names every file: `path: no issues found`, or `path` above its warnings.
  remark: (out) => new Set([...out.matchAll(/^(\S+\.md)(?:: no issues found)?$/gm)].map((m) => m[1])).size,
};

function spec(tool, label, args, expectFiles) {
  return { tool, label, args, expectFiles };
}
const nodeSpec = spec('node', 'node -e 0', ['-e', '0']);
const trackdocsSpec = (targets, n) => spec('trackdocs', 'trackdocs', [TRACKDOCS, 'lint', ...targets], n);
const mdlSpec = (globs, n) => spec('markdownlint', 'markdownlint-cli2', [MDL.path, ...globs], n);
const remarkSpec = (targets, n) => spec('remark', 'remark-cli', [REMARK.path, ...remarkArgs, ...targets], n);

// ---------------------------------------------------------------------------------------------
// Running one command
// ---------------------------------------------------------------------------------------------

let memMethod = null; // 'gnu-time' | 'preload' | null
const rssFile = join(WORK, 'maxrss.txt');

function rawRun(argv, env = childEnv) {
  return new Promise((resolveRun, rejectRun) => {
    const out = [];
    const err = [];
    const start = process.hrtime.bigint();
    let end;
    let timedOut = false;
    // detached: its own process group, so a timeout can end the command and anything it spawned.
    const child = spawn(argv[0], argv.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, TIMEOUT_MS);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (e) => {
      clearTimeout(timer);
      rejectRun(new BenchError(`could not start \`${argv.map(shortArg).join(' ')}\`: ${e.message}`));
    });
    child.on('exit', () => {
      end = process.hrtime.bigint();
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      end ??= process.hrtime.bigint();
      resolveRun({ ms: Number(end - start) / 1e6, code, signal, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

const shortArg = (a) => (a === process.execPath ? 'node' : a.startsWith(ROOT + '/') ? rel(a) : a);

/** Which way to read a child's peak RSS works here: GNU time, else a preloaded probe, else none. */
async function detectMemMethod() {
  if (existsSync('/usr/bin/time')) {
    rmSync(rssFile, { force: true });
    try {
      const r = await rawRun(['/usr/bin/time', '-f', '%M', '-o', rssFile, process.execPath, '-e', '0']);
      if (r.code === 0 && readRss() > 0) return 'gnu-time';
    } catch {
      /* not GNU time, or not runnable */
    }
  }
  rmSync(rssFile, { force: true });
  try {
    const r = await rawRun([process.execPath, '--require', join(ROOT, 'bench', 'maxrss.cjs'), '-e', '0'], { ...childEnv, BENCH_MAXRSS_FILE: rssFile });
    if (r.code === 0 && readRss() > 0) return 'preload';
  } catch {
    /* fall through */
  }
  return null;
}

/** Peak RSS in KiB from the last run's file (GNU time writes "Command exited…" lines above it). */
function readRss() {
  try {
    const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
    const n = Number(lines[lines.length - 1].trim());
    return Number.isFinite(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** Run a spec once; check that it really ran and did its job; return time (and peak RSS). */
async function run(s, { mem = false } = {}) {
  let argv = [process.execPath, ...s.args];
  let env = childEnv;
  if (mem && memMethod) {
    rmSync(rssFile, { force: true });
    if (memMethod === 'gnu-time') argv = ['/usr/bin/time', '-f', '%M', '-o', rssFile, ...argv];
    else {
      argv = [process.execPath, '--require', join(ROOT, 'bench', 'maxrss.cjs'), ...s.args];
      env = { ...childEnv, BENCH_MAXRSS_FILE: rssFile };
    }
  }
  const r = await rawRun(argv, env);
  const cmd = [s.label, ...s.args.slice(1).map(shortArg)].join(' ');
  const output = r.stdout + r.stderr;
  const head = (text) => text.split('\n').slice(0, 12).map((l) => '    ' + l).join('\n');
  if (r.timedOut) return { ms: Infinity, timedOut: true, rssKiB: undefined, code: null, output };
  if (/internal error|Cannot find (module|package)|Cannot process file|Error \[ERR_|^\s+at .*\(.*:\d+:\d+\)$/m.test(r.stderr) || r.signal) {
    throw new BenchError(`\`${cmd}\` crashed (exit ${r.code ?? r.signal}):\n${head(r.stderr || r.stdout)}`);
  }
  const okCodes = s.tool === 'node' ? [0] : [0, 1]; // 1: problems found, which is fine
  if (!okCodes.includes(r.code)) {
    throw new BenchError(`\`${cmd}\` failed with exit code ${r.code}:\n${head(r.stderr || r.stdout)}`);
  }
  if (s.expectFiles !== undefined) {
    const n = counters[s.tool](output);
    if (n !== s.expectFiles) {
      throw new BenchError(`\`${cmd}\` checked ${n ?? 'an unknown number of'} files, expected ${s.expectFiles}:\n${head(output)}`);
    }
  }
  return { ms: r.ms, rssKiB: mem ? readRss() : undefined, code: r.code, output };
}

/**
 * Run specs round-robin: warm-up rounds (not counted), then `runs` rounds, each starting at the next
 * spec so no command always runs right after the same neighbour.
 */
async function roundRobin(specs, runs, { warmup = 0, mem = false } = {}) {
  const res = specs.map(() => ({ ms: [], rssKiB: [], codes: [], timedOut: false, lastOutput: '' }));
  for (let round = -warmup; round < runs; round++) {
    for (let k = 0; k < specs.length; k++) {
      const i = (k + Math.max(0, round)) % specs.length;
      if (res[i].timedOut) continue;
      const r = await run(specs[i], { mem });
      if (r.timedOut) {
        res[i].timedOut = true;
        continue;
      }
      res[i].lastOutput = r.output;
      if (round < 0) continue;
      res[i].ms.push(r.ms);
      res[i].codes.push(r.code);
      if (r.rssKiB !== undefined) res[i].rssKiB.push(r.rssKiB);
    }
    if (process.stderr.isTTY) process.stderr.write(`  … ${round < 0 ? 'warm-up' : `round ${round + 1}/${runs}`} done\r`);
  }
  if (process.stderr.isTTY) process.stderr.write(' '.repeat(40) + '\r');
  return res;
}

// ---------------------------------------------------------------------------------------------
// Statistics and printing
// ---------------------------------------------------------------------------------------------

const median = (xs) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const min = (xs) => (xs.length ? Math.min(...xs) : NaN);
const max = (xs) => (xs.length ? Math.max(...xs) : NaN);
const fmtMs = (ms) => (Number.isFinite(ms) ? (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`) : 'n/a');
const fmtX = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
const fmtMiB = (kib) => (Number.isFinite(kib) ? `${(kib / 1024).toFixed(0)} MiB` : 'n/a');
const verdict = (ok) => (ok === undefined ? '' : ok ? 'PASS' : 'MISS');

function printTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => '  ' + r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(headers));
  console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

const checks = [];
/** A ratio or figure against its target: printed as one line and kept for the summary and JSON. */
function target(name, text, value, limit, cmp) {
  const ok = Number.isFinite(value) ? (cmp === '<' ? value < limit : value <= limit) : false;
  checks.push({ name, value, target: `${cmp} ${limit}`, pass: ok });
  console.log(`  ${text} ${verdict(ok)}`);
  return ok;
}

function summarise(specs, res) {
  return Object.fromEntries(
    specs.map((s, i) => [
      s.tool,
      {
        command: [s.label, ...s.args.slice(1).map(shortArg)].join(' '),
        runsMs: res[i].ms.map((x) => +x.toFixed(1)),
        medianMs: +median(res[i].ms).toFixed(1),
        minMs: +min(res[i].ms).toFixed(1),
        exitCodes: [...new Set(res[i].codes)],
        ...(res[i].rssKiB.length ? { peakRssKiB: res[i].rssKiB, peakRssMiB: +(max(res[i].rssKiB) / 1024).toFixed(1), medianPeakRssMiB: +(median(res[i].rssKiB) / 1024).toFixed(1) } : {}),
        ...(res[i].timedOut ? { timedOut: true, timeoutMs: TIMEOUT_MS } : {}),
      },
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// Generated documents
// ---------------------------------------------------------------------------------------------

function generateMany() {
  rmSync(MANY, { recursive: true, force: true });
  mkdirSync(MANY, { recursive: true });
  let bytes = 0;
  for (let i = 1; i <= N_MANY; i++) {
    const id = String(i).padStart(4, '0');
    // Odd numbers are trackers, even numbers TODO lists: 500 of each.
    const [name, text] = i % 2 ? [`${id}-status-tracker.md`, statusTracker(10_000 + i)] : [`${id}-TODO.md`, todoList(20_000 + i)];
    writeFileSync(join(MANY, name), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

function generateBig() {
  mkdirSync(BIG, { recursive: true });
  const MB = 1 << 20;
  // Table rows grow with the file: 150 milestones, 250 steps and 20 jobs per MiB; the rest is
  // Recent Work (dated `### YYYY-MM-DD` entries, newest first).
  const sizes = [
    { key: '1MB', mib: 1 },
    { key: '4MB', mib: 4 },
  ];
  return sizes.map(({ key, mib }) => {
    const file = join(BIG, `${key.toLowerCase()}-status-tracker.md`);
    const text = statusTracker(424242, { milestones: 150 * mib, steps: 250 * mib, jobs: 20 * mib, targetBytes: mib * MB, clean: true });
    writeFileSync(file, text);
    return { key, file, bytes: Buffer.byteLength(text), lines: text.split('\n').length };
  });
}

const REMARK_PROBE = join(WORK, 'remark-probe.md');
function writeRemarkConfig() {
  mkdirSync(WORK, { recursive: true });
  writeFileSync(REMARK_RC, JSON.stringify({ plugins: ['remark-gfm', 'remark-preset-lint-recommended'] }, null, 2) + '\n');
  // Two problems the recommended preset reports: an undefined reference and no final newline.
  writeFileSync(REMARK_PROBE, '# Probe\n\n- [x] a GFM task\n\nSee [nowhere].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nNo final newline');
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main() {
  const t0 = Date.now();
  if (!existsSync(join(ROOT, 'dist', 'cli.cjs'))) throw new BenchError('dist/cli.cjs is missing: run `node build.mjs` first (npm run bench does)');
  if (!existsSync(join(ROOT, SINGLE_FILE))) throw new BenchError(`${SINGLE_FILE} is missing`);
  writeRemarkConfig();
  memMethod = await detectMemMethod();

  const cpus = os.cpus();
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${os.release()} ${process.arch}`,
    cpus: `${cpus.length}× ${cpus[0]?.model ?? '?'}`,
    loadavg: os.loadavg().map((x) => +x.toFixed(2)),
    trackdocs: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    markdownlintCli2: MDL.version,
    remarkCli: REMARK.version,
    remarkConfig: ['remark-gfm', 'remark-preset-lint-recommended'],
    peakMemoryMethod: memMethod ?? 'none',
    quick,
  };
  console.log(`trackdocs bench — node ${meta.node}, ${meta.cpus}, load ${meta.loadavg.join(' ')}`);
  console.log(`peers: markdownlint-cli2 ${MDL.version}, remark-cli ${REMARK.version} (remark-gfm + remark-preset-lint-recommended)`);
  console.log(`peak memory via: ${memMethod === 'gnu-time' ? 'GNU time (/usr/bin/time -f %M)' : memMethod === 'preload' ? 'preloaded bench/maxrss.cjs (process.resourceUsage().maxRSS)' : 'n/a (neither GNU time nor the preload probe works here)'}`);

  // remark must really run the preset: it has to report the probe file's two known problems.
  const probe = await run(spec('remark', 'remark-cli', [REMARK.path, ...remarkArgs, rel(REMARK_PROBE)], 1));
  if (!/no-undefined-references/.test(probe.output) || !/final-newline/.test(probe.output)) {
    throw new BenchError(`remark-cli did not report the probe file's known problems, so remark-preset-lint-recommended is not active:\n${probe.output}`);
  }

  // ---- 1. One file, the pre-commit case --------------------------------------------------------
  console.log(`\n1. One status tracker (${SINGLE_FILE}, ${statSync(join(ROOT, SINGLE_FILE)).size} bytes): whole process, ${RUNS_SINGLE} runs each, round-robin`);
  const single = [nodeSpec, trackdocsSpec([SINGLE_FILE], 1), mdlSpec([SINGLE_FILE], 1), remarkSpec([SINGLE_FILE], 1)];
  const r1 = await roundRobin(single, RUNS_SINGLE, { warmup: WARMUP_SINGLE });
  for (const [i, s] of single.entries()) if (r1[i].timedOut) throw new BenchError(`\`${s.label}\` took over ${TIMEOUT_MS / 1000} s on one file`);
  const m1 = r1.map((r) => median(r.ms));
  const n1 = r1.map((r) => min(r.ms));
  printTable(
    ['command', 'median', 'min', 'median vs node -e 0'],
    single.map((s, i) => [s.label, fmtMs(m1[i]), fmtMs(n1[i]), fmtX(m1[i] / m1[0])]),
  );
  const [node1, td1, mdl1, rem1] = m1;
  target('single.trackdocs/node', `1 file: trackdocs ${fmtMs(td1)}, node -e 0 ${fmtMs(node1)} (${fmtX(td1 / node1)}, by min ${fmtX(n1[1] / n1[0])}; target ≤ 2.0×)`, td1 / node1, 2.0, '≤');
  target('single.trackdocs/markdownlint', `1 file: trackdocs ${fmtMs(td1)}, markdownlint-cli2 ${fmtMs(mdl1)} (${fmtX(td1 / mdl1)}, by min ${fmtX(n1[1] / n1[2])}; target ≤ 0.4×)`, td1 / mdl1, 0.4, '≤');
  console.log(`  1 file: trackdocs ${fmtMs(td1)}, remark-cli ${fmtMs(rem1)} (${fmtX(td1 / rem1)}, by min ${fmtX(n1[1] / n1[3])}; no target)`);
  console.log(`  1 file: trackdocs above bare node: ${fmtMs(td1 - node1)}; markdownlint-cli2: ${fmtMs(mdl1 - node1)}; remark-cli: ${fmtMs(rem1 - node1)}`);

  // ---- 2. 1,000 files ---------------------------------------------------------------------------
  const manyBytes = generateMany();
  const manyDir = rel(MANY);
  console.log(`\n2. ${N_MANY} generated files (${manyDir}/: ${N_MANY / 2} trackers + ${N_MANY / 2} TODO lists, ${(manyBytes / 1048576).toFixed(1)} MiB): whole process, ${RUNS_MANY} runs each, round-robin (no warm-up: section 1 warmed the tools)`);
  const many = [trackdocsSpec([manyDir], N_MANY), mdlSpec([`${manyDir}/**/*.md`], N_MANY), remarkSpec([manyDir], N_MANY)];
  const r2 = await roundRobin(many, RUNS_MANY, { mem: true });
  const m2 = r2.map((r) => (r.timedOut ? Infinity : median(r.ms)));
  const p2 = r2.map((r) => max(r.rssKiB));
  printTable(
    ['command', 'median', 'min', 'peak RSS (max of runs)', 'vs trackdocs'],
    many.map((s, i) => [s.label, r2[i].timedOut ? `> ${TIMEOUT_MS / 1000} s` : fmtMs(m2[i]), fmtMs(min(r2[i].ms)), fmtMiB(p2[i]), fmtX(m2[i] / m2[0])]),
  );
  const tdSummary = /^\d+ files? checked.*$/m.exec(r2[0].lastOutput)?.[0];
  if (tdSummary) console.log(`  trackdocs reported: ${tdSummary}`);
  const mdlCount = (r2[1].lastOutput.match(/^\S+\.md:\d+/gm) ?? []).length;
  console.log(`  markdownlint-cli2 reported ${mdlCount} problems; remark-cli ${/(\d+) warnings?/.exec(r2[2].lastOutput)?.[1] ?? 0} warnings`);
  const [td2, mdl2, rem2] = m2;
  target('many.trackdocs/markdownlint', `${N_MANY} files: trackdocs ${fmtMs(td2)}, markdownlint-cli2 ${fmtMs(mdl2)} (${fmtX(td2 / mdl2)}, target ≤ 0.8×)`, td2 / mdl2, 0.8, '≤');
  console.log(`  ${N_MANY} files: trackdocs ${fmtMs(td2)}, remark-cli ${fmtMs(rem2)} (${fmtX(td2 / rem2)}; no target)`);
  if (memMethod) target('many.trackdocs.peakRssMiB', `${N_MANY} files: trackdocs peak memory ${fmtMiB(p2[0])} (target < 300 MiB)`, p2[0] / 1024, 300, '<');
  else {
    checks.push({ name: 'many.trackdocs.peakRssMiB', value: null, target: '< 300', pass: null });
    console.log('  1000 files: trackdocs peak memory n/a (target < 300 MiB) —');
  }

  // ---- 3. Scaling ---------------------------------------------------------------------------------
  const big = generateBig();
  console.log(`\n3. Scaling: one big status tracker, trackdocs only, ${RUNS_BIG} runs each, round-robin`);
  const bigSpecs = big.map((b) => ({ ...trackdocsSpec([rel(b.file)], 1), label: `trackdocs ${b.key}` }));
  const r3 = await roundRobin(bigSpecs, RUNS_BIG, { mem: true });
  const m3 = r3.map((r) => (r.timedOut ? Infinity : median(r.ms)));
  printTable(
    ['file', 'size', 'lines', 'median', 'min', 'peak RSS'],
    big.map((b, i) => [rel(b.file), `${(b.bytes / 1048576).toFixed(2)} MiB`, b.lines, r3[i].timedOut ? `> ${TIMEOUT_MS / 1000} s` : fmtMs(m3[i]), fmtMs(min(r3[i].ms)), fmtMiB(max(r3[i].rssKiB))]),
  );
  const ratio3 = m3[1] / m3[0];
  target('scaling.4MB/1MB', `scaling: 4 MB ${fmtMs(m3[1])} / 1 MB ${fmtMs(m3[0])} = ${fmtX(ratio3)} (target ≤ 5×)`, ratio3, 5, '≤');
  console.log(`  scaling net of node start-up (${fmtMs(node1)}): ${fmtX((m3[1] - node1) / (m3[0] - node1))} (no target)`);

  // ---- Summary and JSON -----------------------------------------------------------------------------
  const passed = checks.filter((c) => c.pass).length;
  console.log(`\nTargets: ${passed}/${checks.length} met${checks.some((c) => c.pass === false) ? ` (missed: ${checks.filter((c) => c.pass === false).map((c) => c.name).join(', ')})` : ''}`);
  const results = {
    meta: { ...meta, totalSeconds: +((Date.now() - t0) / 1000).toFixed(1) },
    singleFile: {
      file: SINGLE_FILE,
      runs: RUNS_SINGLE,
      warmup: WARMUP_SINGLE,
      commands: summarise(single, r1),
      ratios: { trackdocsOverNode: td1 / node1, trackdocsOverMarkdownlint: td1 / mdl1, trackdocsOverRemark: td1 / rem1 },
    },
    manyFiles: {
      dir: manyDir,
      files: N_MANY,
      bytes: manyBytes,
      runs: RUNS_MANY,
      commands: summarise(many, r2),
      trackdocsSummary: tdSummary ?? null,
      ratios: { trackdocsOverMarkdownlint: td2 / mdl2, trackdocsOverRemark: td2 / rem2 },
    },
    scaling: {
      files: big.map((b) => ({ key: b.key, file: rel(b.file), bytes: b.bytes, lines: b.lines })),
      runs: RUNS_BIG,
      commands: summarise(bigSpecs.map((s, i) => ({ ...s, tool: big[i].key })), r3),
      ratio4MBover1MB: ratio3,
    },
    targets: checks,
  };
  writeFileSync(join(WORK, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`Raw figures: ${rel(join(WORK, 'results.json'))} (total ${results.meta.totalSeconds} s)`);
}

main().catch((e) => {
  if (e instanceof BenchError) {
    console.error(`\nbench: ${e.message}`);
    process.exit(2);
  }
  console.error(e);
  process.exit(2);
});
