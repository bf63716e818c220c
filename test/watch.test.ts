/** `trackdocs watch` as a child process, driven by real file writes. */
import { describe, expect, it, afterAll } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, renameSync, unlinkSync, readdirSync, chmodSync, chownSync } from 'node:fs';
import { join, delimiter } from 'node:path';
import { bin, projectRoot, tempTree } from './helpers.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
const fixtures = join(projectRoot, 'test', 'fixtures', 'vastai');
const tracker = readFileSync(join(fixtures, 'status-tracker.md'), 'utf8');
const fakeBin = join(projectRoot, 'test', 'fake-vastai');

interface Watcher {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
  exit: Promise<number | null>;
}

function startWatch(cwd: string, args: string[], env: Record<string, string> = {}, as?: { uid: number; gid: number }): Watcher {
  const child = spawn(process.execPath, [bin, 'watch', ...args], { cwd, env: { PATH: process.env.PATH ?? '', TRACKDOCS_TODAY: '2026-11-25', NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...as });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  cleanups.push(() => child.kill('SIGKILL'));
  let seen = 0;
  return {
    child,
    output: () => out,
    exit,
    waitFor: (pattern, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const rest = out.slice(seen);
          const m = pattern.exec(rest);
          if (m) {
            seen += m.index + m[0].length;
            listeners.delete(check);
            clearTimeout(timer);
            resolve(m[0]);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; output so far:\n${out}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
  };
}

function dir(files: Record<string, string>) {
  const t = tempTree(files);
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('trackdocs watch', () => {
  it('shows a bad edit, clears it on a fix, sees an atomic-rename save and a delete and re-create', async () => {
    const d = dir({ 'TODO.md': '# TODO\n\n- [ ] a\n' });
    const w = startWatch(d, ['TODO.md']);
    await w.waitFor(/trackdocs watch: ready\n/);
    writeFileSync(join(d, 'TODO.md'), '# TODO\n\n- [ ] a âœ…\n');
    await w.waitFor(/TODO.md:3:9 error Unexpected mojibake `âœ…`, expected `✅` encoding\/mojibake\nTODO.md: 1 error, 0 warnings\n/);
    writeFileSync(join(d, 'TODO.md'), '# TODO\n\n- [ ] a ✅\n');
    await w.waitFor(/TODO.md: clean\n/);
    // An editor's atomic save: write a temp file, rename it over the document.
    writeFileSync(join(d, '.TODO.md.swp'), '# TODO\n\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> topic\n');
    renameSync(join(d, '.TODO.md.swp'), join(d, 'TODO.md'));
    await w.waitFor(/TODO.md:3:1 error .*git\/conflict-marker\n(?:.*\n){2}TODO.md: 3 errors, 0 warnings\n/);
    unlinkSync(join(d, 'TODO.md'));
    await w.waitFor(/TODO.md: deleted; waiting for it to come back\n/);
    writeFileSync(join(d, 'TODO.md'), '# TODO\n\n- [ ] back\n');
    await w.waitFor(/TODO.md: clean\n/);
    w.child.kill('SIGINT');
    expect(await w.exit).toBe(0);
  });

  it.skipIf(spawnSync('script', ['--version']).status !== 0)('on a terminal, redraws one compact screen per change', async () => {
    const d = dir({ 'TODO.md': '# TODO\n\n- [ ] a\n' });
    const log = join(d, 'tty.log');
    // `script` gives the watcher a real pseudo-terminal.
    const child = spawn('script', ['-qfc', `${process.execPath} ${bin} watch TODO.md`, log], { cwd: d, env: { PATH: process.env.PATH ?? '', TRACKDOCS_TODAY: '2026-11-25', TERM: 'xterm' }, stdio: 'ignore' });
    cleanups.push(() => child.kill('SIGKILL'));
    const waitLog = async (pattern: RegExp) => {
      const read = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
      for (let i = 0; i < 100; i++) {
        const text = read();
        if (pattern.test(text)) return text;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no ${pattern} in ${read()}`);
    };
    await waitLog(/trackdocs watch — 1 file/);
    writeFileSync(join(d, 'TODO.md'), '# TODO\n\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> topic\n');
    const text = await waitLog(/git\/conflict-marker/);
    const screens = text.split('\x1b[2J\x1b[H');
    expect(screens.length).toBeGreaterThanOrEqual(3);
    expect(screens.at(-1)).toMatch(/^trackdocs watch — 1 file, \d\d:\d\d:\d\d\r?\n/);
    expect(screens.at(-1)).toMatch(/\x1b\[31merror\x1b\[0m/);
    child.kill('SIGTERM');
  });

  it('reloads the config when it changes', async () => {
    const d = dir({ 'TODO.md': '# TODO\n\n- [ ] a âœ…\n', 'docs.config.yaml': 'rules: {}\n' });
    const w = startWatch(d, ['TODO.md']);
    await w.waitFor(/ready\n/);
    writeFileSync(join(d, 'docs.config.yaml'), 'rules:\n  encoding/mojibake: off\n');
    await w.waitFor(/trackdocs watch: config reloaded\n1 file checked: 0 errors, 0 warnings\n/);
    writeFileSync(join(d, 'docs.config.yaml'), 'rules:\n  nope/nope: off\n');
    await w.waitFor(/config error: .*unknown rule `nope\/nope`.*keeping the previous config/);
    w.child.kill('SIGTERM');
    expect(await w.exit).toBe(0);
  });

  it('--sync applies live data on its interval, once: its own write does not trigger another sync', async () => {
    const d = dir({ 'status-tracker.md': tracker });
    const w = startWatch(d, ['status-tracker.md', '--sync', '--interval', '60s', '--vastai-json', join(fixtures, 'instances.json')]);
    await w.waitFor(/synced status-tracker.md: 2 added, 1 updated, 1 archived\n/);
    expect(readFileSync(join(d, 'status-tracker.md'), 'utf8')).toContain('| 30000001 |');
    await new Promise((r) => setTimeout(r, 1500));
    expect(w.output().match(/synced/g)?.length).toBe(1);
    w.child.kill('SIGINT');
    expect(await w.exit).toBe(0);
  });

  it('never overwrites a file edited during a --sync cycle (it syncs the edited file), and retries a failing source', async () => {
    const d = dir({ 'status-tracker.md': tracker });
    const env = { PATH: `${fakeBin}${delimiter}${process.env.PATH}`, FAKE_VASTAI_JSON: join(fixtures, 'instances.json'), FAKE_VASTAI_DELAY_MS: '1500' };
    const w = startWatch(d, ['status-tracker.md', '--sync', '--interval', '60s', '--settle', '300ms'], env);
    await w.waitFor(/ready\n/);
    // The cycle is waiting for vastai: a person saves meanwhile. The sync lands on the edited file.
    const edited = tracker.replace('Keep this file current.', 'Keep this file current. (edited during sync)');
    writeFileSync(join(d, 'status-tracker.md'), edited);
    await w.waitFor(/synced status-tracker.md: 2 added, 1 updated, 1 archived\n/);
    const synced = readFileSync(join(d, 'status-tracker.md'), 'utf8');
    expect(synced).toContain('(edited during sync)');
    expect(synced).toContain('| 30000001 |');
    w.child.kill('SIGINT');
    expect(await w.exit).toBe(0);

    const failing = startWatch(d, ['status-tracker.md', '--sync', '--interval', '200ms'], { ...env, FAKE_VASTAI_MODE: '401-stderr', FAKE_VASTAI_DELAY_MS: '0' });
    await failing.waitFor(/vastai rejected the API key[\s\S]*retrying in 0 s\n/);
    await failing.waitFor(/vastai rejected the API key[\s\S]*retrying in 1 s\n/);
    expect(readFileSync(join(d, 'status-tracker.md'), 'utf8')).toBe(synced);
    failing.child.kill('SIGTERM');
    expect(await failing.exit).toBe(0);
  });

  it('--sync: a refused write (read-only tracker) is reported and retried, never a crash', async () => {
    const d = dir({ 'status-tracker.md': tracker });
    chmodSync(join(d, 'status-tracker.md'), 0o444);
    const w = startWatch(d, ['status-tracker.md', '--sync', '--interval', '200ms', '--settle', '0', '--vastai-json', join(fixtures, 'instances.json')]);
    await w.waitFor(/trackdocs watch: refusing to replace status-tracker.md: it is read-only \(mode 444\); make it writable \(chmod u\+w\) or pass --force; nothing written; retrying on the next cycle\n/);
    await w.waitFor(/refusing to replace status-tracker.md/);
    expect(readFileSync(join(d, 'status-tracker.md'), 'utf8')).toBe(tracker);
    chmodSync(join(d, 'status-tracker.md'), 0o644);
    await w.waitFor(/synced status-tracker.md: 2 added, 1 updated, 1 archived\n/);
    w.child.kill('SIGINT');
    expect(await w.exit).toBe(0);
    expect(w.output()).not.toMatch(/internal error|Unhandled|    at /);
  });

  it.runIf(process.getuid?.() === 0)('--sync: a write the OS refuses (EACCES) is reported with the file and the cause, and retried; no unhandled rejection', async () => {
    const d = dir({ 'status-tracker.md': tracker });
    chmodSync(d, 0o755);
    chownSync(join(d, 'status-tracker.md'), 65534, 65534);
    const w = startWatch(d, ['status-tracker.md', '--sync', '--interval', '200ms', '--settle', '0', '--vastai-json', join(fixtures, 'instances.json')], {}, { uid: 65534, gid: 65534 });
    await w.waitFor(/trackdocs watch: cannot write status-tracker.md: permission denied \(EACCES while writing the temp file\); nothing written; retrying on the next cycle\n/);
    await w.waitFor(/cannot write status-tracker.md: permission denied/);
    expect(readFileSync(join(d, 'status-tracker.md'), 'utf8')).toBe(tracker);
    chmodSync(d, 0o777);
    await w.waitFor(/synced status-tracker.md: 2 added, 1 updated, 1 archived\n/);
    w.child.kill('SIGINT');
    expect(await w.exit).toBe(0);
    expect(w.output()).not.toMatch(/internal error|Unhandled|    at /);
  });

  it('SIGINT during a sync leaves every file whole', async () => {
    const d = dir({ 'status-tracker.md': tracker });
    const env = { PATH: `${fakeBin}${delimiter}${process.env.PATH}`, FAKE_VASTAI_JSON: join(fixtures, 'instances.json'), FAKE_VASTAI_DELAY_MS: '800' };
    const w = startWatch(d, ['status-tracker.md', '--sync'], env);
    await w.waitFor(/ready\n/);
    w.child.kill('SIGINT');
    expect(await w.exit).toBe(0);
    expect(w.output()).toMatch(/stopped \(SIGINT\)/);
    const after = readFileSync(join(d, 'status-tracker.md'), 'utf8');
    expect([tracker, after].includes(after)).toBe(true);
    expect(after === tracker || after.includes('| 30000001 |')).toBe(true);
    expect(after.endsWith('Keep this file current.\n')).toBe(true);
    expect(readdirSync(d)).toEqual(['status-tracker.md']);
  });
});
