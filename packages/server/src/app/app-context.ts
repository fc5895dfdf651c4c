import type { PasswordHasher } from '../auth/password-hasher.js';
import type { SessionCache } from '../auth/session-cache.js';
import type { Db } from '../db/database.js';
import type { ResolvedAppConfig } from './app-config.js';
import type { Clock } from './clock.js';

/** What route handlers and services of one app share. */
export interface AppContext {
  db: Db;
  clock: Clock;
  config: ResolvedAppConfig;
  hasher: PasswordHasher;
  /** Sessions read moments ago; cleared by writes to accounts, sessions and policy. */
  sessionCache: SessionCache;
}
