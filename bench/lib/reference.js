import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runMeasured } from './measure.js';

/** Debian's interpreter, which python3-pandas installs into (not whichever python3 comes first on PATH). */
export const PYTHON = '/usr/bin/python3';
export const REFERENCE_SCRIPT = fileURLToPath(new URL('../reference/score.py', import.meta.url));

/**
 * Why the reference cannot run here, or undefined when it can.
 *
 * @returns {string | undefined}
 */
export function referenceProblem() {
  const r = spawnSync(PYTHON, ['-c', 'import pandas, numpy; print(pandas.__version__)'], {
    encoding: 'utf8',
  });
  if (r.error)
    return `${PYTHON} is not available (${r.error.message}); install Debian's python3 and python3-pandas`;
  if (r.status !== 0) {
    return `${PYTHON} cannot import pandas; install it with: apt-get install -y python3-pandas\n${r.stderr.trim()}`;
  }
  return undefined;
}

/** @returns {string} pandas version, for reports */
export function pandasVersion() {
  const r = spawnSync(PYTHON, ['-c', 'import pandas; print(pandas.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}

/**
 * @typedef {object} ReferenceRun
 * @property {number} wallS
 * @property {number | null} peakRssMb
 * @property {{ load_s: number, compute_s: number, compute_runs_s: number[], write_s: number,
 *   end_to_end_s: number }} timings
 */

/**
 * Scores with the pandas reference; rejects with its stderr when it fails.
 *
 * @param {{ plan: string, units: string, values: string, period: string, out: string }} files
 * @param {{ computeRepeat?: number }} [options] run the compute part this many times in the process
 * @returns {Promise<ReferenceRun>}
 */
export async function runReference(files, options = {}) {
  const args = [
    REFERENCE_SCRIPT,
    '--plan',
    files.plan,
    '--units',
    files.units,
    '--values',
    files.values,
    '--period',
    files.period,
    '--out',
    files.out,
    '--timings',
    '--compute-repeat',
    String(options.computeRepeat ?? 1),
  ];
  const r = await runMeasured(PYTHON, args);
  if (r.code !== 0) throw new Error(`the pandas reference failed (exit ${r.code}):\n${r.stderr.trim()}`);
  const line = r.stderr
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!line) throw new Error(`the pandas reference printed no timings:\n${r.stderr.trim()}`);
  return { wallS: r.wallS, peakRssMb: r.peakRssMb, timings: JSON.parse(line) };
}

export const SENSITIVITY_SCRIPT = fileURLToPath(new URL('../reference/sensitivity.py', import.meta.url));

/**
 * The pandas Monte Carlo (same work per draw as the engine's analysis, numpy's random numbers).
 *
 * @param {{ plan: string, units: string, values: string, period: string, out: string }} files
 * @param {{ draws: number, seed: number }} options
 * @returns {Promise<{ wallS: number, timings: { compute_s: number, end_to_end_s: number } }>}
 */
export async function runReferenceSensitivity(files, options) {
  const args = [SENSITIVITY_SCRIPT, '--plan', files.plan, '--units', files.units, '--values', files.values];
  args.push('--period', files.period, '--out', files.out, '--draws', String(options.draws));
  args.push('--seed', String(options.seed), '--timings');
  const r = await runMeasured(PYTHON, args);
  if (r.code !== 0)
    throw new Error(`the pandas sensitivity reference failed (exit ${r.code}):\n${r.stderr.trim()}`);
  const line = r.stderr
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!line) throw new Error(`the pandas sensitivity reference printed no timings:\n${r.stderr.trim()}`);
  return { wallS: r.wallS, timings: JSON.parse(line) };
}
