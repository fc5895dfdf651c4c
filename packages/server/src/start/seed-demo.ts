import { createHash } from 'node:crypto';
import { type Plan, SOURCES, type Unit, type ValueTable } from '@xiaoneng/engine';
import type { Act } from '../app/act.js';
import { type Clock, systemClock } from '../app/clock.js';
import { DEFAULT_HASH_ALGORITHM } from '../audit/hash-algorithm.js';
import { bootstrapAdmins } from '../auth/bootstrap-admins.js';
import {
  createPasswordHasher,
  DEFAULT_PASSWORD_HASHING,
  type PasswordHashing,
} from '../auth/password-hasher.js';
import type { Role } from '../auth/roles.js';
import type { Db } from '../db/database.js';
import type { NewDataValueRow } from '../db/tables/data-value.table.js';
import type { NewSubmissionRow } from '../db/tables/submission.table.js';
import { publishSnapshot } from '../results/publication.js';
import { runScoring } from '../results/run-scoring.js';
import { createUser } from '../users/create-user.js';

/** A province to seed: what a generator (the CLI's `generateProvince`) or a test makes. */
export interface DemoProvince {
  province: { code: string; name: string };
  plan: Plan;
  /** Units with their level (department, city, county, town, village); parents may come in any order. */
  units: readonly (Unit & { level: string })[];
  /**
   * Periods with values, oldest first. The last is open, its submissions mostly approved and a few pending
   * review; the one before it (or the last, when there is only one) is scored and published.
   */
  periods: readonly string[];
  values: ValueTable;
}

export interface DemoLogin {
  role: Role;
  username: string;
  password: string;
  unitCode: string | null;
}

export interface SeedOptions {
  clock?: Clock;
  passwordHashing?: PasswordHashing;
  /** Share of units whose last-period submission is left pending review (default 0.05). */
  pendingShare?: number;
  /** Progress lines for a person watching the start-up. */
  log?: (line: string) => void;
}

export interface SeedResult {
  logins: DemoLogin[];
  pending: number;
  snapshotId: string;
  snapshotHash: string;
}

/** One password for every demo account: it meets the default policy and contains no username. */
export const DEMO_PASSWORD = 'Xiaoneng-Demo-2026';

const ROLE_ACCOUNTS: readonly { role: Role; username: string; unitBound: boolean }[] = [
  { role: 'office', username: 'office', unitBound: false },
  { role: 'reporter', username: 'reporter', unitBound: true },
  { role: 'leader', username: 'leader', unitBound: true },
  { role: 'thirdParty', username: 'thirdparty', unitBound: false },
  { role: 'inspector', username: 'inspector', unitBound: false },
  { role: 'viewer', username: 'viewer', unitBound: false },
];

/** Usernames of the demo accounts, administrators first. */
export const DEMO_USERNAMES: readonly string[] = [
  'sysadmin',
  'secadmin',
  'auditor',
  ...ROLE_ACCOUNTS.map((a) => a.username),
];

/** Rows per multi-row INSERT: 11 columns × 2000 stays under both dialects' parameter limits. */
const BATCH = 2000;

/**
 * Seeds an empty database with a readable demo: the province, its three administrators and one account per
 * role, unit classes and units, the plan (published version 1), the periods (the last one open), every
 * value, submissions (approved, a few of the open period's left pending review), and a scored and published
 * snapshot of the period before the open one. Writes through the same services as the API where one exists.
 */
export async function seedDemo(db: Db, demo: DemoProvince, options: SeedOptions = {}): Promise<SeedResult> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => {});
  const at = clock().toISOString();
  const code = demo.province.code;
  const hashing = options.passwordHashing ?? DEFAULT_PASSWORD_HASHING;
  const act: Act = {
    province: code,
    actor: 'seed',
    role: 'bootstrap',
    requestId: undefined,
    at,
    auditAlgorithm: DEFAULT_HASH_ALGORITHM,
  };

  await bootstrapAdmins(db, {
    province: demo.province,
    passwords: { sysadmin: DEMO_PASSWORD, secadmin: DEMO_PASSWORD, auditor: DEMO_PASSWORD },
    mustChangePassword: false,
    clock,
    passwordHashing: hashing,
  });
  const logins: DemoLogin[] = (['sysadmin', 'secadmin', 'auditor'] as const).map((role) => ({
    role,
    username: role,
    password: DEMO_PASSWORD,
    unitCode: null,
  }));

  const units = parentsFirst(demo.units);
  // The reporter and leader act for a county: a unit with both a parent and children, readable in the demo.
  const boundUnit = units.find((u) => u.level === 'county')?.code ?? units[0]?.code ?? null;
  const hasher = createPasswordHasher(hashing);
  for (const a of ROLE_ACCOUNTS) {
    const unitCode = a.unitBound ? boundUnit : null;
    logins.push({ role: a.role, username: a.username, password: DEMO_PASSWORD, unitCode });
  }

  const last = demo.periods[demo.periods.length - 1];
  if (last === undefined) throw new Error('a demo province needs at least one period');
  // Values may reach back before the first assessed period (last year's, for year-on-year formulas).
  const allPeriods = [...new Set([...demo.periods, ...demo.values.periodCodes])].sort();
  // Last year's result is public while this year's submissions are still being reviewed, as in practice.
  const scored = demo.periods.length >= 2 ? demo.periods[demo.periods.length - 2]! : last;
  const pendingShare = options.pendingShare ?? 0.05;
  let pending = 0;

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('unit_class')
      .values(demo.plan.classes.map((c) => ({ province_code: code, code: c.code, name: c.name })))
      .execute();
    for (let i = 0; i < units.length; i += BATCH)
      await trx
        .insertInto('unit')
        .values(
          units.slice(i, i + BATCH).map((u) => ({
            province_code: code,
            code: u.code,
            name: u.name,
            class_code: u.class,
            parent_code: u.parent ?? null,
            level: u.level,
            elasticity: u.elasticity === undefined || u.elasticity === 1 ? null : u.elasticity,
          })),
        )
        .execute();
    log(`units: ${units.length}`);

    const document = JSON.stringify({ ...demo.plan, id: demo.plan.id, version: 1 });
    await trx
      .insertInto('plan')
      .values({ province_code: code, code: demo.plan.id, name: demo.plan.name, created_at: at })
      .execute();
    await trx
      .insertInto('plan_version')
      .values({
        province_code: code,
        plan_code: demo.plan.id,
        number: 1,
        document,
        hash: createHash('sha256').update(document, 'utf8').digest('hex'),
        status: 'published',
        reason: null,
        approved_by: null,
        approved_at: null,
        published_by: 'office',
        created_by: 'office',
        created_at: at,
        published_at: at,
      })
      .execute();
    await trx
      .insertInto('period')
      .values(
        allPeriods.map((p) => ({
          province_code: code,
          code: p,
          type: demo.plan.periodType,
          status: p === last ? ('open' as const) : ('closed' as const),
          deadline: null,
        })),
      )
      .execute();

    for (const a of ROLE_ACCOUNTS)
      await createUser(trx, hasher, act, {
        username: a.username,
        displayName: a.username,
        password: DEMO_PASSWORD,
        roles: [a.role],
        unitCode: a.unitBound ? boundUnit : null,
        mustChangePassword: false,
      });

    const v = demo.values;
    let batch: NewDataValueRow[] = [];
    for (let i = 0; i < v.length; i++) {
      batch.push({
        province_code: code,
        plan_code: demo.plan.id,
        unit_code: v.unitCodes[v.unit[i]!]!,
        element_code: v.elementCodes[v.element[i]!]!,
        period_code: v.periodCodes[v.period[i]!]!,
        source: SOURCES[v.source[i]!]!,
        value: v.value[i]!,
        evidence_hash: null,
        entered_by: 'seed',
        entered_at: at,
      });
      if (batch.length === BATCH || i === v.length - 1) {
        await trx.insertInto('data_value').values(batch).execute();
        batch = [];
      }
      if (i > 0 && i % 500_000 === 0) log(`values: ${i} / ${v.length}`);
    }
    log(`values: ${v.length}`);

    // Every nth unit's last-period submission waits for review; the bound unit's too, so that the demo
    // leader has something to review.
    const every = pendingShare > 0 ? Math.max(1, Math.round(1 / pendingShare)) : 0;
    let subs: NewSubmissionRow[] = [];
    const flush = async () => {
      if (subs.length > 0) await trx.insertInto('submission').values(subs).execute();
      subs = [];
    };
    for (const period of allPeriods)
      for (let i = 0; i < units.length; i++) {
        const unit = units[i]!.code;
        const waits = period === last && (unit === boundUnit || (every > 0 && i % every === every - 1));
        if (waits) pending++;
        subs.push({
          province_code: code,
          plan_code: demo.plan.id,
          period_code: period,
          unit_code: unit,
          plan_version: 1,
          status: waits ? 'submitted' : 'approved',
          comment: null,
          submitted_by: 'reporter',
          submitted_at: at,
          reviewed_by: waits ? null : 'office',
          reviewed_at: waits ? null : at,
          created_at: at,
        });
        if (subs.length === BATCH) await flush();
      }
    await flush();
  });
  log(`submissions: ${pending} pending review`);

  const officeAct: Act = { ...act, actor: 'office', role: 'office', at: clock().toISOString() };
  const run = await runScoring(db, officeAct, { planCode: demo.plan.id, period: scored });
  const published = await publishSnapshot(db, officeAct, run.snapshot.id, { version: run.snapshot.version });
  log(`scored and published ${scored}: snapshot ${published.id}`);
  return { logins, pending, snapshotId: published.id, snapshotHash: published.hash };
}

/** Units ordered so that every parent comes before its children (the unit table's foreign key). */
function parentsFirst<U extends Unit>(units: readonly U[]): U[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const depth = new Map<string, number>();
  const depthOf = (u: U): number => {
    const known = depth.get(u.code);
    if (known !== undefined) return known;
    const parent = u.parent === undefined ? undefined : byCode.get(u.parent);
    depth.set(u.code, 0);
    const d = parent === undefined ? 0 : depthOf(parent) + 1;
    depth.set(u.code, d);
    return d;
  };
  return [...units].sort(
    (a, b) => depthOf(a) - depthOf(b) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
