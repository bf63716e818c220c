/**
 * The one way trackdocs writes a file (sync, lint --fix, watch --sync, init, hook, and later the
 * agents' verbs), so that a file on disk is always either the old or the new version and another
 * program's save is never overwritten:
 *
 * 1. guards: the path lies inside an allowed root; a symlink is followed to the file it names; a
 *    read-only file is refused unless forced; our own stale temp files beside it are removed;
 * 2. the new bytes go to a temp file in the target's directory, with the target's mode, owner and
 *    group (or the write is refused, saying why, when they cannot be kept), and are fsynced;
 * 3. an exclusive lock beside the target is taken (every trackdocs process honours it; a lock left
 *    by a dead process goes stale and is recovered);
 * 4. under the lock the file is compared with the bytes the edit was planned on, and only when it
 *    still holds them is the temp file renamed over it; then the lock is released.
 *
 * The window in which a program that does not take the lock (an editor) can lose a save shrinks
 * to the compare-and-rename. Expected failures are values (`changed`, `refused`), never throws;
 * the temp file is removed on every failure path.
 */
import {
  openSync, writeSync, fsyncSync, closeSync, renameSync, readFileSync, lstatSync, statSync, unlinkSync,
  fchmodSync, fchownSync, fstatSync, realpathSync, readdirSync, accessSync, constants,
} from 'node:fs';
import { dirname, basename, join, resolve, relative, isAbsolute, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { lazyImport } from '../core/lazy.js';

export type WriteOutcome =
  /** The new bytes are on disk; `target` is the file written (a symlink's target). */
  | { status: 'written'; target: string }
  /** The file no longer holds the bytes the edit was planned on; nothing written. `current` is what it holds (null: absent). */
  | { status: 'changed'; current: Buffer | null }
  /** A guard or the operating system refused the write; nothing written. `message` names the file and the cause. */
  | { status: 'refused'; message: string; code?: string };

export interface GuardedWriteOptions {
  /**
   * The bytes the new content was planned on: the file is replaced only while it still holds
   * them. `null`: the file must not exist yet. `undefined`: replace whatever is there.
   */
  expected: Uint8Array | null | undefined;
  /** Directories the file must lie inside (the repository root, the config's folder); none: no check. */
  roots?: string[];
  /** Replace a read-only file (it keeps its mode). */
  force?: boolean;
  /** How messages name the file (default: the path as given). */
  display?: string;
  /** Mode of a file that does not exist yet (before the umask); default 0o666. */
  mode?: number;
}

/** How long a lock may go without its holder refreshing it before another process takes it over. */
export const LOCK_STALE_MS = 5000;
/** Our temp files older than this are removed even when their process id is alive again (reused). */
const TEMP_MAX_AGE_MS = 60 * 60_000;
/** `.name.<pid>.<random>.trackdocs-tmp`, and the older `.name.<pid>.<ms>.tmp`. */
const tempPattern = /^\.(.+)\.(\d+)\.([0-9a-z]+)\.(?:trackdocs-)?tmp$/;

/** The lock of a file: a directory `.name.trackdocs-lock` beside it (see proper-lockfile). */
export function lockPathOf(target: string): string {
  return join(dirname(target), `.${basename(target)}.trackdocs-lock`);
}

const causes: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'its directory does not exist',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'an input/output error',
  EBUSY: 'the file is busy',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ETXTBSY: 'the file is busy',
};

/** An fs error as a refusal naming the file and the cause; anything else is rethrown. */
function refusal(e: unknown, display: string, doing: string): WriteOutcome {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (!code || !/^E[A-Z]+$/.test(code)) throw e;
  return { status: 'refused', code, message: `cannot write ${display}: ${causes[code] ?? (e as Error).message} (${code} while ${doing}); nothing written` };
}

function inside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

const realOr = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

/** Whether `path` lies inside one of `roots`, lexically or once symlinked folders are resolved. */
export function insideRoots(path: string, roots: string[]): boolean {
  const abs = resolve(path);
  const real = join(realOr(dirname(abs)), basename(abs));
  return roots.some((r) => inside(abs, resolve(r)) && inside(real, realOr(r)));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove our temp files for `target` left by processes that died (kill -9, power loss) or that are
 * older than an hour. Returns the names removed.
 */
export function cleanStaleTemps(target: string): string[] {
  const dir = dirname(target);
  const name = basename(target);
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const m = tempPattern.exec(entry);
    if (!m || m[1] !== name) continue;
    const pid = Number(m[2]);
    const path = join(dir, entry);
    try {
      const old = Date.now() - lstatSync(path).mtimeMs > TEMP_MAX_AGE_MS;
      if (pid !== process.pid && (old || !processAlive(pid))) {
        unlinkSync(path);
        removed.push(entry);
      }
    } catch {
      /* gone meanwhile, or not ours to remove */
    }
  }
  return removed;
}

/** Follow a symlink (chains included) to the file it names; the path itself when it is not one. */
function resolveTarget(path: string, display: string): { target: string } | WriteOutcome {
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { target: resolve(path) };
    return refusal(e, display, 'looking at the file');
  }
  if (!st.isSymbolicLink()) return { target: resolve(path) };
  try {
    return { target: realpathSync(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'refused', code, message: `cannot write ${display}: it is a symbolic link to a file that does not exist; nothing written. Fix or remove the link` };
    return refusal(e, display, 'following the symbolic link');
  }
}

type Release = () => Promise<void>;

/** Take the lock of `target`, waiting for another trackdocs process to finish its write. */
async function takeLock(target: string, display: string): Promise<{ release: Release; compromised: () => Error | undefined } | WriteOutcome> {
  const lockfile = await lazyImport<typeof import('proper-lockfile')>('proper-lockfile');
  let lost: Error | undefined;
  try {
    const release = await lockfile.lock(target, {
      realpath: false,
      lockfilePath: lockPathOf(target),
      stale: LOCK_STALE_MS,
      // Retry for longer than the staleness, so a lock left by a dead process is taken over.
      retries: { retries: 80, factor: 1.3, minTimeout: 5, maxTimeout: 250, randomize: true },
      onCompromised: (e) => {
        lost = e;
      },
    });
    return { release, compromised: () => lost };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOCKED') {
      return { status: 'refused', code, message: `cannot write ${display}: another trackdocs process kept its lock (${basename(lockPathOf(target))}) busy for too long; nothing written. Try again; a lock left by a stopped process is taken over after ${LOCK_STALE_MS / 1000} s` };
    }
    return refusal(e, display, 'taking the lock');
  }
}

function readOrNull(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* some file systems cannot fsync a directory; the rename is still atomic */
  }
}

/** Write `data` to `path` through the guards, the temp file, the lock and the compare-and-rename. */
export async function guardedWrite(path: string, data: string | Uint8Array, options: GuardedWriteOptions): Promise<WriteOutcome> {
  const display = options.display ?? path;
  if (options.roots?.length && !insideRoots(path, options.roots)) {
    return { status: 'refused', code: 'EOUTSIDE', message: `refusing to write ${display}: it is outside the repository (${options.roots.map((r) => resolve(r)).join(', ')}); trackdocs writes only inside the repository root or the config's folder, whatever the config says; nothing written` };
  }
  const resolved = resolveTarget(path, display);
  if ('status' in resolved) return resolved;
  const { target } = resolved;
  let existing;
  try {
    existing = statSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return refusal(e, display, 'looking at the file');
  }
  if (existing && !existing.isFile()) return { status: 'refused', code: 'ENOTFILE', message: `cannot write ${display}: it is not a regular file; nothing written` };
  if (existing) {
    let denied: NodeJS.ErrnoException | undefined;
    try {
      accessSync(target, constants.W_OK);
    } catch (e) {
      denied = e as NodeJS.ErrnoException;
    }
    if (denied && denied.code !== 'EACCES' && denied.code !== 'EPERM') return refusal(denied, display, 'checking the file');
    if (!options.force && ((existing.mode & 0o222) === 0 || denied)) {
      const why = (existing.mode & 0o222) === 0 ? `it is read-only (mode ${(existing.mode & 0o777).toString(8)})` : `it is read-only for you (mode ${(existing.mode & 0o777).toString(8)}, owner uid ${existing.uid})`;
      return { status: 'refused', code: 'EREADONLY', message: `refusing to replace ${display}: ${why}; make it writable (chmod u+w) or pass --force; nothing written` };
    }
  }
  cleanStaleTemps(target);

  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.trackdocs-tmp`);
  let fd: number | undefined;
  let tmpExists = false;
  const dropTemp = () => {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
      fd = undefined;
    }
    if (tmpExists) {
      try {
        unlinkSync(tmp);
      } catch {
        /* already gone */
      }
      tmpExists = false;
    }
  };
  try {
    fd = openSync(tmp, 'wx', existing ? 0o600 : (options.mode ?? 0o666));
    tmpExists = true;
    if (existing) {
      const mine = fstatSync(fd);
      if (mine.uid !== existing.uid || mine.gid !== existing.gid) {
        try {
          fchownSync(fd, existing.uid, existing.gid);
        } catch (e) {
          dropTemp();
          const code = (e as NodeJS.ErrnoException).code ?? 'EPERM';
          return { status: 'refused', code, message: `cannot write ${display}: its owner and group (uid ${existing.uid}, gid ${existing.gid}) could not be kept (${code}): only root can give a file to another owner, or to a group you are not in; run as uid ${existing.uid} (or root); nothing written` };
        }
      }
      // After chown, which may clear the set-id bits.
      fchmodSync(fd, existing.mode & 0o7777);
    }
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
  } catch (e) {
    dropTemp();
    return refusal(e, display, 'writing the temp file');
  }

  const lock = await takeLock(target, display);
  if ('status' in lock) {
    dropTemp();
    return lock;
  }
  try {
    let current: Buffer | null;
    try {
      current = readOrNull(target);
    } catch (e) {
      dropTemp();
      return refusal(e, display, 'reading the file again');
    }
    if (options.expected !== undefined && !sameBytes(options.expected, current)) {
      dropTemp();
      return { status: 'changed', current };
    }
    if (lock.compromised()) {
      dropTemp();
      return { status: 'refused', code: 'ELOCKLOST', message: `cannot write ${display}: its lock was taken over by another process; nothing written. Try again` };
    }
    try {
      renameSync(tmp, target);
      tmpExists = false;
    } catch (e) {
      dropTemp();
      return refusal(e, display, 'renaming the temp file over it');
    }
    fsyncDir(dirname(target));
    return { status: 'written', target };
  } finally {
    await lock.release().catch(() => undefined);
  }
}

/** What a planner returns for the bytes it was given: the new bytes, or null when nothing changes. */
export type Planner<T> = (current: Buffer) => { data: string | Uint8Array; result: T } | { data: null; result: T };

export type IntentOutcome<T> =
  | { status: 'written'; target: string; result: T; attempts: number }
  | { status: 'unchanged'; result: T }
  | { status: 'changed'; attempts: number; message: string }
  | { status: 'refused'; message: string; code?: string };

/**
 * Apply an intent (a sync, a fix, an agent's verb) to a file: read it, plan on its bytes, write
 * through guardedWrite, and when the file changed meanwhile, plan again on the new bytes, at most
 * `attempts` times; then give up with a clear message.
 */
export async function writeIntent<T>(
  path: string,
  plan: Planner<T>,
  options: Omit<GuardedWriteOptions, 'expected'> & {
    attempts?: number;
    /** The bytes already read, planned on first (default: read the file). */
    first?: Buffer;
    /** Awaited before each attempt (watch waits for the file to be quiet); false gives up with `message`. */
    before?: () => Promise<true | { message: string }>;
  },
): Promise<IntentOutcome<T>> {
  const display = options.display ?? path;
  const attempts = options.attempts ?? 3;
  let current: Buffer | null | undefined = options.first;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (options.before) {
      const ready = await options.before();
      if (ready !== true) return { status: 'changed', attempts: attempt - 1, message: ready.message };
      if (attempt > 1 || current === undefined) current = undefined;
    }
    if (current === undefined || current === null) {
      try {
        current = readFileSync(path);
      } catch (e) {
        return refusal(e, display, 'reading the file') as IntentOutcome<T>;
      }
    }
    const planned = plan(current);
    if (planned.data === null) return { status: 'unchanged', result: planned.result };
    const outcome = await guardedWrite(path, planned.data, { ...options, expected: current });
    if (outcome.status === 'written') return { status: 'written', target: outcome.target, result: planned.result, attempts: attempt };
    if (outcome.status === 'refused') return outcome;
    current = outcome.current;
    if (current === null) return { status: 'refused', code: 'ENOENT', message: `cannot write ${display}: it was deleted while trackdocs was working; nothing written` };
  }
  return { status: 'changed', attempts, message: `${display} kept changing while trackdocs was writing it (${attempts} attempts); nothing written. Run the command again when the file is no longer being edited` };
}
