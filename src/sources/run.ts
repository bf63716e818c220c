/** Run a source's command as a child process: no shell, a timeout, output captured. */
import { spawn } from 'node:child_process';

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Set when the command could not start (ENOENT, EACCES…). */
  spawnError?: NodeJS.ErrnoException;
}

export function runCommand(command: string, args: string[], options: { timeoutMs: number; env: Record<string, string | undefined>; cwd: string }): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(command, args, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], shell: false, detached: process.platform !== 'win32' });
    const timer = setTimeout(() => {
      timedOut = true;
      // Kill the whole process group: a Python CLI may have children of its own.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const finish = (r: RunResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    child.on('error', (e) => finish({ stdout, stderr, code: null, signal: null, timedOut, spawnError: e }));
    child.on('close', (code, signal) => finish({ stdout, stderr, code, signal, timedOut }));
  });
}
