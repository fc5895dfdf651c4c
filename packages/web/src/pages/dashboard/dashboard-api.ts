import { api, urlOf } from '../../api/client';

/** A snapshot as GET /api/results lists it. */
export interface SnapshotItem {
  id: string;
  plan: string;
  planVersion: number;
  period: string;
  units: number;
  status: 'draft' | 'published' | 'superseded';
  hasSensitivity: boolean;
  createdAt: string;
}

export interface NamedCode {
  code: string;
  name: string;
}

export interface Summary {
  snapshot: { id: string; plan: string; period: string };
  units: number;
  fullMarks: number;
  lightThresholds: { green: number; yellow: number };
  dimensions: NamedCode[];
  classes: {
    code: string;
    name: string;
    units: number;
    grades: Record<string, number>;
    lights: { dimension: string; green: number; yellow: number; red: number }[];
  }[];
  histogram: { width: number; bins: { from: number; to: number; count: number }[] };
  levels: { level: string; units: number }[];
  indicators: {
    code: string;
    name: string;
    depth: number;
    parent: string | null;
    leaf: boolean;
    unit: string | null;
  }[];
}

export interface HeatRow {
  unitCode: string;
  unitName: string;
  class: string;
  total: number;
  rank: number;
  grade: string;
  shares: (number | null)[];
  children: number;
  below: { units: number; shares: (number | null)[] } | null;
}

export interface HeatMapData {
  dimensions: NamedCode[];
  path: NamedCode[];
  parent: HeatRow | null;
  rows: HeatRow[];
}

export interface RankingTableData {
  snapshot: { id: string; plan: string; period: string };
  /** Rows of the whole table; more than `rows` holds when only the first screen was asked for. */
  total: number;
  previous: { id: string; plan: string; period: string } | null;
  sensitivity: { draws: number } | null;
  rows: {
    unitCode: string[];
    unitName: string[];
    class: string[];
    level: (string | null)[];
    parentCode: (string | null)[];
    total: number[];
    rank: number[];
    classSize: number[];
    grade: string[];
    previousRank: (number | null)[];
    rankP05: (number | null)[];
    rankMedian: (number | null)[];
    rankP95: (number | null)[];
  };
}

/** One row of the ranking table; `index` is its place in the server's order (class, rank, code). */
export interface RankingRow {
  index: number;
  unitCode: string;
  unitName: string;
  class: string;
  level: string | null;
  total: number;
  rank: number;
  classSize: number;
  grade: string;
  previousRank: number | null;
  p05: number | null;
  median: number | null;
  p95: number | null;
}

export function rowsOf(data: RankingTableData): RankingRow[] {
  const c = data.rows;
  return c.unitCode.map((unitCode, i) => ({
    index: i,
    unitCode,
    unitName: c.unitName[i]!,
    class: c.class[i]!,
    level: c.level[i] ?? null,
    total: c.total[i]!,
    rank: c.rank[i]!,
    classSize: c.classSize[i]!,
    grade: c.grade[i]!,
    previousRank: c.previousRank[i] ?? null,
    p05: c.rankP05[i] ?? null,
    median: c.rankMedian[i] ?? null,
    p95: c.rankP95[i] ?? null,
  }));
}

export interface TrendData {
  node: { code: string; name: string; leaf: boolean; unit: string | null };
  unit: NamedCode | null;
  subtree: boolean;
  points: {
    period: string;
    snapshotId: string;
    units: number;
    fraction: number | null;
    points: number | null;
    fullPoints: number | null;
  }[];
}

const base = (id: string) => `/api/results/${encodeURIComponent(id)}/dashboard`;

/** The snapshots the dashboard offers, newest first. */
export const SNAPSHOT_LIST_URL = urlOf('/api/results', { limit: 200 });

/** The snapshot the dashboard opens on: the newest that is not superseded. */
export function openingSnapshot(items: readonly SnapshotItem[]): string | undefined {
  return items.find((s) => s.status !== 'superseded')?.id;
}

/**
 * Rows of the ranking the dashboard shows first: a screen and more, so that the first paint does not wait
 * for a province's whole table (megabytes), which follows right after.
 */
export const FIRST_ROWS = 100;

/** What the dashboard asks first for snapshot `id`: the ranking's first rows, the summary and the heat map. */
export function openingUrls(id: string): string[] {
  return [urlOf(`${base(id)}/ranking`, { first: FIRST_ROWS }), `${base(id)}/summary`, `${base(id)}/heatmap`];
}

export const dashboardApi = {
  snapshots: () => api.get<{ items: SnapshotItem[] }>(SNAPSHOT_LIST_URL),
  summary: (id: string, q: { class?: string; level?: string }) => api.get<Summary>(`${base(id)}/summary`, q),
  heatMap: (id: string, parent: string | undefined) =>
    api.get<HeatMapData>(`${base(id)}/heatmap`, { parent }),
  /** The whole ranking of the caller's scope, or only its `first` rows. */
  ranking: (id: string, first?: number) => api.get<RankingTableData>(`${base(id)}/ranking`, { first }),
  rankingXlsx: (id: string, q: { class?: string; level?: string }) =>
    api.get<Blob>(`${base(id)}/ranking.xlsx`, q),
  trend: (id: string, q: { node: string; unit?: string; subtree?: boolean }) =>
    api.get<TrendData>(`${base(id)}/trend`, q),
};

/** Hands a blob or a data URL to the browser as a download. */
export function saveAs(what: Blob | string, fileName: string): void {
  const url = typeof what === 'string' ? what : URL.createObjectURL(what);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  if (typeof what !== 'string') setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
