import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import { notFound } from '../http/app-error.js';
import { SNAPSHOT } from './result-problems.js';
import { getSnapshotHead, SNAPSHOT_HEAD_COLUMNS, type SnapshotHead } from './snapshot-store.js';

/** Drafts are the office's (and tokens') working material; everyone else sees a snapshot once published. */
export function seesDrafts(p: Principal): boolean {
  return p.kind === 'token' || p.roles.includes('office');
}

/**
 * The head, if the caller may see that snapshot. Not 403 for a draft: whether an unpublished snapshot
 * exists is itself not for them to know.
 */
export function requireVisible(head: SnapshotHead, p: Principal): SnapshotHead {
  if (head.status === 'draft' && !seesDrafts(p)) throw notFound(SNAPSHOT, head.id);
  return head;
}

/** A snapshot as a signed-in caller may see it (see requireVisible). */
export async function visibleSnapshotFor(
  db: Kysely<Database>,
  p: Principal,
  id: string,
): Promise<SnapshotHead> {
  return requireVisible(await getSnapshotHead(db, p.province, id), p);
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
