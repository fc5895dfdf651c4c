import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { responses, VersionField } from '../http/schemas.js';
import { approveChange } from '../plans/approve-change.js';
import { createPlan } from '../plans/create-plan.js';
import { editDraft } from '../plans/edit-draft.js';
import { getPlanSummary, getPlanVersionRow, listPlans, listPlanVersions } from '../plans/plan-repository.js';
import { rowToDetail } from '../plans/plan-version.js';
import { publishVersion } from '../plans/publish-version.js';
import { startChange } from '../plans/start-change.js';
import {
  PlanCodeSchema,
  PlanSummarySchema,
  PlanVersionDetailSchema,
  PlanVersionSummarySchema,
} from './plan-view.js';

const CodeParams = Type.Object({ code: PlanCodeSchema });
const VersionParams = Type.Object({ code: PlanCodeSchema, number: Type.Integer({ minimum: 1 }) });
const Reason = Type.String({ minLength: 1, maxLength: 2000, description: 'why the plan changes (动态调整)' });
const PlanDocument = Type.Any({
  description: 'the plan document (docs/plan-format.md); validated by the engine',
});
const VersionOnly = Type.Object({ version: VersionField }, { additionalProperties: false });

export function planRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/plans',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['plans'],
        summary: 'Plans with their latest published and draft version numbers',
        response: responses({ 200: Type.Object({ items: Type.Array(PlanSummarySchema) }) }),
      },
    },
    async (request) => ({ items: await listPlans(ctx.db, principalOf(request).province) }),
  );

  app.post(
    '/api/plans',
    {
      config: { permission: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Create a plan; its first version is a draft',
        body: Type.Object(
          {
            code: PlanCodeSchema,
            name: Type.String({ minLength: 1, maxLength: 200 }),
            document: PlanDocument,
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: PlanVersionDetailSchema }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPlan(ctx.db, actOf(ctx, request), request.body)),
  );

  app.get(
    '/api/plans/:code',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['plans'],
        summary: 'A plan and all its versions with reasons (oldest first)',
        params: CodeParams,
        response: responses({
          200: Type.Object({
            ...PlanSummarySchema.properties,
            versions: Type.Array(PlanVersionSummarySchema),
          }),
        }),
      },
    },
    async (request) => {
      const province = principalOf(request).province;
      const plan = await getPlanSummary(ctx.db, province, request.params.code);
      return { ...plan, versions: await listPlanVersions(ctx.db, province, plan.code) };
    },
  );

  app.get(
    '/api/plans/:code/versions/:number',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['plans'],
        summary: 'One version with its document (published versions stay readable for good)',
        params: VersionParams,
        response: responses({ 200: PlanVersionDetailSchema }),
      },
    },
    async (request) =>
      rowToDetail(
        await getPlanVersionRow(
          ctx.db,
          principalOf(request).province,
          request.params.code,
          request.params.number,
        ),
      ),
  );

  app.put(
    '/api/plans/:code/versions/:number',
    {
      config: { permission: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Save a draft (withdraws an approval already given)',
        params: VersionParams,
        body: Type.Object(
          { document: Type.Optional(PlanDocument), reason: Type.Optional(Reason), version: VersionField },
          { additionalProperties: false },
        ),
        response: responses({ 200: PlanVersionDetailSchema }),
      },
    },
    async (request) =>
      editDraft(ctx.db, actOf(ctx, request), request.params.code, request.params.number, request.body),
  );

  app.post(
    '/api/plans/:code/versions',
    {
      config: { permission: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Start a change of a published plan: a new draft version with a reason (动态调整)',
        params: CodeParams,
        body: Type.Object(
          { reason: Reason, document: Type.Optional(PlanDocument) },
          { additionalProperties: false },
        ),
        response: responses({ 201: PlanVersionDetailSchema }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await startChange(ctx.db, actOf(ctx, request), request.params.code, request.body)),
  );

  app.post(
    '/api/plans/:code/versions/:number/approve',
    {
      config: { permission: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: "Approve another office user's change draft",
        params: VersionParams,
        body: VersionOnly,
        response: responses({ 200: PlanVersionDetailSchema }),
      },
    },
    async (request) =>
      approveChange(
        ctx.db,
        actOf(ctx, request),
        request.params.code,
        request.params.number,
        request.body.version,
      ),
  );

  app.post(
    '/api/plans/:code/versions/:number/publish',
    {
      config: { permission: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Publish a draft: its document and SHA-256 are frozen',
        params: VersionParams,
        body: VersionOnly,
        response: responses({ 200: PlanVersionDetailSchema }),
      },
    },
    async (request) =>
      publishVersion(
        ctx.db,
        actOf(ctx, request),
        request.params.code,
        request.params.number,
        request.body.version,
      ),
  );
}
