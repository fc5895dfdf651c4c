import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { type AppendAuditOptions, chainEntries, lockChain, unchainedEntry } from './append-audit.js';
import type { AuditEntryInput } from './audit-entry.js';

/**
 * Audit entries through a queue (audit_queue), for writes that come in bursts (a reporting deadline) on
 * PostgreSQL. appendAudit holds the chain's lock from reading its head until the write commits, so every
 * write of a province commits one after the other, each waiting for its own WAL flush. Queued instead,
 * the entry is inserted with the write, in its transaction and without a lock — it commits or rolls back
 * with the write, and concurrent writes share WAL flushes — and right after the commit one mover per
 * province takes every committed waiting entry into the chain in one transaction (the chain's lock, one
 * read of its head, multi-row inserts, the queue rows deleted in the same transaction). The writer waits
 * for that before it answers, so a write that has answered is in the chain.
 *
 * Should the move fail or the process die between the two transactions, the entries wait in the queue —
 * committed, and refused UPDATE by a trigger — and the next move of that province takes them.
 */
export async function queueAudit(
  trx: Transaction<Database>,
  entry: AuditEntryInput,
  options: AppendAuditOptions = {},
): Promise<void> {
  await trx.insertInto('audit_queue').values(unchainedEntry(entry, options)).execute();
}

/** Waiting entries moved per transaction. */
const MOVE_BATCH = 1000;

/**
 * Moves every committed waiting entry of `province` into its chain, oldest first, and returns how many.
 * Each batch is one transaction, chained and deleted from the queue together; the chain's lock is taken
 * before the queue is read, so two movers (two processes) never take the same entry.
 */
export async function chainQueuedAudit(db: Kysely<Database>, province: string): Promise<number> {
  let moved = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      await lockChain(trx, province);
      // Read and removed from the queue in one statement, after the lock: a second mover that waited
      // for the lock finds them gone.
      const waiting = (
        await trx
          .deleteFrom('audit_queue')
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('audit_queue')
              .select('id')
              .where('province_code', '=', province)
              .orderBy('id')
              .limit(MOVE_BATCH),
          )
          .returningAll()
          .execute()
      ).sort((a, b) => Number(a.id) - Number(b.id));
      if (waiting.length === 0) return 0;
      await chainEntries(
        trx,
        province,
        waiting.map(({ id: _id, ...entry }) => entry),
        { locked: true },
      );
      return waiting.length;
    });
    moved += batch;
    if (batch < MOVE_BATCH) return moved;
  }
}

interface Mover {
  running?: Promise<number>;
  next?: Promise<number>;
}

// Per database (its adapter: shared by a Kysely instance and its transactions) and province.
const movers = new WeakMap<object, Map<string, Mover>>();

/**
 * chainQueuedAudit, shared by concurrent callers: a call while a move runs joins the one move that starts
 * right after it (which sees every entry committed before the call), so a burst of writes makes a few
 * moves of many entries each rather than one move per write. Pass the database, not a transaction.
 */
export function moveQueuedAudit(db: Kysely<Database>, province: string): Promise<number> {
  const adapter = db.getExecutor().adapter;
  let byProvince = movers.get(adapter);
  if (byProvince === undefined) {
    byProvince = new Map();
    movers.set(adapter, byProvince);
  }
  const mover = byProvince.get(province) ?? {};
  byProvince.set(province, mover);
  if (mover.next !== undefined) return mover.next;
  const start = (): Promise<number> => {
    mover.next = undefined;
    const run = chainQueuedAudit(db, province);
    mover.running = run;
    const done = () => {
      if (mover.running === run) mover.running = undefined;
    };
    run.then(done, done);
    return run;
  };
  if (mover.running === undefined) return start();
  mover.next = mover.running.then(start, start);
  return mover.next;
}
