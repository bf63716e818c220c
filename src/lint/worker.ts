/** The body of a lint worker thread (started by pool.ts through bin/lint-worker.cjs). */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../config/load.js';
import { pathExistsUnder } from '../commands/documents.js';
import { lintFiles } from './files.js';
import type { PoolJob } from './pool.js';

export async function lintWorker(): Promise<void> {
  const job = workerData as PoolJob;
  const port = parentPort!;
  try {
    const config = await loadConfig(job.cwd, job.configPath);
    const options = { severities: config.severities, today: job.today, pathExists: pathExistsUnder(config.root) };
    port.on('message', (paths: string[]) => {
      lintFiles(paths, job.cwd, config, options, job.fix).then(
        (result) => port.postMessage({ type: 'done', result }),
        (e) => port.postMessage({ type: 'error', message: (e as Error).stack ?? String(e) }),
      );
    });
    port.postMessage({ type: 'ready' });
  } catch (e) {
    port.postMessage({ type: 'error', message: (e as Error).message, code: (e as { code?: string }).code });
  }
}
