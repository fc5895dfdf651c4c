import Type from 'typebox';
import { Instant, Nullable } from '../http/schemas.js';

export const PlanCodeSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_.-]+$' });

export const PlanSummarySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  createdAt: Instant,
  published: Nullable(Type.Integer()),
  draft: Nullable(Type.Integer()),
  version: Type.Integer(),
});

export const PlanVersionSummarySchema = Type.Object({
  planCode: Type.String(),
  number: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  hash: Type.String({ description: 'SHA-256 of the canonical JSON document' }),
  reason: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Instant,
  approvedBy: Nullable(Type.String()),
  approvedAt: Nullable(Instant),
  publishedBy: Nullable(Type.String()),
  publishedAt: Nullable(Instant),
  version: Type.Integer(),
});

const Warning = Type.Object({ path: Type.String(), message: Type.Any() });

export const PlanVersionDetailSchema = Type.Object({
  ...PlanVersionSummarySchema.properties,
  document: Type.Any({ description: 'the plan document (docs/plan-format.md)' }),
  warnings: Type.Optional(Type.Array(Warning, { description: 'what the engine warns about; not blocking' })),
});
