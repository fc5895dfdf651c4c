import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const GNU_TIME = '/usr/bin/time';

/**
 * @typedef {object} Measured
 * @property {number} code        exit code (or -1 when killed by a signal)
 * @property {number} wallS       wall time from spawn to exit, seconds
 * @property {number | null} peakRssMb  peak resident set size of the process, MiB (null when unknown)
 * @property {string} stdout
 * @property {string} stderr      the process's own stderr (GNU time's report removed)
 */

/**
 * Runs a command to completion and measures its wall time and peak RSS: through GNU time (`-v`, the
 * kernel's own high-water mark) when installed, else by polling /proc/<pid>/status for VmHWM, which can
 * miss a peak in the last few milliseconds of the run.
 *
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<Measured>}
 */
export function runMeasured(command, args, options = {}) {
  const viaTime = existsSync(GNU_TIME);
  const [cmd, argv] = viaTime ? [GNU_TIME, ['-v', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd: options.cwd, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    let polledKb = 0;
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    const poll = viaTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) polledKb = Math.max(polledKb, Number(m[1]));
          } catch {
            // The process has just exited.
          }
        }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      const wallS = Number(process.hrtime.bigint() - start) / 1e9;
      if (poll) clearInterval(poll);
      let peakKb = polledKb > 0 ? polledKb : null;
      if (viaTime) {
        const at = stderr.lastIndexOf('\tCommand being timed:');
        const report = at >= 0 ? stderr.slice(at) : '';
        if (at >= 0) stderr = stderr.slice(0, at);
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
        peakKb = m ? Number(m[1]) : null;
        // GNU time reports a child that failed with "Command exited with non-zero status N" before the report.
        stderr = stderr.replace(/Command exited with non-zero status \d+\n?$/, '');
      }
      resolve({ code: code ?? -1, wallS, peakRssMb: peakKb === null ? null : peakKb / 1024, stdout, stderr });
    });
  });
}
