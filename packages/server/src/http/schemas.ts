import Type, { type TSchema } from 'typebox';
import { ROLES } from '../auth/roles.js';

/** The problem document (RFC 9457) every error response carries; for the OpenAPI document. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'urn:xiaoneng:problem:<code>' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'stable machine code' }),
    instance: Type.String({ description: 'path of the request' }),
    requestId: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String(),
          message: Type.String(),
          row: Type.Optional(Type.Integer({ description: 'imports: 1-based row of the file (header = 1)' })),
          column: Type.Optional(Type.String({ description: 'imports: the column header' })),
        }),
      ),
    ),
  },
  { additionalProperties: true, description: 'application/problem+json, in the language of Accept-Language' },
);

/** Response schemas of a route: its success responses plus problems for 4xx and 5xx. */
export function responses<R extends Record<number, TSchema>>(
  ok: R,
): R & { '4xx': typeof ProblemSchema; '5xx': typeof ProblemSchema } {
  return { ...ok, '4xx': ProblemSchema, '5xx': ProblemSchema };
}

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const VersionField = Type.Integer({
  minimum: 0,
  description: 'the version read; 409 when it is stale',
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const RoleSchema = Type.Enum([...ROLES]);

export const UnitCodeSchema = Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9A-Za-z_-]+$' });

export const Instant = Type.String({ format: 'date-time' });

export const NoContent = Type.Null({ description: 'no content' });
