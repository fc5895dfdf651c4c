import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { principalOf } from '../http/request-principal.js';
import { IdParams, Nullable, responses } from '../http/schemas.js';
import { resultLegend } from '../results/result-legend.js';
import { publishedSnapshotById, visibleSnapshotFor } from '../results/snapshot-access.js';

const LegendSchema = Type.Object({
  planName: Type.String(),
  classes: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), size: Type.Integer() })),
  dimensions: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  grades: Type.Array(
    Type.Object({ grade: Type.String(), min: Nullable(Type.Number()), label: Nullable(Type.String()) }),
  ),
});

/** 图例: class and dimension names, class sizes and grade thresholds, for ranking tables to label columns. */
export function resultLegendRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/results/:id/legend',
    {
      config: { permission: 'results.read' },
      schema: {
        tags: ['results'],
        summary: "A snapshot's classes (with sizes), dimensions and grade thresholds",
        params: IdParams,
        response: responses({ 200: LegendSchema }),
      },
    },
    async (request) =>
      resultLegend(ctx.db, await visibleSnapshotFor(ctx.db, principalOf(request), request.params.id)),
  );

  app.get(
    '/api/public/results/:id/legend',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['public'],
        summary: "A published result's classes (with sizes), dimensions and grade thresholds",
        params: IdParams,
        response: responses({ 200: LegendSchema }),
      },
    },
    async (request) => resultLegend(ctx.db, await publishedSnapshotById(ctx.db, request.params.id)),
  );
}
