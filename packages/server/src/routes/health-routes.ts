import { sql } from 'kysely';
import Type from 'typebox';
import type { AppContext } from '../app/app-context.js';
import type { AppInstance } from '../app/app-instance.js';
import { dialectOf } from '../db/database.js';
import { problem } from '../http/app-error.js';
import { responses } from '../http/schemas.js';
import { t } from '../localised.js';

export function healthRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: responses({ 200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }) }),
      },
    },
    async (request) => {
      try {
        await sql`select 1`.execute(ctx.db);
      } catch (err) {
        request.log.error({ err }, 'health check: database unreachable');
        throw problem('service_unavailable', t('数据库不可用', 'the database is unreachable'));
      }
      return { status: 'ok' as const, database: dialectOf(ctx.db) };
    },
  );
}
