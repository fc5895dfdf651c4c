import type { LocalisedText, Plan } from '@xiaoneng/engine';
import { api } from '../../api/client';

/** GET /api/plans items. */
export interface PlanSummary {
  code: string;
  name: string;
  createdAt: string;
  published: number | null;
  draft: number | null;
  version: number;
}

export interface PlanVersionSummary {
  planCode: string;
  number: number;
  status: 'draft' | 'published';
  hash: string;
  reason: string | null;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  publishedBy: string | null;
  publishedAt: string | null;
  /** Optimistic concurrency: sent back with every write. */
  version: number;
}

export interface PlanVersionDetail extends PlanVersionSummary {
  document: Plan;
  warnings?: { path: string; message: LocalisedText }[];
}

export interface PreviewUnit {
  code: string;
  name: string;
  total: number;
  rank: number;
  grade: string;
}

export interface PreviewClass {
  code: string;
  name: string;
  units: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  grades: Record<string, number>;
  top: PreviewUnit[];
  bottom: PreviewUnit[];
  columns: {
    code: string[];
    name: string[];
    total: number[];
    rank: number[];
    grade: string[];
    publishedTotal: (number | null)[];
    publishedRank: (number | null)[];
  };
}

export interface PlanPreview {
  planCode: string;
  planVersion: number;
  period: string;
  comparedWith: number | null;
  values: number;
  classes: PreviewClass[];
}

const base = (code: string) => `/api/plans/${encodeURIComponent(code)}`;
const versionUrl = (code: string, n: number) => `${base(code)}/versions/${n}`;

export const planApi = {
  list: () => api.get<{ items: PlanSummary[] }>('/api/plans'),
  plan: (code: string, signal?: AbortSignal) =>
    api.get<PlanSummary & { versions: PlanVersionSummary[] }>(base(code), undefined, signal),
  version: (code: string, n: number, signal?: AbortSignal) =>
    api.get<PlanVersionDetail>(versionUrl(code, n), undefined, signal),
  save: (code: string, n: number, document: Plan, version: number) =>
    api.put<PlanVersionDetail>(versionUrl(code, n), { document, version }),
  startChange: (code: string, reason: string) =>
    api.post<PlanVersionDetail>(`${base(code)}/versions`, { reason }),
  approve: (code: string, n: number, version: number) =>
    api.post<PlanVersionDetail>(`${versionUrl(code, n)}/approve`, { version }),
  publish: (code: string, n: number, version: number) =>
    api.post<PlanVersionDetail>(`${versionUrl(code, n)}/publish`, { version }),
  preview: (code: string, n: number, document: Plan) =>
    api.post<PlanPreview>(`${versionUrl(code, n)}/preview`, { document }),
  workbook: (code: string, n: number) => api.get<Blob>(`${versionUrl(code, n)}/workbook`),
  importWorkbook: (code: string, n: number, file: File, version: number) => {
    const form = new FormData();
    form.append('file', file);
    return api.post<PlanVersionDetail>(`${versionUrl(code, n)}/workbook`, form, { version });
  },
};
