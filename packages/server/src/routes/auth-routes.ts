import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { changeOwnPassword } from '../auth/change-password.js';
import { login } from '../auth/login.js';
import { logout, logoutEverywhere } from '../auth/logout.js';
import { PASSWORD_MAX_LENGTH } from '../auth/password-policy.js';
import { PERMISSION_NAMES, rolesGrant } from '../auth/permissions.js';
import type { UserPrincipal } from '../auth/principal.js';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie.js';
import { actOf, userOf } from '../http/request-principal.js';
import { NoContent, Nullable, RoleSchema, responses, UnitCodeSchema } from '../http/schemas.js';

const MeSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  province: Type.String(),
  roles: Type.Array(RoleSchema),
  unitCode: Nullable(UnitCodeSchema),
  mustChangePassword: Type.Boolean(),
  /** Permissions the roles hold, so that a client can show only what the person may use. */
  permissions: Type.Array(Type.String()),
  csrfToken: Type.String({ description: 'send it in X-CSRF-Token with every write' }),
});

const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH });

function me(p: UserPrincipal, csrfToken = p.csrfToken) {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    province: p.province,
    roles: [...p.roles],
    unitCode: p.unitCode,
    mustChangePassword: p.mustChangePassword,
    permissions: PERMISSION_NAMES.filter((perm) => rolesGrant(p.roles, perm)),
    csrfToken,
  };
}

export function authRoutes(app: AppInstance, ctx: AppContext): void {
  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in (sets the session cookie)',
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 64 }), password: Password },
          { additionalProperties: false },
        ),
        response: responses({ 200: MeSchema }),
      },
    },
    async (request, reply) => {
      const { user, session } = await login(ctx, request.body, request.id, request.log);
      setSessionCookie(reply, session.secret, ctx.config.cookieSecure);
      return me(
        {
          kind: 'user',
          userId: user.id,
          username: user.username,
          displayName: user.displayName,
          province: user.province,
          roles: user.roles,
          unitCode: user.unitCode,
          mustChangePassword: user.mustChangePassword,
          sessionIdHash: session.idHash,
          csrfToken: session.csrfToken,
        },
        session.csrfToken,
      );
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { permission: 'self' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in account and its CSRF token',
        response: responses({ 200: MeSchema }),
      },
    },
    async (request) => me(userOf(request)),
  );

  app.post(
    '/api/auth/logout',
    {
      config: { permission: 'self' },
      schema: { tags: ['auth'], summary: 'End this session', response: responses({ 204: NoContent }) },
    },
    async (request, reply) => {
      await logout(ctx.db, actOf(ctx, request), userOf(request));
      clearSessionCookie(reply, ctx.config.cookieSecure);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/logout-all',
    {
      config: { permission: 'self' },
      schema: {
        tags: ['auth'],
        summary: 'End every session of this account, this one included',
        response: responses({ 200: Type.Object({ sessionsEnded: Type.Integer() }) }),
      },
    },
    async (request, reply) => {
      const sessionsEnded = await logoutEverywhere(ctx.db, actOf(ctx, request), userOf(request));
      clearSessionCookie(reply, ctx.config.cookieSecure);
      return { sessionsEnded };
    },
  );

  app.put(
    '/api/auth/password',
    {
      config: { permission: 'self' },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password (ends your other sessions)',
        body: Type.Object(
          { currentPassword: Password, newPassword: Password },
          { additionalProperties: false },
        ),
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await changeOwnPassword(ctx, actOf(ctx, request), userOf(request), request.body);
      return reply.code(204).send(null);
    },
  );
}
