import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { requireUnitInScope, unitCodesInScope, unitInScope, unitScopeOf } from '../auth/row-scope.js';
import { problem } from '../http/app-error.js';
import { negotiateLocale } from '../http/locale.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { IdParams, responses, UnitCodeSchema, VersionField } from '../http/schemas.js';
import { t } from '../localised.js';
import { workingCalendar } from '../periods/work-calendar.js';
import { ShortLived } from '../results/public-cache.js';
import {
  appealView,
  correctSnapshot,
  decideAppeal,
  fileAppeal,
  getAppeal,
  publishSnapshot,
  runSensitivity,
} from '../results/publication.js';
import { rankingIndex, rankingPage, scopedRows } from '../results/ranking-index.js';
import {
  rankingPageJson,
  snapshotView,
  storedSensitivity,
  unitDetailJson,
} from '../results/result-queries.js';
import { runScoring } from '../results/run-scoring.js';
import { requireVisible, seesDrafts } from '../results/snapshot-access.js';
import { getSnapshotHead, SNAPSHOT_HEAD_COLUMNS, type SnapshotHead } from '../results/snapshot-store.js';
import {
  AppealSchema,
  RankingPageSchema,
  RankingQuerySchema,
  SnapshotSchema,
  SnapshotUnitParams,
  UnitDetailSchema,
} from './result-schemas.js';

const CodeSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_.-]+$' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

async function visibleSnapshot(
  ctx: AppContext,
  heads: ShortLived<SnapshotHead>,
  request: FastifyRequest,
  id: string,
): Promise<SnapshotHead> {
  const p = principalOf(request);
  return requireVisible(
    await heads.get(`${p.province}\u0000${id}`, () => getSnapshotHead(ctx.db, p.province, id)),
    p,
  );
}

/** Scoring, publishing and correcting speak for the whole province: a city office's scope is not enough. */
function requireProvinceScope(request: FastifyRequest): void {
  if (unitScopeOf(principalOf(request)).kind !== 'province')
    throw problem(
      'out_of_scope',
      t('评分与发布须由全省范围的考核办执行', 'scoring and publication need province-wide scope'),
    );
}

const DAY_MS = 86_400_000;
/** Far enough for any notice period across Spring Festival or National Day (the longest runs of days off). */
const CALENDAR_LOOKAHEAD_DAYS = 120;

/** Writes that can change a snapshot's head: publication, corrections, appeals, sensitivity runs. */
const SNAPSHOT_WRITES = /^\/api\/(?:results|appeals)(?:[/?]|$)/;

export function resultRoutes(app: AppInstance, ctx: AppContext): void {
  const now = () => ctx.clock().toISOString();
  // Heads read moments ago serve the reads of a busy ranking; any write of this server that can change
  // one clears them before its response leaves.
  const heads = new ShortLived<SnapshotHead>(2_000, () => ctx.clock().getTime());
  app.addHook('onSend', async (request) => {
    if (request.method !== 'GET' && SNAPSHOT_WRITES.test(request.url)) heads.clear();
  });

  app.post(
    '/api/results',
    {
      config: { permission: 'results.run' },
      schema: {
        tags: ['results'],
        summary: "Score a period's approved values into a snapshot (same inputs: same snapshot)",
        body: Type.Object(
          {
            plan: CodeSchema,
            period: Type.String({ minLength: 4, maxLength: 7, pattern: '^[0-9]{4}([MQH][0-9]{1,2})?$' }),
            planVersion: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
        response: responses({
          200: Type.Object({ snapshot: SnapshotSchema, created: Type.Boolean() }),
          201: Type.Object({ snapshot: SnapshotSchema, created: Type.Boolean() }),
        }),
      },
    },
    async (request, reply) => {
      requireProvinceScope(request);
      const b = request.body;
      const out = await runScoring(ctx.db, actOf(ctx, request), {
        planCode: b.plan,
        period: b.period,
        ...(b.planVersion === undefined ? {} : { planVersion: b.planVersion }),
      });
      return reply
        .code(out.created ? 201 : 200)
        .send({ snapshot: snapshotView(out.snapshot, now()), created: out.created });
    },
  );

  app.get(
    '/api/results',
    {
      config: { permission: 'results.read' },
      schema: {
        tags: ['results'],
        summary: 'Snapshots, newest first',
        querystring: Type.Object(
          {
            plan: Type.Optional(CodeSchema),
            period: Type.Optional(Type.String({ minLength: 4, maxLength: 7 })),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
            offset: Type.Integer({ minimum: 0, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ items: Type.Array(SnapshotSchema) }) }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const q = request.query;
      let query = ctx.db
        .selectFrom('result_snapshot')
        .select(SNAPSHOT_HEAD_COLUMNS)
        .where('province_code', '=', p.province);
      if (q.plan !== undefined) query = query.where('plan_code', '=', q.plan);
      if (q.period !== undefined) query = query.where('period_code', '=', q.period);
      if (!seesDrafts(p)) query = query.where('status', '<>', 'draft');
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      return { items: rows.map((r) => snapshotView(r, now())) };
    },
  );

  app.get(
    '/api/results/:id',
    {
      config: { permission: 'results.read' },
      schema: {
        tags: ['results'],
        summary: 'One snapshot',
        params: IdParams,
        response: responses({ 200: SnapshotSchema }),
      },
    },
    async (request) => snapshotView(await visibleSnapshot(ctx, heads, request, request.params.id), now()),
  );

  app.get(
    '/api/results/:id/rankings',
    {
      config: { permission: 'results.read' },
      schema: {
        tags: ['results'],
        summary: 'Ranking of a snapshot, by class and rank (within your data scope)',
        params: IdParams,
        querystring: RankingQuerySchema,
        response: responses({ 200: RankingPageSchema }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const head = await visibleSnapshot(ctx, heads, request, request.params.id);
      const scope = unitScopeOf(p);
      // The whole snapshot's pages are the same for every province-wide reader: kept as text.
      if (scope.kind === 'province')
        return reply
          .type('application/json; charset=utf-8')
          .send((await rankingPageJson(ctx.db, p.province, head.id, request.query)) as never);
      const rows = await scopedRows(
        await rankingIndex(ctx.db, p.province, head.id),
        `${scope.kind}\u0000${scope.unitCode}`,
        ctx.clock().getTime(),
        async () => {
          const codes = await unitCodesInScope(ctx.db, scope);
          return codes === 'all' ? [] : codes;
        },
      );
      return rankingPage(rows, request.query);
    },
  );

  app.get(
    '/api/results/:id/units/:unitCode',
    {
      config: { permission: 'results.read' },
      schema: {
        tags: ['results'],
        summary: "One unit's figures and explanation (in the language of Accept-Language)",
        params: SnapshotUnitParams,
        response: responses({ 200: UnitDetailSchema }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const code = request.params.unitCode;
      const head = await visibleSnapshot(ctx, heads, request, request.params.id);
      // Province-wide readers may read any unit of the snapshot (its units are units of the province);
      // anyone else, or a code the snapshot lacks, goes through the scope check.
      const index = await rankingIndex(ctx.db, p.province, head.id);
      if (!(unitScopeOf(p).kind === 'province' && index.position.has(code)))
        await requireUnitInScope(ctx.db, p, code);
      const locale = negotiateLocale(request.headers['accept-language']);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-language', locale)
        .send((await unitDetailJson(ctx.db, p.province, head, code, locale)) as never);
    },
  );

  app.post(
    '/api/results/:id/sensitivity',
    {
      config: { permission: 'results.run' },
      schema: {
        tags: ['results'],
        summary: 'Run a sensitivity analysis over the snapshot and store it with it',
        params: IdParams,
        body: Type.Object(
          {
            draws: Type.Integer({ minimum: 1, maximum: 2000 }),
            seed: Type.Integer({ minimum: 0, maximum: 4294967295 }),
            weightNoise: Type.Optional(Type.Number({ minimum: 0, maximum: 0.9 })),
            version: VersionField,
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: SnapshotSchema }),
      },
    },
    async (request) => {
      requireProvinceScope(request);
      return snapshotView(
        await runSensitivity(ctx.db, actOf(ctx, request), request.params.id, request.body),
        now(),
      );
    },
  );

  app.get(
    '/api/results/:id/sensitivity',
    {
      config: { permission: 'results.read' },
      schema: {
        tags: ['results'],
        summary: "The snapshot's stored sensitivity analysis",
        params: IdParams,
        response: responses({ 200: Type.Unknown({ description: "the engine's SensitivityResult" }) }),
      },
    },
    async (request) => {
      const head = await visibleSnapshot(ctx, heads, request, request.params.id);
      const stored = storedSensitivity(head);
      if (stored === null)
        throw problem(
          'not_found',
          t('此快照尚无敏感性分析', 'this snapshot has no sensitivity analysis yet'),
        );
      const scope = await unitCodesInScope(ctx.db, unitScopeOf(principalOf(request)));
      if (scope === 'all') return stored;
      const mine = new Set(scope);
      return { ...stored, units: stored.units.filter((u) => mine.has(u.code)) };
    },
  );

  app.post(
    '/api/results/:id/publish',
    {
      config: { permission: 'results.publish' },
      schema: {
        tags: ['results'],
        summary: 'Publish a snapshot and open its public notice period (公示期, working days)',
        params: IdParams,
        body: Type.Object(
          { noticeDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })), version: VersionField },
          { additionalProperties: false },
        ),
        response: responses({ 200: SnapshotSchema }),
      },
    },
    async (request) => {
      requireProvinceScope(request);
      const act = actOf(ctx, request);
      // The notice period counts working days: holidays off, weekend days worked in exchange on.
      const at = Date.parse(act.at);
      const calendar = await workingCalendar(
        ctx.db,
        act.province,
        new Date(at - DAY_MS).toISOString().slice(0, 10),
        new Date(at + CALENDAR_LOOKAHEAD_DAYS * DAY_MS).toISOString().slice(0, 10),
      );
      return snapshotView(
        await publishSnapshot(ctx.db, act, request.params.id, request.body, calendar),
        now(),
      );
    },
  );

  app.post(
    '/api/results/:id/corrections',
    {
      config: { permission: 'results.publish' },
      schema: {
        tags: ['results'],
        summary:
          'After accepted appeals: re-score into a corrected snapshot that replaces this one in public',
        params: IdParams,
        body: Type.Object({ reason: Text(2000), version: VersionField }, { additionalProperties: false }),
        response: responses({ 201: SnapshotSchema }),
      },
    },
    async (request, reply) => {
      requireProvinceScope(request);
      const head = await correctSnapshot(ctx.db, actOf(ctx, request), request.params.id, request.body);
      return reply.code(201).send(snapshotView(head, now()));
    },
  );

  app.post(
    '/api/results/:id/appeals',
    {
      config: { permission: 'appeals.file' },
      schema: {
        tags: ['appeals'],
        summary: "Appeal (申诉) a unit's published result during the notice period",
        params: IdParams,
        body: Type.Object(
          {
            unitCode: Type.Optional(UnitCodeSchema),
            reasons: Text(4000),
            evidence: Type.Array(Type.String({ pattern: '^[0-9a-f]{64}$' }), { maxItems: 20, default: [] }),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: AppealSchema }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const unitCode = request.body.unitCode ?? p.unitCode;
      if (unitCode === null)
        throw problem('validation_failed', t('须指明申诉的单位', 'name the unit the appeal is for'), {
          errors: [{ path: 'body.unitCode', message: t('必填', 'required') }],
        });
      await requireUnitInScope(ctx.db, p, unitCode);
      const head = await visibleSnapshot(ctx, heads, request, request.params.id);
      const appeal = await fileAppeal(ctx.db, actOf(ctx, request), head.id, {
        unitCode,
        reasons: request.body.reasons,
        evidence: request.body.evidence,
      });
      return reply.code(201).send(appeal);
    },
  );

  app.get(
    '/api/results/:id/appeals',
    {
      config: { permission: 'appeals.read' },
      schema: {
        tags: ['appeals'],
        summary: 'Appeals against a snapshot (within your data scope)',
        params: IdParams,
        response: responses({ 200: Type.Object({ items: Type.Array(AppealSchema) }) }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const head = await visibleSnapshot(ctx, heads, request, request.params.id);
      let q = ctx.db
        .selectFrom('appeal')
        .selectAll()
        .where('province_code', '=', p.province)
        .where('snapshot_id', '=', head.id);
      const inScope = unitInScope(unitScopeOf(p), 'appeal.unit_code');
      if (inScope !== undefined) q = q.where(inScope);
      const rows = await q.orderBy('filed_at').orderBy('id').execute();
      return { items: rows.map(appealView) };
    },
  );

  app.post(
    '/api/appeals/:id/decision',
    {
      config: { permission: 'appeals.decide' },
      schema: {
        tags: ['appeals'],
        summary: 'Accept or reject an appeal, with a reply',
        params: IdParams,
        body: Type.Object(
          {
            decision: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]),
            reply: Text(4000),
            version: VersionField,
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: AppealSchema }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const appeal = await getAppeal(ctx.db, p.province, request.params.id);
      await requireUnitInScope(ctx.db, p, appeal.unit_code);
      return decideAppeal(ctx.db, actOf(ctx, request), request.params.id, request.body);
    },
  );
}
