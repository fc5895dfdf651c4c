import { explain } from '@xiaoneng/engine';
import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { requireUnitInScope } from '../auth/row-scope.js';
import { problem } from '../http/app-error.js';
import { principalOf } from '../http/request-principal.js';
import { Nullable, responses } from '../http/schemas.js';
import { t } from '../localised.js';
import { visibleSnapshotFor } from '../results/snapshot-access.js';
import { loadPlanDocument, snapshotResultSet } from '../results/snapshot-store.js';
import { adviseUnit } from '../results/unit-advice.js';
import { SnapshotUnitParams } from './result-schemas.js';

const LightSchema = Type.Union([Type.Literal('red'), Type.Literal('yellow'), Type.Literal('green')]);
const Subject = Type.Object({ code: Type.String(), name: Type.String() });

const UnitAdviceSchema = Type.Object({
  unitCode: Type.String(),
  total: Type.Number(),
  rank: Type.Integer(),
  classSize: Type.Integer(),
  grade: Type.String(),
  lights: Type.Object({ red: Type.Integer(), yellow: Type.Integer(), green: Type.Integer() }),
  dimensions: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      points: Type.Number(),
      fullPoints: Type.Number(),
      light: LightSchema,
    }),
  ),
  indicators: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      dimension: Subject,
      points: Type.Number(),
      fullPoints: Type.Number(),
      recoverable: Type.Number(),
      fraction: Nullable(Type.Number()),
      light: LightSchema,
      direction: Type.Union([Type.Literal('up'), Type.Literal('down')]),
      raw: Nullable(Type.Number()),
      unit: Type.Optional(Type.String()),
      target: Type.Optional(Type.Number()),
      gapToTarget: Type.Optional(Type.Number()),
      achievement: Type.Optional(Type.Number()),
      flags: Type.Array(Type.String()),
    }),
  ),
  warnings: Type.Array(
    Type.Object({
      level: LightSchema,
      code: Type.String(),
      subject: Type.Optional(Subject),
      points: Type.Optional(Type.Number()),
      gradeByScore: Type.Optional(Type.String()),
    }),
  ),
  nextSteps: Type.Array(
    Type.Object({
      kind: Type.String(),
      subject: Subject,
      points: Type.Number(),
      raw: Type.Optional(Nullable(Type.Number())),
      target: Type.Optional(Type.Number()),
      gapToTarget: Type.Optional(Type.Number()),
      unit: Type.Optional(Type.String()),
    }),
  ),
  toNextRank: Nullable(Type.Object({ rank: Type.Integer(), unitName: Type.String(), points: Type.Number() })),
  toNextGrade: Nullable(Type.Object({ grade: Type.String(), min: Type.Number(), points: Type.Number() })),
});

/** 差距与建议 for a unit's leader: lights, warnings, gaps to target and what to do next. */
export function unitAdviceRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/results/:id/units/:unitCode/advice',
    {
      config: { permission: 'results.read' },
      schema: {
        tags: ['results'],
        summary:
          "One unit's gaps to target (most points recoverable first), traffic lights, warnings and next steps",
        params: SnapshotUnitParams,
        response: responses({ 200: UnitAdviceSchema }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const head = await visibleSnapshotFor(ctx.db, p, request.params.id);
      await requireUnitInScope(ctx.db, p, request.params.unitCode);
      const rs = await snapshotResultSet(ctx.db, p.province, head);
      if (!rs.units.some((u) => u.code === request.params.unitCode))
        throw problem(
          'not_found',
          t(
            `快照中没有单位“${request.params.unitCode}”`,
            `unit "${request.params.unitCode}" is not in this snapshot`,
          ),
        );
      const { plan } = await loadPlanDocument(ctx.db, p.province, head.plan_code, head.plan_version);
      return adviseUnit(explain(rs, request.params.unitCode), plan.grading);
    },
  );
}
