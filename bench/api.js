#!/usr/bin/env node
/**
 * The API under load (issue 4), on a generated province seeded into the server's own database:
 *
 *   node bench/api.js [--quick] [--json] [--units N] [--duration S] [--no-postgres] [--only score,reads,writes]
 *
 * Figures: api/score-period (POST /api/results on the province: load the approved values, score, store the
 * snapshot; target ≤ 5 s), api/rankings and api/unit-detail (autocannon, 64 connections on loopback, p99
 * target ≤ 50 ms), api/submission-writes on SQLite and on PostgreSQL (PUT of a unit's own values by 64
 * reporters at once, each its own unit; target ≥ 500/s). The SQLite province is seeded once and kept in
 * bench/out/ (about 40 s for 27,000 units); PostgreSQL runs on a throwaway cluster (the server tests'
 * helper, with PostgreSQL's default durability: fsync and synchronous commit on) with a 2,000-unit province.
 * `--only` runs some of the figure groups (score, reads, writes). Besides wall-clock figures, the server's
 * own CPU time per request (process.cpuUsage in the server process) is reported: it says less about the
 * other work on a shared machine. `--json` prints one JSON object per figure per line.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { demoProvince } from '../packages/cli/dist/commands/serve.js';
import { generateProvince } from '../packages/cli/dist/generate/index.js';
import { createDatabase, migrateToLatest, seedDemo } from '../packages/server/dist/index.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const OUT = join(ROOT, 'bench/out');
const CONNECTIONS = 64;
/** The demo accounts' password (seedDemo) and a cheap hash: the bench measures the API, not argon2. */
const PASSWORD = 'Xiaoneng-Demo-2026';
const CHEAP_HASHING = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
const TARGETS = { scoreSeconds: 5, p99Ms: 50, writesPerSecond: 500 };

/** @typedef {'score' | 'reads' | 'writes'} Group */
/**
 * @typedef {{ quick: boolean, json: boolean, units: number, duration: number, postgres: boolean,
 *   only?: Set<Group> }} Options
 */
/** @typedef {{ name: string, ours_s?: number | null, target: string, met: boolean | null, [extra: string]: unknown }} Figure */
/** @typedef {Figure & { ours_s: number | null, reference: null, reference_s: null, ratio: null }} ApiFigure */
/**
 * @typedef {{ db: import('../packages/server/dist/index.js').Db, province: string, plan: string, open: string,
 *   snapshot: string, values: number, units: number, seedSeconds: number | null }} Seeded
 */

/** @param {string[]} argv @returns {Options} */
function parseArgs(argv) {
  /** @type {Options} */
  const opts = { quick: false, json: false, units: 0, duration: 10, postgres: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) fail(`${a} needs a positive whole number`);
      return n;
    };
    if (a === '--quick') opts.quick = true;
    else if (a === '--json') opts.json = true;
    else if (a === '--units') opts.units = value();
    else if (a === '--duration') opts.duration = value();
    else if (a === '--no-postgres') opts.postgres = false;
    else if (a === '--only') {
      const groups = (argv[++i] ?? '').split(',');
      for (const g of groups)
        if (g !== 'score' && g !== 'reads' && g !== 'writes')
          fail(`--only takes score, reads or writes (comma-separated), not "${g}"`);
      opts.only = new Set(/** @type {Group[]} */ (groups));
    } else if (a === '--help' || a === '-h') {
      console.log(
        'usage: node bench/api.js [--quick] [--json] [--units N] [--duration S] [--no-postgres] [--only score,reads,writes]',
      );
      process.exit(0);
    } else fail(`unknown option ${a}`);
  }
  if (opts.units === 0) opts.units = opts.quick ? 2000 : 27000;
  if (opts.quick) opts.duration = Math.min(opts.duration, 5);
  return opts;
}

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`bench/api: ${message}`);
  process.exit(2);
}

/** @param {string} message */
function say(message) {
  process.stderr.write(`${message}\n`);
}

/** @param {number} units */
function province(units) {
  if (units === 27000) return demoProvince('province');
  const p = generateProvince({ units, indicators: 40, periods: 2, seed: 2026 });
  const level = new Map(p.unitRows.map((r) => [r.code, r.level]));
  return {
    province: p.province,
    plan: p.plan,
    units: p.units.map((u) => ({ ...u, level: level.get(u.code) ?? 'village' })),
    periods: p.periods,
    values: p.values,
  };
}

/**
 * A seeded database: reused from bench/out when an earlier run left one complete (the marker file is
 * written after seeding), else made now.
 * @param {string} url @param {number} units @param {boolean} fresh
 * @returns {Promise<Seeded>}
 */
async function seeded(url, units, fresh) {
  const marker = `${url}.seeded.json`;
  if (!fresh && existsSync(marker)) {
    const db = createDatabase(url);
    await migrateToLatest(db);
    return { db, ...JSON.parse(readFileSync(marker, 'utf8')), seedSeconds: null };
  }
  const demo = province(units);
  const db = createDatabase(url, { poolSize: 20 });
  const report = await migrateToLatest(db);
  if (report.error) throw report.error;
  const started = performance.now();
  const result = await seedDemo(db, demo, {
    passwordHashing: CHEAP_HASHING,
    log: (l) => say(`  seed: ${l}`),
  });
  const seedSeconds = (performance.now() - started) / 1000;
  const info = {
    province: demo.province.code,
    plan: demo.plan.id,
    open: demo.periods[demo.periods.length - 1] ?? fail('the demo province has no period'),
    snapshot: result.snapshotId,
    values: demo.values.length,
    units: demo.units.length,
  };
  if (!fresh) writeFileSync(marker, JSON.stringify(info));
  return { db, ...info, seedSeconds };
}

/**
 * @typedef {{ base: string, cpuMs(): Promise<number>, stop(): Promise<void> }} BenchServer
 *   cpuMs: the server process's CPU time so far (user + system, ms), asked for over its stdin.
 */
/**
 * Starts bench/lib/api-server.js on `url` and resolves once it listens.
 * @param {string} url
 * @returns {Promise<BenchServer>}
 */
function serve(url) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench/lib/api-server.js'), url], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    /** @type {((line: string) => void)[]} */
    const waiting = [];
    let listening = false;
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
        const line = out.slice(0, nl).trim();
        out = out.slice(nl + 1);
        if (listening) {
          waiting.shift()?.(line);
          continue;
        }
        listening = true;
        resolve({
          base: line,
          cpuMs: () =>
            new Promise((answer) => {
              waiting.push((l) => answer(Number(l)));
              child.stdin.write('cpu\n');
            }),
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`the bench server exited with ${code} before listening`)));
  });
}

/** @param {string} base @param {string} username */
async function signIn(base, username) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = /** @type {{ csrfToken: string }} */ (await res.json());
  return { cookie, 'x-csrf-token': csrfToken };
}

/**
 * @param {object} options autocannon options
 * @returns {Promise<any>}
 */
async function cannon(options) {
  const autocannon = (await import('autocannon')).default;
  return autocannon({ connections: CONNECTIONS, ...options });
}

/** @param {any} r */
function latency(r) {
  return {
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    max_ms: r.latency.max,
    requests_per_s: Math.round(r.requests.average),
    requests: r.requests.total,
    non_2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

/** @param {number} x @param {number} [digits] */
function round(x, digits = 3) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * CPU time (user + system, ms) of a throwaway cluster's PostgreSQL processes so far: its postmaster's
 * children now running, and those that have exited (the postmaster's children's times). Linux /proc only;
 * null where that cannot be read.
 * @param {string} adminUrl
 * @returns {number | null}
 */
function postgresCpuMs(adminUrl) {
  try {
    const dir = new URL(adminUrl).searchParams.get('host') ?? '';
    const postmaster = readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0];
    let ticks = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      // After "(comm) ": state, ppid, …; utime, stime, cutime and cstime (fields 14–17 of stat) are f[11]–f[14].
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (f[1] === postmaster) ticks += Number(f[11]) + Number(f[12]);
      else if (pid === postmaster) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    }
    return ticks * 10; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/**
 * Writes by 64 reporters at once, each saving its own unit's values: 64 units of the open period are put
 * back to draft (bench set-up, straight in the database), 64 reporter accounts made through the API.
 * `postgresCpu` gives the database server's CPU time so far, when it runs on this machine.
 * @param {import('../packages/server/dist/index.js').Db} db
 * @param {BenchServer} server @param {{ province: string, plan: string, open: string }} info
 * @param {number} duration @param {() => number | null} [postgresCpu]
 */
async function writes(db, server, info, duration, postgresCpu = () => null) {
  const base = server.base;
  const units = await db
    .selectFrom('submission')
    .select('unit_code')
    .where('province_code', '=', info.province)
    .where('period_code', '=', info.open)
    .orderBy('unit_code')
    .limit(CONNECTIONS)
    .execute();
  const codes = units.map((u) => u.unit_code);
  await db
    .updateTable('submission')
    .set({ status: 'draft' })
    .where('province_code', '=', info.province)
    .where('period_code', '=', info.open)
    .where('unit_code', 'in', codes)
    .execute();
  const elements = await db
    .selectFrom('data_value')
    .select(['unit_code', 'element_code', 'value'])
    .where('province_code', '=', info.province)
    .where('period_code', '=', info.open)
    .where('source', '=', 'self')
    .where('unit_code', 'in', codes)
    .execute();
  /** @type {Map<string, { element: string, value: number }[]>} */
  const byUnit = new Map();
  for (const e of elements) {
    const list = byUnit.get(e.unit_code) ?? [];
    if (list.length < 5) list.push({ element: e.element_code, value: e.value });
    byUnit.set(e.unit_code, list);
  }
  const { createUser } = await import('../packages/server/dist/index.js');
  const { createPasswordHasher } = await import('../packages/server/dist/auth/password-hasher.js');
  const hasher = createPasswordHasher(CHEAP_HASHING);
  const act = {
    province: info.province,
    actor: 'bench',
    role: 'bench',
    requestId: undefined,
    at: new Date().toISOString(),
    auditAlgorithm: /** @type {const} */ ('sha256'),
  };
  /** @type {{ code: string, headers: Record<string, string>, version: number, values: { element: string, value: number }[] }[]} */
  const writers = [];
  const tag = Date.now().toString(36);
  for (const code of codes) {
    const username = `bench-${tag}-${code}`.toLowerCase();
    await createUser(db, hasher, act, {
      username,
      displayName: username,
      password: PASSWORD,
      roles: ['reporter'],
      unitCode: code,
      mustChangePassword: false,
    });
    const version = await db
      .selectFrom('submission')
      .select('version')
      .where('province_code', '=', info.province)
      .where('period_code', '=', info.open)
      .where('unit_code', '=', code)
      .executeTakeFirstOrThrow();
    writers.push({
      code,
      headers: await signIn(base, username),
      version: version.version,
      values: byUnit.get(code) ?? [],
    });
  }
  let next = 0;
  /** @type {Set<string>} */
  const busy = new Set();
  // autocannon starts a fresh context for every request of a one-request sequence, so a writer is taken
  // per request: one that has no save in flight, as a reporter saves one form at a time.
  const takeWriter = () => {
    for (let k = 0; k < writers.length; k++) {
      const w = writers[next++ % writers.length];
      if (w !== undefined && !busy.has(w.code)) {
        busy.add(w.code);
        return w;
      }
    }
    const any = writers[next++ % writers.length];
    if (any === undefined) throw new Error('no writers');
    return any;
  };
  /** @type {Map<number, number>} */
  const statuses = new Map();
  /** @type {string | undefined} */
  let firstProblem;
  let saved = 0;
  const cpuBefore = await server.cpuMs();
  const pgCpuBefore = postgresCpu();
  const r = await cannon({
    url: base,
    duration,
    requests: [
      {
        method: 'PUT',
        /** @param {any} req @param {any} context */
        setupRequest: (req, context) => {
          const w = takeWriter();
          context.writer = w;
          const values = w.values.map(
            (/** @type {{ element: string, value: number }} */ v, /** @type {number} */ i) => ({
              element: v.element,
              value: i === 0 ? v.value + (w.version % 7) : v.value,
            }),
          );
          return {
            ...req,
            path: `/api/submissions/${info.plan}/${info.open}/${w.code}/values`,
            headers: { ...req.headers, ...w.headers, 'content-type': 'application/json' },
            body: JSON.stringify({ values, version: w.version }),
          };
        },
        /** @param {number} status @param {string} body @param {any} context */
        onResponse: (status, body, context) => {
          busy.delete(context.writer.code);
          if (status === 200) {
            context.writer.version = JSON.parse(body).version;
            saved++;
            return;
          }
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          // As a client would: a 409 says which version is current; the next save carries it.
          if (status === 409) context.writer.version = JSON.parse(body).currentVersion;
          if (status !== 200 && firstProblem === undefined) firstProblem = body.slice(0, 300);
        },
      },
    ],
  });
  const cpuMs = (await server.cpuMs()) - cpuBefore;
  const pgCpuAfter = postgresCpu();
  return {
    ...latency(r),
    // Saves that were stored; a 409 (the load generator raced its own previous save) is not one.
    writes_per_s: Math.round(saved / duration),
    writes: saved,
    server_cpu_ms_per_write: saved === 0 ? null : round(cpuMs / saved, 3),
    postgres_cpu_ms_per_write:
      saved === 0 || pgCpuBefore === null || pgCpuAfter === null
        ? null
        : round((pgCpuAfter - pgCpuBefore) / saved, 3),
    failed_statuses: Object.fromEntries(statuses),
    first_problem: firstProblem ?? null,
  };
}

/**
 * Every API figure, shaped like the engine bench's (bench/run.js): no reference implementation to compare.
 * @param {Options} opts @returns {Promise<ApiFigure[]>}
 */
export async function apiFigures(opts) {
  const figures = await measure(opts);
  return figures.map((f) => ({
    ...f,
    ours_s: f.ours_s ?? null,
    reference: null,
    reference_s: null,
    ratio: null,
  }));
}

/** @param {Options} opts @returns {Promise<Figure[]>} */
async function measure(opts) {
  mkdirSync(OUT, { recursive: true });
  /** @type {Figure[]} */
  const figures = [];
  const machine = () => ({ cpus: availableParallelism(), load_avg_1m: round(loadavg()[0] ?? 0, 2) });
  /** @param {Group} group */
  const want = (group) => opts.only === undefined || opts.only.has(group);

  say(`api: SQLite province of ${opts.units} units …`);
  const file = join(OUT, `api-u${opts.units}.db`);
  const sqlite = await seeded(file, opts.units, false);
  const server = await serve(file);
  const base = server.base;
  try {
    const office = await signIn(base, 'office');

    // Scoring through the API: the open period is scored from scratch (an earlier bench's snapshot of it
    // is removed first, or the run would only find the stored one by its hash).
    if (want('score')) {
      const old = await sqlite.db
        .selectFrom('result_snapshot')
        .select('id')
        .where('province_code', '=', sqlite.province)
        .where('period_code', '=', sqlite.open)
        .execute();
      if (old.length > 0) {
        const ids = old.map((o) => o.id);
        await sqlite.db.deleteFrom('appeal').where('snapshot_id', 'in', ids).execute();
        await sqlite.db.deleteFrom('result_unit').where('snapshot_id', 'in', ids).execute();
        await sqlite.db.deleteFrom('result_snapshot').where('id', 'in', ids).execute();
      }
      say('api: POST /api/results …');
      const cpuBefore = await server.cpuMs();
      const started = performance.now();
      const run = await fetch(`${base}/api/results`, {
        method: 'POST',
        headers: { ...office, 'content-type': 'application/json' },
        body: JSON.stringify({ plan: sqlite.plan, period: sqlite.open }),
      });
      const scoreSeconds = (performance.now() - started) / 1000;
      const scoreCpuSeconds = ((await server.cpuMs()) - cpuBefore) / 1000;
      const body = /** @type {any} */ (await run.json());
      if (run.status !== 201) throw new Error(`scoring failed: ${run.status} ${JSON.stringify(body)}`);
      figures.push({
        name: 'api/score-period',
        ours_s: round(scoreSeconds),
        server_cpu_s: round(scoreCpuSeconds),
        target: `<= ${TARGETS.scoreSeconds} s`,
        met: scoreSeconds <= TARGETS.scoreSeconds,
        units: body.snapshot.units,
        values: body.snapshot.values,
        database: 'sqlite',
        seed_s: sqlite.seedSeconds === null ? null : round(sqlite.seedSeconds, 1),
        ...machine(),
      });
    }

    if (want('reads')) {
      const snapshot = sqlite.snapshot;
      const unitCodes = (
        await sqlite.db
          .selectFrom('result_unit')
          .select('unit_code')
          .where('snapshot_id', '=', snapshot)
          .execute()
      ).map((u) => u.unit_code);
      const pages = Math.ceil(unitCodes.length / 50);
      // A first read loads the snapshot's ResultSet into the server's cache, as a first visitor would.
      await fetch(`${base}/api/public/results/${snapshot}/units/${unitCodes[0]}`);

      const reads = [
        {
          name: 'api/rankings',
          what: 'GET /api/public/results/:id/rankings?limit=50&offset=<random page>',
          path: () =>
            `/api/public/results/${snapshot}/rankings?limit=50&offset=${50 * Math.floor(Math.random() * pages)}`,
          headers: {},
        },
        {
          name: 'api/rankings-signed-in',
          what: 'GET /api/results/:id/rankings?limit=50&offset=<random page> as the office (session cookie)',
          path: () =>
            `/api/results/${snapshot}/rankings?limit=50&offset=${50 * Math.floor(Math.random() * pages)}`,
          headers: { cookie: office.cookie },
        },
        {
          name: 'api/unit-detail',
          what: 'GET /api/public/results/:id/units/<random unit> (figures + explanation + text)',
          path: () =>
            `/api/public/results/${snapshot}/units/${unitCodes[Math.floor(Math.random() * unitCodes.length)]}`,
          headers: {},
        },
      ];
      for (const read of reads) {
        say(`api: ${read.what}, ${CONNECTIONS} connections, ${opts.duration} s …`);
        const r = await cannon({
          url: base,
          duration: opts.duration,
          headers: read.headers,
          requests: [{ setupRequest: (/** @type {any} */ req) => ({ ...req, path: read.path() }) }],
        });
        const l = latency(r);
        figures.push({
          name: read.name,
          ours_s: null,
          target: `p99 <= ${TARGETS.p99Ms} ms at ${CONNECTIONS} connections`,
          met: l.p99_ms <= TARGETS.p99Ms && l.non_2xx === 0,
          ...l,
          measured: read.what,
          units: unitCodes.length,
          database: 'sqlite',
          ...machine(),
        });
      }
    }

    if (want('writes')) {
      say(`api: submission writes on SQLite, ${CONNECTIONS} reporters, ${opts.duration} s …`);
      const w = await writes(sqlite.db, server, sqlite, opts.duration);
      figures.push({
        name: 'api/submission-writes/sqlite',
        ours_s: null,
        target: `>= ${TARGETS.writesPerSecond} writes/s`,
        met: w.writes_per_s >= TARGETS.writesPerSecond,
        ...w,
        units: sqlite.units,
        database: 'sqlite',
        ...machine(),
      });
    }
  } finally {
    await server.stop();
    await sqlite.db.destroy();
  }

  if (!want('writes')) return figures;
  if (!opts.postgres) {
    figures.push({
      name: 'api/submission-writes/postgres',
      target: `>= ${TARGETS.writesPerSecond} writes/s`,
      met: null,
      skipped: 'turned off by --no-postgres',
    });
    return figures;
  }
  let cluster;
  try {
    // PostgreSQL's own durability defaults (fsync, synchronous commit, full-page writes), unlike the tests'.
    cluster = await startCluster({ durable: true });
  } catch (err) {
    figures.push({
      name: 'api/submission-writes/postgres',
      target: `>= ${TARGETS.writesPerSecond} writes/s`,
      met: null,
      skipped: `no PostgreSQL: ${err instanceof Error ? err.message : String(err)}`,
    });
    return figures;
  }
  try {
    const pgUnits = Math.min(opts.units, 2000);
    say(`api: PostgreSQL (throwaway cluster), province of ${pgUnits} units …`);
    const url = cluster.adminUrl;
    const pg = await seeded(url, pgUnits, true);
    const pgServer = await serve(url);
    try {
      say(`api: submission writes on PostgreSQL, ${CONNECTIONS} reporters, ${opts.duration} s …`);
      const w = await writes(pg.db, pgServer, pg, opts.duration, () => postgresCpuMs(url));
      figures.push({
        name: 'api/submission-writes/postgres',
        ours_s: null,
        target: `>= ${TARGETS.writesPerSecond} writes/s`,
        met: w.writes_per_s >= TARGETS.writesPerSecond,
        ...w,
        units: pgUnits,
        database: 'postgres',
        ...machine(),
      });
    } finally {
      await pgServer.stop();
      await pg.db.destroy();
    }
  } finally {
    cluster.stop();
  }
  return figures;
}

/**
 * The server tests' throwaway cluster (packages/server/src/test/postgres-cluster.ts), transpiled on the fly:
 * it is TypeScript outside the build, and imports only Node's own modules.
 * @param {{ durable: boolean }} options
 * @returns {Promise<{ adminUrl: string, stop(): void }>}
 */
async function startCluster(options) {
  const ts = (await import('typescript')).default;
  const source = readFileSync(join(ROOT, 'packages/server/src/test/postgres-cluster.ts'), 'utf8');
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const file = join(OUT, 'postgres-cluster.mjs');
  writeFileSync(file, js);
  const mod = await import(pathToFileURL(file).href);
  return mod.startThrowawayCluster(options);
}

/** @param {Figure[]} figures */
function printTable(figures) {
  console.log('\nxiaoneng API bench');
  for (const f of figures) {
    const shown =
      f.met === null
        ? `skipped: ${f.skipped}`
        : f.ours_s !== null && f.ours_s !== undefined
          ? `${f.ours_s} s`
          : f.name.includes('writes')
            ? `${f.writes_per_s} writes/s (p50 ${f.p50_ms} ms, p99 ${f.p99_ms} ms)`
            : `p99 ${f.p99_ms} ms, p50 ${f.p50_ms} ms, ${f.requests_per_s} req/s`;
    console.log(
      `  ${f.name.padEnd(32)} ${String(shown).padEnd(44)} ${f.target}  ${f.met === null ? '' : f.met ? 'met' : 'NOT MET'}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const opts = parseArgs(process.argv.slice(2));
  apiFigures(opts).then(
    (figures) => {
      if (opts.json) for (const f of figures) console.log(JSON.stringify(f));
      else printTable(figures);
    },
    (err) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exit(1);
    },
  );
}
