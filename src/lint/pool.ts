/**
 * Lint many files on worker threads. micromark is CPU-bound and allocates a great deal, and a
 * worker's heap can be sized where the main thread's cannot (V8 fixes it before any of our code
 * runs): with a 64 MB young generation, most of a parse's garbage dies young and collection costs
 * about a quarter less than on the main thread. So from POOL_MIN_FILES files on, the files go in
 * batches to worker threads, even when there is only one, while the main thread reads no markdown.
 * The result is the same as a sequential run: diagnostics are sorted afterwards.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import type { FilesResult, FixWrite } from './files.js';
import { append } from '../core/arrays.js';

/** Below this many files a worker's start-up (about 40 ms) costs more than it saves. */
export const POOL_MIN_FILES = 48;
const BATCH = 16;
/** Each worker holds about 110 MB at its peak; more than four rarely pays on a developer's machine. */
const MAX_WORKERS = 4;

declare const __dirname: string | undefined;

/** The worker entry next to the bundle, or undefined when not running from the bundle. */
export function workerEntry(): string | undefined {
  if (typeof __dirname !== 'string') return undefined;
  const entry = join(__dirname, '..', 'bin', 'lint-worker.cjs');
  return existsSync(entry) ? entry : undefined;
}

/**
 * How many worker threads to lint `files` files on: one per core but one, which the workers'
 * garbage collectors use, and at least one; 0 means the main thread lints. TRACKDOCS_WORKERS
 * sets the number (0: the main thread only).
 */
export function poolSize(files: number, env: Record<string, string | undefined>): number {
  const set = env.TRACKDOCS_WORKERS !== undefined && /^\d+$/.test(env.TRACKDOCS_WORKERS) ? Number(env.TRACKDOCS_WORKERS) : undefined;
  if (files < POOL_MIN_FILES || !workerEntry() || set === 0) return 0;
  return Math.min(set ?? Math.min(Math.max(1, availableParallelism() - 1), MAX_WORKERS), Math.ceil(files / BATCH));
}

export interface PoolJob {
  cwd: string;
  configPath?: string;
  today: string;
  fix: FixWrite | false;
}

/** Lint `paths` on `size` worker threads, handing out batches of BATCH files as workers finish. */
export async function lintInPool(paths: string[], job: PoolJob, size: number): Promise<FilesResult> {
  const total: FilesResult = { diagnostics: [], fixed: 0, notes: [] };
  let next = 0;
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(workerEntry()!, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      let done = false;
      worker.on('message', (msg: { type: 'ready' } | { type: 'done'; result: FilesResult } | { type: 'error'; message: string; code?: string }) => {
        if (msg.type === 'error') {
          void worker.terminate();
          reject(Object.assign(new Error(msg.message), { code: msg.code }));
          return;
        }
        if (msg.type === 'done') {
          append(total.diagnostics, msg.result.diagnostics);
          total.fixed += msg.result.fixed;
          total.notes.push(...msg.result.notes);
          if (msg.result.refused) total.refused = true;
        }
        const batch = paths.slice(next, next + BATCH);
        next += batch.length;
        if (batch.length) return worker.postMessage(batch);
        done = true;
        void worker.terminate().then(() => resolve());
      });
      worker.on('error', reject);
      // A worker that stops on its own (killed, or out of memory before it could say so) fails the run.
      worker.on('exit', (code) => done || reject(new Error(`a lint worker thread stopped unexpectedly (exit code ${code})`)));
    });
  await Promise.all(Array.from({ length: size }, runWorker));
  return total;
}
