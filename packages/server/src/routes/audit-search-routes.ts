import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { searchAudit } from '../audit/search-audit.js';
import { principalOf } from '../http/request-principal.js';
import { Instant, Nullable, responses } from '../http/schemas.js';
import { EntrySchema } from './audit-routes.js';

const Text = (maxLength: number) => Type.Optional(Type.String({ minLength: 1, maxLength }));

export function auditSearchRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/audit/search',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: "The province's audit log newest first, filtered by actor, action, entity, request and time",
        querystring: Type.Object(
          {
            beforeSeq: Type.Optional(
              Type.Integer({ minimum: 1, description: 'entries older than this seq' }),
            ),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
            action: Text(64),
            actor: Text(128),
            entity: Text(64),
            entityId: Text(200),
            requestId: Text(128),
            from: Type.Optional(Instant),
            to: Type.Optional(Instant),
          },
          { additionalProperties: false },
        ),
        response: responses({
          200: Type.Object({
            items: Type.Array(EntrySchema),
            nextBeforeSeq: Nullable(Type.Integer({ description: 'pass as beforeSeq for the next page' })),
          }),
        }),
      },
    },
    async (request) => searchAudit(ctx.db, principalOf(request).province, request.query),
  );
}
