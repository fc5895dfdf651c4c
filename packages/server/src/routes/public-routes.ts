import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { negotiateLocale } from '../http/locale.js';
import { IdParams, responses } from '../http/schemas.js';
import { t } from '../localised.js';
import { ShortLived } from '../results/public-cache.js';
import { isFinal } from '../results/publication.js';
import { rankingPageJson, rankingsCsv, unitDetailJson } from '../results/result-queries.js';
import { publishedSnapshotById } from '../results/snapshot-access.js';
import { SNAPSHOT_HEAD_COLUMNS, type SnapshotHead } from '../results/snapshot-store.js';
import {
  PublicSnapshotSchema,
  RankingPageSchema,
  RankingQuerySchema,
  SnapshotUnitParams,
  UnitDetailSchema,
} from './result-schemas.js';

const ProvinceQuery = Type.Object(
  { province: Type.Optional(Type.String({ minLength: 2, maxLength: 12, pattern: '^[0-9A-Za-z]+$' })) },
  { additionalProperties: false },
);

function publicView(h: SnapshotHead, now: string) {
  return {
    id: h.id,
    plan: h.plan_code,
    planVersion: h.plan_version,
    period: h.period_code,
    hash: h.hash,
    units: h.unit_count,
    final: isFinal(h, now),
    correctsId: h.corrects_id,
    correctionReason: h.correction_reason,
    publishedAt: h.published_at,
    noticeEndsAt: h.notice_ends_at,
  };
}

/**
 * 结果公开: published results for anyone, without signing in. Answers are cached as JSON text (they never
 * change: a correction is another snapshot), and which snapshots are published is re-read at most once a
 * second: a snapshot that has just been superseded may stay readable for that second; one that was never
 * published is never cached, so it can never be served.
 */
export function publicRoutes(app: AppInstance, ctx: AppContext): void {
  const now = () => ctx.clock().toISOString();
  const tags = ['public'];
  const heads = new ShortLived<SnapshotHead>(1000);
  // Every read below goes through here: nothing unpublished can reach /api/public.
  const published = (id: string) => heads.get(id, () => publishedSnapshotById(ctx.db, id));
  const json = 'application/json; charset=utf-8';

  app.get(
    '/api/public/results',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Published results, newest first',
        querystring: ProvinceQuery,
        response: responses({
          200: Type.Object({
            items: Type.Array(
              Type.Intersect([PublicSnapshotSchema, Type.Object({ province: Type.String() })]),
            ),
          }),
        }),
      },
    },
    async (request) => {
      let q = ctx.db
        .selectFrom('result_snapshot')
        .select(SNAPSHOT_HEAD_COLUMNS)
        .where('status', '=', 'published');
      if (request.query.province !== undefined) q = q.where('province_code', '=', request.query.province);
      const rows = await q.orderBy('published_at', 'desc').orderBy('id').limit(200).execute();
      return { items: rows.map((r) => ({ ...publicView(r, now()), province: r.province_code })) };
    },
  );

  app.get(
    '/api/public/results/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'One published result',
        params: IdParams,
        response: responses({ 200: PublicSnapshotSchema }),
      },
    },
    async (request) => publicView(await published(request.params.id), now()),
  );

  app.get(
    '/api/public/results/:id/rankings',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Ranking and grades of a published result',
        params: IdParams,
        querystring: RankingQuerySchema,
        response: responses({ 200: RankingPageSchema }),
      },
    },
    async (request, reply) => {
      const head = await published(request.params.id);
      const text = await rankingPageJson(ctx.db, head.province_code, head.id, request.query);
      // Ready JSON text: Fastify sends a string as it is, without the schema's serialiser.
      return reply.type(json).send(text as never);
    },
  );

  app.get(
    '/api/public/results/:id/units/:unitCode',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: "One unit's published figures and explanation",
        params: SnapshotUnitParams,
        response: responses({ 200: UnitDetailSchema }),
      },
    },
    async (request, reply) => {
      const head = await published(request.params.id);
      const locale = negotiateLocale(request.headers['accept-language']);
      const text = await unitDetailJson(ctx.db, head.province_code, head, request.params.unitCode, locale);
      return reply
        .type(json)
        .header('content-language', locale)
        .send(text as never);
    },
  );

  app.get(
    '/api/public/results/:id/rankings.csv',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'The whole published ranking as CSV (UTF-8)',
        params: IdParams,
        produces: ['text/csv'],
        response: responses({ 200: Type.String({ description: t('CSV', 'CSV').en }) }),
      },
    },
    async (request, reply) => {
      const head = await published(request.params.id);
      const locale = negotiateLocale(request.headers['accept-language']);
      const csv = await rankingsCsv(ctx.db, head.province_code, head.id, locale);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${head.plan_code}-${head.period_code}.csv"`)
        .send(csv);
    },
  );
}
