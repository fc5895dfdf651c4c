import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import {
  getSecurityPolicy,
  SECURITY_POLICY_BOUNDS,
  type SecurityPolicySettings,
} from '../auth/security-policy.js';
import { updateSecurityPolicy } from '../auth/update-security-policy.js';
import { actOf, principalOf } from '../http/request-principal.js';
import { Instant, Nullable, responses, VersionField } from '../http/schemas.js';

const bounded = (key: keyof SecurityPolicySettings) => {
  const [minimum, maximum] = SECURITY_POLICY_BOUNDS[key];
  return Type.Integer({ minimum, maximum });
};

const Settings = {
  passwordMinLength: bounded('passwordMinLength'),
  passwordMinClasses: bounded('passwordMinClasses'),
  lockoutThreshold: bounded('lockoutThreshold'),
  lockoutWindowMinutes: bounded('lockoutWindowMinutes'),
  lockoutDurationMinutes: bounded('lockoutDurationMinutes'),
  sessionIdleMinutes: bounded('sessionIdleMinutes'),
  sessionAbsoluteMinutes: bounded('sessionAbsoluteMinutes'),
};

const PolicySchema = Type.Object({
  province: Type.String(),
  ...Settings,
  version: Type.Integer({ description: '0 while the defaults apply' }),
  updatedAt: Nullable(Instant),
});

export function securityPolicyRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/security-policy',
    {
      config: { permission: 'securityPolicy.read' },
      schema: {
        tags: ['security'],
        summary: "The province's security policy",
        response: responses({ 200: PolicySchema }),
      },
    },
    async (request) => getSecurityPolicy(ctx.db, principalOf(request).province),
  );

  app.put(
    '/api/security-policy',
    {
      config: { permission: 'securityPolicy.write' },
      schema: {
        tags: ['security'],
        summary: 'Replace the security policy',
        body: Type.Object({ ...Settings, version: VersionField }, { additionalProperties: false }),
        response: responses({ 200: PolicySchema }),
      },
    },
    async (request) => {
      const { version, ...settings } = request.body;
      return updateSecurityPolicy(ctx.db, actOf(ctx, request), settings, version);
    },
  );
}
