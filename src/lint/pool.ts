/**
 * Lint many files on worker threads. micromark is CPU-bound and allocates a lot, so with more than
 * one core the files are handed out in batches to the main thread and one worker per further core;
 * each worker loads the same bundle (with its code cache) and runs lintFiles on its batches. The
 * result is the same as a sequential run: diagnostics are sorted afterwards.
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

/**
 * How many worker threads to start besides the main thread, which lints too: one per core but one.
 * TRACKDOCS_WORKERS caps it (0: lint on the main thread only).
 */
export function poolSize(files: number, env: Record<string, string | undefined>): number {
  const cap = env.TRACKDOCS_WORKERS !== undefined && /^\d+$/.test(env.TRACKDOCS_WORKERS) ? Number(env.TRACKDOCS_WORKERS) : 7;
  if (files < POOL_MIN_FILES || !workerEntry() || cap === 0) return 0;
  return Math.min(availableParallelism() - 1, Math.ceil(files / BATCH) - 1, cap);
}

export interface PoolJob {
  cwd: string;
  configPath?: string;
  today: string;
  fix: boolean;
}

/**
 * Lint `paths` on `size` worker threads, with the main thread taking batches too (`lintHere`):
 * on a two-core machine one worker plus the main thread use both cores without a second isolate's
 * memory.
 */
export async function lintInPool(paths: string[], job: PoolJob, size: number, lintHere?: (batch: string[]) => FilesResult): Promise<FilesResult> {
  const total: FilesResult = { diagnostics: [], fixed: 0, notes: [] };
  let next = 0;
  const take = () => {
    const batch = paths.slice(next, next + BATCH);
    next += batch.length;
    return batch;
  };
  /** Batches whose worker died (out of memory on a huge document): the main thread lints them. */
  const orphans: string[] = [];
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      // A 64 MB young generation halves garbage-collection time; the old generation is capped so
      // two threads stay within a modest footprint, and a document too big for it is re-linted
      // on the main thread (below).
      const worker = new Worker(workerEntry()!, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: 128 } });
      let current: string[] = [];
      worker.on('message', (msg: { type: 'ready' } | { type: 'done'; result: FilesResult } | { type: 'error'; message: string; code?: string }) => {
        if (msg.type === 'error') {
          void worker.terminate();
          reject(Object.assign(new Error(msg.message), { code: msg.code }));
          return;
        }
        if (msg.type === 'done') merge(msg.result);
        current = take();
        if (current.length) worker.postMessage(current);
        else void worker.terminate().then(() => resolve());
      });
      worker.on('error', (e: Error & { code?: string }) => {
        if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY' || !lintHere) return reject(e);
        orphans.push(...current);
        resolve();
      });
    });
  const merge = (r: FilesResult) => {
    total.diagnostics.push(...r.diagnostics);
    total.fixed += r.fixed;
    total.notes.push(...r.notes);
  };
  const runHere = async () => {
    if (!lintHere) return;
    // Let the workers start first, then take batches between their messages.
    await new Promise((r) => setImmediate(r));
    for (let batch = take(); batch.length; batch = take()) {
      merge(lintHere(batch));
      await new Promise((r) => setImmediate(r));
    }
  };
  await Promise.all([...Array.from({ length: size }, runWorker), runHere()]);
  if (orphans.length) merge(lintHere!(orphans));
  // Whatever the workers did not get to (every worker died) is linted here too.
  for (let batch = take(); batch.length && lintHere; batch = take()) merge(lintHere(batch));
  return total;
}
