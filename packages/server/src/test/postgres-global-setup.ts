import type { TestProject } from 'vitest/node';
import { startThrowawayCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the throwaway cluster the server tests create their databases in. */
    postgresAdminUrl: string;
  }
}

/**
 * Vitest global setup of the server tests: one throwaway PostgreSQL cluster for the whole run, stopped and
 * removed at the end. Missing binaries fail the run with an install hint; the PostgreSQL suite never skips
 * silently.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startThrowawayCluster();
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
