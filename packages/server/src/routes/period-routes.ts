import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { Instant, Nullable, responses, VersionField } from '../http/schemas.js';
import { createPeriod, getPeriod, listPeriods, updatePeriod } from '../periods/period-service.js';

export const PeriodCodeSchema = Type.String({
  minLength: 4,
  maxLength: 7,
  description: '2026M03, 2026Q1, 2026H1 or 2026',
});
const StatusSchema = Type.Union([Type.Literal('open'), Type.Literal('closed')]);
const PeriodSchema = Type.Object({
  code: Type.String(),
  type: Type.Union([
    Type.Literal('month'),
    Type.Literal('quarter'),
    Type.Literal('half'),
    Type.Literal('year'),
  ]),
  status: StatusSchema,
  deadline: Nullable(Instant),
  version: Type.Integer(),
});
const CodeParams = Type.Object({ code: PeriodCodeSchema });

export function periodRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/periods',
    {
      config: { permission: 'periods.read' },
      schema: {
        tags: ['periods'],
        summary: 'Periods, by code',
        querystring: Type.Object({ status: Type.Optional(StatusSchema) }, { additionalProperties: false }),
        response: responses({ 200: Type.Object({ items: Type.Array(PeriodSchema) }) }),
      },
    },
    async (request) => ({
      items: await listPeriods(ctx.db, principalOf(request).province, request.query.status),
    }),
  );

  app.get(
    '/api/periods/:code',
    {
      config: { permission: 'periods.read' },
      schema: {
        tags: ['periods'],
        summary: 'One period',
        params: CodeParams,
        response: responses({ 200: PeriodSchema }),
      },
    },
    async (request) => getPeriod(ctx.db, principalOf(request).province, request.params.code),
  );

  app.post(
    '/api/periods',
    {
      config: { permission: 'periods.write' },
      schema: {
        tags: ['periods'],
        summary: 'Create a period (open unless said otherwise)',
        body: Type.Object(
          {
            code: PeriodCodeSchema,
            status: Type.Optional(StatusSchema),
            deadline: Type.Optional(Nullable(Instant)),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: PeriodSchema }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPeriod(ctx.db, actOf(ctx, request), request.body)),
  );

  app.put(
    '/api/periods/:code',
    {
      config: { permission: 'periods.write' },
      schema: {
        tags: ['periods'],
        summary: 'Open or close a period, or move its deadline',
        params: CodeParams,
        body: Type.Object(
          {
            status: Type.Optional(StatusSchema),
            deadline: Type.Optional(Nullable(Instant)),
            version: VersionField,
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: PeriodSchema }),
      },
    },
    async (request) => updatePeriod(ctx.db, actOf(ctx, request), request.params.code, request.body),
  );
}
