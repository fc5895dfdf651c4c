import type { Role } from '../../auth/roles';

/** The sources entered by their own roles; `self` is the units' own and is entered on /entry. */
export type OtherSource = 'thirdParty' | 'inspection' | 'survey';

/** Who enters which source (packages/server/src/submissions/source-roles.ts). */
const SOURCE_OF_ROLE: Partial<Record<Role, OtherSource>> = {
  thirdParty: 'thirdParty',
  inspector: 'inspection',
  office: 'survey',
};

export function sourcesOfRoles(roles: readonly Role[]): OtherSource[] {
  return roles.flatMap((r) => (SOURCE_OF_ROLE[r] === undefined ? [] : [SOURCE_OF_ROLE[r]]));
}

/** One stored value of GET /api/submissions/:plan/:period/:unit. */
export interface StoredValue {
  element: string;
  source: OtherSource | 'self';
  value: number;
  evidenceHash: string | null;
  enteredBy: string;
  enteredAt: string;
  version: number;
}

export interface SubmissionDetail {
  submission: { status: 'draft' | 'submitted' | 'approved' | 'returned'; version: number } | null;
  values: StoredValue[];
}

export interface PlanSummary {
  code: string;
  name: string;
  published: number | null;
}

export interface Period {
  code: string;
  type: 'month' | 'quarter' | 'half' | 'year';
  status: 'open' | 'closed';
  deadline: string | null;
}

export interface ProgressUnit {
  unitCode: string;
  unitName: string;
}

/** What PUT …/sources takes: null clears; version 0 (or absent) for a new value. */
export interface SourceItem {
  element: string;
  value: number | null;
  evidenceHash: string | null;
  version: number;
}

export interface ImportReport {
  format: string;
  units: number;
  values: number;
}

export function keyPath(plan: string, period: string, unit: string): string {
  return [plan, period, unit].map(encodeURIComponent).join('/');
}

/** `body.values[3].value` → 3: which sent item a server issue is about. */
export function itemIndexOf(path: string): number | undefined {
  const m = /^body\.values\[(\d+)\]/.exec(path);
  return m === null ? undefined : Number(m[1]);
}
