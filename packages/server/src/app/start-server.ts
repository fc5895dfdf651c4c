import { type BootstrapResult, bootstrapAdmins } from '../auth/bootstrap-admins.js';
import { createDatabase, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import type { AppConfig } from './app-config.js';
import type { AppInstance } from './app-instance.js';
import { buildApp } from './build-app.js';

export interface StartServerOptions {
  /** A PostgreSQL URL or a SQLite file; default DATABASE_URL, then ./data/xiaoneng.db. */
  databaseUrl?: string;
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1; 0.0.0.0 to serve other machines (put HTTPS in front). */
  host?: string;
  config?: AppConfig;
  /** First run: create this province and its three administrators if it has none yet. */
  bootstrap?: { province: { code: string; name: string }; mustChangePassword?: boolean };
}

export interface RunningServer {
  app: AppInstance;
  db: Db;
  url: string;
  /** What the first run created (passwords to print once); absent when nothing was bootstrapped. */
  bootstrap?: BootstrapResult;
  /** Stops listening and closes the database. */
  close(): Promise<void>;
}

/** Opens and migrates the database, bootstraps when asked, and serves the app. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const db = createDatabase(options.databaseUrl);
  try {
    const report = await migrateToLatest(db);
    if (report.error !== undefined) throw report.error;
    const bootstrap =
      options.bootstrap === undefined
        ? undefined
        : await bootstrapAdmins(db, {
            ...options.bootstrap,
            ...(options.config?.passwordHashing === undefined
              ? {}
              : { passwordHashing: options.config.passwordHashing }),
            ...(options.config?.auditAlgorithm === undefined
              ? {}
              : { auditAlgorithm: options.config.auditAlgorithm }),
          });
    const app = await buildApp({ db, ...(options.config === undefined ? {} : { config: options.config }) });
    const url = await app.listen({ port: options.port ?? 3000, host: options.host ?? '127.0.0.1' });
    return {
      app,
      db,
      url,
      ...(bootstrap?.bootstrapped ? { bootstrap } : {}),
      close: async () => {
        await app.close();
        await db.destroy();
      },
    };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
