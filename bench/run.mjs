#!/usr/bin/env node
// trackdocs benchmark: whole-process time (and peak memory) of `docs lint` against a bare Node
// start, markdownlint-cli2 and remark-cli (remark-gfm + remark-preset-lint-recommended), all run
// side by side in one go so the ratios survive a noisy machine; then `docs sync` scaling, `docs
// lint --staged` (the pre-commit hook) and `docs watch` save-to-output latency. See bench/README.md.
//
//   node build.mjs && node bench/run.mjs      (or: npm run bench)
//   node bench/run.mjs --quick                fewer runs, for trying the bench itself out
//   node bench/run.mjs --remark-full          remark-cli 3× (not once) over the 1,000 files
//   node bench/run.mjs --only 4,5             just those sections (1–8)
//
// Exit code: 0 when every command ran (missed targets are reported, not fatal); 2 when a command
// could not run at all or did not do what it was asked (crash, wrong file count, missing plugin).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, statSync, copyFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { statusTracker, todoList, syncTracker, vastaiSnapshot, jobRowsOf } from './generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.work');
const MANY = join(WORK, 'many');
const BIG = join(WORK, 'big');
const rel = (p) => relative(ROOT, p).split('\\').join('/');
const shortArg = (a) => (a === process.execPath ? 'node' : a.startsWith(ROOT + '/') ? rel(a) : a);

const quick = process.argv.includes('--quick');
const RUNS_SINGLE = quick ? 5 : 21;
const WARMUP_SINGLE = quick ? 1 : 2;
const RUNS_MANY = quick ? 1 : 3;
// remark-cli (no target) runs once in section 2, not RUNS_MANY times, unless --remark-full; that
// keeps the full bench near 8 minutes. (--remark-once, once needed for this, is still accepted.)
// One remark run over the 1,000 files takes 30–40 s on a 2-core machine.
const REMARK_RUNS_MANY = process.argv.includes('--remark-full') ? RUNS_MANY : 1;
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

// trackdocs runs from a snapshot of its package files taken at start (bench/.work/trackdocs/), so
// a concurrent `node build.mjs` (which deletes and rewrites dist/) cannot break or change a run. The
// whole of bin/ is copied (docs.cjs, load-cli.cjs and lint-worker.cjs, without which `docs lint`
// silently lints many files on one thread), with dist/ and the package files the bundle reads at
// run time through packageRoot(): templates/ (`docs init`) and schemas/.
const SNAP = join(WORK, 'trackdocs');
const TRACKDOCS = join(SNAP, 'bin', 'docs.cjs');
const snapDirs = ['bin', 'dist', 'templates', 'schemas'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every file under snapDirs (relative paths, sorted). */
function listSnapFiles() {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(join(ROOT, d), { withFileTypes: true })) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  for (const d of snapDirs) if (existsSync(join(ROOT, d))) walk(d);
  return out.sort();
}

/** Copy the built CLI into SNAP once the build is complete and stable; check V8 takes its code cache. */
async function snapshotTrackdocs() {
  const stamp = (files) => files.map((f) => {
    const st = statSync(join(ROOT, f));
    return `${f}:${st.size}:${st.mtimeMs}`;
  }).join(' ');
  const required = ['bin/docs.cjs', 'bin/load-cli.cjs', 'dist/cli.cjs', 'dist/cli.v8cache'];
  let files = required;
  for (let attempt = 0; ; attempt++) {
    try {
      files = listSnapFiles();
      for (const f of required) if (!files.includes(f)) throw new Error(`${f} is missing`);
      const before = stamp(files);
      // The build writes the code cache last; a cache older than the bundle means a build in flight.
      if (statSync(join(ROOT, 'dist/cli.v8cache')).mtimeMs < statSync(join(ROOT, 'dist/cli.cjs')).mtimeMs) throw new Error('build in progress');
      rmSync(SNAP, { recursive: true, force: true });
      for (const f of files) {
        mkdirSync(dirname(join(SNAP, f)), { recursive: true });
        copyFileSync(join(ROOT, f), join(SNAP, f));
      }
      if (listSnapFiles().join() === files.join() && stamp(files) === before) break;
    } catch (e) {
      if (attempt >= 15) throw new BenchError(`could not take a consistent copy of the built CLI (${snapDirs.join('/, ')}/): ${e.message}; run \`node build.mjs\``);
    }
    await sleep(2000);
  }
  const sha = createHash('sha1').update(readFileSync(join(SNAP, 'dist/cli.cjs'))).digest('hex').slice(0, 12);
  let codeCache = 'unknown';
  try {
    const { loadCli } = createRequire(import.meta.url)(join(SNAP, 'bin/load-cli.cjs'));
    const script = loadCli().script;
    if (script && typeof script.cachedDataRejected === 'boolean') codeCache = script.cachedDataRejected ? 'rejected' : 'accepted';
  } catch {
    /* leave unknown */
  }
  return { bundleSha1: sha, bundleBytes: statSync(join(SNAP, 'dist/cli.cjs')).size, codeCache, files };
}

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

/** args[0] is the bin script (except for node -e 0); `display` is how the command reads in messages. */
function spec(tool, label, args, expectFiles) {
  const display = tool === 'node' ? `node ${args.join(' ')}` : [label, ...args.slice(1).map(shortArg)].join(' ');
  return { tool, label, args, expectFiles, display };
}
const nodeSpec = spec('node', 'node -e 0', ['-e', '0']);
/** A trackdocs command with its own label; displayed as `trackdocs <its arguments>`. */
const tdSpec = (label, args, expectFiles) => ({ ...spec('trackdocs', label, [TRACKDOCS, ...args], expectFiles), display: ['trackdocs', ...args.map(shortArg)].join(' ') });
const trackdocsSpec = (targets, n) => spec('trackdocs', 'trackdocs', [TRACKDOCS, 'lint', ...targets], n);
const mdlSpec = (globs, n) => spec('markdownlint', 'markdownlint-cli2', [MDL.path, ...globs], n);
const remarkSpec = (targets, n) => spec('remark', 'remark-cli', [REMARK.path, ...remarkArgs, ...targets], n);

// ---------------------------------------------------------------------------------------------
// Running one command
// ---------------------------------------------------------------------------------------------

let memMethod = null; // 'gnu-time' | 'preload' | null
const rssFile = join(WORK, 'maxrss.txt');

function rawRun(argv, env = childEnv, cwd = ROOT) {
  return new Promise((resolveRun, rejectRun) => {
    const out = [];
    const err = [];
    const start = process.hrtime.bigint();
    let end;
    let timedOut = false;
    // detached: its own process group, so a timeout can end the command and anything it spawned.
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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

/**
 * Run a spec once; check that it really ran and did its job; return time (and peak RSS).
 * Optional spec fields: cwd (default the repository root), okCodes (default node [0], linters
 * [0, 1]), expectOut (a RegExp stdout must match), prepare() (called before the timer starts, e.g.
 * to copy a fresh input) and check(result) (after the run; returns an error message or nothing).
 */
async function run(s, { mem = false } = {}) {
  s.prepare?.();
  let argv = s.argv ?? [process.execPath, ...s.args];
  let env = childEnv;
  if (mem && memMethod) {
    rmSync(rssFile, { force: true });
    if (memMethod === 'gnu-time') argv = ['/usr/bin/time', '-f', '%M', '-o', rssFile, ...argv];
    else {
      argv = [process.execPath, '--require', join(ROOT, 'bench', 'maxrss.cjs'), ...s.args];
      env = { ...childEnv, BENCH_MAXRSS_FILE: rssFile };
    }
  }
  const r = await rawRun(argv, env, s.cwd ?? ROOT);
  const cmd = s.display;
  const output = r.stdout + r.stderr;
  const head = (text) => text.split('\n').slice(0, 12).map((l) => '    ' + l).join('\n');
  if (r.timedOut) return { ms: Infinity, timedOut: true, rssKiB: undefined, code: null, output };
  if (/internal error|Cannot find (module|package)|Cannot process file|Error \[ERR_|^\s+at .*\(.*:\d+:\d+\)$/m.test(r.stderr) || r.signal) {
    throw new BenchError(`\`${cmd}\` crashed (exit ${r.code ?? r.signal}):\n${head(r.stderr || r.stdout)}`);
  }
  const okCodes = s.okCodes ?? (s.tool === 'node' ? [0] : [0, 1]); // 1: problems found, which is fine
  if (!okCodes.includes(r.code)) {
    throw new BenchError(`\`${cmd}\` failed with exit code ${r.code}:\n${head(r.stderr || r.stdout)}`);
  }
  if (s.expectFiles !== undefined) {
    const n = counters[s.tool](output);
    if (n !== s.expectFiles) {
      throw new BenchError(`\`${cmd}\` checked ${n ?? 'an unknown number of'} files, expected ${s.expectFiles}:\n${head(output)}`);
    }
  }
  if (s.expectOut && !s.expectOut.test(r.stdout)) {
    throw new BenchError(`\`${cmd}\` printed no line matching ${s.expectOut}:\n${head(output)}`);
  }
  const problem = s.check?.(r);
  if (problem) throw new BenchError(`\`${cmd}\`: ${problem}:\n${head(output)}`);
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
      if (res[i].timedOut || (specs[i].runs !== undefined && round >= specs[i].runs)) continue;
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
        command: s.display,
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

/** A clean tracker of about `mib` MiB: 150 milestones, 250 steps and 20 jobs per MiB, the rest Recent Work. */
const bigTracker = (mib) => statusTracker(424242, { milestones: 150 * mib, steps: 250 * mib, jobs: 20 * mib, targetBytes: mib * (1 << 20), clean: true });

function generateBig() {
  mkdirSync(BIG, { recursive: true });
  // Table rows grow with the file: 150 milestones, 250 steps and 20 jobs per MiB; the rest is
  // Recent Work (dated `### YYYY-MM-DD` entries, newest first).
  const sizes = [
    { key: '1MB', mib: 1 },
    { key: '4MB', mib: 4 },
  ];
  return sizes.map(({ key, mib }) => {
    const file = join(BIG, `${key.toLowerCase()}-status-tracker.md`);
    const text = bigTracker(mib);
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

// ---- 4. docs sync -------------------------------------------------------------------------------

const SYNC = join(WORK, 'sync');
const RUNS_SYNC = quick ? 1 : 3;
const SYNC_SCALES = [
  { key: '1x', scale: 1 },
  { key: '10x', scale: 10 },
];

/** The 1× and 10× sync inputs (1,000 / 10,000 job rows, 100 / 1,000 instances) and the ~1 MB no-op case. */
function generateSync() {
  rmSync(SYNC, { recursive: true, force: true });
  mkdirSync(SYNC, { recursive: true });
  const cases = SYNC_SCALES.map(({ key, scale }) => {
    const tracker = syncTracker(5150 + scale, { jobs: 1000 * scale });
    const snap = vastaiSnapshot(6160 + scale, tracker.rows, { instances: 100 * scale });
    const pristine = join(SYNC, `${key}-status-tracker.md`);
    const snapshot = join(SYNC, `${key}-vastai.json`);
    writeFileSync(pristine, tracker.text);
    writeFileSync(snapshot, JSON.stringify(snap.instances, null, 1) + '\n');
    return { key, scale, rows: tracker.rows.length, instances: snap.instances.length, expected: snap.expected, pristine, snapshot, scratch: join(SYNC, `scratch-${key}-status-tracker.md`), bytes: Buffer.byteLength(tracker.text), snapshotBytes: statSync(snapshot).size };
  });
  // The no-op case: the 1 MiB tracker of section 3 (20 job rows), against a snapshot of 25
  // instances (20 of its rows, 5 with a new status or price, and 5 new ones).
  const text = bigTracker(1);
  const snap = vastaiSnapshot(7170, jobRowsOf(text), { instances: 25, listedShare: 0.8 });
  const noop = { pristine: join(SYNC, 'noop-1mb-status-tracker.md'), snapshot: join(SYNC, 'noop-vastai.json'), scratch: join(SYNC, 'scratch-noop-status-tracker.md'), bytes: Buffer.byteLength(text), expected: snap.expected };
  writeFileSync(noop.pristine, text);
  writeFileSync(noop.snapshot, JSON.stringify(snap.instances, null, 1) + '\n');
  return { cases, noop };
}

const syncArgs = (file, snapshot) => ['sync', rel(file), '--vastai-json', rel(snapshot), '--no-state'];
const sha1 = (file) => createHash('sha1').update(readFileSync(file)).digest('hex');

/** Rows of each `## …` section's tables (lines starting `| <digits>`), to check what sync wrote. */
function jobTableRows(file) {
  const text = readFileSync(file, 'utf8');
  const count = (heading) => ((text.split(new RegExp(`^## ${heading}$`, 'm'))[1] ?? '').split(/^## /m)[0].match(/^\| \d+ \|/gm) ?? []).length;
  return { active: count('Active Remote Jobs'), past: count('Past Remote Jobs') };
}

async function sectionSync(ctx) {
  const { cases, noop } = generateSync();
  console.log(`\n4. docs sync: a recorded vastai snapshot merged into a tracker's Active Remote Jobs, whole process, ${RUNS_SYNC} run${RUNS_SYNC === 1 ? '' : 's'} each, round-robin; each run on a fresh copy made before the timer starts`);
  const specs = cases.map((c) => ({
    ...tdSpec(`trackdocs sync ${c.key}`, syncArgs(c.scratch, c.snapshot)),
    okCodes: [0],
    expectOut: /added|in sync/,
    prepare: () => copyFileSync(c.pristine, c.scratch),
  }));
  const r = await roundRobin(specs, RUNS_SYNC, { mem: true });
  const m = r.map((x) => (x.timedOut ? Infinity : median(x.ms)));
  const results = cases.map((c, i) => {
    const reported = /(\d+) added, (\d+) updated, (\d+) archived/.exec(r[i].lastOutput);
    const got = reported ? { added: +reported[1], updated: +reported[2], archived: +reported[3] } : null;
    const rows = existsSync(c.scratch) ? jobTableRows(c.scratch) : null; // the last run's output file
    const ok = got && got.added === c.expected.added && got.updated === c.expected.updated && got.archived === c.expected.archived && rows?.active === c.expected.active && rows?.past === c.expected.archived;
    return { got, rows, ok };
  });
  printTable(
    ['input', 'tracker', 'job rows', 'instances', 'median', 'min', 'peak RSS', 'sync reported (added/updated/archived)', 'rows after (active/past)'],
    cases.map((c, i) => [c.key, `${(c.bytes / 1048576).toFixed(2)} MiB`, c.rows, c.instances, r[i].timedOut ? `> ${TIMEOUT_MS / 1000} s` : fmtMs(m[i]), fmtMs(min(r[i].ms)), fmtMiB(max(r[i].rssKiB)),
      results[i].got ? `${results[i].got.added}/${results[i].got.updated}/${results[i].got.archived}${results[i].ok ? '' : ` (expected ${c.expected.added}/${c.expected.updated}/${c.expected.archived})`}` : '?',
      results[i].rows ? `${results[i].rows.active}/${results[i].rows.past}${results[i].ok ? '' : ` (expected ${c.expected.active}/${c.expected.archived})`}` : '?']),
  );
  for (const [i, c] of cases.entries()) if (!results[i].ok) console.log(`  warning: sync ${c.key} did not do what the snapshot asks (see the table); command: ${specs[i].display}`);
  const ratio = m[1] / m[0];
  target('sync.10x/1x', `sync: 10× ${fmtMs(m[1])} / 1× ${fmtMs(m[0])} = ${fmtX(ratio)} (target ≤ 12×, i.e. about linear)`, ratio, 12, '≤');
  if (Number.isFinite(ctx.node1)) console.log(`  sync scaling net of node start-up (${fmtMs(ctx.node1)}): ${fmtX((m[1] - ctx.node1) / (m[0] - ctx.node1))} (no target)`);

  // The no-op: sync a scratch copy once (not timed), then time syncs that must change nothing.
  copyFileSync(noop.pristine, noop.scratch);
  const first = await run({ ...tdSpec('trackdocs sync (first)', syncArgs(noop.scratch, noop.snapshot)), okCodes: [0], expectOut: /added/ });
  const synced = sha1(noop.scratch);
  const noopSpec = {
    ...tdSpec('trackdocs sync no-op 1 MiB', syncArgs(noop.scratch, noop.snapshot)),
    okCodes: [0],
    expectOut: /: in sync$/m,
    check: () => (sha1(noop.scratch) === synced ? undefined : `a no-op sync changed ${rel(noop.scratch)}`),
  };
  const rn = await roundRobin([noopSpec], RUNS_SYNC, { mem: true });
  if (rn[0].timedOut) throw new BenchError(`\`${noopSpec.display}\` took over ${TIMEOUT_MS / 1000} s`);
  const firstLine = first.output.split('\n').find((l) => /added/.test(l)) ?? '';
  console.log(`  no-op sync of a ${(noop.bytes / 1048576).toFixed(2)} MiB tracker (${rel(noop.pristine)}, after a first sync that printed \`${firstLine.replace(/^.*?: /, '')}\`): median ${fmtMs(median(rn[0].ms))}, min ${fmtMs(min(rn[0].ms))}, peak RSS ${fmtMiB(max(rn[0].rssKiB))}; printed \`in sync\`, file byte-identical (no target)`);
  return {
    today: TODAY,
    runs: RUNS_SYNC,
    cases: cases.map((c, i) => ({ key: c.key, tracker: rel(c.pristine), snapshot: rel(c.snapshot), trackerBytes: c.bytes, snapshotBytes: c.snapshotBytes, jobRows: c.rows, instances: c.instances, expected: c.expected, reported: results[i].got, rowsAfter: results[i].rows, asExpected: Boolean(results[i].ok) })),
    commands: summarise(specs.map((s, i) => ({ ...s, tool: cases[i].key })), r),
    ratio10xOver1x: ratio,
    noop: { tracker: rel(noop.pristine), snapshot: rel(noop.snapshot), bytes: noop.bytes, firstSync: firstLine, ...summarise([{ ...noopSpec, tool: 'noop' }], rn).noop },
  };
}

// ---- 5. docs lint --staged ------------------------------------------------------------------------

const STAGED = join(WORK, 'staged-repo');

function git(args, cwd) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new BenchError(`\`git ${args.join(' ')}\` failed in ${rel(cwd)}: ${r.error?.message ?? r.stderr.trim()}`);
  return r.stdout;
}

/** A fresh repository with SINGLE_FILE staged (not committed) as docs/status-tracker.md. */
function setupStagedRepo() {
  rmSync(STAGED, { recursive: true, force: true });
  mkdirSync(join(STAGED, 'docs'), { recursive: true });
  git(['-c', 'init.defaultBranch=main', 'init', '-q'], STAGED);
  git(['config', 'user.name', 'trackdocs bench'], STAGED);
  git(['config', 'user.email', 'bench@example.invalid'], STAGED);
  copyFileSync(join(ROOT, SINGLE_FILE), join(STAGED, 'docs', 'status-tracker.md'));
  git(['add', 'docs/status-tracker.md'], STAGED);
  const staged = git(['diff', '--cached', '--name-only'], STAGED).trim();
  if (staged !== 'docs/status-tracker.md') throw new BenchError(`the bench repository ${rel(STAGED)} has ${staged || 'nothing'} staged, expected docs/status-tracker.md`);
}

async function sectionStaged(ctx) {
  setupStagedRepo();
  console.log(`\n5. docs lint --staged, the pre-commit hook's command: ${SINGLE_FILE} staged as docs/status-tracker.md in ${rel(STAGED)}/ (cwd), whole process incl. its git calls, ${RUNS_SINGLE} runs each, round-robin`);
  const inRepo = (s) => ({ ...s, cwd: STAGED });
  const specs = [
    inRepo(nodeSpec),
    inRepo(tdSpec('trackdocs lint --staged', ['lint', '--staged'], 1)),
    inRepo(mdlSpec(['docs/status-tracker.md'], 1)),
    inRepo(tdSpec('trackdocs lint FILE', ['lint', 'docs/status-tracker.md'], 1)),
  ];
  const r = await roundRobin(specs, RUNS_SINGLE, { warmup: WARMUP_SINGLE });
  for (const [i, s] of specs.entries()) if (r[i].timedOut) throw new BenchError(`\`${s.display}\` took over ${TIMEOUT_MS / 1000} s on one staged file`);
  const m = r.map((x) => median(x.ms));
  const n = r.map((x) => min(x.ms));
  printTable(
    ['command (cwd: the bench repository)', 'median', 'min', 'median vs node -e 0'],
    specs.map((s, i) => [s.label, fmtMs(m[i]), fmtMs(n[i]), fmtX(m[i] / m[0])]),
  );
  const [node, staged, mdl, plain] = m;
  const summary = /^\d+ files? checked.*$/m.exec(r[1].lastOutput)?.[0];
  if (summary) console.log(`  trackdocs --staged reported: ${summary}${/commit blocked/.test(r[1].lastOutput) ? ' (and "commit blocked": the example has errors, as it should)' : ''}`);
  target('staged.trackdocs/node', `--staged: trackdocs ${fmtMs(staged)}, node -e 0 ${fmtMs(node)} (${fmtX(staged / node)}, by min ${fmtX(n[1] / n[0])}; target ≤ 2.3×)`, staged / node, 2.3, '≤');
  target('staged.trackdocs/markdownlint', `--staged: trackdocs ${fmtMs(staged)}, markdownlint-cli2 ${fmtMs(mdl)} (${fmtX(staged / mdl)}, by min ${fmtX(n[1] / n[2])}; target < 0.5×)`, staged / mdl, 0.5, '<');
  console.log(`  --staged costs ${fmtMs(staged - plain)} over \`trackdocs lint FILE\` on the same file (git diff --cached --raw, and hashing the staged file; no target)`);
  return {
    repo: rel(STAGED),
    file: SINGLE_FILE,
    runs: RUNS_SINGLE,
    warmup: WARMUP_SINGLE,
    commands: summarise(specs.map((s, i) => ({ ...s, tool: ['node', 'trackdocsStaged', 'markdownlint', 'trackdocsFile'][i] })), r),
    trackdocsSummary: summary ?? null,
    ratios: { trackdocsOverNode: staged / node, trackdocsOverMarkdownlint: staged / mdl, stagedOverPlainLint: staged / plain },
  };
}

// ---- 6. docs watch latency --------------------------------------------------------------------------

const WATCH = join(WORK, 'watch');
const WATCH_SAVES = 20;
const WATCH_PAUSE_MS = 150; // chokidar drops a second change within ~50 ms of the first
const watchClean = (n) => `# Project TODOs\n\n## Stage 1 – Setup\n- [ ] **Infrastructure**\n  - [x] Add the CI workflow for lint and tests.\n  - [ ] Write the launcher scripts with resume support.\n\n## Backlog\n- [ ] Compare attention backbones (save ${n}).\n`;
// A ticked parent with an open sub-task: checklist/parent-ticked-child-open, a warning.
const watchProblem = (n) => watchClean(n).replace('- [ ] **Infrastructure**', '- [x] **Infrastructure**');

async function sectionWatch() {
  rmSync(WATCH, { recursive: true, force: true });
  mkdirSync(WATCH, { recursive: true });
  // Its own repository, so the watcher's root (config, state file) is this folder, not the checkout.
  git(['-c', 'init.defaultBranch=main', 'init', '-q'], WATCH);
  const name = 'TODO.md';
  const file = join(WATCH, name);
  writeFileSync(file, watchClean(0));
  console.log(`\n6. docs watch: save → summary line latency, ${WATCH_SAVES} saves (fs.writeFileSync, ${WATCH_PAUSE_MS} ms apart) of ${rel(file)}, alternating clean / one warning; watcher not on a TTY`);

  const child = spawn(process.execPath, [TRACKDOCS, 'watch', name], { cwd: WATCH, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = []; // every stdout line, with when it arrived
  let waiter;
  let partial = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => {
    const at = process.hrtime.bigint();
    const parts = (partial + d).split('\n');
    partial = parts.pop();
    for (const text of parts) {
      lines.push({ text, at });
      waiter?.();
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
  const kill = () => {
    try {
      child.kill('SIGKILL');
    } catch {
      /* gone */
    }
  };
  /** Wait for a stdout line at index ≥ from matching re; returns it, or throws after timeoutMs. */
  const waitLine = async (re, from, timeoutMs, what) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = lines.slice(from).find((l) => re.test(l.text));
      if (hit) return hit;
      if (Date.now() > deadline || child.exitCode !== null) {
        kill();
        throw new BenchError(`\`trackdocs watch ${name}\` ${child.exitCode !== null ? `exited (${child.exitCode})` : `printed no ${what} within ${timeoutMs / 1000} s`}; its output:\n${[...lines.map((l) => l.text), partial, stderr].join('\n').split('\n').slice(-12).map((l) => '    ' + l).join('\n')}`);
      }
      await new Promise((res) => {
        waiter = res;
        setTimeout(res, 20);
      });
      waiter = undefined;
    }
  };

  await waitLine(/^trackdocs watch: ready$/, 0, 30_000, '`trackdocs watch: ready`');
  const esc = name.replace(/\./g, '\\.');
  const summaryRe = new RegExp(`^${esc}: (clean|\\d+ errors?, \\d+ warnings?)$`);
  const expected = [new RegExp(`^${esc}: clean$`), new RegExp(`^${esc}: 0 errors, 1 warning$`)];
  const latencies = [];
  const saves = [];
  let extra = 0;
  for (let i = 1; i <= WATCH_SAVES; i++) {
    await sleep(WATCH_PAUSE_MS);
    const from = lines.length;
    const problem = i % 2 === 1;
    const t = process.hrtime.bigint();
    writeFileSync(file, problem ? watchProblem(i) : watchClean(i));
    const hit = await waitLine(expected[problem ? 1 : 0], from, 5000, `\`${problem ? `${name}: 0 errors, 1 warning` : `${name}: clean`}\` after save ${i}`);
    const ms = Number(hit.at - t) / 1e6;
    // Summary lines before the expected one: the watcher linted a half-written file, or an old one.
    const before = lines.slice(from, lines.indexOf(hit)).filter((l) => summaryRe.test(l.text)).map((l) => l.text);
    extra += before.length;
    latencies.push(ms);
    saves.push({ save: i, expect: problem ? 'warning' : 'clean', ms: +ms.toFixed(2), ...(before.length ? { earlierSummaries: before } : {}) });
  }
  await sleep(WATCH_PAUSE_MS);
  // Summary lines the watcher printed after a save's expected line (a re-check that saw the file change again).
  const summaries = lines.filter((l) => summaryRe.test(l.text)).length;
  const repeats = summaries - WATCH_SAVES - extra;
  child.kill('SIGINT');
  let stopTimer;
  const exit = await Promise.race([exited, new Promise((res) => (stopTimer = setTimeout(() => res(null), 10_000)))]);
  clearTimeout(stopTimer);
  if (!exit) {
    kill();
    throw new BenchError(`\`trackdocs watch ${name}\` did not stop within 10 s of SIGINT`);
  }
  if (exit.code !== 0) throw new BenchError(`\`trackdocs watch ${name}\` exited with ${exit.code ?? exit.signal} after SIGINT, expected 0; stderr:\n${stderr}`);
  const med = median(latencies);
  printTable(['saves', 'median', 'min', 'max', 'p90', 'out-of-turn summary lines'], [[WATCH_SAVES, `${med.toFixed(1)} ms`, `${min(latencies).toFixed(1)} ms`, `${max(latencies).toFixed(1)} ms`, `${[...latencies].sort((a, b) => a - b)[Math.ceil(0.9 * latencies.length) - 1].toFixed(1)} ms`, `${extra} early, ${repeats} repeated`]]);
  if (extra) console.log(`  warning: ${extra} save(s) got a summary line for other content first (a half-written or stale file): ${saves.filter((s) => s.earlierSummaries).map((s) => `save ${s.save}: ${s.earlierSummaries.join(', ')}`).join('; ')}`);
  target('watch.medianMs', `watch: save → \`${name}: …\` line median ${med.toFixed(1)} ms (min ${min(latencies).toFixed(1)}, max ${max(latencies).toFixed(1)}; target < 30 ms)`, med, 30, '<');
  console.log(`  watcher stopped on SIGINT with exit 0 (${stderr.trim().split('\n').pop()})`);
  return { file: rel(file), saves: WATCH_SAVES, pauseMs: WATCH_PAUSE_MS, latenciesMs: latencies.map((x) => +x.toFixed(2)), medianMs: +med.toFixed(2), minMs: +min(latencies).toFixed(2), maxMs: +max(latencies).toFixed(2), earlySummaryLines: extra, repeatedSummaryLines: repeats, perSave: saves, exitCode: exit.code };
}

// ---- 7. The agents' verbs --------------------------------------------------------------------------

const VERBS = join(WORK, 'verbs');
const N_WRITERS = 50;

/** A tracker whose Milestone Status has `rows` rows M1…Mrows, for the concurrent writers. */
function writersTracker(rows) {
  const body = Array.from({ length: rows }, (_, i) => `| M${i + 1} (Part ${i + 1}) | ⚪ Not Started | 0% | |`).join('\n');
  return `# Status Tracker\n\nLast updated: 2026-01-01\n\n## Milestone Status\n\n| Milestone | Status | Progress | Notes |\n|---|---|---|---|\n${body}\n\n## Recent Work\n\n### 2026-01-01\n- Started\n`;
}

async function sectionVerbs() {
  rmSync(VERBS, { recursive: true, force: true });
  mkdirSync(VERBS, { recursive: true });
  const pristine = join(VERBS, 'pristine.md');
  const scratch = join(VERBS, 'status-tracker.md');
  copyFileSync(join(ROOT, SINGLE_FILE), pristine);
  console.log(`\n7. The agents' verbs: one \`trackdocs set\` on ${SINGLE_FILE} (a fresh copy before each run), whole process, ${RUNS_SINGLE} runs each, round-robin; then ${N_WRITERS} \`trackdocs set\` processes started at once on ${N_WRITERS} rows of one tracker`);
  const specs = [
    nodeSpec,
    { ...tdSpec('trackdocs set', ['set', 'milestones', 'M1', 'progress=96', 'notes=bench', '-f', rel(scratch)]), okCodes: [0], expectOut: /written/, prepare: () => copyFileSync(pristine, scratch) },
    { ...tdSpec('trackdocs get', ['get', 'milestones', 'M1', '-f', rel(pristine)]), okCodes: [0] },
  ];
  const r = await roundRobin(specs, RUNS_SINGLE, { warmup: WARMUP_SINGLE, mem: true });
  const m = r.map((x) => median(x.ms));
  const n = r.map((x) => min(x.ms));
  printTable(
    ['command', 'median', 'min', 'peak RSS', 'median vs node -e 0'],
    specs.map((s, i) => [s.display, fmtMs(m[i]), fmtMs(n[i]), fmtMiB(max(r[i].rssKiB)), fmtX(m[i] / m[0])]),
  );
  target('verbs.set/node', `set: trackdocs ${fmtMs(m[1])}, node -e 0 ${fmtMs(m[0])} (${fmtX(m[1] / m[0])}, by min ${fmtX(n[1] / n[0])}; target ≤ 2.5×)`, m[1] / m[0], 2.5, '≤');

  // 50 writers at once, each on its own row: every value must land.
  const writers = join(VERBS, 'writers.md');
  writeFileSync(writers, writersTracker(N_WRITERS));
  const t0 = performance.now();
  const runs = await Promise.all(Array.from({ length: N_WRITERS }, (_, i) => rawRun([process.execPath, TRACKDOCS, 'set', 'milestones', `M${i + 1}`, `progress=${i + 1}`, `notes=writer ${i + 1}`, '-f', rel(writers)])));
  const total = performance.now() - t0;
  const failed = runs.filter((x) => x.code !== 0);
  if (failed.length) throw new BenchError(`${failed.length} of ${N_WRITERS} concurrent \`trackdocs set\` failed, e.g.:\n    ${(failed[0].stderr || failed[0].stdout).trim()}`);
  const text = readFileSync(writers, 'utf8');
  const landed = Array.from({ length: N_WRITERS }, (_, i) => text.includes(`| M${i + 1} (Part ${i + 1}) | ⚪ Not Started | ${i + 1}% | writer ${i + 1} |`)).filter(Boolean).length;
  if (landed !== N_WRITERS) throw new BenchError(`only ${landed} of ${N_WRITERS} concurrent writes are in ${rel(writers)}`);
  const each = runs.map((x) => x.ms).sort((a, b) => a - b);
  console.log(`  ${N_WRITERS} concurrent writers: all ${landed} values landed; ${fmtMs(total)} in total (slowest writer ${fmtMs(each[each.length - 1])}, median ${fmtMs(median(each))}; no target)`);
  return {
    file: SINGLE_FILE,
    runs: RUNS_SINGLE,
    commands: summarise(specs.map((s, i) => ({ ...s, tool: ['node', 'trackdocsSet', 'trackdocsGet'][i] })), r),
    ratios: { setOverNode: m[1] / m[0] },
    concurrent: { writers: N_WRITERS, landed, totalMs: total, medianMs: median(each), slowestMs: each[each.length - 1] },
  };
}

// ---- 8. Merging: trackdocs merge against git merge-file ---------------------------------------------

const MERGE = join(WORK, 'merge');
const RUNS_MERGE = quick ? 5 : 15;

/**
 * Two edited copies of the 1 MiB tracker of section 3. Disjoint: ours adds a job row at the end of
 * Active Remote Jobs and changes a step's status near the top of Step Status; theirs adds a Recent
 * Work entry under a new date and changes a step's status near the end of the table. Overlapping:
 * both change the same job's status, to two values.
 */
function mergeCases() {
  const base = bigTracker(1);
  const lines = base.split('\n');
  const at = (re, from = 0) => {
    const i = lines.findIndex((l, k) => k >= from && re.test(l));
    if (i < 0) throw new BenchError(`the generated tracker has no line matching ${re}`);
    return i;
  };
  const edit = (changes) => {
    const out = [...lines];
    // From the bottom up, so the indices stay right.
    for (const [i, f] of [...changes].sort((a, b) => b[0] - a[0])) out.splice(i, 1, ...f(out[i]));
    return out.join('\n');
  };
  const setCell = (line, col, value) => line.split('|').map((c, k) => (k === col + 1 ? ` ${value} ` : c)).join('|');
  const jobsHead = at(/^## Active Remote Jobs/);
  const lastJob = at(/^$/, at(/^\| \d+ \|/, jobsHead)) - 1;
  const firstJob = at(/^\| \d+ \|/, jobsHead);
  const steps = at(/^## Step Status/);
  const earlyStep = at(/^\| Step 3 - /, steps);
  const lateStep = at(/^$/, at(/^\| Step \d+ - /, steps)) - 2;
  const recent = at(/^## Recent Work/);
  const disjointOurs = edit([
    [lastJob, (l) => [l, '| 29999999 | bench-merge-ours | 1x H100 | 🟢 Running | — | $2.10/hr | added by ours |']],
    [earlyStep, (l) => [setCell(l, 1, '🔴 Blocked')]],
  ]);
  const disjointTheirs = edit([
    [recent + 1, (l) => [l, '### 2026-01-06', '- Merged the bench branch; the new eval is running', '']],
    [lateStep, (l) => [setCell(l, 1, '✅ Complete')]],
  ]);
  const overlapOurs = edit([[firstJob, (l) => [setCell(l, 3, '✅ Complete')]]]);
  const overlapTheirs = edit([[firstJob, (l) => [setCell(l, 3, '🔴 Failed')]]]);
  return { base, cases: [
    { key: 'disjoint', ours: disjointOurs, theirs: disjointTheirs, clean: true },
    { key: 'overlapping', ours: overlapOurs, theirs: overlapTheirs, clean: false },
  ] };
}

async function sectionMerge() {
  rmSync(MERGE, { recursive: true, force: true });
  mkdirSync(MERGE, { recursive: true });
  const { base, cases } = mergeCases();
  writeFileSync(join(MERGE, 'base.md'), base);
  console.log(`\n8. Merging two edited copies of the 1 MiB tracker (${(Buffer.byteLength(base) / 1048576).toFixed(2)} MiB, bench/.work/merge/): \`trackdocs merge BASE OURS THEIRS PATH\` against \`git merge-file OURS BASE THEIRS\`, whole process, each on a fresh copy of OURS, ${RUNS_MERGE} runs each (+1 warm-up), round-robin`);
  const out = { runs: RUNS_MERGE, cases: {} };
  for (const c of cases) {
    const pristine = join(MERGE, `${c.key}-ours.orig.md`);
    writeFileSync(pristine, c.ours);
    writeFileSync(join(MERGE, `${c.key}-theirs.md`), c.theirs);
    const oursTd = join(MERGE, `${c.key}-ours.trackdocs.md`);
    const oursGit = join(MERGE, `${c.key}-ours.git.md`);
    const code = c.clean ? 0 : 1;
    const specs = [
      nodeSpec,
      { ...tdSpec(`trackdocs merge (${c.key})`, ['merge', rel(join(MERGE, 'base.md')), rel(oursTd), rel(join(MERGE, `${c.key}-theirs.md`)), 'docs/status-tracker.md', '--quiet']), display: `trackdocs merge base ${c.key}-ours ${c.key}-theirs PATH`, okCodes: [code], prepare: () => copyFileSync(pristine, oursTd) },
      { tool: 'git', label: `git merge-file (${c.key})`, display: `git merge-file ${c.key}-ours base ${c.key}-theirs`, argv: ['git', 'merge-file', rel(oursGit), rel(join(MERGE, 'base.md')), rel(join(MERGE, `${c.key}-theirs.md`))], okCodes: [code], prepare: () => copyFileSync(pristine, oursGit) },
    ];
    const r = await roundRobin(specs, RUNS_MERGE, { warmup: 1 });
    const m = r.map((x) => median(x.ms));
    const n = r.map((x) => min(x.ms));
    // The results: both clean with the same text when the edits are disjoint, both conflicted when not.
    const td = readFileSync(oursTd, 'utf8');
    const gm = readFileSync(oursGit, 'utf8');
    if (c.clean && td !== gm) throw new BenchError(`trackdocs merge and git merge-file disagree on the disjoint edits (${rel(oursTd)} vs ${rel(oursGit)})`);
    if (!c.clean && !(/^<{7} /m.test(td) && /^<{7} /m.test(gm))) throw new BenchError(`the overlapping edits left no conflict markers in ${rel(oursTd)} or ${rel(oursGit)}`);
    printTable(
      ['command', 'median', 'min', 'exit', 'median vs node -e 0'],
      specs.map((s, i) => [s.display, fmtMs(m[i]), fmtMs(n[i]), [...new Set(r[i].codes)].join(','), fmtX(m[i] / m[0])]),
    );
    console.log(`  ${c.key}: both ${c.clean ? 'clean, with the same merged text' : 'conflicted (exit 1, markers in both)'}: parity OK`);
    target(`merge.${c.key}/git`, `${c.key}: trackdocs ${fmtMs(m[1])}, git merge-file ${fmtMs(m[2])} (${fmtX(m[1] / m[2])}, by min ${fmtX(n[1] / n[2])}; target within 3×)`, m[1] / m[2], 3, '≤');
    console.log(`  ${c.key}: trackdocs above bare node: ${fmtMs(m[1] - m[0])} (${fmtX(m[1] / m[0])} node -e 0, which alone is ${fmtX(m[0] / m[2])} git merge-file)`);
    out.cases[c.key] = {
      clean: c.clean,
      commands: summarise(specs.map((s, i) => ({ ...s, tool: ['node', 'trackdocsMerge', 'gitMergeFile'][i] })), r),
      ratios: { trackdocsOverGit: m[1] / m[2], trackdocsOverNode: m[1] / m[0], nodeOverGit: m[0] / m[2] },
    };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

// --only 4,5,6 (or --only=4): run just those sections, to try a section out. results.json then
// holds only them, and a full run is needed for the figures the README talks about.
const onlyArg = (() => {
  const i = process.argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (i < 0) return null;
  const v = process.argv[i].includes('=') ? process.argv[i].split('=')[1] : process.argv[i + 1];
  const set = new Set(String(v ?? '').split(',').map(Number).filter((n) => n >= 1 && n <= 8));
  if (!set.size) {
    console.error('bench: --only needs section numbers 1–8, e.g. --only 4,5');
    process.exit(2);
  }
  return set;
})();
const want = (n) => !onlyArg || onlyArg.has(n);

async function main() {
  const t0 = Date.now();
  if (!existsSync(join(ROOT, 'dist', 'cli.cjs'))) throw new BenchError('dist/cli.cjs is missing: run `node build.mjs` first (npm run bench does)');
  const build = await snapshotTrackdocs();
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
    trackdocsBuild: build,
    git: (() => {
      const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
      const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' });
      return head.status === 0 ? `${head.stdout.trim()}${dirty.stdout.trim() ? ' (working tree modified)' : ''}` : 'unknown';
    })(),
    markdownlintCli2: MDL.version,
    remarkCli: REMARK.version,
    remarkConfig: ['remark-gfm', 'remark-preset-lint-recommended'],
    peakMemoryMethod: memMethod ?? 'none',
    quick,
    sections: onlyArg ? [...onlyArg].sort() : [1, 2, 3, 4, 5, 6, 7, 8],
  };
  console.log(`trackdocs bench — node ${meta.node}, ${meta.cpus}, load ${meta.loadavg.join(' ')}`);
  console.log(`peers: markdownlint-cli2 ${MDL.version}, remark-cli ${REMARK.version} (remark-gfm + remark-preset-lint-recommended)`);
  console.log(`trackdocs: dist/cli.cjs ${(build.bundleBytes / 1024).toFixed(0)} KiB (sha1 ${build.bundleSha1}), V8 code cache ${build.codeCache}; run from a copy in ${rel(SNAP)}/`);
  if (build.codeCache === 'rejected') console.log('  warning: this Node rejects dist/cli.v8cache, so trackdocs compiles its bundle on every run');
  console.log(`peak memory via: ${memMethod === 'gnu-time' ? 'GNU time (/usr/bin/time -f %M)' : memMethod === 'preload' ? 'preloaded bench/maxrss.cjs (process.resourceUsage().maxRSS)' : 'n/a (neither GNU time nor the preload probe works here)'}`);

  const results = { meta };

  if (want(1) || want(2)) {
    // remark must really run the preset: it has to report the probe file's two known problems.
    const probe = await run(spec('remark', 'remark-cli', [REMARK.path, ...remarkArgs, rel(REMARK_PROBE)], 1));
    if (!/no-undefined-references/.test(probe.output) || !/final-newline/.test(probe.output)) {
      throw new BenchError(`remark-cli did not report the probe file's known problems, so remark-preset-lint-recommended is not active:\n${probe.output}`);
    }
  }

  // ---- 1. One file, the pre-commit case --------------------------------------------------------
  let node1 = NaN, td1, mdl1, rem1;
  if (want(1)) {
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
    [node1, td1, mdl1, rem1] = m1;
    target('single.trackdocs/node', `1 file: trackdocs ${fmtMs(td1)}, node -e 0 ${fmtMs(node1)} (${fmtX(td1 / node1)}, by min ${fmtX(n1[1] / n1[0])}; target ≤ 2.0×)`, td1 / node1, 2.0, '≤');
    target('single.trackdocs/markdownlint', `1 file: trackdocs ${fmtMs(td1)}, markdownlint-cli2 ${fmtMs(mdl1)} (${fmtX(td1 / mdl1)}, by min ${fmtX(n1[1] / n1[2])}; target ≤ 0.4×)`, td1 / mdl1, 0.4, '≤');
    console.log(`  1 file: trackdocs ${fmtMs(td1)}, remark-cli ${fmtMs(rem1)} (${fmtX(td1 / rem1)}, by min ${fmtX(n1[1] / n1[3])}; no target)`);
    console.log(`  1 file: trackdocs above bare node: ${fmtMs(td1 - node1)}; markdownlint-cli2: ${fmtMs(mdl1 - node1)}; remark-cli: ${fmtMs(rem1 - node1)}`);
    results.singleFile = {
      file: SINGLE_FILE,
      runs: RUNS_SINGLE,
      warmup: WARMUP_SINGLE,
      commands: summarise(single, r1),
      ratios: { trackdocsOverNode: td1 / node1, trackdocsOverMarkdownlint: td1 / mdl1, trackdocsOverRemark: td1 / rem1 },
    };
  }

  // ---- 2. 1,000 files ---------------------------------------------------------------------------
  if (want(2)) {
    const manyBytes = generateMany();
    const manyDir = rel(MANY);
    console.log(`\n2. ${N_MANY} generated files (${manyDir}/: ${N_MANY / 2} trackers + ${N_MANY / 2} TODO lists, ${(manyBytes / 1048576).toFixed(1)} MiB): whole process, ${RUNS_MANY} run${RUNS_MANY === 1 ? '' : 's'} each${REMARK_RUNS_MANY !== RUNS_MANY ? ` (remark-cli ${REMARK_RUNS_MANY})` : ''}, round-robin (no warm-up: section 1 warmed the tools)`);
    const many = [trackdocsSpec([manyDir], N_MANY), mdlSpec([`${manyDir}/**/*.md`], N_MANY), { ...remarkSpec([manyDir], N_MANY), runs: REMARK_RUNS_MANY }];
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

    results.manyFiles = {
      dir: manyDir,
      files: N_MANY,
      bytes: manyBytes,
      runs: RUNS_MANY,
      remarkRuns: REMARK_RUNS_MANY,
      commands: summarise(many, r2),
      trackdocsSummary: tdSummary ?? null,
      ratios: { trackdocsOverMarkdownlint: td2 / mdl2, trackdocsOverRemark: td2 / rem2 },
    };
  }

  // ---- 3. Scaling ---------------------------------------------------------------------------------
  if (want(3)) {
    const big = generateBig();
    console.log(`\n3. Scaling: one big status tracker, trackdocs only, ${RUNS_BIG} run${RUNS_BIG === 1 ? '' : 's'} each, round-robin`);
    const bigSpecs = big.map((b) => ({ ...trackdocsSpec([rel(b.file)], 1), label: `trackdocs ${b.key}` }));
    const r3 = await roundRobin(bigSpecs, RUNS_BIG, { mem: true });
    const m3 = r3.map((r) => (r.timedOut ? Infinity : median(r.ms)));
    printTable(
      ['file', 'size', 'lines', 'median', 'min', 'peak RSS'],
      big.map((b, i) => [rel(b.file), `${(b.bytes / 1048576).toFixed(2)} MiB`, b.lines, r3[i].timedOut ? `> ${TIMEOUT_MS / 1000} s` : fmtMs(m3[i]), fmtMs(min(r3[i].ms)), fmtMiB(max(r3[i].rssKiB))]),
    );
    const ratio3 = m3[1] / m3[0];
    target('scaling.4MB/1MB', `scaling: 4 MB ${fmtMs(m3[1])} / 1 MB ${fmtMs(m3[0])} = ${fmtX(ratio3)} (target ≤ 5×)`, ratio3, 5, '≤');
    if (Number.isFinite(node1)) console.log(`  scaling net of node start-up (${fmtMs(node1)}): ${fmtX((m3[1] - node1) / (m3[0] - node1))} (no target)`);

    results.scaling = {
      files: big.map((b) => ({ key: b.key, file: rel(b.file), bytes: b.bytes, lines: b.lines })),
      runs: RUNS_BIG,
      commands: summarise(bigSpecs.map((s, i) => ({ ...s, tool: big[i].key })), r3),
      ratio4MBover1MB: ratio3,
    };
  }

  // ---- 4–7 ----------------------------------------------------------------------------------------
  if (want(4)) results.sync = await sectionSync({ node1 });
  if (want(5)) results.staged = await sectionStaged();
  if (want(6)) results.watch = await sectionWatch();
  if (want(7)) results.verbs = await sectionVerbs();
  if (want(8)) results.merge = await sectionMerge();

  // ---- Summary and JSON -----------------------------------------------------------------------------
  const passed = checks.filter((c) => c.pass).length;
  console.log(`\nTargets: ${passed}/${checks.length} met${checks.some((c) => c.pass === false) ? ` (missed: ${checks.filter((c) => c.pass === false).map((c) => c.name).join(', ')})` : ''}`);
  for (const c of checks) console.log(`  ${c.pass ? 'PASS' : c.pass === false ? 'MISS' : 'n/a '}  ${c.name.padEnd(31)} ${Number.isFinite(c.value) ? c.value.toFixed(Math.abs(c.value) >= 10 ? 1 : 3) : 'n/a'} (target ${c.target})`);
  meta.totalSeconds = +((Date.now() - t0) / 1000).toFixed(1);
  results.targets = checks;
  writeFileSync(join(WORK, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`Raw figures: ${rel(join(WORK, 'results.json'))} (total ${meta.totalSeconds} s${onlyArg ? `; sections ${[...onlyArg].sort().join(', ')} only` : ''})`);
}

main().catch((e) => {
  if (e instanceof BenchError) {
    console.error(`\nbench: ${e.message}`);
    process.exit(2);
  }
  console.error(e);
  process.exit(2);
});
