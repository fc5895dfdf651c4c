import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import '../http/fastify-augment.js';
import { installAuthorisation } from '../auth/authorisation-hook.js';
import { createPasswordHasher } from '../auth/password-hasher.js';
import { SessionCache } from '../auth/session-cache.js';
import type { Db } from '../db/database.js';
import { installErrorHandling } from '../http/error-handler.js';
import { installJsonBodyParser } from '../http/json-body-parser.js';
import { REQUEST_ID_HEADER, requestIdOf } from '../http/request-id.js';
import { createValidatorCompiler } from '../http/validator-compiler.js';
import { installWebAssets } from '../http/web-assets.js';
import { appealEvidenceRoutes } from '../routes/appeal-evidence-routes.js';
import { auditRoutes } from '../routes/audit-routes.js';
import { auditSearchRoutes } from '../routes/audit-search-routes.js';
import { authRoutes } from '../routes/auth-routes.js';
import { calendarRoutes } from '../routes/calendar-routes.js';
import { dashboardRoutes } from '../routes/dashboard-routes.js';
import { entryFormRoutes } from '../routes/entry-form-routes.js';
import { evidenceRoutes } from '../routes/evidence-routes.js';
import { healthRoutes } from '../routes/health-routes.js';
import { importRoutes } from '../routes/import-routes.js';
import { periodRoutes } from '../routes/period-routes.js';
import { planRoutes } from '../routes/plan-routes.js';
import { planToolRoutes } from '../routes/plan-tool-routes.js';
import { publicRankingRoutes } from '../routes/public-ranking-routes.js';
import { publicRoutes } from '../routes/public-routes.js';
import { resultLegendRoutes } from '../routes/result-legend-routes.js';
import { resultRoutes } from '../routes/result-routes.js';
import { securityPolicyRoutes } from '../routes/security-policy-routes.js';
import { sourceImportRoutes } from '../routes/source-import-routes.js';
import { submissionRoutes } from '../routes/submission-routes.js';
import { tokenRoutes } from '../routes/token-routes.js';
import { unitAdviceRoutes } from '../routes/unit-advice-routes.js';
import { unitRoutes } from '../routes/unit-routes.js';
import { userRoutes } from '../routes/user-routes.js';
import { userSearchRoutes } from '../routes/user-search-routes.js';
import { type AppConfig, resolveConfig } from './app-config.js';
import type { AppContext } from './app-context.js';
import type { AppInstance } from './app-instance.js';
import { type Clock, systemClock } from './clock.js';
import { describeRouteAccess, openApiOptions } from './openapi.js';
import { DOCS_PREFIX, installRouteRegistry, type RegisteredRoute } from './route-registry.js';

export interface BuildAppOptions {
  db: Db;
  clock?: Clock;
  config?: AppConfig;
}

const routesOfApp = new WeakMap<object, RegisteredRoute[]>();

/** Every route of an app built by buildApp, with its permission, in registration order. */
export function registeredRoutes(app: AppInstance): readonly RegisteredRoute[] {
  return routesOfApp.get(app) ?? [];
}

/**
 * The HTTP application: JSON in, JSON or problem+json out, every route behind its declared permission.
 * Nothing listens: call `listen` to serve, or `inject` to test in-process. The database is the caller's
 * (migrated, and closed by the caller).
 */
export async function buildApp(options: BuildAppOptions): Promise<AppInstance> {
  const config = resolveConfig(options.config);
  const ctx: AppContext = {
    db: options.db,
    clock: options.clock ?? systemClock,
    config,
    hasher: createPasswordHasher(config.passwordHashing),
    sessionCache: new SessionCache(),
  };
  const app = Fastify({
    logger: config.logger ?? false,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    genReqId: requestIdOf,
    requestIdHeader: false,
    exposeHeadRoutes: false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(createValidatorCompiler());
  installJsonBodyParser(app);
  installErrorHandling(app, { bodyLimit: config.bodyLimit });
  await app.register(fastifyCookie);
  const routes = installRouteRegistry(app);
  routesOfApp.set(app, routes);
  app.addHook('onRoute', describeRouteAccess);
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    reply.header('x-content-type-options', 'nosniff');
    if (!request.url.startsWith(DOCS_PREFIX)) reply.header('cache-control', 'no-store');
  });
  installAuthorisation(app, ctx);

  await app.register(fastifySwagger, openApiOptions);
  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX });

  for (const register of [
    healthRoutes,
    authRoutes,
    userRoutes,
    userSearchRoutes,
    securityPolicyRoutes,
    tokenRoutes,
    auditRoutes,
    auditSearchRoutes,
    unitRoutes,
    planRoutes,
    planToolRoutes,
    periodRoutes,
    calendarRoutes,
    submissionRoutes,
    entryFormRoutes,
    evidenceRoutes,
    importRoutes,
    sourceImportRoutes,
    resultRoutes,
    dashboardRoutes,
    publicRoutes,
    unitAdviceRoutes,
    resultLegendRoutes,
    publicRankingRoutes,
    appealEvidenceRoutes,
  ])
    register(app, ctx);
  await installWebAssets(app, config.webRoot);
  return app;
}
