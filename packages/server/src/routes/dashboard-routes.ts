import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import type { Principal } from '../auth/principal.js';
import { unitCodesInScope, unitScopeOf } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import { problem } from '../http/app-error.js';
import { negotiateLocale } from '../http/locale.js';
import { principalOf } from '../http/request-principal.js';
import { IdParams, responses } from '../http/schemas.js';
import { t } from '../localised.js';
import { type DashboardDigest, ranksInSnapshot, snapshotDigest } from '../results/dashboard-digest.js';
import {
  heatMap,
  inScope,
  type RankIntervals,
  rankIntervals,
  rankingColumns,
  type ScopeMask,
  scopeMask,
  selectUnits,
  subtreeUnits,
  summarise,
  trendPoint,
  type UnitFilter,
} from '../results/dashboard-queries.js';
import { periodSeries } from '../results/dashboard-series.js';
import { dashboardRankingXlsx } from '../results/dashboard-xlsx.js';
import { storedSensitivity } from '../results/result-queries.js';
import { seesDrafts, visibleSnapshotFor } from '../results/snapshot-access.js';
import type { SnapshotHead } from '../results/snapshot-store.js';
import {
  HeatMapQuery,
  HeatMapSchema,
  RankingFirstQuery,
  RankingTableQuery,
  RankingTableSchema,
  SummaryQuery,
  SummarySchema,
  TrendQuery,
  TrendSchema,
} from './dashboard-schemas.js';

interface Reading {
  p: Principal;
  head: SnapshotHead;
  digest: DashboardDigest;
  mask: ScopeMask;
  scope: 'all' | string[];
}

async function read(ctx: AppContext, request: FastifyRequest, id: string): Promise<Reading> {
  const p = principalOf(request);
  const head = await visibleSnapshotFor(ctx.db, p, id);
  const [scope, digest] = await Promise.all([
    unitCodesInScope(ctx.db, unitScopeOf(p)),
    snapshotDigest(ctx.db, p.province, head),
  ]);
  return { p, head, digest, scope, mask: scopeMask(digest, scope) };
}

function snapshotRef(head: SnapshotHead) {
  return { id: head.id, plan: head.plan_code, period: head.period_code };
}

/** Things read again within a minute: the unit register's levels and the serialised ranking tables. */
const FRESH_MS = 60_000;

const levelCache = new WeakMap<object, Map<string, { at: number; levels: Promise<Map<string, string>> }>>();

/**
 * Unit levels of the register (levels are not part of a snapshot), read at most once a minute: a province
 * has 27,000 units and every dashboard view needs them; a level changed in the register shows within a
 * minute.
 */
function unitLevels(db: Kysely<Database>, province: string): Promise<Map<string, string>> {
  let cache = levelCache.get(db);
  if (cache === undefined) {
    cache = new Map();
    levelCache.set(db, cache);
  }
  const hit = cache.get(province);
  if (hit !== undefined && Date.now() - hit.at < FRESH_MS) return hit.levels;
  const levels = db
    .selectFrom('unit')
    .select(['code', 'level'])
    .where('province_code', '=', province)
    .execute()
    .then((rows) => new Map(rows.map((r) => [r.code, r.level])));
  levels.catch(() => cache.delete(province));
  cache.set(province, { at: Date.now(), levels });
  return levels;
}

function classIndexOf(digest: DashboardDigest, code: string | undefined): number | undefined {
  if (code === undefined) return undefined;
  const i = digest.classes.findIndex((c) => c.code === code);
  if (i < 0)
    throw problem(
      'validation_failed',
      t(`快照中没有单位类别“${code}”`, `the snapshot has no unit class "${code}"`),
      {
        errors: [{ path: 'query.class', message: t('未知的单位类别', 'unknown unit class') }],
      },
    );
  return i;
}

/** A unit of the snapshot the caller may see: 404 outside the snapshot, 403 outside the scope. */
function unitOf(digest: DashboardDigest, mask: ScopeMask, code: string): number {
  const u = digest.unitIndex.get(code);
  if (u === undefined)
    throw problem('not_found', t(`快照中没有单位“${code}”`, `unit "${code}" is not in this snapshot`));
  if (!inScope(mask, u))
    throw problem(
      'out_of_scope',
      t(`单位“${code}”不在您的数据范围内`, `unit "${code}" is outside your data scope`),
    );
  return u;
}

const intervalCache = new WeakMap<object, Map<string, { version: number; intervals: RankIntervals }>>();

/** Rank intervals of the snapshot's stored sensitivity analysis, parsed once per snapshot version. */
function intervalsOf(db: object, digest: DashboardDigest, head: SnapshotHead): RankIntervals | null {
  let cache = intervalCache.get(db);
  if (cache === undefined) {
    cache = new Map();
    intervalCache.set(db, cache);
  }
  const key = `${head.province_code}\u0000${head.id}`;
  const hit = cache.get(key);
  if (hit !== undefined && hit.version === head.version) return hit.intervals;
  const stored = storedSensitivity(head);
  if (stored === null) return null;
  const intervals = rankIntervals(digest, stored);
  cache.delete(key);
  cache.set(key, { version: head.version, intervals });
  while (cache.size > 8) cache.delete(cache.keys().next().value as string);
  return intervals;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Trends reach back this many periods: each one is a snapshot to re-derive when not cached. */
const TREND_PERIODS = 12;

export function dashboardRoutes(app: AppInstance, ctx: AppContext): void {
  /**
   * Serialised ranking tables by snapshot version (a sensitivity analysis bumps it), previous snapshot,
   * caller scope and filters; for a minute at most, since unit levels come from the register.
   */
  const answers = new Map<string, { at: number; value: Promise<unknown> }>();

  /**
   * An answer about one snapshot version for one scope and query, kept for a minute (unit levels come from
   * the register): every office opening the dashboard asks the same summary, heat map and ranking of the
   * newest snapshot, and a province's takes 0.1–0.5 s to work out.
   */
  function kept<T>(key: string, make: () => Promise<T>): Promise<T> {
    const hit = answers.get(key);
    if (hit !== undefined && Date.now() - hit.at < FRESH_MS) return hit.value as Promise<T>;
    const value = make();
    value.catch(() => answers.delete(key));
    answers.delete(key);
    answers.set(key, { at: Date.now(), value });
    while (answers.size > 32) answers.delete(answers.keys().next().value as string);
    return value;
  }

  /** Who the answer is for (the caller's unit scope) and about which snapshot version, as a cache key. */
  function keyOf(what: string, p: Principal, head: SnapshotHead, ...query: unknown[]): string {
    const scope = unitScopeOf(p);
    return [
      what,
      p.province,
      head.id,
      head.version,
      scope.kind === 'province' ? '' : `${scope.kind}:${scope.unitCode}`,
      ...query.map((q) => (q === undefined ? '' : String(q))),
    ].join('\u0000');
  }

  async function ranking(
    request: FastifyRequest,
    id: string,
    q: { class?: string; level?: string; first?: number },
  ) {
    const r = await read(ctx, request, id);
    const [levels, series] = await Promise.all([
      unitLevels(ctx.db, r.p.province),
      periodSeries(ctx.db, r.p.province, r.head, seesDrafts(r.p)),
    ]);
    const filter: UnitFilter = { levels };
    const classIndex = classIndexOf(r.digest, q.class);
    if (classIndex !== undefined) filter.classIndex = classIndex;
    if (q.level !== undefined) filter.level = q.level;
    const previous = series.length >= 2 ? series[series.length - 2]! : null;
    const previousRanks =
      previous === null ? null : await ranksInSnapshot(ctx.db, r.p.province, r.digest, previous.id);
    const intervals = intervalsOf(ctx.db, r.digest, r.head);
    const units = selectUnits(r.digest, r.mask, filter);
    return {
      head: r.head,
      snapshot: snapshotRef(r.head),
      total: units.length,
      previous: previous === null ? null : snapshotRef(previous),
      sensitivity: intervals === null ? null : { draws: intervals.draws },
      rows: rankingColumns(r.digest, units, levels, previousRanks, intervals, q.first),
    };
  }

  app.get(
    '/api/results/:id/dashboard/summary',
    {
      config: { permission: 'dashboard.read' },
      schema: {
        tags: ['dashboard'],
        summary: 'Grade and traffic-light counts per class and dimension, histogram of totals (your scope)',
        params: IdParams,
        querystring: SummaryQuery,
        response: responses({ 200: SummarySchema }),
      },
    },
    async (request) => {
      const r = await read(ctx, request, request.params.id);
      const q = request.query;
      return kept(keyOf('summary', r.p, r.head, q.class, q.level, q.bins), async () => {
        const levels = await unitLevels(ctx.db, r.p.province);
        const filter: UnitFilter = { levels };
        const classIndex = classIndexOf(r.digest, q.class);
        if (classIndex !== undefined) filter.classIndex = classIndex;
        if (q.level !== undefined) filter.level = q.level;
        const perLevel = new Map<string, number>();
        for (const u of selectUnits(r.digest, r.mask, {})) {
          const level = levels.get(r.digest.codes[u]!);
          if (level !== undefined) perLevel.set(level, (perLevel.get(level) ?? 0) + 1);
        }
        const d = r.digest;
        return {
          snapshot: snapshotRef(r.head),
          ...summarise(d, selectUnits(d, r.mask, filter), q.bins),
          levels: [...perLevel].map(([level, units]) => ({ level, units })),
          indicators: d.nodes.map((node) => ({
            code: node.code,
            name: node.name,
            depth: node.depth,
            parent: node.parent < 0 ? null : d.nodes[node.parent]!.code,
            leaf: node.leaf,
            unit: node.unit ?? null,
          })),
        };
      });
    },
  );

  app.get(
    '/api/results/:id/dashboard/heatmap',
    {
      config: { permission: 'dashboard.read' },
      schema: {
        tags: ['dashboard'],
        summary: "Units × dimensions: a parent's children (or the top of your scope), with subtree means",
        params: IdParams,
        querystring: HeatMapQuery,
        response: responses({ 200: HeatMapSchema }),
      },
    },
    async (request) => {
      const r = await read(ctx, request, request.params.id);
      const parent = request.query.parent;
      const u = parent === undefined ? null : unitOf(r.digest, r.mask, parent);
      return kept(keyOf('heatmap', r.p, r.head, u), async () => ({
        snapshot: snapshotRef(r.head),
        ...heatMap(r.digest, r.mask, u),
      }));
    },
  );

  app.get(
    '/api/results/:id/dashboard/ranking',
    {
      config: { permission: 'dashboard.read' },
      schema: {
        tags: ['dashboard'],
        summary: 'The whole ranking of your scope as columns, with rank change and sensitivity intervals',
        params: IdParams,
        querystring: RankingFirstQuery,
        response: responses({ 200: RankingTableSchema }),
      },
    },
    async (request, reply) => {
      // The whole table is megabytes of JSON for a province: serialised once, then sent as it is.
      const p = principalOf(request);
      const q = request.query;
      const head = await visibleSnapshotFor(ctx.db, p, request.params.id);
      const series = await periodSeries(ctx.db, p.province, head, seesDrafts(p));
      const previous = series.length >= 2 ? series[series.length - 2]!.id : '';
      const json = await kept(keyOf('ranking', p, head, previous, q.class, q.level, q.first), () =>
        ranking(request, head.id, q).then(({ head: _, ...table }) => JSON.stringify(table)),
      );
      // A string with a JSON type goes out unserialised; its shape is RankingTableSchema's.
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );

  app.get(
    '/api/results/:id/dashboard/ranking.xlsx',
    {
      config: { permission: 'dashboard.read' },
      schema: {
        tags: ['dashboard'],
        summary: 'The ranking table of your scope as an Excel workbook (in the language of Accept-Language)',
        params: IdParams,
        querystring: RankingTableQuery,
        produces: [XLSX],
        response: responses({ 200: Type.Unknown({ description: 'the workbook' }) }),
      },
    },
    async (request, reply) => {
      const table = await ranking(request, request.params.id, request.query);
      const locale = negotiateLocale(request.headers['accept-language']);
      const digest = await snapshotDigest(ctx.db, principalOf(request).province, table.head);
      const names = new Map(digest.classes.map((c) => [c.code, c.name]));
      const bytes = await dashboardRankingXlsx(table.rows, names, locale);
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="${table.snapshot.plan}-${table.snapshot.period}-ranking.xlsx"`,
        )
        .send(bytes);
    },
  );

  app.get(
    '/api/results/:id/dashboard/trend',
    {
      config: { permission: 'dashboard.read' },
      schema: {
        tags: ['dashboard'],
        summary:
          "An indicator's fraction and points across the periods of the plan (a unit, its subtree, or your scope)",
        params: IdParams,
        querystring: TrendQuery,
        response: responses({ 200: TrendSchema }),
      },
    },
    async (request) => {
      const r = await read(ctx, request, request.params.id);
      const q = request.query;
      const nodeIndex = r.digest.nodeIndex.get(q.node);
      if (nodeIndex === undefined)
        throw problem(
          'validation_failed',
          t(`快照中没有指标“${q.node}”`, `the snapshot has no indicator "${q.node}"`),
          {
            errors: [{ path: 'query.node', message: t('未知的指标', 'unknown indicator') }],
          },
        );
      if (q.unit !== undefined) unitOf(r.digest, r.mask, q.unit);
      const series = (await periodSeries(ctx.db, r.p.province, r.head, seesDrafts(r.p))).slice(
        -TREND_PERIODS,
      );
      const points = [];
      // One at a time: each cold snapshot is a re-score, and two at once would only compete for the CPU.
      for (const head of series) {
        const d = head.id === r.head.id ? r.digest : await snapshotDigest(ctx.db, r.p.province, head);
        const mask = d === r.digest ? r.mask : scopeMask(d, r.scope);
        const u = q.unit === undefined ? undefined : d.unitIndex.get(q.unit);
        const units =
          q.unit === undefined
            ? selectUnits(d, mask, {})
            : u === undefined || !inScope(mask, u)
              ? []
              : q.subtree
                ? subtreeUnits(d, mask, u)
                : [u];
        points.push(trendPoint(d, d.nodeIndex.get(q.node), units));
      }
      const node = r.digest.nodes[nodeIndex]!;
      const unit = q.unit === undefined ? undefined : r.digest.unitIndex.get(q.unit)!;
      return {
        node: { code: node.code, name: node.name, leaf: node.leaf, unit: node.unit ?? null },
        unit: unit === undefined ? null : { code: r.digest.codes[unit]!, name: r.digest.names[unit]! },
        subtree: q.unit !== undefined && q.subtree,
        points,
      };
    },
  );
}
