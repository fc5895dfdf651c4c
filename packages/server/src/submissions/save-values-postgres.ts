import type { PeriodType } from '@xiaoneng/engine';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Act } from '../app/act.js';
import { unchainedEntry } from '../audit/append-audit.js';
import type { AuditEntryInput } from '../audit/audit-entry.js';
import type { Principal } from '../auth/principal.js';
import { requireUnitInScope } from '../auth/row-scope.js';
import { type Database, PREPARED } from '../db/database.js';
import type { PeriodStatus } from '../db/tables/period.table.js';
import type { SubmissionRow, SubmissionStatus } from '../db/tables/submission.table.js';
import { versionConflict } from '../http/app-error.js';
import {
  rowToSubmission,
  SUBMISSION,
  type Submission,
  type SubmissionKey,
  submissionId,
} from './submission.js';
import { findSubmission, stateProblem } from './submission-repository.js';
import { isDirectScope, missingTarget, requireWritable, writeTargetOf } from './submission-target.js';
import {
  type AuditedValue,
  byElement,
  checkValueItems,
  type ValueItem,
  valuesAfterWrite,
} from './value-items.js';

/** The submission's columns besides its key, as both statements below name them. */
const SUBMISSION_COLUMNS =
  'plan_version, status, comment, submitted_by, submitted_at, reviewed_by, reviewed_at, created_at, version';

/**
 * Everything a save checks and records, in one statement (one snapshot): the unit and the period, the
 * submission, and the unit's own values as arrays. $1–$4: province, plan, period, unit.
 */
const READ = `${PREPARED}select u.disabled, p.code, p.type, p.status as period_status, p.deadline, p.version as period_version,
  s.plan_version, s.status, s.comment, s.submitted_by, s.submitted_at, s.reviewed_by, s.reviewed_at,
  s.created_at, s.version, v.elements, v.vals, v.evidence
from unit u
left join period p on p.province_code = u.province_code and p.code = $3
left join submission s
  on s.province_code = u.province_code and s.plan_code = $2 and s.period_code = $3 and s.unit_code = u.code
cross join lateral (
  select array_agg(d.element_code) as elements, array_agg(d.value) as vals, array_agg(d.evidence_hash) as evidence
  from data_value d
  where d.province_code = $1 and d.plan_code = $2 and d.period_code = $3 and d.unit_code = $4
    and d.source = 'self'
) v
where u.province_code = $1 and u.code = $4`;

interface ReadRow {
  disabled: unknown;
  code: string | null;
  type: PeriodType | null;
  period_status: PeriodStatus | null;
  deadline: string | null;
  period_version: number | null;
  plan_version: number | null;
  status: SubmissionStatus | null;
  comment: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  created_at: string | null;
  version: number | null;
  elements: string[] | null;
  vals: number[] | null;
  evidence: (string | null)[] | null;
}

/**
 * The rest of a save after `s` (the submission bumped or inserted, or nothing), every part only if `s` holds
 * the row: removals, the multi-row upsert of the values (arrays, so the text is the same whatever the
 * number of values) and the audit entry into the queue. One statement is one transaction: all or nothing.
 * $5: version seen (bump) or plan version (insert); $6 at; $7 actor; $8 elements removed; $9–$11 elements,
 * values and evidence written; $12–$21 the audit entry's columns.
 */
const WRITE_REST = `,
d as (
  delete from data_value
  where province_code = $1 and plan_code = $2 and period_code = $3 and unit_code = $4 and source = 'self'
    and element_code = any($8::text[]) and exists (select from s)
),
w as (
  insert into data_value
    (province_code, plan_code, period_code, unit_code, element_code, source, value, evidence_hash, entered_by,
     entered_at)
  select $1, $2, $3, $4, t.e, 'self', t.v, t.h, $7, $6
  from unnest($9::text[], $10::double precision[], $11::text[]) as t(e, v, h)
  where exists (select from s)
  on conflict (province_code, plan_code, period_code, unit_code, element_code, source) do update set
    value = excluded.value, evidence_hash = excluded.evidence_hash, entered_by = excluded.entered_by,
    entered_at = excluded.entered_at, version = data_value.version + 1
),
q as (
  insert into audit_queue
    (province_code, at, actor, role, action, entity, entity_id, before_json, after_json, request_id, algorithm)
  select $1, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21
  where exists (select from s)
)
select ${SUBMISSION_COLUMNS} from s`;

/** The version check, the state check, the row lock and the version bump: nothing when any fails. */
const BUMP_AND_WRITE = `${PREPARED}with s as (
  update submission set version = version + 1
  where province_code = $1 and plan_code = $2 and period_code = $3 and unit_code = $4 and version = $5
    and status in ('draft', 'returned')
  returning ${SUBMISSION_COLUMNS}
)${WRITE_REST}`;

/** A first save: the draft, unless another first save got there first (then nothing). */
const INSERT_AND_WRITE = `${PREPARED}with s as (
  insert into submission (province_code, plan_code, period_code, unit_code, plan_version, status, created_at)
  values ($1, $2, $3, $4, $5, 'draft', $6)
  on conflict do nothing
  returning ${SUBMISSION_COLUMNS}
)${WRITE_REST}`;

/**
 * saveSubmissionValues on PostgreSQL outside a caller's transaction: two statements instead of a
 * transaction of seven. The first reads everything the checks need in one snapshot; the checks run as
 * before and in the same order (scope, version, state, unit, period, plan, items); the second writes only
 * if the submission is still at the version read and editable, which the version guards: every change of
 * a submission's own values bumps its version in the same transaction. So the values read are the values
 * before this save, as the row lock made them before. Losing that race is a 409, as it was. The audit
 * entry goes into the queue (audit/audit-queue.ts) within the write; the caller moves it into the chain.
 */
export async function saveValuesOnPostgres(
  db: Kysely<Database>,
  act: Act,
  principal: Principal,
  key: SubmissionKey,
  input: { values: ValueItem[]; version: number },
): Promise<Submission> {
  if (!isDirectScope(principal, key.unitCode)) await requireUnitInScope(db, principal, key.unitCode);
  const keyParams = [act.province, key.planCode, key.periodCode, key.unitCode];
  const row = (await db.executeQuery(CompiledQuery.raw(READ, keyParams) as CompiledQuery<ReadRow>)).rows[0];
  if (row === undefined) return missingTarget(db, principal, key);
  const existing =
    row.status === null ? undefined : rowToSubmission(submissionRow(act.province, key, row, row.status));
  const editable =
    existing !== undefined &&
    existing.version === input.version &&
    (existing.status === 'draft' || existing.status === 'returned');
  if (!editable) {
    const current = existing?.version ?? 0;
    if (current !== input.version) throw versionConflict(SUBMISSION, input.version, current);
    if (existing !== undefined) throw stateProblem(existing, { zh: '修改数据', en: 'edited' });
  }
  const target = writeTargetOf({ ...row, status: row.period_status, version: row.period_version });
  const { number, plan } = await requireWritable(db, principal, key, act.at, target, existing?.planVersion);
  await checkValueItems(db, act.province, plan, input.values, 'body.values');
  const before = auditedValues(row);
  const entry = unchainedEntry(
    {
      province: act.province,
      actor: act.actor,
      role: act.role,
      at: act.at,
      ...(act.requestId === undefined ? {} : { requestId: act.requestId }),
      action: 'submission.values',
      entity: 'submission',
      entityId: submissionId(key),
      before,
      after: valuesAfterWrite(before, input.values),
    } satisfies AuditEntryInput,
    { algorithm: act.auditAlgorithm },
  );
  const written = input.values.filter((item) => item.value !== null);
  const saved = (
    await db.executeQuery(
      CompiledQuery.raw(editable ? BUMP_AND_WRITE : INSERT_AND_WRITE, [
        ...keyParams,
        editable ? input.version : number,
        act.at,
        act.actor,
        input.values.filter((item) => item.value === null).map((item) => item.element),
        written.map((item) => item.element),
        written.map((item) => item.value),
        written.map((item) => item.evidenceHash ?? null),
        entry.at,
        entry.actor,
        entry.role,
        entry.action,
        entry.entity,
        entry.entity_id,
        entry.before_json,
        entry.after_json,
        entry.request_id,
        entry.algorithm,
      ]) as CompiledQuery<SubmissionRest>,
    )
  ).rows[0];
  if (saved !== undefined) return rowToSubmission(submissionRow(act.province, key, saved, saved.status));
  // Another save (or a first save, a submit, an import) committed between the read and the write.
  const now = await findSubmission(db, act.province, key);
  const current = now?.version ?? 0;
  if (current !== input.version || now === undefined)
    throw versionConflict(SUBMISSION, input.version, current);
  throw stateProblem(now, { zh: '修改数据', en: 'edited' });
}

type SubmissionRest = Omit<SubmissionRow, 'province_code' | 'plan_code' | 'period_code' | 'unit_code'>;

function submissionRow(
  province: string,
  key: SubmissionKey,
  row: Record<keyof SubmissionRest, unknown>,
  status: SubmissionStatus,
): SubmissionRow {
  return {
    province_code: province,
    plan_code: key.planCode,
    period_code: key.periodCode,
    unit_code: key.unitCode,
    plan_version: Number(row.plan_version),
    status,
    comment: row.comment as string | null,
    submitted_by: row.submitted_by as string | null,
    submitted_at: row.submitted_at as string | null,
    reviewed_by: row.reviewed_by as string | null,
    reviewed_at: row.reviewed_at as string | null,
    created_at: row.created_at as string,
    version: Number(row.version),
  };
}

function auditedValues(row: ReadRow): AuditedValue[] {
  const elements = row.elements ?? [];
  return elements
    .map((element, i) => ({
      element,
      value: Number(row.vals?.[i]),
      evidenceHash: row.evidence?.[i] ?? null,
    }))
    .sort(byElement);
}
