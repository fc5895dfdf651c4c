import Type from 'typebox';
import { Nullable, UnitCodeSchema } from '../http/schemas.js';

/** A unit as the API shows it and takes it. */
export const UnitSchema = Type.Object({
  code: UnitCodeSchema,
  name: Type.String(),
  classCode: Type.String(),
  parentCode: Nullable(UnitCodeSchema),
  level: Type.String(),
  elasticity: Nullable(Type.Number()),
  disabled: Type.Boolean(),
  version: Type.Integer(),
});

export const ClassCodeSchema = Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9A-Za-z_.-]+$' });
export const UnitNameSchema = Type.String({ minLength: 1, maxLength: 100 });
export const LevelSchema = Type.String({
  minLength: 1,
  maxLength: 32,
  description: 'department, city, county, town, village … (open list)',
});
export const ElasticitySchema = Type.Number({ exclusiveMinimum: 0, maximum: 10 });

/** The tree view: a unit and the units under it, to any depth (JSON Schema by reference to itself). */
export const UnitNodeSchema = Type.Any({
  description: 'a unit (as UnitSchema) with `children`: the units under it',
});

export const UnitClassSchema = Type.Object({ code: ClassCodeSchema, name: UnitNameSchema });
