import {
  type DataElement,
  formulaReferences,
  type IndicatorNode,
  isLeaf,
  type Plan,
  parsePeriod,
  previousPeriod,
} from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { requireUnitInScope } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import { acceptsSubmissions } from '../periods/period.js';
import { getPeriod } from '../periods/period-service.js';
import { getPlanSummary, publishedPlan } from '../plans/plan-repository.js';
import { getUnit } from '../units/unit-repository.js';
import { changeRatio, type PlausibilityFlag, plausibilityFlags } from './plausibility-flags.js';
import { sourcesOf } from './source-roles.js';
import type { Submission, SubmissionKey } from './submission.js';
import { findSubmission } from './submission-repository.js';
import { valuesOf } from './value-items.js';

/**
 * Where a self value came from: `import` when a file or another system wrote it (an office import, an API
 * token, the seed), `hand` when a person typed it into the form. Only reporters save self values by hand,
 * so a value is `hand` exactly when the account that last wrote it holds the reporter role.
 */
export type ValueOrigin = 'import' | 'hand';

export interface EvidenceSummary {
  hash: string;
  fileName: string;
  mediaType: string;
  size: number;
}

/** One field of the form: the element as the plan defines it, its value and how it compares. */
export interface EntryField {
  code: string;
  name: string;
  unit: string | null;
  min: number | null;
  max: number | null;
  help: string | null;
  value: number | null;
  evidence: EvidenceSummary | null;
  origin: ValueOrigin | null;
  enteredBy: string | null;
  enteredAt: string | null;
  previous: number | null;
  change: number | null;
  changeRatio: number | null;
  flags: PlausibilityFlag[];
}

/** A dimension of the form with its indicators, each listing the fields it reads. */
export interface EntryGroup {
  /** The dimension; null for fields no indicator reads (bonus, deduction, veto items). */
  code: string | null;
  name: string | null;
  indicators: { code: string; name: string; description: string | null; fields: string[] }[];
}

export interface EntryForm {
  key: SubmissionKey;
  unit: { code: string; name: string; disabled: boolean };
  plan: { code: string; name: string; version: number };
  period: { code: string; status: string; deadline: string | null; open: boolean };
  previousPeriod: string | null;
  submission: Submission | null;
  /** The caller may save values now: reporter, submission absent, draft or returned, period open. */
  editable: boolean;
  fields: EntryField[];
  groups: EntryGroup[];
  counts: { total: number; filled: number; imported: number; byHand: number; empty: number };
}

/** The data-entry form of a unit × period: every enterable element, grouped, with values and flags. */
export async function entryForm(
  db: Kysely<Database>,
  principal: Principal,
  key: SubmissionKey,
  at: string,
): Promise<EntryForm> {
  const province = principal.province;
  await requireUnitInScope(db, principal, key.unitCode);
  const unit = await getUnit(db, province, key.unitCode);
  const period = await getPeriod(db, province, key.periodCode);
  const summary = await getPlanSummary(db, province, key.planCode);
  const submission = (await findSubmission(db, province, key)) ?? null;
  const { number, plan } = await publishedPlan(db, province, key.planCode, submission?.planVersion);
  const values = await valuesOf(db, province, key, 'self');
  const parsed = parsePeriod(key.periodCode);
  const prevCode = parsed === undefined ? null : previousPeriod(parsed).code;
  const before =
    prevCode === null ? [] : await valuesOf(db, province, { ...key, periodCode: prevCode }, 'self');
  const previous = new Map(before.map((v) => [v.element, v.value]));
  const byElement = new Map(values.map((v) => [v.element, v]));
  const hands = await reporterNames(db, province, [...new Set(values.map((v) => v.enteredBy))]);
  const evidence = await evidenceSummaries(
    db,
    province,
    values.map((v) => v.evidenceHash),
  );

  const fields = plan.elements
    .filter((e) => e.formula === undefined)
    .map((e): EntryField => {
      const v = byElement.get(e.code);
      const prev = previous.get(e.code);
      return {
        code: e.code,
        name: e.name,
        unit: e.unit ?? null,
        min: e.min ?? null,
        max: e.max ?? null,
        help: e.help ?? null,
        value: v?.value ?? null,
        evidence: v?.evidenceHash == null ? null : (evidence.get(v.evidenceHash) ?? null),
        origin: v === undefined ? null : hands.has(v.enteredBy) ? 'hand' : 'import',
        enteredBy: v?.enteredBy ?? null,
        enteredAt: v?.enteredAt ?? null,
        previous: prev ?? null,
        change: v === undefined || prev === undefined ? null : v.value - prev,
        changeRatio: v === undefined ? null : changeRatio(v.value, prev),
        flags: v === undefined ? [] : plausibilityFlags(e, v.value, prev),
      };
    });
  const filled = fields.filter((f) => f.value !== null);
  const imported = filled.filter((f) => f.origin === 'import').length;
  const status = submission?.status;
  const open = acceptsSubmissions(period, at);
  return {
    key,
    unit: { code: unit.code, name: unit.name, disabled: unit.disabled },
    plan: { code: summary.code, name: summary.name, version: number },
    period: { code: period.code, status: period.status, deadline: period.deadline, open },
    previousPeriod: prevCode,
    submission,
    editable:
      sourcesOf(principal).includes('self') &&
      open &&
      !unit.disabled &&
      (status === undefined || status === 'draft' || status === 'returned'),
    fields,
    groups: entryGroups(plan, unit.classCode),
    counts: {
      total: fields.length,
      filled: filled.length,
      imported,
      byHand: filled.length - imported,
      empty: fields.length - filled.length,
    },
  };
}

/**
 * The form's sections: each dimension of the unit class's tree with its indicators, each indicator with the
 * enterable elements its formula reads (through computed elements too). An element read by several
 * indicators appears under the first; elements no indicator reads come last, in a group of their own.
 */
export function entryGroups(plan: Plan, classCode: string): EntryGroup[] {
  const tree = plan.classes.find((c) => c.code === classCode)?.tree ?? plan.tree;
  const elements = new Map(plan.elements.map((e) => [e.code, e]));
  const placed = new Set<string>();
  const enterable = (formula: string): string[] => {
    const out: string[] = [];
    const seen = new Set<string>();
    const visit = (src: string) => {
      for (const ref of formulaReferences(src)) {
        if (seen.has(ref.element)) continue;
        seen.add(ref.element);
        const el: DataElement | undefined = elements.get(ref.element);
        if (el === undefined) continue;
        if (el.formula === undefined) out.push(el.code);
        else visit(el.formula);
      }
    };
    visit(formula);
    return out.filter((code) => {
      if (placed.has(code)) return false;
      placed.add(code);
      return true;
    });
  };
  const groups: EntryGroup[] = [];
  for (const dimension of tree) {
    const indicators: EntryGroup['indicators'] = [];
    const walk = (node: IndicatorNode) => {
      if (!isLeaf(node)) {
        for (const child of node.children) walk(child);
        return;
      }
      const fields = enterable(node.formula);
      if (fields.length > 0)
        indicators.push({ code: node.code, name: node.name, description: node.description ?? null, fields });
    };
    walk(dimension);
    if (indicators.length > 0) groups.push({ code: dimension.code, name: dimension.name, indicators });
  }
  const rest = plan.elements.filter((e) => e.formula === undefined && !placed.has(e.code));
  if (rest.length > 0) {
    const items = [...(plan.bonus ?? []), ...(plan.deduction ?? [])].map((a) => ({
      code: a.code,
      name: a.name,
      description: a.description ?? null,
      formula: a.formula,
    }));
    const vetoes = (plan.veto ?? []).map((v) => ({
      code: v.code,
      name: v.name,
      description: v.description ?? null,
      formula: v.condition,
    }));
    const indicators: EntryGroup['indicators'] = [];
    for (const item of [...items, ...vetoes]) {
      const fields = enterable(item.formula);
      if (fields.length > 0)
        indicators.push({ code: item.code, name: item.name, description: item.description, fields });
    }
    const left = rest.filter((e) => !placed.has(e.code)).map((e) => e.code);
    if (left.length > 0) indicators.push({ code: '', name: '', description: null, fields: left });
    groups.push({ code: null, name: null, indicators });
  }
  return groups;
}

/** Of the given account names, those that hold the reporter role (their values were typed by hand). */
async function reporterNames(
  db: Kysely<Database>,
  province: string,
  names: readonly string[],
): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await db
    .selectFrom('user_account')
    .select(['username', 'roles'])
    .where('province_code', '=', province)
    .where('username', 'in', names)
    .execute();
  return new Set(
    rows.filter((r) => (JSON.parse(r.roles) as string[]).includes('reporter')).map((r) => r.username),
  );
}

async function evidenceSummaries(
  db: Kysely<Database>,
  province: string,
  hashes: readonly (string | null)[],
): Promise<Map<string, EvidenceSummary>> {
  const wanted = [...new Set(hashes.filter((h): h is string => h !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('evidence')
    .select(['hash', 'file_name', 'media_type', 'size'])
    .where('province_code', '=', province)
    .where('hash', 'in', wanted)
    .execute();
  return new Map(
    rows.map((r) => [
      r.hash,
      { hash: r.hash, fileName: r.file_name, mediaType: r.media_type, size: Number(r.size) },
    ]),
  );
}
