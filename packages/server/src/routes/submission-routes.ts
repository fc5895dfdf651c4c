import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { unitScopeOf } from '../auth/row-scope.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { Instant, Nullable, responses, UnitCodeSchema, VersionField } from '../http/schemas.js';
import { saveSubmissionValues } from '../submissions/save-values.js';
import { saveSourceValues } from '../submissions/source-values.js';
import type { SubmissionKey } from '../submissions/submission.js';
import { submissionProgress } from '../submissions/submission-progress.js';
import { listSubmissions, submissionDetail } from '../submissions/submission-repository.js';
import { type SubmissionAction, transitionSubmission } from '../submissions/submission-transitions.js';
import { PeriodCodeSchema } from './period-routes.js';
import { PlanCodeSchema } from './plan-view.js';
import {
  StoredValueSchema,
  SubmissionDetailSchema,
  SubmissionParams,
  SubmissionSchema,
  SubmissionStatusSchema,
  ValueItemSchema,
} from './submission-view.js';

const BASE = '/api/submissions/:plan/:period/:unit';

function keyOf(request: { params: { plan: string; period: string; unit: string } }): SubmissionKey {
  return { planCode: request.params.plan, periodCode: request.params.period, unitCode: request.params.unit };
}

export function submissionRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/submissions',
    {
      config: { permission: 'submissions.read' },
      schema: {
        tags: ['submissions'],
        summary: 'Submissions of the units in your scope',
        querystring: Type.Object(
          {
            plan: Type.Optional(PlanCodeSchema),
            period: Type.Optional(PeriodCodeSchema),
            unit: Type.Optional(UnitCodeSchema),
            status: Type.Optional(SubmissionStatusSchema),
            limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
            offset: Type.Integer({ minimum: 0, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: responses({
          200: Type.Object({ items: Type.Array(SubmissionSchema), total: Type.Integer() }),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return listSubmissions(ctx.db, unitScopeOf(principalOf(request)), {
        ...(q.plan === undefined ? {} : { planCode: q.plan }),
        ...(q.period === undefined ? {} : { periodCode: q.period }),
        ...(q.unit === undefined ? {} : { unitCode: q.unit }),
        ...(q.status === undefined ? {} : { status: q.status }),
        limit: q.limit,
        offset: q.offset,
      });
    },
  );

  app.get(
    '/api/submissions/progress',
    {
      config: { permission: 'submissions.read' },
      schema: {
        tags: ['submissions'],
        summary:
          'Where every unit of your scope stands for a plan and period (none, draft, submitted, returned, approved)',
        querystring: Type.Object(
          { plan: PlanCodeSchema, period: PeriodCodeSchema },
          { additionalProperties: false },
        ),
        response: responses({
          200: Type.Object({
            counts: Type.Object({
              none: Type.Integer(),
              draft: Type.Integer(),
              submitted: Type.Integer(),
              returned: Type.Integer(),
              approved: Type.Integer(),
            }),
            units: Type.Array(
              Type.Object({
                unitCode: Type.String(),
                unitName: Type.String(),
                status: Type.Union([Type.Literal('none'), SubmissionStatusSchema]),
                submittedAt: Nullable(Instant),
                reviewedAt: Nullable(Instant),
                version: Type.Integer(),
              }),
            ),
          }),
        }),
      },
    },
    async (request) =>
      submissionProgress(ctx.db, unitScopeOf(principalOf(request)), request.query.plan, request.query.period),
  );

  app.get(
    BASE,
    {
      config: { permission: 'submissions.read' },
      schema: {
        tags: ['submissions'],
        summary: "A unit's submission with every source's values, the previous period and plausibility flags",
        params: SubmissionParams,
        response: responses({ 200: SubmissionDetailSchema }),
      },
    },
    async (request) => submissionDetail(ctx.db, principalOf(request), keyOf(request)),
  );

  app.put(
    `${BASE}/values`,
    {
      config: { permission: 'submissions.write' },
      schema: {
        tags: ['submissions'],
        summary: "Save your unit's own values (source self); version 0 starts the submission",
        params: SubmissionParams,
        body: Type.Object(
          { values: Type.Array(ValueItemSchema, { maxItems: 5000 }), version: VersionField },
          { additionalProperties: false },
        ),
        response: responses({ 200: SubmissionSchema }),
      },
    },
    async (request) =>
      saveSubmissionValues(ctx.db, actOf(ctx, request), principalOf(request), keyOf(request), request.body),
  );

  app.put(
    `${BASE}/sources`,
    {
      config: { permission: 'submissions.write' },
      schema: {
        tags: ['submissions'],
        summary: 'Enter third-party, inspection or survey values (each by its own role)',
        params: SubmissionParams,
        body: Type.Object(
          {
            source: Type.Union([
              Type.Literal('thirdParty'),
              Type.Literal('inspection'),
              Type.Literal('survey'),
            ]),
            values: Type.Array(ValueItemSchema, { maxItems: 5000 }),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ values: Type.Array(StoredValueSchema) }) }),
      },
    },
    async (request) => ({
      values: await saveSourceValues(
        ctx.db,
        actOf(ctx, request),
        principalOf(request),
        keyOf(request),
        request.body.source,
        request.body.values,
      ),
    }),
  );

  const transition = (
    action: SubmissionAction,
    permission: 'submissions.write' | 'submissions.review',
    summary: string,
  ) =>
    app.post(
      `${BASE}/${action}`,
      {
        config: { permission },
        schema: {
          tags: ['submissions'],
          summary,
          params: SubmissionParams,
          body: Type.Object(
            {
              version: VersionField,
              comment:
                action === 'return'
                  ? Type.String({ minLength: 1, maxLength: 2000 })
                  : Type.Optional(Type.String({ maxLength: 2000 })),
            },
            { additionalProperties: false },
          ),
          response: responses({ 200: SubmissionSchema }),
        },
      },
      async (request) =>
        transitionSubmission(ctx.db, actOf(ctx, request), principalOf(request), keyOf(request), action, {
          version: request.body.version,
          ...(request.body.comment === undefined ? {} : { comment: request.body.comment }),
        }),
    );
  transition('submit', 'submissions.write', 'Submit (or resubmit after a return) for review');
  transition('approve', 'submissions.review', 'Approve a submitted submission');
  transition('return', 'submissions.review', 'Return a submitted submission with a comment');
}
