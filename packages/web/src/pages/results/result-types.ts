/** Shapes of the results API (packages/server/src/routes/result-schemas.ts and the routes beside it). */

export type SnapshotStatus = 'draft' | 'published' | 'superseded';

export interface Snapshot {
  id: string;
  plan: string;
  planVersion: number;
  period: string;
  hash: string;
  units: number;
  values?: number;
  status?: SnapshotStatus;
  final: boolean;
  correctsId: string | null;
  correctionReason: string | null;
  publishedAt: string | null;
  noticeEndsAt: string | null;
  createdBy?: string;
  createdAt?: string;
  version?: number;
}

export interface RankingRow {
  unitCode: string;
  unitName: string;
  class: string;
  total: number;
  rank: number;
  classSize: number;
  grade: string;
  dimensions: Record<string, number>;
}

/** A page of rows; `total` when the server counts, `next` when it pages by cursor. */
export interface RankingPage {
  items: RankingRow[];
  total?: number;
  next?: string | null;
}

export interface Legend {
  planName: string;
  classes: { code: string; name: string; size: number }[];
  dimensions: { code: string; name: string }[];
  grades: { grade: string; min: number | null; label: string | null }[];
}

export type AppealStatus = 'pending' | 'accepted' | 'rejected';

export interface Appeal {
  id: string;
  snapshotId: string;
  unitCode: string;
  reasons: string;
  evidence: string[];
  status: AppealStatus;
  reply: string | null;
  filedBy: string;
  filedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  correctedById: string | null;
  version: number;
}

export type Light = 'red' | 'yellow' | 'green';
export type Source = 'self' | 'thirdParty' | 'inspection' | 'survey';

export interface ExplainedLeaf {
  kind: 'result' | 'process';
  direction: 'up' | 'down';
  formula: string;
  unit?: string;
  inputs: { element: string; name: string; period: string; value: number | null; source: Source | null }[];
  raw: number | null;
  target?: number;
  baseline?: number;
  gapToTarget?: number;
  method: { type: string };
  how: Record<'zh-CN' | 'en', string>;
}

export interface ExplainedNode {
  code: string;
  name: string;
  weight: number;
  fullPoints: number;
  points: number;
  lost: number;
  fraction: number | null;
  flags: string[];
  children?: ExplainedNode[];
  leaf?: ExplainedLeaf;
}

export interface Explanation {
  planId: string;
  planVersion: number;
  period: string;
  unit: { code: string; name: string; class: string };
  className: string;
  total: number;
  base: number;
  bonus: { code: string; name: string; points: number; cap: number }[];
  deduction: { code: string; name: string; points: number; cap: number }[];
  vetoes: { code: string; name: string; condition: string }[];
  rank: number;
  classSize: number;
  overallRank?: number;
  grade: string;
  gradeByScore: string;
  gradeReason: 'threshold' | 'veto' | 'quota';
  neighbours: { code: string; name: string; total: number; rank: number }[];
  tree: ExplainedNode[];
}

export interface UnitDetail {
  figures: RankingRow;
  explanation: Explanation;
  text: string;
}

export interface AdvisedIndicator {
  code: string;
  name: string;
  dimension: { code: string; name: string };
  points: number;
  fullPoints: number;
  recoverable: number;
  fraction: number | null;
  light: Light;
  direction: 'up' | 'down';
  raw: number | null;
  unit?: string;
  target?: number;
  gapToTarget?: number;
  achievement?: number;
  flags: string[];
}

export interface UnitAdvice {
  unitCode: string;
  total: number;
  rank: number;
  classSize: number;
  grade: string;
  lights: Record<Light, number>;
  dimensions: { code: string; name: string; points: number; fullPoints: number; light: Light }[];
  indicators: AdvisedIndicator[];
  warnings: {
    level: Light;
    code: 'veto' | 'deduction' | 'missing' | 'imputed' | 'behindTarget' | 'quotaDemoted';
    subject?: { code: string; name: string };
    points?: number;
    gradeByScore?: string;
  }[];
  nextSteps: {
    kind: 'liftVeto' | 'avoidDeduction' | 'supplyData' | 'reachTarget' | 'raiseScore';
    subject: { code: string; name: string };
    points: number;
    raw?: number | null;
    target?: number;
    gapToTarget?: number;
    unit?: string;
  }[];
  toNextRank: { rank: number; unitName: string; points: number } | null;
  toNextGrade: { grade: string; min: number; points: number } | null;
}

/** Where a snapshot stands for a person: 草稿 / 公示中 / 已定稿 / 已更正. */
export type SnapshotState = 'draft' | 'notice' | 'final' | 'superseded';

export function snapshotState(s: Pick<Snapshot, 'status' | 'final'>): SnapshotState {
  if (s.status === 'draft') return 'draft';
  if (s.status === 'superseded') return 'superseded';
  return s.final ? 'final' : 'notice';
}

export const STATE_COLOR: Record<SnapshotState, string> = {
  draft: 'default',
  notice: 'processing',
  final: 'success',
  superseded: 'warning',
};

export const LIGHT_COLOR: Record<Light, string> = { red: '#cf1322', yellow: '#ad6800', green: '#237804' };
