import { Worker } from 'node:worker_threads';
import type { Plan } from './plan.js';
import type { ScoreOptions } from './prepare.js';
import {
  type DrawBatch,
  type SensitivityOptions,
  type SensitivityResult,
  SensitivityRunner,
  summarise,
} from './sensitivity.js';
import type { Unit } from './unit.js';
import type { ValueTable } from './value-table.js';

export interface ParallelOptions {
  /** Threads including this one; 1 runs everything here. */
  threads: number;
  /** Called as draws complete, with the number done so far. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The sensitivity analysis split over worker threads. Each draw seeds its own random stream, so the result
 * is the same for any number of threads. This thread runs one share of the draws itself.
 */
export async function sensitivityParallel(
  plan: Plan,
  units: readonly Unit[],
  values: ValueTable,
  scoreOptions: ScoreOptions,
  options: SensitivityOptions,
  parallel: ParallelOptions,
): Promise<SensitivityResult> {
  const { draws } = options;
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError('draws must be a positive integer');
  const threads = Math.max(1, Math.min(parallel.threads, draws));
  const bounds = Array.from({ length: threads + 1 }, (_, i) => Math.round((i * draws) / threads));
  const done = new Array<number>(threads).fill(0);
  const report = (i: number, k: number) => {
    done[i] = k;
    parallel.onProgress?.(
      done.reduce((a, b) => a + b, 0),
      draws,
    );
  };
  const workers = bounds.slice(1, -1).map((from, i) => {
    const to = bounds[i + 2]!;
    return new Promise<DrawBatch>((resolve, reject) => {
      const w = new Worker(workerUrl(), {
        workerData: { plan, units, values, scoreOptions, options, from, to },
      });
      w.on('message', (m: { progress?: number; batch?: DrawBatch }) => {
        if (m.batch) resolve(m.batch);
        else if (m.progress !== undefined) report(i + 1, m.progress);
      });
      w.on('error', reject);
      w.on('exit', (code) => {
        if (code !== 0) reject(new Error(`sensitivity worker stopped with exit code ${code}`));
      });
    });
  });
  const runner = new SensitivityRunner(plan, units, values, scoreOptions, options);
  const own = runner.run(0, bounds[1]!, (k) => report(0, k));
  const batches = [own, ...(await Promise.all(workers))];
  return summarise(runner, options, batches);
}

/**
 * The compiled worker script. When this module runs from TypeScript sources (tests), the worker still runs
 * from the build in dist/, which `npm test` produces first.
 */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts')
    ? new URL('../dist/sensitivity-worker.js', here)
    : new URL('./sensitivity-worker.js', here);
}
