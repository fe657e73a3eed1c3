/**
 * Starting a worker thread on one of our TypeScript modules. The thread runs it as the server runs
 * its own code (tsx), whether the server was started by `node --import tsx` or inside jest, where
 * no loader reaches the thread by itself: a two-line CommonJS bootstrap registers tsx first.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** A worker running `file` (an absolute path to a .ts module) with `options` (workerData, limits…). */
export function typeScriptWorker(file: string, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))});require(${JSON.stringify(file)});`;
  return new Worker(bootstrap, { ...options, eval: true });
}
