import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { requireUnitInScope, unitScopeOf } from '../auth/row-scope.js';
import { problem } from '../http/app-error.js';
import { installMultipart, readUploadedFile } from '../http/multipart.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { Nullable, responses, UnitCodeSchema, VersionField } from '../http/schemas.js';
import { t } from '../localised.js';
import { createUnit } from '../units/create-unit.js';
import { createUnitClass, listUnitClasses } from '../units/unit-classes.js';
import { getUnit, listUnits, unitTree } from '../units/unit-repository.js';
import { exportUnits, importUnits } from '../units/unit-table-file.js';
import { updateUnit } from '../units/update-unit.js';
import {
  ClassCodeSchema,
  ElasticitySchema,
  LevelSchema,
  UnitClassSchema,
  UnitNameSchema,
  UnitNodeSchema,
  UnitSchema,
} from './unit-view.js';

const CodeParams = Type.Object({ code: UnitCodeSchema });

const CharsetSchema = Type.Union([Type.Literal('utf8'), Type.Literal('gbk')]);
const UNIT_FILE_MAX_BYTES = 20 * 1024 * 1024;

export function unitRoutes(app: AppInstance, ctx: AppContext): void {
  installMultipart(app);

  app.get(
    '/api/units/export',
    {
      config: { permission: 'units.read' },
      schema: {
        tags: ['units'],
        summary: 'Units in your scope as CSV (UTF-8 with BOM, or GBK), the columns the import reads',
        querystring: Type.Object(
          { charset: Type.Union([Type.Literal('utf8'), Type.Literal('gbk')], { default: 'utf8' }) },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Unknown({ description: 'CSV file' }) }),
      },
    },
    async (request, reply) => {
      const charset = request.query.charset;
      const content = await exportUnits(ctx.db, unitScopeOf(principalOf(request)), charset);
      return reply
        .type(`text/csv; charset=${charset === 'gbk' ? 'gbk' : 'utf-8'}`)
        .header('content-disposition', "attachment; filename*=UTF-8''units.csv")
        .send(content);
    },
  );

  app.post(
    '/api/units/import',
    {
      config: { permission: 'units.write' },
      schema: {
        tags: ['units'],
        summary: 'Add and update units from a CSV file (multipart, field "file"); all or nothing',
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ charset: Type.Optional(CharsetSchema) }, { additionalProperties: false }),
        response: responses({
          200: Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() }),
        }),
      },
    },
    async (request) => {
      const { content: bytes } = await readUploadedFile(request, UNIT_FILE_MAX_BYTES, () =>
        problem(
          'payload_too_large',
          t(
            `单位文件不得超过 ${UNIT_FILE_MAX_BYTES} 字节`,
            `unit files may not exceed ${UNIT_FILE_MAX_BYTES} bytes`,
          ),
        ),
      );
      return importUnits(
        ctx.db,
        actOf(ctx, request),
        unitScopeOf(principalOf(request)),
        bytes,
        request.query.charset,
      );
    },
  );

  app.get(
    '/api/units',
    {
      config: { permission: 'units.read' },
      schema: {
        tags: ['units'],
        summary: 'Units in your scope, by code; filter by class, level, parent',
        querystring: Type.Object(
          {
            classCode: Type.Optional(ClassCodeSchema),
            level: Type.Optional(LevelSchema),
            parentCode: Type.Optional(
              Type.Union([UnitCodeSchema, Type.Literal('')], { description: "'' for top-level units" }),
            ),
            includeDisabled: Type.Boolean({ default: false }),
            limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
            offset: Type.Integer({ minimum: 0, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ items: Type.Array(UnitSchema), total: Type.Integer() }) }),
      },
    },
    async (request) => listUnits(ctx.db, unitScopeOf(principalOf(request)), request.query),
  );

  app.get(
    '/api/units/tree',
    {
      config: { permission: 'units.read' },
      schema: {
        tags: ['units'],
        summary: 'Units in your scope as a tree by division code',
        querystring: Type.Object(
          { includeDisabled: Type.Boolean({ default: false }) },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ roots: Type.Array(UnitNodeSchema) }) }),
      },
    },
    async (request) => ({
      roots: await unitTree(ctx.db, unitScopeOf(principalOf(request)), request.query.includeDisabled),
    }),
  );

  app.get(
    '/api/units/:code',
    {
      config: { permission: 'units.read' },
      schema: {
        tags: ['units'],
        summary: 'One unit',
        params: CodeParams,
        response: responses({ 200: UnitSchema }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const unit = await getUnit(ctx.db, principal.province, request.params.code);
      await requireUnitInScope(ctx.db, principal, unit.code);
      return unit;
    },
  );

  app.post(
    '/api/units',
    {
      config: { permission: 'units.write' },
      schema: {
        tags: ['units'],
        summary: 'Add a unit',
        body: Type.Object(
          {
            code: UnitCodeSchema,
            name: UnitNameSchema,
            classCode: ClassCodeSchema,
            parentCode: Nullable(UnitCodeSchema),
            level: LevelSchema,
            elasticity: Type.Optional(Nullable(ElasticitySchema)),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: UnitSchema }),
      },
    },
    async (request, reply) => {
      const body = request.body;
      const unit = await createUnit(ctx.db, actOf(ctx, request), unitScopeOf(principalOf(request)), {
        ...body,
        elasticity: body.elasticity ?? null,
      });
      return reply.code(201).send(unit);
    },
  );

  app.put(
    '/api/units/:code',
    {
      config: { permission: 'units.write' },
      schema: {
        tags: ['units'],
        summary: 'Rename, re-class, move, disable or enable a unit',
        params: CodeParams,
        body: Type.Object(
          {
            name: Type.Optional(UnitNameSchema),
            classCode: Type.Optional(ClassCodeSchema),
            parentCode: Type.Optional(Nullable(UnitCodeSchema)),
            level: Type.Optional(LevelSchema),
            elasticity: Type.Optional(Nullable(ElasticitySchema)),
            disabled: Type.Optional(Type.Boolean()),
            version: VersionField,
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: UnitSchema }),
      },
    },
    async (request) =>
      updateUnit(
        ctx.db,
        actOf(ctx, request),
        unitScopeOf(principalOf(request)),
        request.params.code,
        request.body,
      ),
  );

  app.get(
    '/api/unit-classes',
    {
      config: { permission: 'units.read' },
      schema: {
        tags: ['units'],
        summary: 'Unit classes (分类考核)',
        response: responses({ 200: Type.Object({ items: Type.Array(UnitClassSchema) }) }),
      },
    },
    async (request) => ({ items: await listUnitClasses(ctx.db, principalOf(request).province) }),
  );

  app.post(
    '/api/unit-classes',
    {
      config: { permission: 'units.write' },
      schema: {
        tags: ['units'],
        summary: 'Add a unit class',
        body: Type.Object({ code: ClassCodeSchema, name: UnitNameSchema }, { additionalProperties: false }),
        response: responses({ 201: UnitClassSchema }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createUnitClass(ctx.db, actOf(ctx, request), request.body)),
  );
}
