// The race of issue 9: `docs watch --sync` (interval 100 ms, the vastai snapshot flipping between
// two recordings so that nearly every cycle has something to write) while a script saves the
// document the way editors do (write a temp file, rename it over the document). Before each save
// the script reads the file and checks that its previous save is still there: a save that sync
// overwrote is counted as lost. The script keeps sync's changes (it edits what it read), as an
// editor that reloads would.
//
//   node bench/watch-race.mjs                       both runs below, figures printed
//   node bench/watch-race.mjs --seconds 60 --gap 300-1000 --settle 100ms
//   node bench/watch-race.mjs --seconds 60 --gap 10-60 --settle 0
//
// test/watch-race.test.ts runs a short version of the same race in CI (runRace below).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test', 'fixtures', 'vastai');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Run one race. Returns the number of saves, how many were lost, how many times sync wrote, and
 * whether the last save survived to the end.
 */
export async function runRace({ seconds = 60, gap = [300, 1000], settle = '100ms', interval = '100ms', flipMs = 150 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'trackdocs-race-'));
  const doc = join(dir, 'status-tracker.md');
  const tracker = readFileSync(join(fixtures, 'status-tracker.md'), 'utf8').replace('Keep this file current.', 'Keep this file current.\n\nSave counter: 0');
  writeFileSync(doc, tracker);
  const snapshotA = readFileSync(join(fixtures, 'instances.json'), 'utf8');
  const rows = JSON.parse(snapshotA);
  // B: the first instance stopped and cheaper, so the status cell, the cost cell and the burn rate flip.
  const snapshotB = JSON.stringify(rows.map((r, i) => (i === 0 ? { ...r, actual_status: 'stopped', dph_total: 0.05 } : r)), null, 1);
  const snapshot = join(dir, 'instances.json');
  const put = (path, text) => {
    const tmp = `${path}.${Math.random().toString(36).slice(2)}.part`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  };
  put(snapshot, snapshotA);

  const child = spawn(process.execPath, [join(root, 'bin', 'docs.cjs'), 'watch', 'status-tracker.md', '--sync', '--interval', interval, '--settle', settle, '--vastai-json', 'instances.json', '--no-state'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', TRACKDOCS_TODAY: '2026-11-25', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((r) => child.on('exit', (code, signal) => r({ code, signal })));
  for (let i = 0; i < 400 && !output.includes('trackdocs watch: ready'); i++) await sleep(25);
  if (!output.includes('trackdocs watch: ready')) throw new Error(`watch did not start:\n${output}`);

  let flipping = true;
  const flipper = (async () => {
    for (let n = 0; flipping; n++) {
      put(snapshot, n % 2 ? snapshotA : snapshotB);
      await sleep(flipMs);
    }
  })();

  let saves = 0;
  let lost = 0;
  const lostAt = [];
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    await sleep(gap[0] + Math.random() * (gap[1] - gap[0]));
    const text = readFileSync(doc, 'utf8');
    const counter = Number(/Save counter: (\d+)/.exec(text)?.[1]);
    if (counter !== saves) {
      lost++;
      lostAt.push({ expected: saves, found: counter });
    }
    saves++;
    // An editor's save: the text as read, with this save's change, written to a temp file and renamed.
    put(doc, text.replace(/Save counter: \d+/, `Save counter: ${saves}`));
  }
  // Let sync settle, then check the last save is still there.
  await sleep(1500);
  const final = Number(/Save counter: (\d+)/.exec(readFileSync(doc, 'utf8'))?.[1]);
  if (final !== saves) {
    lost++;
    lostAt.push({ expected: saves, found: final, atEnd: true });
  }
  flipping = false;
  await flipper;
  child.kill('SIGINT');
  const exit = await exited;
  const syncs = (output.match(/trackdocs watch: synced /g) ?? []).length;
  const crashed = /internal error|Unhandled|\n\s+at /.test(output);
  rmSync(dir, { recursive: true, force: true });
  return { saves, lost, lostAt, syncs, exit, crashed, output };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? fallback : process.argv[i + 1];
  };
  const parseGap = (s) => s.split('-').map(Number);
  const given = process.argv.includes('--gap') || process.argv.includes('--seconds') || process.argv.includes('--settle');
  const runs = given
    ? [{ seconds: Number(arg('seconds', '60')), gap: parseGap(arg('gap', '300-1000')), settle: arg('settle', '100ms') }]
    : [
        { seconds: 60, gap: [300, 1000], settle: '100ms' },
        { seconds: 60, gap: [10, 60], settle: '0' },
      ];
  let failed = false;
  for (const run of runs) {
    const r = await runRace(run);
    const slow = run.gap[0] >= 300;
    console.log(`saves every ${run.gap[0]}-${run.gap[1]} ms for ${run.seconds} s, --settle ${run.settle}: ${r.saves} saves, ${r.lost} lost (${((100 * r.lost) / Math.max(1, r.saves)).toFixed(2)}%), sync wrote ${r.syncs} times, watch ${r.crashed ? 'CRASHED' : `exited ${r.exit.code ?? r.exit.signal}`}${slow ? (r.lost ? '  MISS (target: none lost)' : '  PASS (target: none lost)') : '  (figure reported, no target)'}`);
    if (r.lostAt.length) console.log(`  lost: ${JSON.stringify(r.lostAt.slice(0, 10))}`);
    if ((slow && r.lost) || r.crashed) failed = true;
  }
  process.exit(failed ? 1 : 0);
}
