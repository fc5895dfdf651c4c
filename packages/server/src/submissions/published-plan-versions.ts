import type { Plan } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { publishedPlan } from '../plans/plan-repository.js';

/** Published versions remembered per database; a few plans × versions per province. */
const KEPT = 256;

// Keyed by the database's adapter: a Kysely instance and every transaction opened from it share that one
// object, so a lookup inside a transaction finds what was remembered outside it, and two databases (tests
// build many, with the same codes) never see each other's plans.
const versions = new WeakMap<object, Map<string, { number: number; plan: Plan }>>();

/**
 * A published version's plan, as `publishedPlan` gives it; a numbered version is looked up once and then
 * remembered, since publishing freezes it for good (a change makes a new version). The latest version is
 * always looked up: a newer one may be published at any time.
 */
export async function publishedPlanVersion(
  db: Kysely<Database>,
  province: string,
  planCode: string,
  number?: number,
): Promise<{ number: number; plan: Plan }> {
  if (number === undefined) return publishedPlan(db, province, planCode);
  const adapter = db.getExecutor().adapter;
  let known = versions.get(adapter);
  if (known === undefined) {
    known = new Map();
    versions.set(adapter, known);
  }
  const key = `${province}\u0000${planCode}\u0000${number}`;
  const found = known.get(key);
  if (found !== undefined) return found;
  const loaded = await publishedPlan(db, province, planCode, number);
  if (known.size >= KEPT) known.delete(known.keys().next().value as string);
  known.set(key, loaded);
  return loaded;
}
