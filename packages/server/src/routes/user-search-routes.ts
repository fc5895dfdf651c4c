import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { principalOf } from '../http/request-principal.js';
import { RoleSchema, responses, UnitCodeSchema } from '../http/schemas.js';
import { searchUsers } from '../users/search-users.js';
import { UserSchema } from './user-view.js';

export function userSearchRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/users/search',
    {
      config: { permission: 'users.read' },
      schema: {
        tags: ['users'],
        summary: 'Find accounts by part of the username or display name, role, unit and state',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100, description: 'part of the username or name' })),
            role: Type.Optional(RoleSchema),
            unitCode: Type.Optional(UnitCodeSchema),
            state: Type.Optional(
              Type.Union([Type.Literal('enabled'), Type.Literal('disabled'), Type.Literal('locked')], {
                description: 'locked: locked out now after failed sign-ins',
              }),
            ),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
            offset: Type.Integer({ minimum: 0, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ items: Type.Array(UserSchema), total: Type.Integer() }) }),
      },
    },
    async (request) => searchUsers(ctx.db, principalOf(request).province, ctx.clock(), request.query),
  );
}
