/** The answers of the server's data-entry routes (packages/server/src/routes/entry-form-routes.ts). */

export type SubmissionStatus = 'draft' | 'submitted' | 'approved' | 'returned';
export type PlausibilityFlag = 'below_min' | 'above_max' | 'jump';

export interface Submission {
  planCode: string;
  periodCode: string;
  unitCode: string;
  planVersion: number;
  status: SubmissionStatus;
  comment: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdAt: string;
  version: number;
}

export interface EvidenceSummary {
  hash: string;
  fileName: string;
  mediaType: string;
  size: number;
}

export interface EntryField {
  code: string;
  name: string;
  unit: string | null;
  min: number | null;
  max: number | null;
  help: string | null;
  value: number | null;
  evidence: EvidenceSummary | null;
  origin: 'import' | 'hand' | null;
  enteredBy: string | null;
  enteredAt: string | null;
  previous: number | null;
  change: number | null;
  changeRatio: number | null;
  flags: PlausibilityFlag[];
}

export interface EntryGroup {
  code: string | null;
  name: string | null;
  indicators: { code: string; name: string; description: string | null; fields: string[] }[];
}

export interface EntryForm {
  key: { planCode: string; periodCode: string; unitCode: string };
  unit: { code: string; name: string; disabled: boolean };
  plan: { code: string; name: string; version: number };
  period: { code: string; status: string; deadline: string | null; open: boolean };
  previousPeriod: string | null;
  submission: Submission | null;
  editable: boolean;
  fields: EntryField[];
  groups: EntryGroup[];
  counts: { total: number; filled: number; imported: number; byHand: number; empty: number };
}

export interface EntryFormSummary {
  planCode: string;
  planName: string;
  periodCode: string;
  periodStatus: string;
  deadline: string | null;
  open: boolean;
  unitCode: string;
  unitName: string;
  status: SubmissionStatus | 'none';
  comment: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  version: number;
  fields: number;
  filled: number;
}

export function formPath(key: { planCode: string; periodCode: string; unitCode: string }): string {
  return `${encodeURIComponent(key.planCode)}/${encodeURIComponent(key.periodCode)}/${encodeURIComponent(key.unitCode)}`;
}
