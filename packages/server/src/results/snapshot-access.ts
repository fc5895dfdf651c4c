import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import { notFound } from '../http/app-error.js';
import { SNAPSHOT } from './result-problems.js';
import { getSnapshotHead, SNAPSHOT_HEAD_COLUMNS, type SnapshotHead } from './snapshot-store.js';

/**
 * A snapshot as a signed-in caller may see it: drafts are the office's (and tokens') working material;
 * anyone else gets 404 for a draft, since whether one exists is itself not for them to know. The same rule
 * as result-routes.ts, for the routes added beside it.
 */
export async function visibleSnapshotFor(
  db: Kysely<Database>,
  p: Principal,
  id: string,
): Promise<SnapshotHead> {
  const head = await getSnapshotHead(db, p.province, id);
  const seesDrafts = p.kind === 'token' || p.roles.includes('office');
  if (head.status === 'draft' && !seesDrafts) throw notFound(SNAPSHOT, id);
  return head;
}

/** A published snapshot of any province (what /api/public may read); 404 for every other state. */
export async function publishedSnapshotById(db: Kysely<Database>, id: string): Promise<SnapshotHead> {
  const head = await db
    .selectFrom('result_snapshot')
    .select(SNAPSHOT_HEAD_COLUMNS)
    .where('id', '=', id)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (head === undefined) throw notFound(SNAPSHOT, id);
  return head;
}
