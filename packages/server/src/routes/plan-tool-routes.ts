import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { problem } from '../http/app-error.js';
import { installMultipart, readUploadedFile } from '../http/multipart.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { Nullable, responses, VersionField } from '../http/schemas.js';
import { t } from '../localised.js';
import { editDraft } from '../plans/edit-draft.js';
import { parseStoredPlan } from '../plans/plan-document.js';
import { getPlanVersionRow } from '../plans/plan-repository.js';
import { planWorkbook } from '../plans/plan-workbook-export.js';
import { readPlanWorkbook } from '../plans/plan-workbook-import.js';
import { WORKBOOK_MEDIA_TYPE } from '../plans/plan-workbook-layout.js';
import { previewPlan } from '../plans/preview-plan.js';
import { PeriodCodeSchema } from './period-routes.js';
import { PlanCodeSchema, PlanVersionDetailSchema } from './plan-view.js';

/** A plan workbook is a few hundred rows; this is generous. */
export const PLAN_WORKBOOK_MAX_BYTES = 5 * 1024 * 1024;

const VersionParams = Type.Object({ code: PlanCodeSchema, number: Type.Integer({ minimum: 1 }) });

const PreviewUnitSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  total: Type.Number(),
  rank: Type.Integer(),
  grade: Type.String(),
});

const PreviewClassSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  units: Type.Integer(),
  mean: Nullable(Type.Number()),
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  grades: Type.Record(Type.String(), Type.Integer()),
  top: Type.Array(PreviewUnitSchema),
  bottom: Type.Array(PreviewUnitSchema),
  columns: Type.Object(
    {
      code: Type.Array(Type.String()),
      name: Type.Array(Type.String()),
      total: Type.Array(Type.Number()),
      rank: Type.Array(Type.Integer()),
      grade: Type.Array(Type.String()),
      publishedTotal: Type.Array(Nullable(Type.Number())),
      publishedRank: Type.Array(Nullable(Type.Integer())),
    },
    { description: 'every unit of the class in rank order, one array per field' },
  ),
});

const PreviewSchema = Type.Object({
  planCode: Type.String(),
  planVersion: Type.Integer(),
  period: Type.String(),
  comparedWith: Nullable(Type.Integer({ description: 'the published version scored on the same values' })),
  values: Type.Integer({ description: 'approved values read' }),
  classes: Type.Array(PreviewClassSchema),
  warnings: Type.Array(Type.Object({ path: Type.String(), message: Type.Any() })),
});

/** The plan designer's tools: a preview of a version's scores, and the plan as an Excel workbook. */
export function planToolRoutes(app: AppInstance, ctx: AppContext): void {
  installMultipart(app);

  app.post(
    '/api/plans/:code/versions/:number/preview',
    {
      config: { permission: 'plans.design' },
      schema: {
        tags: ['plans'],
        summary:
          "Score a version (or the given document) on a period's approved values without storing anything; per class, beside the published version",
        params: VersionParams,
        body: Type.Object(
          {
            document: Type.Optional(
              Type.Any({ description: 'a document to preview instead of the stored one' }),
            ),
            period: Type.Optional(PeriodCodeSchema),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: PreviewSchema }),
      },
    },
    async (request) =>
      previewPlan(ctx.db, principalOf(request).province, request.params.code, request.params.number, {
        ...(request.body.document === undefined ? {} : { document: request.body.document }),
        ...(request.body.period === undefined ? {} : { period: request.body.period }),
      }),
  );

  app.get(
    '/api/plans/:code/versions/:number/workbook',
    {
      config: { permission: 'plans.design' },
      schema: {
        tags: ['plans'],
        summary:
          'The version as an Excel workbook (指标体系, 数据元, 单位类别, 类别权重, 加分扣分否决, 等次)',
        params: VersionParams,
        response: responses({ 200: Type.Unknown({ description: 'the XLSX file' }) }),
      },
    },
    async (request, reply) => {
      const { code, number } = request.params;
      const row = await getPlanVersionRow(ctx.db, principalOf(request).province, code, number);
      const content = await planWorkbook(parseStoredPlan(row.document));
      return reply
        .type(WORKBOOK_MEDIA_TYPE)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`${code}-v${number}.xlsx`)}`,
        )
        .send(content);
    },
  );

  app.post(
    '/api/plans/:code/versions/:number/workbook',
    {
      config: { permission: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary:
          "Replace a draft's document by an edited workbook; all or nothing, errors by sheet, row and column",
        consumes: ['multipart/form-data'],
        params: VersionParams,
        querystring: Type.Object({ version: VersionField }, { additionalProperties: false }),
        response: responses({ 200: PlanVersionDetailSchema }),
      },
    },
    async (request) => {
      const { code, number } = request.params;
      const { content } = await readUploadedFile(request, PLAN_WORKBOOK_MAX_BYTES, () =>
        problem(
          'payload_too_large',
          t(
            `方案工作簿不得超过 ${PLAN_WORKBOOK_MAX_BYTES} 字节`,
            `a plan workbook may not exceed ${PLAN_WORKBOOK_MAX_BYTES} bytes`,
          ),
        ),
      );
      const document = await readPlanWorkbook(content, code, number);
      return editDraft(ctx.db, actOf(ctx, request), code, number, {
        document,
        version: request.query.version,
      });
    },
  );
}
