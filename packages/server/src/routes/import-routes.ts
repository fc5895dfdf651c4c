import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { problem } from '../http/app-error.js';
import { installMultipart, readUploadedFile } from '../http/multipart.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { responses } from '../http/schemas.js';
import { importTemplate } from '../imports/import-template.js';
import { importValues } from '../imports/import-values.js';
import { t } from '../localised.js';
import { PeriodCodeSchema } from './period-routes.js';
import { PlanCodeSchema } from './plan-view.js';
import { SourceSchema } from './submission-view.js';

/** A province's period: 27,000 units × a few dozen elements stays well under this. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

const Params = Type.Object({ plan: PlanCodeSchema, period: PeriodCodeSchema });
const CharsetSchema = Type.Union([Type.Literal('utf8'), Type.Literal('gbk')]);

export function importRoutes(app: AppInstance, ctx: AppContext): void {
  installMultipart(app);
  app.get(
    '/api/imports/:plan/:period/template',
    {
      config: { permission: 'values.import' },
      schema: {
        tags: ['imports'],
        summary: 'The import template of a plan version and period: Chinese headers, a row per unit in scope',
        params: Params,
        querystring: Type.Object(
          {
            format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'xlsx' }),
            charset: Type.Optional(CharsetSchema),
            version: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Unknown({ description: 'the template file' }) }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const template = await importTemplate(
        ctx.db,
        principalOf(request),
        request.params.plan,
        request.params.period,
        {
          format: q.format,
          charset: q.charset ?? 'utf8',
          ...(q.version === undefined ? {} : { version: q.version }),
        },
      );
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
    '/api/imports/:plan/:period',
    {
      config: { permission: 'values.import' },
      schema: {
        tags: ['imports'],
        summary:
          "Import a whole period's values from a filled template (CSV in UTF-8 or GBK, or XLSX); all or nothing",
        consumes: ['multipart/form-data'],
        params: Params,
        querystring: Type.Object(
          {
            source: Type.Optional(SourceSchema),
            charset: Type.Optional(CharsetSchema),
            version: Type.Optional(Type.Integer({ minimum: 1 })),
          },
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
      const { content: bytes } = await readUploadedFile(request, IMPORT_MAX_BYTES, () =>
        problem(
          'payload_too_large',
          t(
            `导入文件不得超过 ${IMPORT_MAX_BYTES} 字节`,
            `import files may not exceed ${IMPORT_MAX_BYTES} bytes`,
          ),
        ),
      );
      const q = request.query;
      return importValues(ctx.db, actOf(ctx, request), principalOf(request), bytes, {
        planCode: request.params.plan,
        periodCode: request.params.period,
        source: q.source ?? 'self',
        ...(q.charset === undefined ? {} : { charset: q.charset }),
        ...(q.version === undefined ? {} : { version: q.version }),
      });
    },
  );
}
