/** `trackdocs watch` as a child process, driven by real file writes. */
import { describe, expect, it, afterAll } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, renameSync, unlinkSync, readdirSync } from 'node:fs';
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

function startWatch(cwd: string, args: string[], env: Record<string, string> = {}): Watcher {
  const child = spawn(process.execPath, [bin, 'watch', ...args], { cwd, env: { PATH: process.env.PATH ?? '', TRACKDOCS_TODAY: '2026-11-25', NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
    writeFileSync(join(d, '.TODO.md.swp'), '# TODO\n\n<<<<<<< HEAD\n');
    renameSync(join(d, '.TODO.md.swp'), join(d, 'TODO.md'));
    await w.waitFor(/TODO.md:3:1 error .*git\/conflict-marker\nTODO.md: 1 error, 0 warnings\n/);
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
    writeFileSync(join(d, 'TODO.md'), '# TODO\n\n<<<<<<< HEAD\n');
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

  it('never overwrites a file edited during a --sync cycle, and retries a failing source', async () => {
    const d = dir({ 'status-tracker.md': tracker });
    const env = { PATH: `${fakeBin}${delimiter}${process.env.PATH}`, FAKE_VASTAI_JSON: join(fixtures, 'instances.json'), FAKE_VASTAI_DELAY_MS: '1500' };
    const w = startWatch(d, ['status-tracker.md', '--sync', '--interval', '60s'], env);
    await w.waitFor(/ready\n/);
    // The cycle has read the file and is waiting for vastai: a person saves meanwhile.
    const edited = tracker.replace('Keep this file current.', 'Keep this file current. (edited during sync)');
    writeFileSync(join(d, 'status-tracker.md'), edited);
    await w.waitFor(/status-tracker.md changed while syncing; not written, the next cycle will sync it\n/);
    expect(readFileSync(join(d, 'status-tracker.md'), 'utf8')).toBe(edited);
    w.child.kill('SIGINT');
    expect(await w.exit).toBe(0);

    const failing = startWatch(d, ['status-tracker.md', '--sync', '--interval', '200ms'], { ...env, FAKE_VASTAI_MODE: '401-stderr', FAKE_VASTAI_DELAY_MS: '0' });
    await failing.waitFor(/vastai rejected the API key[\s\S]*retrying in 0 s\n/);
    await failing.waitFor(/vastai rejected the API key[\s\S]*retrying in 1 s\n/);
    expect(readFileSync(join(d, 'status-tracker.md'), 'utf8')).toBe(edited);
    failing.child.kill('SIGTERM');
    expect(await failing.exit).toBe(0);
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
