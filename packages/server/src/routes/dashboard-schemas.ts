import Type from 'typebox';
import { Nullable } from '../http/schemas.js';

const NamedCode = Type.Object({ code: Type.String(), name: Type.String() });
const SnapshotRef = Type.Object({ id: Type.String(), plan: Type.String(), period: Type.String() });
const Shares = Type.Array(Nullable(Type.Number()), {
  description: "share (0…1) of each dimension's full marks, in `dimensions` order; null where not scored",
});

const ClassCode = Type.String({ minLength: 1, maxLength: 64 });
const Level = Type.String({ minLength: 1, maxLength: 32 });
const UnitCode = Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9A-Za-z_-]+$' });

export const SummaryQuery = Type.Object(
  {
    class: Type.Optional(ClassCode),
    level: Type.Optional(Level),
    bins: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);

export const SummarySchema = Type.Object({
  snapshot: SnapshotRef,
  units: Type.Integer({ description: 'units in your scope that pass the filters' }),
  fullMarks: Type.Number(),
  lightThresholds: Type.Object(
    { green: Type.Number(), yellow: Type.Number() },
    { description: "traffic lights by share of a dimension's full marks: green ≥ green, yellow ≥ yellow" },
  ),
  dimensions: Type.Array(NamedCode),
  classes: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      units: Type.Integer(),
      grades: Type.Record(Type.String(), Type.Integer()),
      lights: Type.Array(
        Type.Object({
          dimension: Type.String(),
          green: Type.Integer(),
          yellow: Type.Integer(),
          red: Type.Integer(),
        }),
      ),
    }),
  ),
  histogram: Type.Object({
    width: Type.Number(),
    bins: Type.Array(Type.Object({ from: Type.Number(), to: Type.Number(), count: Type.Integer() })),
  }),
  levels: Type.Array(Type.Object({ level: Type.String(), units: Type.Integer() }), {
    description: 'levels of the units in your scope (before the filters), for the level filter',
  }),
  indicators: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      depth: Type.Integer(),
      parent: Nullable(Type.String()),
      leaf: Type.Boolean(),
      unit: Nullable(Type.String()),
    }),
    { description: 'every node of the indicator trees, in tree order (for the trend chart)' },
  ),
});

export const HeatMapQuery = Type.Object({ parent: Type.Optional(UnitCode) }, { additionalProperties: false });

const HeatRowSchema = Type.Object({
  unitCode: Type.String(),
  unitName: Type.String(),
  class: Type.String(),
  total: Type.Number(),
  rank: Type.Integer(),
  grade: Type.String(),
  shares: Shares,
  children: Type.Integer({ description: 'children in your scope (0: nothing to drill into)' }),
  below: Nullable(
    Type.Object(
      { units: Type.Integer(), shares: Shares },
      { description: 'mean over the units below this one' },
    ),
  ),
});

export const HeatMapSchema = Type.Object({
  snapshot: SnapshotRef,
  dimensions: Type.Array(NamedCode),
  path: Type.Array(NamedCode, { description: 'breadcrumb from the top of your scope down to the parent' }),
  parent: Nullable(HeatRowSchema),
  rows: Type.Array(HeatRowSchema),
});

export const RankingTableQuery = Type.Object(
  { class: Type.Optional(ClassCode), level: Type.Optional(Level) },
  { additionalProperties: false },
);

export const RankingFirstQuery = Type.Object(
  {
    class: Type.Optional(ClassCode),
    level: Type.Optional(Level),
    first: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1000,
        description: 'only the first rows (a first screen while the whole table loads); total counts all',
      }),
    ),
  },
  { additionalProperties: false },
);

const Column = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Array(item);

export const RankingTableSchema = Type.Object({
  snapshot: SnapshotRef,
  /** Rows of the whole table, also when `first` asked for fewer. */
  total: Type.Integer({ minimum: 0 }),
  previous: Nullable(SnapshotRef),
  sensitivity: Nullable(Type.Object({ draws: Type.Integer() })),
  rows: Type.Object(
    {
      unitCode: Column(Type.String()),
      unitName: Column(Type.String()),
      class: Column(Type.String()),
      level: Column(Nullable(Type.String())),
      parentCode: Column(Nullable(Type.String())),
      total: Column(Type.Number()),
      rank: Column(Type.Integer()),
      classSize: Column(Type.Integer()),
      grade: Column(Type.String()),
      previousRank: Column(Nullable(Type.Integer())),
      rankP05: Column(Nullable(Type.Integer())),
      rankMedian: Column(Nullable(Type.Integer())),
      rankP95: Column(Nullable(Type.Integer())),
    },
    { description: 'one column per field, a row per unit: by class, rank, unit code' },
  ),
});

export const TrendQuery = Type.Object(
  {
    node: Type.String({ minLength: 1, maxLength: 64, description: 'indicator or dimension code' }),
    unit: Type.Optional(UnitCode),
    subtree: Type.Boolean({ default: false, description: 'mean over the unit and everything below it' }),
  },
  { additionalProperties: false },
);

export const TrendSchema = Type.Object({
  node: Type.Object({
    code: Type.String(),
    name: Type.String(),
    leaf: Type.Boolean(),
    unit: Nullable(Type.String()),
  }),
  unit: Nullable(NamedCode),
  subtree: Type.Boolean(),
  points: Type.Array(
    Type.Object({
      period: Type.String(),
      snapshotId: Type.String(),
      units: Type.Integer(),
      fraction: Nullable(Type.Number()),
      points: Nullable(Type.Number()),
      fullPoints: Nullable(Type.Number()),
    }),
  ),
});
