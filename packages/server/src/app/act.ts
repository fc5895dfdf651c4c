import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { AuditEntry } from '../audit/audit-entry.js';
import type { HashAlgorithm } from '../audit/hash-algorithm.js';
import type { Database } from '../db/database.js';

/**
 * One act of one actor: who does it, for which province, when, in which request. Every write service
 * takes one and records what it changed through `recordAudit` in the same transaction.
 */
export interface Act {
  province: string;
  actor: string;
  role: string;
  requestId: string | undefined;
  /** ISO 8601 instant of the act, from the app's clock. */
  at: string;
  auditAlgorithm: HashAlgorithm;
}

export interface AuditRecord {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export function recordAudit(trx: Transaction<Database>, act: Act, record: AuditRecord): Promise<AuditEntry> {
  return appendAudit(
    trx,
    {
      province: act.province,
      actor: act.actor,
      role: act.role,
      at: act.at,
      ...(act.requestId === undefined ? {} : { requestId: act.requestId }),
      ...record,
    },
    { algorithm: act.auditAlgorithm },
  );
}

/** Runs `work` in the caller's transaction when given one, else in a new one: services compose. */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}
