import Type from 'typebox';
import { Instant, Nullable, UnitCodeSchema } from '../http/schemas.js';
import { PeriodCodeSchema } from './period-routes.js';
import { PlanCodeSchema } from './plan-view.js';

export const SubmissionParams = Type.Object({
  plan: PlanCodeSchema,
  period: PeriodCodeSchema,
  unit: UnitCodeSchema,
});

export const SubmissionStatusSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('submitted'),
  Type.Literal('approved'),
  Type.Literal('returned'),
]);

export const SubmissionSchema = Type.Object({
  planCode: Type.String(),
  periodCode: Type.String(),
  unitCode: Type.String(),
  planVersion: Type.Integer(),
  status: SubmissionStatusSchema,
  comment: Nullable(Type.String()),
  submittedBy: Nullable(Type.String()),
  submittedAt: Nullable(Instant),
  reviewedBy: Nullable(Type.String()),
  reviewedAt: Nullable(Instant),
  createdAt: Instant,
  version: Type.Integer(),
});

export const SourceSchema = Type.Union([
  Type.Literal('self'),
  Type.Literal('thirdParty'),
  Type.Literal('inspection'),
  Type.Literal('survey'),
]);

export const StoredValueSchema = Type.Object({
  element: Type.String(),
  source: SourceSchema,
  value: Type.Number(),
  evidenceHash: Nullable(Type.String()),
  enteredBy: Type.String(),
  enteredAt: Instant,
  version: Type.Integer(),
});

export const HashSchema = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lower-case hex' });

export const ValueItemSchema = Type.Object(
  {
    element: Type.String({ minLength: 1, maxLength: 128 }),
    value: Nullable(Type.Number({ description: 'null removes the value' })),
    evidenceHash: Type.Optional(Nullable(HashSchema)),
    version: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const ReviewLineSchema = Type.Object({
  element: Type.String(),
  name: Type.String(),
  unit: Nullable(Type.String()),
  value: Nullable(Type.Number()),
  previous: Nullable(Type.Number()),
  change: Nullable(Type.Number()),
  changeRatio: Nullable(Type.Number()),
  flags: Type.Array(Type.String({ description: 'below_min, above_max, jump (over 50%)' })),
});

export const SubmissionDetailSchema = Type.Object({
  key: Type.Object({ planCode: Type.String(), periodCode: Type.String(), unitCode: Type.String() }),
  submission: Nullable(SubmissionSchema),
  planVersion: Type.Integer(),
  previousPeriod: Nullable(Type.String()),
  values: Type.Array(StoredValueSchema),
  review: Type.Array(ReviewLineSchema),
});
