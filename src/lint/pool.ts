/**
 * Lint many files on worker threads. micromark is CPU-bound, so on a machine with more than one
 * core the files are handed out in batches to one worker per core; each worker loads the same
 * bundle (with its code cache) and runs lintFiles on its batches. The result is the same as a
 * sequential run: diagnostics are sorted afterwards.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import type { FilesResult } from './files.js';

/** Below this many files a pool costs more (worker start-up) than it saves. */
export const POOL_MIN_FILES = 48;
const BATCH = 16;

declare const __dirname: string | undefined;

/** The worker entry next to the bundle, or undefined when not running from the bundle. */
export function workerEntry(): string | undefined {
  if (typeof __dirname !== 'string') return undefined;
  const entry = join(__dirname, '..', 'bin', 'lint-worker.cjs');
  return existsSync(entry) ? entry : undefined;
}

/** How many workers to use; TRACKDOCS_WORKERS caps it (0: lint on the main thread). */
export function poolSize(files: number, env: Record<string, string | undefined>): number {
  const cap = env.TRACKDOCS_WORKERS !== undefined && /^\d+$/.test(env.TRACKDOCS_WORKERS) ? Number(env.TRACKDOCS_WORKERS) : 8;
  if (files < POOL_MIN_FILES || !workerEntry() || cap === 0) return 0;
  return Math.min(availableParallelism(), Math.ceil(files / BATCH), cap);
}

export interface PoolJob {
  cwd: string;
  configPath?: string;
  today: string;
  fix: boolean;
}

export async function lintInPool(paths: string[], job: PoolJob, size: number): Promise<FilesResult> {
  const total: FilesResult = { diagnostics: [], fixed: 0, notes: [] };
  let next = 0;
  const take = () => {
    const batch = paths.slice(next, next + BATCH);
    next += batch.length;
    return batch;
  };
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(workerEntry()!, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 32 } });
      worker.on('message', (msg: { type: 'ready' } | { type: 'done'; result: FilesResult } | { type: 'error'; message: string; code?: string }) => {
        if (msg.type === 'error') {
          void worker.terminate();
          reject(Object.assign(new Error(msg.message), { code: msg.code }));
          return;
        }
        if (msg.type === 'done') {
          total.diagnostics.push(...msg.result.diagnostics);
          total.fixed += msg.result.fixed;
          total.notes.push(...msg.result.notes);
        }
        const batch = take();
        if (batch.length) worker.postMessage(batch);
        else void worker.terminate().then(() => resolve());
      });
      worker.on('error', reject);
    });
  await Promise.all(Array.from({ length: size }, runWorker));
  return total;
}
