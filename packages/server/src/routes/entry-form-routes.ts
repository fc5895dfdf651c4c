import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { unitScopeOf } from '../auth/row-scope.js';
import { principalOf } from '../http/request-principal.js';
import { Instant, Nullable, responses, UnitCodeSchema } from '../http/schemas.js';
import { entryForm } from '../submissions/entry-form.js';
import { entryFormList } from '../submissions/entry-form-list.js';
import { reviewQueue } from '../submissions/review-queue.js';
import { PeriodCodeSchema } from './period-routes.js';
import { PlanCodeSchema } from './plan-view.js';
import { SubmissionParams, SubmissionSchema, SubmissionStatusSchema } from './submission-view.js';

const FlagSchema = Type.Union([Type.Literal('below_min'), Type.Literal('above_max'), Type.Literal('jump')]);

const EntryFieldSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  unit: Nullable(Type.String()),
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  help: Nullable(Type.String()),
  value: Nullable(Type.Number()),
  evidence: Nullable(
    Type.Object({
      hash: Type.String(),
      fileName: Type.String(),
      mediaType: Type.String(),
      size: Type.Integer(),
    }),
  ),
  origin: Nullable(
    Type.Union([Type.Literal('import'), Type.Literal('hand')], {
      description: 'import: written by an import or another system; hand: typed by a reporter',
    }),
  ),
  enteredBy: Nullable(Type.String()),
  enteredAt: Nullable(Instant),
  previous: Nullable(Type.Number()),
  change: Nullable(Type.Number()),
  changeRatio: Nullable(Type.Number()),
  flags: Type.Array(FlagSchema),
});

const EntryFormSchema = Type.Object({
  key: Type.Object({ planCode: Type.String(), periodCode: Type.String(), unitCode: Type.String() }),
  unit: Type.Object({ code: Type.String(), name: Type.String(), disabled: Type.Boolean() }),
  plan: Type.Object({ code: Type.String(), name: Type.String(), version: Type.Integer() }),
  period: Type.Object({
    code: Type.String(),
    status: Type.String(),
    deadline: Nullable(Instant),
    open: Type.Boolean(),
  }),
  previousPeriod: Nullable(Type.String()),
  submission: Nullable(SubmissionSchema),
  editable: Type.Boolean(),
  fields: Type.Array(EntryFieldSchema),
  groups: Type.Array(
    Type.Object({
      code: Nullable(Type.String()),
      name: Nullable(Type.String()),
      indicators: Type.Array(
        Type.Object({
          code: Type.String(),
          name: Type.String(),
          description: Nullable(Type.String()),
          fields: Type.Array(Type.String()),
        }),
      ),
    }),
  ),
  counts: Type.Object({
    total: Type.Integer(),
    filled: Type.Integer(),
    imported: Type.Integer(),
    byHand: Type.Integer(),
    empty: Type.Integer(),
  }),
});

const EntryFormSummarySchema = Type.Object({
  planCode: Type.String(),
  planName: Type.String(),
  periodCode: Type.String(),
  periodStatus: Type.String(),
  deadline: Nullable(Instant),
  open: Type.Boolean(),
  unitCode: Type.String(),
  unitName: Type.String(),
  status: Type.Union([Type.Literal('none'), SubmissionStatusSchema]),
  comment: Nullable(Type.String()),
  submittedAt: Nullable(Instant),
  reviewedAt: Nullable(Instant),
  version: Type.Integer(),
  fields: Type.Integer(),
  filled: Type.Integer(),
});

const ReviewQueueItemSchema = Type.Object({
  planCode: Type.String(),
  periodCode: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  planVersion: Type.Integer(),
  submittedBy: Nullable(Type.String()),
  submittedAt: Nullable(Instant),
  comment: Nullable(Type.String()),
  version: Type.Integer(),
  fields: Type.Integer(),
  filled: Type.Integer(),
  evidence: Type.Integer(),
  flags: Type.Object({ below_min: Type.Integer(), above_max: Type.Integer(), jump: Type.Integer() }),
});

/** What the web's data-entry and review pages read: forms, one form, the review queue. */
export function entryFormRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/entry-forms',
    {
      config: { permission: 'submissions.read' },
      schema: {
        tags: ['submissions'],
        summary:
          "A unit's forms (your own unit unless named): each published plan × period that is open or has a submission",
        querystring: Type.Object({ unit: Type.Optional(UnitCodeSchema) }, { additionalProperties: false }),
        response: responses({ 200: Type.Object({ items: Type.Array(EntryFormSummarySchema) }) }),
      },
    },
    async (request) => ({
      items: await entryFormList(ctx.db, principalOf(request), request.query.unit, ctx.clock().toISOString()),
    }),
  );

  app.get(
    '/api/entry-forms/:plan/:period/:unit',
    {
      config: { permission: 'submissions.read' },
      schema: {
        tags: ['submissions'],
        summary:
          'The data-entry form of a unit × period: fields grouped by dimension and indicator, with ranges, help, values, evidence, origin and flags',
        params: SubmissionParams,
        response: responses({ 200: EntryFormSchema }),
      },
    },
    async (request) =>
      entryForm(
        ctx.db,
        principalOf(request),
        { planCode: request.params.plan, periodCode: request.params.period, unitCode: request.params.unit },
        ctx.clock().toISOString(),
      ),
  );

  app.get(
    '/api/review-queue',
    {
      config: { permission: 'submissions.review' },
      schema: {
        tags: ['submissions'],
        summary: 'Submissions waiting for review in your scope, oldest first, with their flags counted',
        querystring: Type.Object(
          {
            plan: Type.Optional(PlanCodeSchema),
            period: Type.Optional(PeriodCodeSchema),
            unit: Type.Optional(UnitCodeSchema),
            flagged: Type.Optional(Type.Boolean()),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
            offset: Type.Integer({ minimum: 0, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: responses({
          200: Type.Object({ items: Type.Array(ReviewQueueItemSchema), total: Type.Integer() }),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return reviewQueue(ctx.db, unitScopeOf(principalOf(request)), {
        ...(q.plan === undefined ? {} : { planCode: q.plan }),
        ...(q.period === undefined ? {} : { periodCode: q.period }),
        ...(q.unit === undefined ? {} : { unitCode: q.unit }),
        ...(q.flagged === undefined ? {} : { flagged: q.flagged }),
        limit: q.limit,
        offset: q.offset,
      });
    },
  );
}
