/** Worker thread entry: runs one batch of sensitivity draws (see sensitivity-parallel.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { type SensitivityJob, SensitivityRunner } from './sensitivity.js';

const job = workerData as SensitivityJob & { from: number; to: number };
const runner = new SensitivityRunner(job.plan, job.units, job.values, job.scoreOptions, job.options);
const batch = runner.run(job.from, job.to, (done) => parentPort!.postMessage({ progress: done }));
parentPort!.postMessage({ batch }, [
  batch.ranks.buffer as ArrayBuffer,
  batch.sameGrade.buffer as ArrayBuffer,
]);
