/**
 * Every command writes through the one guarded writer: tested as a user meets it, through the real
 * bin, on real file systems that refuse (a read-only mount, a full disk, a folder the user may not
 * write), on symlinks, shared files and read-only files, and with a config that names a file
 * outside the repository.
 */
import { describe, expect, it, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, statSync, chmodSync, chownSync, symlinkSync, lstatSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, projectRoot, runCli, tempTree, TODAY } from './helpers.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.reverse().forEach((c) => c()));
const fixtures = join(projectRoot, 'test', 'fixtures', 'vastai');
const tracker = readFileSync(join(fixtures, 'status-tracker.md'), 'utf8');
const instances = join(fixtures, 'instances.json');
const isRoot = process.getuid?.() === 0;

function dir(files: Record<string, string>) {
  const t = tempTree(files);
  cleanups.push(t.cleanup);
  return t.dir;
}

/** Mount a small tmpfs (root only, where the container allows it); undefined when it cannot. */
function tmpfs(sizeKb: number): string | undefined {
  if (!isRoot) return undefined;
  const d = mkdtempSync(join(tmpdir(), 'trackdocs-mnt-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', d]);
  if (r.status !== 0) {
    rmSync(d, { recursive: true, force: true });
    return undefined;
  }
  cleanups.push(() => {
    spawnSync('umount', [d]);
    rmSync(d, { recursive: true, force: true });
  });
  return d;
}
const canMount = (() => {
  if (!isRoot) return false;
  const d = mkdtempSync(join(tmpdir(), 'trackdocs-mnt-'));
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', d]).status === 0;
  if (ok) spawnSync('umount', [d]);
  rmSync(d, { recursive: true, force: true });
  return ok;
})();

const sync = (cwd: string, ...extra: string[]) => runCli(['sync', 'status-tracker.md', '--vastai-json', instances, '--no-state', ...extra], { cwd });
const noTemps = (d: string) => readdirSync(d).filter((f) => /tmp$|trackdocs-lock$/.test(f));

describe('refused writes: exit 2 with the file and the cause, nothing written, no temp file left', () => {
  it.runIf(canMount)('a read-only file system (EROFS)', () => {
    const d = tmpfs(256)!;
    writeFileSync(join(d, 'status-tracker.md'), tracker);
    expect(spawnSync('mount', ['-o', 'remount,ro', d]).status).toBe(0);
    const r = sync(d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^trackdocs sync: cannot write status-tracker.md: the file system is read-only \(EROFS while [a-z ]+\); nothing written\n/m);
    expect(r.stderr).not.toMatch(/internal error|    at /);
    expect(readFileSync(join(d, 'status-tracker.md'), 'utf8')).toBe(tracker);
  });

  it.runIf(canMount)('a full disk (ENOSPC)', () => {
    const d = tmpfs(64)!;
    writeFileSync(join(d, 'status-tracker.md'), tracker);
    // Fill the rest of the file system.
    try {
      writeFileSync(join(d, 'filler'), Buffer.alloc(64 * 1024));
    } catch {
      /* full, as wanted */
    }
    const r = sync(d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write status-tracker.md: no space left on the device \(ENOSPC while writing the temp file\); nothing written/);
    expect(r.stderr).not.toMatch(/internal error|    at /);
    expect(readFileSync(join(d, 'status-tracker.md'), 'utf8')).toBe(tracker);
    expect(noTemps(d)).toEqual([]);
  });

  it.runIf(isRoot)('a folder the user may not write (EACCES), for sync, lint --fix and init', () => {
    const d = dir({ 'status-tracker.md': tracker, 'TODO.md': '# TODO\n\n- [ ] a âœ…\n' });
    chmodSync(d, 0o755);
    chmodSync(join(d, 'status-tracker.md'), 0o666);
    chmodSync(join(d, 'TODO.md'), 0o666);
    const asNobody = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: d, uid: 65534, gid: 65534, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', TRACKDOCS_TODAY: TODAY, NO_COLOR: '1' } });
    const s = asNobody(['sync', 'status-tracker.md', '--vastai-json', instances, '--no-state']);
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/cannot write status-tracker.md: permission denied \(EACCES while writing the temp file\); nothing written/);
    const f = asNobody(['lint', '--fix', 'TODO.md']);
    expect(f.status).toBe(2);
    expect(f.stderr).toMatch(/cannot write TODO.md: permission denied \(EACCES while writing the temp file\)/);
    const i = asNobody(['init', '.']);
    expect(i.status).toBe(2);
    expect(i.stderr).toMatch(/cannot (write|create)/);
    expect(i.stderr + s.stderr + f.stderr).not.toMatch(/internal error|    at /);
    expect(readFileSync(join(d, 'status-tracker.md'), 'utf8')).toBe(tracker);
  });

  it.runIf(isRoot)('a shared file whose owner cannot be kept: refused, saying why', () => {
    const d = dir({ 'status-tracker.md': tracker });
    chmodSync(d, 0o777);
    chownSync(join(d, 'status-tracker.md'), 1234, 1234);
    chmodSync(join(d, 'status-tracker.md'), 0o666);
    const r = spawnSync(process.execPath, [bin, 'sync', 'status-tracker.md', '--vastai-json', instances, '--no-state'], { cwd: d, uid: 65534, gid: 65534, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', TRACKDOCS_TODAY: TODAY } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot write status-tracker.md: its owner and group \(uid 1234, gid 1234\) could not be kept \(EPERM\)/);
    expect(readFileSync(join(d, 'status-tracker.md'), 'utf8')).toBe(tracker);
    expect(statSync(join(d, 'status-tracker.md')).uid).toBe(1234);
    expect(noTemps(d)).toEqual([]);
  });
});

describe('files', () => {
  it('a symlinked tracker: sync writes the target and the link stays', () => {
    const d = dir({ 'shared/tracker.md': tracker, 'docs/.keep': '' });
    symlinkSync('../shared/tracker.md', join(d, 'docs/status-tracker.md'));
    const r = runCli(['sync', 'docs/status-tracker.md', '--vastai-json', instances, '--no-state'], { cwd: d });
    expect(r.code).toBe(0);
    expect(lstatSync(join(d, 'docs/status-tracker.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'shared/tracker.md'), 'utf8')).toContain('| 30000001 |');
  });

  it.runIf(isRoot)('a shared file keeps its owner, group and mode', () => {
    const d = dir({ 'status-tracker.md': tracker });
    chownSync(join(d, 'status-tracker.md'), 1234, 4321);
    chmodSync(join(d, 'status-tracker.md'), 0o664);
    expect(sync(d).code).toBe(0);
    const st = statSync(join(d, 'status-tracker.md'));
    expect([st.uid, st.gid, st.mode & 0o777]).toEqual([1234, 4321, 0o664]);
    expect(readFileSync(join(d, 'status-tracker.md'), 'utf8')).toContain('| 30000001 |');
  });

  it('a read-only (444) tracker is refused unless --force; lint --fix likewise', () => {
    const d = dir({ 'status-tracker.md': tracker, 'TODO.md': '# TODO\n\n- [ ] a âœ…\n' });
    chmodSync(join(d, 'status-tracker.md'), 0o444);
    chmodSync(join(d, 'TODO.md'), 0o444);
    const r = sync(d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to replace status-tracker.md: it is read-only \(mode 444\); make it writable \(chmod u\+w\) or pass --force/);
    expect(readFileSync(join(d, 'status-tracker.md'), 'utf8')).toBe(tracker);
    const forced = sync(d, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(join(d, 'status-tracker.md'), 'utf8')).toContain('| 30000001 |');
    expect(statSync(join(d, 'status-tracker.md')).mode & 0o777).toBe(0o444);
    const fix = runCli(['lint', '--fix', 'TODO.md'], { cwd: d });
    expect(fix.code).toBe(2);
    expect(fix.stderr).toMatch(/refusing to replace TODO.md: it is read-only/);
    expect(readFileSync(join(d, 'TODO.md'), 'utf8')).toContain('âœ…');
    expect(runCli(['lint', '--fix', '--force', 'TODO.md'], { cwd: d }).code).toBe(0);
    expect(readFileSync(join(d, 'TODO.md'), 'utf8')).toBe('# TODO\n\n- [ ] a ✅\n');
  });

  it('a config naming a file outside the repository: sync refuses to write it', () => {
    const outer = dir({ 'victim-bashrc': '# Status Tracker\n\nexport PATH=$PATH:~/bin\n', 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/docs.config.yaml': 'documents:\n  ../victim-bashrc: tracker\n' });
    const r = runCli(['sync', '--vastai-json', instances, '--no-state'], { cwd: join(outer, 'repo') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to write \.\.\/victim-bashrc: it is outside the repository/);
    expect(readFileSync(join(outer, 'victim-bashrc'), 'utf8')).toBe('# Status Tracker\n\nexport PATH=$PATH:~/bin\n');
  });

  it('init --force twice keeps the original in .bak and numbers the next backup', () => {
    const d = dir({ '.git/HEAD': 'ref: refs/heads/main\n', 'TODO.md': '# My own TODO\n\n- [ ] mine\n' });
    const first = runCli(['init', '--force'], { cwd: d });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/replaced TODO.md \(the old one is TODO.md.bak\)/);
    const second = runCli(['init', '--force'], { cwd: d });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/replaced TODO.md \(the old one is TODO.md.bak.2\)/);
    expect(readFileSync(join(d, 'TODO.md.bak'), 'utf8')).toBe('# My own TODO\n\n- [ ] mine\n');
    expect(readFileSync(join(d, 'TODO.md.bak.2'), 'utf8')).toBe(readFileSync(join(projectRoot, 'templates/TODO.md'), 'utf8'));
  });
});
