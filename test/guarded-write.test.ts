/**
 * The one guarded writer: whole or nothing, never over a file that changed after it was read,
 * symlinks followed, mode/owner/group kept, read-only files refused, temp files never left behind,
 * a lock every trackdocs process honours (and recovers from a dead holder).
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, statSync, chmodSync, chownSync, symlinkSync, lstatSync, mkdirSync, utimesSync, existsSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { guardedWrite, writeIntent, lockPathOf, cleanStaleTemps, insideRoots } from '../src/io/guarded-write.js';
import { tempTree, projectRoot, bin, TODAY } from './helpers.js';

const isRoot = process.getuid?.() === 0;

/** Another process that takes `file`'s lock as trackdocs does, says so, then runs `then` (with `release` in scope). */
async function lockHolder(file: string, then: string) {
  const holder = spawn(process.execPath, ['-e', `
    require(${JSON.stringify(join(projectRoot, 'node_modules/proper-lockfile'))}).lock(${JSON.stringify(file)}, { realpath: false, lockfilePath: ${JSON.stringify(lockPathOf(file))}, stale: 5000 }).then((release) => {
      process.stdout.write('locked\\n');
      ${then}
    });`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((r) => holder.stdout!.on('data', () => r()));
  return holder;
}

describe('guardedWrite', () => {
  it('replaces the file, keeps its mode and leaves no temp file or lock behind', async () => {
    const { dir, cleanup } = tempTree({ 'a.md': 'old\n' });
    chmodSync(join(dir, 'a.md'), 0o640);
    const before = readFileSync(join(dir, 'a.md'));
    expect(await guardedWrite(join(dir, 'a.md'), 'new\n', { expected: before })).toEqual({ status: 'written', target: join(dir, 'a.md') });
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['a.md']);
    expect(statSync(join(dir, 'a.md')).mode & 0o777).toBe(0o640);
    cleanup();
  });

  it('writes nothing when the file changed since it was read (compare-and-swap), and removes its temp file', async () => {
    const { dir, cleanup } = tempTree({ 'a.md': 'old\n' });
    const read = readFileSync(join(dir, 'a.md'));
    writeFileSync(join(dir, 'a.md'), 'edited by a person\n');
    const outcome = await guardedWrite(join(dir, 'a.md'), 'from sync\n', { expected: read });
    expect(outcome.status).toBe('changed');
    expect(outcome.status === 'changed' && outcome.current?.toString()).toBe('edited by a person\n');
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('edited by a person\n');
    expect(readdirSync(dir)).toEqual(['a.md']);
    cleanup();
  });

  it('expected: null creates a file only when it does not exist', async () => {
    const { dir, cleanup } = tempTree({ 'b.md': 'there\n' });
    expect((await guardedWrite(join(dir, 'a.md'), 'new\n', { expected: null })).status).toBe('written');
    expect((await guardedWrite(join(dir, 'b.md'), 'new\n', { expected: null })).status).toBe('changed');
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe('there\n');
    cleanup();
  });

  it('follows a symlink and writes its target; the link stays a link', async () => {
    const { dir, cleanup } = tempTree({ 'shared/tracker.md': 'old\n', 'docs/.keep': '' });
    symlinkSync('../shared/tracker.md', join(dir, 'docs/status-tracker.md'));
    const outcome = await guardedWrite(join(dir, 'docs/status-tracker.md'), 'new\n', { expected: Buffer.from('old\n'), roots: [dir] });
    expect(outcome).toEqual({ status: 'written', target: join(dir, 'shared/tracker.md') });
    expect(lstatSync(join(dir, 'docs/status-tracker.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'docs/status-tracker.md'))).toBe('../shared/tracker.md');
    expect(readFileSync(join(dir, 'shared/tracker.md'), 'utf8')).toBe('new\n');
    cleanup();
  });

  it('refuses a dangling symlink, saying so', async () => {
    const { dir, cleanup } = tempTree({});
    symlinkSync('nowhere.md', join(dir, 'a.md'));
    const outcome = await guardedWrite(join(dir, 'a.md'), 'new\n', { expected: undefined });
    expect(outcome.status).toBe('refused');
    expect(outcome.status === 'refused' && outcome.message).toMatch(/symbolic link to a file that does not exist/);
    expect(lstatSync(join(dir, 'a.md')).isSymbolicLink()).toBe(true);
    cleanup();
  });

  it.skipIf(!isRoot)('keeps the owner and group of a shared file', async () => {
    const { dir, cleanup } = tempTree({ 'a.md': 'old\n' });
    chownSync(join(dir, 'a.md'), 1234, 5678);
    chmodSync(join(dir, 'a.md'), 0o664);
    expect((await guardedWrite(join(dir, 'a.md'), 'new\n', { expected: Buffer.from('old\n') })).status).toBe('written');
    const st = statSync(join(dir, 'a.md'));
    expect([st.uid, st.gid, st.mode & 0o777]).toEqual([1234, 5678, 0o664]);
    cleanup();
  });

  it('refuses to replace a read-only file unless forced; forced, the file keeps its mode', async () => {
    const { dir, cleanup } = tempTree({ 'a.md': 'old\n' });
    chmodSync(join(dir, 'a.md'), 0o444);
    const refused = await guardedWrite(join(dir, 'a.md'), 'new\n', { expected: Buffer.from('old\n'), display: 'a.md' });
    expect(refused).toMatchObject({ status: 'refused', code: 'EREADONLY' });
    expect(refused.status === 'refused' && refused.message).toMatch(/refusing to replace a\.md: it is read-only \(mode 444\); make it writable \(chmod u\+w\) or pass --force/);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('old\n');
    expect((await guardedWrite(join(dir, 'a.md'), 'new\n', { expected: Buffer.from('old\n'), force: true })).status).toBe('written');
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('new\n');
    expect(statSync(join(dir, 'a.md')).mode & 0o777).toBe(0o444);
    expect(readdirSync(dir)).toEqual(['a.md']);
    cleanup();
  });

  it('refuses a path outside its roots, `..` and symlinked folders included', async () => {
    const { dir, cleanup } = tempTree({ 'repo/docs/a.md': 'x\n', 'victim-bashrc': 'export PS1=x\n' });
    mkdirSync(join(dir, 'repo/sub'));
    symlinkSync('../..', join(dir, 'repo/sub/up'));
    const root = join(dir, 'repo');
    expect(insideRoots(join(root, 'docs/a.md'), [root])).toBe(true);
    expect(insideRoots(join(root, '../victim-bashrc'), [root])).toBe(false);
    expect(insideRoots(join(root, 'sub/up/victim-bashrc'), [root])).toBe(false);
    const outcome = await guardedWrite(join(root, '../victim-bashrc'), 'jobs\n', { expected: undefined, roots: [root] });
    expect(outcome).toMatchObject({ status: 'refused', code: 'EOUTSIDE' });
    expect(readFileSync(join(dir, 'victim-bashrc'), 'utf8')).toBe('export PS1=x\n');
    cleanup();
  });

  it('removes its own temp files left by a dead process (kill -9), and only those', async () => {
    const { dir, cleanup } = tempTree({ 'a.md': 'old\n', '.a.md.999999999.1764547200000.tmp': 'half', '.a.md.999999998.ab12cd.trackdocs-tmp': 'half', [`.a.md.${process.pid}.ffff.trackdocs-tmp`]: 'mine, in flight', '.b.md.999999999.1.tmp': 'not for a.md', '.a.md.swp': 'an editor' });
    expect(cleanStaleTemps(join(dir, 'a.md')).sort()).toEqual(['.a.md.999999998.ab12cd.trackdocs-tmp', '.a.md.999999999.1764547200000.tmp']);
    expect(readdirSync(dir).sort()).toEqual([`.a.md.${process.pid}.ffff.trackdocs-tmp`, '.a.md.swp', '.b.md.999999999.1.tmp', 'a.md'].sort());
    cleanup();
  });

  it('a real kill -9 in the middle of a sync write leaves a temp file that the next write cleans', async () => {
    const tracker = readFileSync(join(projectRoot, 'test/fixtures/vastai/status-tracker.md'));
    const { dir, cleanup } = tempTree({ 'status-tracker.md': tracker, 'instances.json': readFileSync(join(projectRoot, 'test/fixtures/vastai/instances.json')) });
    const file = join(dir, 'status-tracker.md');
    // Another process holds the lock, so the sync has written its temp file and waits for the lock.
    mkdirSync(lockPathOf(file));
    const child = spawn(process.execPath, [bin, 'sync', 'status-tracker.md', '--vastai-json', 'instances.json', '--no-state'], { cwd: dir, stdio: 'ignore', env: { PATH: process.env.PATH ?? '', TRACKDOCS_TODAY: TODAY } });
    const temps = () => readdirSync(dir).filter((f) => f.endsWith('.trackdocs-tmp'));
    for (let i = 0; i < 400 && temps().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(temps().length).toBe(1);
    expect(readFileSync(file)).toEqual(tracker);
    // The lock's holder died long ago: its lock is stale, and is taken over.
    utimesSync(lockPathOf(file), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect((await guardedWrite(file, 'new\n', { expected: tracker })).status).toBe('written');
    expect(readdirSync(dir).sort()).toEqual(['instances.json', 'status-tracker.md']);
    cleanup();
  }, 20_000);

  it('waits for a lock held by another process and writes once it is released; the holder\'s write is not lost', async () => {
    const { dir, cleanup } = tempTree({ 'a.md': 'v0\n' });
    const file = join(dir, 'a.md');
    // Another trackdocs process: takes the lock, writes v1 under it, holds it a while, releases.
    await lockHolder(file, `setTimeout(() => { require('fs').writeFileSync(${JSON.stringify(file)}, 'v1\\n'); release().then(() => process.exit(0)); }, 400);`);
    // Planned on v0: the compare happens under the lock, after the holder's write, so it sees v1.
    const outcome = await writeIntent(file, (bytes) => ({ data: bytes.toString() + 'sync\n', result: bytes.toString() }), { first: Buffer.from('v0\n') });
    expect(outcome).toMatchObject({ status: 'written', attempts: 2, result: 'v1\n' });
    expect(readFileSync(file, 'utf8')).toBe('v1\nsync\n');
    expect(existsSync(lockPathOf(file))).toBe(false);
    cleanup();
  }, 20_000);

  it('takes over the lock of a process that died holding it', async () => {
    const { dir, cleanup } = tempTree({ 'a.md': 'v0\n' });
    const file = join(dir, 'a.md');
    const holder = await lockHolder(file, 'setInterval(() => {}, 1000);');
    holder.kill('SIGKILL');
    await new Promise((r) => holder.on('exit', r));
    expect(existsSync(lockPathOf(file))).toBe(true);
    expect((await guardedWrite(file, 'v1\n', { expected: Buffer.from('v0\n') })).status).toBe('written');
    expect(readFileSync(file, 'utf8')).toBe('v1\n');
    expect(existsSync(lockPathOf(file))).toBe(false);
    cleanup();
  }, 30_000);

  it('gives up with a clear message when the file keeps changing', async () => {
    const { dir, cleanup } = tempTree({ 'a.md': '0\n' });
    const file = join(dir, 'a.md');
    let n = 0;
    // Every plan is overtaken by another save before it lands.
    const outcome = await writeIntent(file, (bytes) => {
      writeFileSync(file, `${++n}\n`);
      return { data: bytes.toString() + 'x\n', result: null };
    }, { attempts: 3, display: 'a.md' });
    expect(outcome).toMatchObject({ status: 'changed', attempts: 3 });
    expect(outcome.status === 'changed' && outcome.message).toMatch(/a\.md kept changing while trackdocs was writing it \(3 attempts\); nothing written/);
    expect(readFileSync(file, 'utf8')).toBe('3\n');
    expect(readdirSync(dir)).toEqual(['a.md']);
    cleanup();
  });
});
