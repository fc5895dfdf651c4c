#!/usr/bin/env node
/**
 * `npm run bench`: our engine against the pandas reference (bench/reference/score.py), side by side on this
 * machine, on a generated province (27,000 units, 80 indicators; `--quick`: 2,000 units).
 *
 *   node bench/run.js [--quick] [--json] [--units N] [--repeat N] [--draws N] [--period P] [--no-sensitivity]
 *
 * Figures: score/compute (score() on loaded inputs vs the pandas compute part, pivot included),
 * score/end-to-end (`xn score` vs `score.py`, process wall time, with peak RSS), sensitivity/1000-draws
 * (vs bench/reference/sensitivity.py), then the API under load (bench/api.js; `--no-api` leaves it out) and
 * the office dashboard in chromium (bench/web.js; `--no-web` leaves it out). The result files of the end-to-end runs are compared unit by unit —
 * totals within 1e-9, ranks and grades identical — and the bench exits 1 when they disagree. `--json`
 * prints one JSON object per figure per line; progress goes to stderr.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as engine from '@xiaoneng/engine';
import { apiFigures } from './api.js';
import { compareResults } from './lib/compare-results.js';
import { caseFiles, loadCase } from './lib/load-case.js';
import { runMeasured } from './lib/measure.js';
import { pandasVersion, referenceProblem, runReference, runReferenceSensitivity } from './lib/reference.js';
import { webFigures } from './web.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const XN = join(ROOT, 'packages/cli/bin/xn.js');
const OUT = join(ROOT, 'bench/out');

const TARGETS = {
  compute: { ratio: 3, seconds: 0.5 },
  endToEnd: { ratio: 1 },
  sensitivity: { seconds: 15 },
};

/**
 * @typedef {{ quick: boolean, json: boolean, units: number, repeat: number, draws: number,
 *   sensitivity: boolean, period: string, api: boolean, web: boolean }} Options
 * @typedef {import('./lib/load-case.js').CaseFiles} CaseFiles
 * @typedef {{ name: string, ours_s: number | null, reference: string | null, reference_s: number | null,
 *   ratio: number | null, target: string, met: boolean | null, skipped?: string, [extra: string]: unknown }} Figure
 */

/** @param {string[]} argv @returns {Options} */
function parseArgs(argv) {
  const opts = {
    quick: false,
    json: false,
    units: 0,
    repeat: 3,
    draws: 1000,
    sensitivity: true,
    period: '2026',
    api: true,
    web: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    const count = (/** @type {string} */ v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) fail(`${a} needs a positive whole number, got ${v}`);
      return n;
    };
    if (a === '--quick') opts.quick = true;
    else if (a === '--json') opts.json = true;
    else if (a === '--units') opts.units = count(next());
    else if (a === '--repeat') opts.repeat = count(next());
    else if (a === '--draws') opts.draws = count(next());
    else if (a === '--period') opts.period = next();
    else if (a === '--no-sensitivity') opts.sensitivity = false;
    else if (a === '--no-api') opts.api = false;
    else if (a === '--no-web') opts.web = false;
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: node bench/run.js [--quick] [--json] [--units N] [--repeat N] [--draws N] [--period P] [--no-sensitivity] [--no-api] [--no-web]',
      );
      process.exit(0);
    } else fail(`unknown option ${a}`);
  }
  if (opts.units === 0) opts.units = opts.quick ? 2000 : 27000;
  return opts;
}

/** @param {string} message @returns {never} */
function fail(message, code = 2) {
  console.error(`bench: ${message}`);
  process.exit(code);
}

/** Progress goes to stderr so that `--json` output stays one object per line. */
/** @param {string} message */
function say(message) {
  process.stderr.write(`${message}\n`);
}

/** @param {Options} opts @returns {Promise<CaseFiles>} */
async function ensureCase(opts) {
  const dir = join(OUT, `province-u${opts.units}-i80-p1-s1`);
  const files = caseFiles(dir);
  if (existsSync(files.plan) && existsSync(files.units) && existsSync(files.values)) return files;
  say(`generating ${opts.units} units × 80 indicators into ${dir} …`);
  await mkdir(dir, { recursive: true });
  const args = [
    'generate',
    '--units',
    String(opts.units),
    '--indicators',
    '80',
    '--periods',
    '1',
    '--seed',
    '1',
  ];
  const r = await runMeasured(process.execPath, [XN, ...args, '--out', dir]);
  if (r.code !== 0) {
    await rm(dir, { recursive: true, force: true });
    fail(`xn generate failed:\n${r.stderr}${r.stdout}`, 1);
  }
  return files;
}

/** @param {number[]} xs */
function best(xs) {
  return Math.min(...xs);
}

/** @param {(number | null)[]} xs */
function maxOrNull(xs) {
  const known = /** @type {number[]} */ (xs.filter((x) => x !== null));
  return known.length > 0 ? Math.max(...known) : null;
}

/** @param {CaseFiles} files @param {Options} opts @param {string} work */
async function endToEnd(files, opts, work) {
  const ours = [];
  const ref = [];
  const oursCsv = join(work, 'xn.csv');
  const refCsv = join(work, 'reference.csv');
  const inputs = [
    '--plan',
    files.plan,
    '--units',
    files.units,
    '--values',
    files.values,
    '--period',
    opts.period,
  ];
  // Alternate the two so that a busy moment on the shared machine does not fall on one side only.
  for (let i = 0; i < opts.repeat; i++) {
    say(`end-to-end ${i + 1}/${opts.repeat}: xn score …`);
    const r = await runMeasured(process.execPath, [XN, 'score', ...inputs, '--out', oursCsv]);
    if (r.code !== 0) fail(`xn score failed (exit ${r.code}):\n${r.stderr}${r.stdout}`, 1);
    ours.push(r);
    say(`end-to-end ${i + 1}/${opts.repeat}: pandas reference …`);
    ref.push(await runReference({ ...files, period: opts.period, out: refCsv }));
  }
  return { ours, ref, oursCsv, refCsv };
}

/**
 * score() on inputs already in memory: one cold call (as in a fresh `xn score`), then, after it, the best of
 * `repeat` warm calls (as in a server that scores again and again).
 *
 * @param {CaseFiles} files @param {Options} opts
 */
async function compute(files, opts) {
  const { plan, units, values } = await loadCase(files);
  const times = [];
  for (let i = 0; i <= opts.repeat; i++) {
    const t0 = performance.now();
    engine.score(plan, units, values, { period: opts.period });
    times.push((performance.now() - t0) / 1000);
  }
  return { cold: times[0] ?? Number.NaN, warm: best(times.slice(1)), plan, units, values };
}

/**
 * The pandas compute part measured the same way, in one process: a cold run, then the best of `repeat`.
 *
 * @param {CaseFiles} files @param {Options} opts @param {string} work
 */
async function referenceCompute(files, opts, work) {
  say(`compute: pandas reference, ${opts.repeat + 1} runs in one process …`);
  const r = await runReference(
    { ...files, period: opts.period, out: join(work, 'reference-compute.csv') },
    { computeRepeat: opts.repeat + 1 },
  );
  const runs = r.timings.compute_runs_s;
  return { cold: runs[0] ?? Number.NaN, warm: best(runs.slice(1)) };
}

/**
 * The engine's analysis as `xn sensitivity` runs it (sensitivityParallel on every CPU), then the pandas
 * Monte Carlo doing the same work per draw in one process; both timed from inputs in memory.
 *
 * @param {Awaited<ReturnType<typeof compute>>} loaded
 * @param {CaseFiles} files
 * @param {Options} opts
 * @param {string} work
 * @returns {Promise<{ skipped: string } | { seconds: number, reference: number, threads: number }>}
 */
async function sensitivityFigure(loaded, files, opts, work) {
  const run = engine.sensitivityParallel;
  if (typeof run !== 'function') return { skipped: 'the engine exports no sensitivityParallel() yet' };
  const threads = availableParallelism();
  say(`sensitivity: ${opts.draws} draws on ${threads} threads …`);
  const t0 = performance.now();
  await run(
    loaded.plan,
    loaded.units,
    loaded.values,
    { period: opts.period },
    { draws: opts.draws, seed: 1 },
    { threads },
  );
  const seconds = (performance.now() - t0) / 1000;
  say(`sensitivity: pandas Monte Carlo, ${opts.draws} draws …`);
  const out = join(work, 'reference-sensitivity.csv');
  const ref = await runReferenceSensitivity(
    { ...files, period: opts.period, out },
    { draws: opts.draws, seed: 1 },
  );
  return { seconds, reference: ref.timings.compute_s, threads };
}

/** @param {number | null | undefined} x */
function round(x, digits = 3) {
  return x === null || x === undefined ? null : Number(x.toFixed(digits));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (
    !existsSync(join(ROOT, 'packages/engine/dist/index.js')) ||
    !existsSync(join(ROOT, 'packages/cli/dist'))
  ) {
    fail('build first: npm run build (or use npm run bench, which builds)');
  }
  const problem = referenceProblem();
  if (problem) fail(problem);

  const files = await ensureCase(opts);
  // Other work on the machine slows both sides, not always equally; the load is reported with the figures.
  const loadBefore = loadavg()[0] ?? 0;
  const work = join(OUT, `run-u${opts.units}`);
  await mkdir(work, { recursive: true });

  const e2e = await endToEnd(files, opts, work);
  const agreement = compareResults(await readFile(e2e.oursCsv, 'utf8'), await readFile(e2e.refCsv, 'utf8'));
  say(`agreement: ${agreement.units} units compared, ${agreement.disagreements} disagree`);
  for (const x of agreement.examples) say(`  ${x}`);

  say('compute: score() on loaded inputs …');
  const comp = await compute(files, opts);
  const refComp = await referenceCompute(files, opts, work);
  const sens = opts.sensitivity
    ? await sensitivityFigure(comp, files, opts, work)
    : { skipped: 'turned off by --no-sensitivity' };

  const machine = {
    cpus: availableParallelism(),
    load_avg_1m: [round(loadBefore, 2), round(loadavg()[0] ?? 0, 2)],
  };
  const caseInfo = { units: comp.units.length, values: comp.values.length, indicators: 80, ...machine };
  const oursCompute = comp.warm;
  const refCompute = refComp.warm;
  const oursE2e = best(e2e.ours.map((r) => r.wallS));
  const refE2e = best(e2e.ref.map((r) => r.wallS));
  /** @type {Figure[]} */
  const figures = [
    {
      name: 'score/compute',
      ours_s: round(oursCompute),
      reference: 'pandas',
      reference_s: round(refCompute),
      ratio: round(refCompute / oursCompute, 2),
      target: `ratio >= ${TARGETS.compute.ratio} and ours <= ${TARGETS.compute.seconds} s`,
      met: refCompute / oursCompute >= TARGETS.compute.ratio && oursCompute <= TARGETS.compute.seconds,
      measured: `warm: best of ${opts.repeat} in-process runs after a first (cold) run, both sides`,
      ours_cold_s: round(comp.cold),
      reference_cold_s: round(refComp.cold),
      cold_ratio: round(refComp.cold / comp.cold, 2),
      ...caseInfo,
    },
    {
      name: 'score/end-to-end',
      ours_s: round(oursE2e),
      reference: 'pandas',
      reference_s: round(refE2e),
      ratio: round(refE2e / oursE2e, 2),
      target: `ratio > ${TARGETS.endToEnd.ratio}`,
      met: refE2e / oursE2e > TARGETS.endToEnd.ratio,
      peak_rss_mb: round(maxOrNull(e2e.ours.map((r) => r.peakRssMb)), 1),
      reference_peak_rss_mb: round(maxOrNull(e2e.ref.map((r) => r.peakRssMb)), 1),
      units_compared: agreement.units,
      disagreements: agreement.disagreements,
      max_difference: agreement.maxDifference,
      samples: opts.repeat,
      ...caseInfo,
    },
    'skipped' in sens
      ? {
          name: `sensitivity/${opts.draws}-draws`,
          ours_s: null,
          reference: null,
          reference_s: null,
          ratio: null,
          target: `ours <= ${TARGETS.sensitivity.seconds} s`,
          met: null,
          skipped: sens.skipped,
        }
      : {
          name: `sensitivity/${opts.draws}-draws`,
          ours_s: round(sens.seconds),
          reference: 'pandas',
          reference_s: round(sens.reference),
          ratio: round(sens.reference / sens.seconds, 2),
          target: `ours <= ${TARGETS.sensitivity.seconds} s`,
          met: sens.seconds <= TARGETS.sensitivity.seconds,
          threads: sens.threads,
          reference_threads: 1,
          ...caseInfo,
        },
  ];

  if (opts.api) {
    say('api: the server under load (bench/api.js) …');
    const quick = opts.quick;
    figures.push(
      ...(await apiFigures({
        quick,
        json: opts.json,
        units: quick ? 2000 : 27000,
        duration: quick ? 5 : 10,
        postgres: true,
      })),
    );
  }

  if (opts.web) {
    say('web: the office dashboard in chromium (bench/web.js) …');
    figures.push(...(await webFigures({ quick: opts.quick, json: opts.json, runs: 5 })));
  }

  if (opts.json) {
    for (const f of figures) console.log(JSON.stringify(f));
  } else {
    printTable(figures, opts, agreement);
  }
  if (agreement.disagreements > 0) process.exitCode = 1;
}

/**
 * @param {Figure[]} figures
 * @param {Options} opts
 * @param {ReturnType<typeof compareResults>} agreement
 */
function printTable(figures, opts, agreement) {
  const f = (/** @type {unknown} */ x, unit = ' s') => (x === null || x === undefined ? '—' : `${x}${unit}`);
  const rows = [['figure', 'ours', 'reference', 'ratio', 'target', 'met']];
  for (const x of figures) {
    rows.push([
      x.name,
      f(x.ours_s),
      x.reference ? `${f(x.reference_s)} (${x.reference})` : 'null',
      x.ratio === null ? '—' : `${x.ratio}×`,
      x.target,
      x.met === null ? `skipped: ${x.skipped}` : x.met ? 'met' : 'NOT MET',
    ]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length))) ?? [];
  const line = (/** @type {string[]} */ r) => r.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join('  ');
  const e2e = /** @type {Figure} */ (figures[1]);
  console.log(
    `\nxiaoneng bench — ${e2e.units} units, ${e2e.values} values, ${e2e.indicators} indicators; ` +
      `node ${process.versions.node}, pandas ${pandasVersion()}, ${availableParallelism()} CPUs; best of ${opts.repeat}\n`,
  );
  console.log(line(rows[0] ?? []));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
  const compute = /** @type {Figure} */ (figures[0]);
  console.log(
    `\nscore/compute is warm (best of ${opts.repeat} after a first run, in-process, both sides); ` +
      `cold first run: ours ${f(compute.ours_cold_s)}, pandas ${f(compute.reference_cold_s)} (${compute.cold_ratio}×)`,
  );
  console.log(
    `peak RSS, end-to-end: ours ${f(e2e.peak_rss_mb, ' MB')}, pandas ${f(e2e.reference_peak_rss_mb, ' MB')}`,
  );
  const [before, after] = /** @type {number[]} */ (e2e.load_avg_1m);
  const cpus = /** @type {number} */ (e2e.cpus);
  console.log(
    `machine load (1-min average) before/after: ${before} / ${after} on ${cpus} CPUs` +
      (Math.max(before ?? 0, after ?? 0) > cpus / 2
        ? ' — busy: figures are noisier than on an idle machine'
        : ''),
  );
  console.log(
    `agreement: ${agreement.units} units compared — ${
      agreement.disagreements === 0
        ? `all agree (totals within 1e-9, largest difference ${agreement.maxDifference.toExponential(1)}; ranks and grades identical)`
        : `${agreement.disagreements} DISAGREE`
    }`,
  );
  console.log('\ntargets:');
  for (const x of figures) {
    console.log(
      `  ${x.name}: ${x.met === null ? `skipped (${x.skipped})` : x.met ? 'met' : 'not met'} — ${x.target}`,
    );
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
