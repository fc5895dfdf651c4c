import type { AppConfig } from './app-config.js';

/** Server settings from the environment: XN_COOKIE_SECURE=false, XN_TRUST_PROXY=true, XN_AUDIT_HASH=sm3. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const config: AppConfig = {};
  if (env.XN_COOKIE_SECURE !== undefined) config.cookieSecure = env.XN_COOKIE_SECURE !== 'false';
  if (env.XN_TRUST_PROXY !== undefined) config.trustProxy = env.XN_TRUST_PROXY === 'true';
  if (env.XN_AUDIT_HASH === 'sm3' || env.XN_AUDIT_HASH === 'sha256')
    config.auditAlgorithm = env.XN_AUDIT_HASH;
  return config;
}
