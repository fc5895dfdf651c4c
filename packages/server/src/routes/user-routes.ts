import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { PASSWORD_MAX_LENGTH } from '../auth/password-policy.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { IdParams, Nullable, RoleSchema, responses, UnitCodeSchema, VersionField } from '../http/schemas.js';
import { assignRoles } from '../users/assign-roles.js';
import { createUser } from '../users/create-user.js';
import { resetPassword } from '../users/reset-password.js';
import { unlockUser } from '../users/unlock-user.js';
import { updateUser } from '../users/update-user.js';
import { getUser, listUsers } from '../users/user-repository.js';
import { UserSchema } from './user-view.js';

const Username = Type.String({
  minLength: 2,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
  description: 'letters, digits, dot, underscore, hyphen; stored in lower case',
});
const DisplayName = Type.String({ minLength: 1, maxLength: 100 });
const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH });

export function userRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/users',
    {
      config: { permission: 'users.read' },
      schema: {
        tags: ['users'],
        summary: "List the province's accounts",
        querystring: Type.Object(
          {
            role: Type.Optional(RoleSchema),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
            offset: Type.Integer({ minimum: 0, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ items: Type.Array(UserSchema), total: Type.Integer() }) }),
      },
    },
    async (request) => listUsers(ctx.db, principalOf(request).province, request.query),
  );

  app.get(
    '/api/users/:id',
    {
      config: { permission: 'users.read' },
      schema: {
        tags: ['users'],
        summary: 'One account',
        params: IdParams,
        response: responses({ 200: UserSchema }),
      },
    },
    async (request) => getUser(ctx.db, principalOf(request).province, request.params.id),
  );

  app.post(
    '/api/users',
    {
      config: { permission: 'users.write' },
      schema: {
        tags: ['users'],
        summary: 'Create an account (no roles: the security administrator assigns them)',
        body: Type.Object(
          { username: Username, displayName: DisplayName, password: Password },
          { additionalProperties: false },
        ),
        response: responses({ 201: UserSchema }),
      },
    },
    async (request, reply) => {
      const user = await createUser(ctx.db, ctx.hasher, actOf(ctx, request), request.body);
      return reply.code(201).send(user);
    },
  );

  app.put(
    '/api/users/:id',
    {
      config: { permission: 'users.write' },
      schema: {
        tags: ['users'],
        summary: 'Rename, disable or enable an ordinary account',
        params: IdParams,
        body: Type.Object(
          {
            displayName: Type.Optional(DisplayName),
            disabled: Type.Optional(Type.Boolean()),
            version: VersionField,
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: UserSchema }),
      },
    },
    async (request) => updateUser(ctx.db, actOf(ctx, request), request.params.id, request.body),
  );

  app.put(
    '/api/users/:id/roles',
    {
      config: { permission: 'users.assignRoles' },
      schema: {
        tags: ['users'],
        summary: 'Assign roles and unit scope',
        params: IdParams,
        body: Type.Object(
          {
            roles: Type.Array(RoleSchema, { uniqueItems: true, maxItems: 9 }),
            unitCode: Nullable(UnitCodeSchema),
            version: VersionField,
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: UserSchema }),
      },
    },
    async (request) => assignRoles(ctx.db, actOf(ctx, request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/password-reset',
    {
      config: { permission: 'users.write' },
      schema: {
        tags: ['users'],
        summary: 'Set a temporary password (must be changed at next sign-in)',
        params: IdParams,
        body: Type.Object({ newPassword: Password, version: VersionField }, { additionalProperties: false }),
        response: responses({ 200: UserSchema }),
      },
    },
    async (request) =>
      resetPassword(ctx.db, ctx.hasher, actOf(ctx, request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/unlock',
    {
      config: { permission: 'users.write' },
      schema: {
        tags: ['users'],
        summary: 'Lift a lockout',
        params: IdParams,
        response: responses({ 200: UserSchema }),
      },
    },
    async (request) => unlockUser(ctx.db, actOf(ctx, request), request.params.id),
  );
}
