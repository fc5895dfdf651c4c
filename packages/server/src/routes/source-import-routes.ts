import type { Source } from '@xiaoneng/engine';
import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import type { Principal } from '../auth/principal.js';
import { problem } from '../http/app-error.js';
import { installMultipart, readUploadedFile } from '../http/multipart.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { responses } from '../http/schemas.js';
import { importTemplate } from '../imports/import-template.js';
import { importValues } from '../imports/import-values.js';
import { t } from '../localised.js';
import { requireSource, sourcesOf } from '../submissions/source-roles.js';
import { IMPORT_MAX_BYTES } from './import-routes.js';
import { PeriodCodeSchema } from './period-routes.js';
import { PlanCodeSchema } from './plan-view.js';

const Params = Type.Object({ plan: PlanCodeSchema, period: PeriodCodeSchema });
const CharsetSchema = Type.Union([Type.Literal('utf8'), Type.Literal('gbk')]);
const OtherSourceSchema = Type.Union([
  Type.Literal('thirdParty'),
  Type.Literal('inspection'),
  Type.Literal('survey'),
]);

/** Only roles that enter a source besides the units' own (第三方评估、实地核查、群众评议) use these routes. */
function requireOtherSource(principal: Principal): void {
  if (sourcesOf(principal).some((s: Source) => s !== 'self')) return;
  throw problem(
    'source_not_allowed',
    t(
      '您的角色不录入第三方评估、实地核查或群众评议数据',
      'your roles enter no third-party, inspection or survey values',
    ),
  );
}

/**
 * Bulk entry of a separate source by its own role: the same templates and all-or-nothing import as
 * /api/imports (which is the office's, for every source), but open to the third party and the inspector
 * for their own source only (`submissions.write` plus the source check), within their unit scope.
 */
export function sourceImportRoutes(app: AppInstance, ctx: AppContext): void {
  installMultipart(app);
  app.get(
    '/api/source-imports/:plan/:period/template',
    {
      config: { permission: 'submissions.write' },
      schema: {
        tags: ['imports'],
        summary: 'The import template for third-party, inspection or survey values (a row per unit in scope)',
        params: Params,
        querystring: Type.Object(
          {
            format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'xlsx' }),
            charset: Type.Optional(CharsetSchema),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Unknown({ description: 'the template file' }) }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      requireOtherSource(principal);
      const template = await importTemplate(ctx.db, principal, request.params.plan, request.params.period, {
        format: request.query.format,
        charset: request.query.charset ?? 'utf8',
      });
      return reply
        .type(template.mediaType)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(template.fileName)}`,
        )
        .send(template.content);
    },
  );

  app.post(
    '/api/source-imports/:plan/:period',
    {
      config: { permission: 'submissions.write' },
      schema: {
        tags: ['imports'],
        summary: 'Import third-party, inspection or survey values from a filled template; all or nothing',
        consumes: ['multipart/form-data'],
        params: Params,
        querystring: Type.Object(
          { source: OtherSourceSchema, charset: Type.Optional(CharsetSchema) },
          { additionalProperties: false },
        ),
        response: responses({
          200: Type.Object({
            format: Type.String(),
            charset: Type.Union([CharsetSchema, Type.Null()]),
            planVersion: Type.Integer(),
            units: Type.Integer(),
            values: Type.Integer(),
            fileHash: Type.String(),
          }),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      requireSource(principal, q.source);
      const { content: bytes } = await readUploadedFile(request, IMPORT_MAX_BYTES, () =>
        problem(
          'payload_too_large',
          t(
            `导入文件不得超过 ${IMPORT_MAX_BYTES} 字节`,
            `import files may not exceed ${IMPORT_MAX_BYTES} bytes`,
          ),
        ),
      );
      return importValues(ctx.db, actOf(ctx, request), principal, bytes, {
        planCode: request.params.plan,
        periodCode: request.params.period,
        source: q.source,
        ...(q.charset === undefined ? {} : { charset: q.charset }),
      });
    },
  );
}
