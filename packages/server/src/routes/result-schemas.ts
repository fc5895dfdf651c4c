import Type from 'typebox';
import { Nullable } from '../http/schemas.js';

export const SnapshotSchema = Type.Object({
  id: Type.String(),
  plan: Type.String(),
  planVersion: Type.Integer(),
  period: Type.String(),
  planHash: Type.String(),
  inputsHash: Type.String(),
  hash: Type.String({ description: 'SHA-256 of plan hash and inputs hash: equal inputs, equal hash' }),
  units: Type.Integer(),
  values: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('superseded')]),
  final: Type.Boolean({ description: 'published and past its notice period (公示期): locked' }),
  correctsId: Nullable(Type.String()),
  correctionReason: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  noticeEndsAt: Nullable(Type.String()),
  hasSensitivity: Type.Boolean(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  version: Type.Integer(),
});

/** What the public sees of a snapshot: no inputs, no authors. */
export const PublicSnapshotSchema = Type.Object({
  id: Type.String(),
  plan: Type.String(),
  planVersion: Type.Integer(),
  period: Type.String(),
  hash: Type.String(),
  units: Type.Integer(),
  final: Type.Boolean(),
  correctsId: Nullable(Type.String()),
  correctionReason: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  noticeEndsAt: Nullable(Type.String()),
});

export const RankingRowSchema = Type.Object({
  unitCode: Type.String(),
  unitName: Type.String(),
  class: Type.String(),
  total: Type.Number(),
  rank: Type.Integer(),
  classSize: Type.Integer(),
  grade: Type.String(),
  dimensions: Type.Record(Type.String(), Type.Number()),
});

export const RankingPageSchema = Type.Object({ items: Type.Array(RankingRowSchema), total: Type.Integer() });

export const RankingQuerySchema = Type.Object(
  {
    class: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);

export const UnitDetailSchema = Type.Object({
  figures: RankingRowSchema,
  explanation: Type.Unknown({ description: "the engine's Explanation (see @xiaoneng/engine explain())" }),
  text: Type.String({ description: 'the explanation as text in the language of Accept-Language' }),
});

export const SnapshotUnitParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  unitCode: Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9A-Za-z_-]+$' }),
});

export const AppealSchema = Type.Object({
  id: Type.String(),
  snapshotId: Type.String(),
  unitCode: Type.String(),
  reasons: Type.String(),
  evidence: Type.Array(Type.String()),
  status: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('rejected')]),
  reply: Nullable(Type.String()),
  filedBy: Type.String(),
  filedAt: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  correctedById: Nullable(Type.String()),
  version: Type.Integer(),
});
