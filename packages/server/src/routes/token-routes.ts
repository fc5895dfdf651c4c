import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../auth/api-token-repository.js';
import { type Permission, TOKEN_SCOPES } from '../auth/permissions.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { IdParams, Instant, Nullable, responses, UnitCodeSchema } from '../http/schemas.js';

const TokenSchema = Type.Object({
  id: Type.String(),
  province: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  unitCode: Nullable(UnitCodeSchema),
  createdBy: Type.String(),
  createdAt: Instant,
  expiresAt: Instant,
  revokedAt: Nullable(Instant),
  lastUsedAt: Nullable(Instant),
});

export function tokenRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/tokens',
    {
      config: { permission: 'tokens.manage' },
      schema: {
        tags: ['security'],
        summary: 'List API tokens (never their secrets)',
        response: responses({ 200: Type.Array(TokenSchema) }),
      },
    },
    async (request) => listApiTokens(ctx.db, principalOf(request).province),
  );

  app.post(
    '/api/tokens',
    {
      config: { permission: 'tokens.manage' },
      schema: {
        tags: ['security'],
        summary: 'Issue an API token; its secret is shown in this response only',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            scopes: Type.Array(Type.Enum([...TOKEN_SCOPES]), { minItems: 1, uniqueItems: true }),
            unitCode: Type.Optional(Nullable(UnitCodeSchema)),
            expiresInDays: Type.Integer({ minimum: 1, maximum: 366 }),
          },
          { additionalProperties: false },
        ),
        response: responses({
          201: Type.Object({
            token: TokenSchema,
            secret: Type.String({ description: 'Authorization: Bearer <secret>' }),
          }),
        }),
      },
    },
    async (request, reply) => {
      const body = request.body;
      const created = await createApiToken(ctx.db, actOf(ctx, request), {
        name: body.name,
        scopes: body.scopes as Permission[],
        unitCode: body.unitCode ?? null,
        expiresInDays: body.expiresInDays,
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { permission: 'tokens.manage' },
      schema: {
        tags: ['security'],
        summary: 'Revoke an API token',
        params: IdParams,
        response: responses({ 200: TokenSchema }),
      },
    },
    async (request) => revokeApiToken(ctx.db, actOf(ctx, request), request.params.id),
  );
}
