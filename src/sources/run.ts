/**
 * Run a source's command as a child process: no shell, a timeout, output captured up to a limit.
 *
 * A source is someone else's program, so the run is bounded on every side: the output stops at
 * `maxOutputBytes` (past it the run is stopped and reported, never buffered until Node gives up),
 * and at the timeout the whole process tree is killed and the run ends even when a daemonised
 * grandchild (`setsid`) still holds the pipes, which would otherwise keep them open for ever.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Every process a run starts carries this variable with the run's own token. A grandchild that
 * called setsid() has left the process group and, once its parent exits, the family tree too; it
 * keeps its environment, and so can still be found and stopped.
 */
const RUN_TAG = 'TRACKDOCS_SOURCE_RUN';

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Set when stdout or stderr passed the output limit; the run was stopped there. */
  overflow?: 'stdout' | 'stderr';
  /** Set when the command could not start (ENOENT, EACCES…). */
  spawnError?: NodeJS.ErrnoException;
}

/** Default limit on what a source may print (stdout and stderr each), in bytes: 64 MiB. */
export const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;

export interface RunOptions {
  timeoutMs: number;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Bytes each of stdout and stderr may hold (default DEFAULT_MAX_OUTPUT). */
  maxOutputBytes?: number;
}

export function runCommand(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  return new Promise((resolve) => {
    const out: Record<'stdout' | 'stderr', { chunks: Buffer[]; bytes: number }> = { stdout: { chunks: [], bytes: 0 }, stderr: { chunks: [], bytes: 0 } };
    let timedOut = false;
    let overflow: RunResult['overflow'];
    let settled = false;
    const tag = `${process.pid}-${randomBytes(8).toString('hex')}`;
    const env = { ...options.env, [RUN_TAG]: tag } as NodeJS.ProcessEnv;
    const child = spawn(command, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], shell: false, detached: process.platform !== 'win32' });
    const text = (k: 'stdout' | 'stderr') => Buffer.concat(out[k].chunks).toString('utf8');
    const finish = (r: Omit<RunResult, 'stdout' | 'stderr'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ stdout: text('stdout'), stderr: text('stderr'), ...r, ...(overflow ? { overflow } : {}) });
    };
    /** Kill everything the run started, stop reading, and end the run now. */
    const stop = () => {
      killTree(child.pid, tag);
      child.stdout.destroy();
      child.stderr.destroy();
      finish({ code: null, signal: 'SIGKILL', timedOut });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    for (const k of ['stdout', 'stderr'] as const) {
      child[k].on('data', (d: Buffer) => {
        if (settled) return;
        const o = out[k];
        if (o.bytes + d.length > limit) {
          o.chunks.push(d.subarray(0, limit - o.bytes));
          o.bytes = limit;
          overflow = k;
          stop();
          return;
        }
        o.chunks.push(d);
        o.bytes += d.length;
      });
    }
    child.on('error', (e) => finish({ code: null, signal: null, timedOut, spawnError: e }));
    child.on('close', (code, signal) => finish({ code, signal, timedOut }));
  });
}

/**
 * SIGKILL the child's process group, every descendant of the child, and (where there is /proc)
 * every process that carries the run's tag in its environment (see RUN_TAG).
 */
export function killTree(pid: number | undefined, tag: string): void {
  if (pid === undefined) return;
  const victims = new Set<number>([pid, ...descendantsAndTagged(pid, `${RUN_TAG}=${tag}`)]);
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* no group (Windows) or already gone */
  }
  for (const p of victims) {
    if (p === process.pid) continue;
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** From /proc: the descendants of `root`, and the processes whose environment holds `marker`. Empty where there is no /proc. */
function descendantsAndTagged(root: number, marker: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  const found = new Set<number>();
  const needle = Buffer.from(`\0${marker}\0`);
  for (const e of entries) {
    const pid = Number(e);
    if (pid === process.pid) continue;
    try {
      // `pid (comm) state ppid …`; comm may hold spaces and parentheses, so read after the last `)`.
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      const environ = Buffer.concat([Buffer.from([0]), readFileSync(`/proc/${e}/environ`), Buffer.from([0])]);
      if (environ.includes(needle)) found.add(pid);
    } catch {
      /* gone meanwhile, or another user's process: not ours to see, and not ours to kill */
    }
  }
  const queue = [root, ...found];
  while (queue.length) {
    for (const c of children.get(queue.pop()!) ?? []) {
      if (!found.has(c)) {
        found.add(c);
        queue.push(c);
      }
    }
  }
  return [...found];
}
