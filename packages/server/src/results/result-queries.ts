import { explain, type Locale, renderExplanation, type SensitivityResult } from '@xiaoneng/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { PublicCache } from './public-cache.js';
import { isFinal } from './publication.js';
import { filterRows, rankingIndex, rankingPage, wholeRankingPage } from './ranking-index.js';
import { type SnapshotHead, snapshotResultSet } from './snapshot-store.js';

export interface SnapshotView {
  id: string;
  plan: string;
  planVersion: number;
  period: string;
  planHash: string;
  inputsHash: string;
  hash: string;
  units: number;
  values: number;
  status: SnapshotHead['status'];
  /** Published and past its notice period: no more appeals or corrections. */
  final: boolean;
  correctsId: string | null;
  correctionReason: string | null;
  publishedAt: string | null;
  noticeEndsAt: string | null;
  hasSensitivity: boolean;
  createdBy: string;
  createdAt: string;
  version: number;
}

export function snapshotView(h: SnapshotHead, now: string): SnapshotView {
  return {
    id: h.id,
    plan: h.plan_code,
    planVersion: h.plan_version,
    period: h.period_code,
    planHash: h.plan_hash,
    inputsHash: h.inputs_hash,
    hash: h.hash,
    units: h.unit_count,
    values: h.value_count,
    status: h.status,
    final: isFinal(h, now),
    correctsId: h.corrects_id,
    correctionReason: h.correction_reason,
    publishedAt: h.published_at,
    noticeEndsAt: h.notice_ends_at,
    hasSensitivity: h.sensitivity_json !== null,
    createdBy: h.created_by,
    createdAt: h.created_at,
    version: h.version,
  };
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

export interface RankingQuery {
  class?: string;
  limit: number;
  offset: number;
  /** Only these units (row scope); undefined: all. */
  units?: readonly string[];
}

/**
 * A page of a snapshot's ranking: by class, then rank, then unit code (ties are listed in code order), with
 * the count of the whole list. Read from the snapshot's in-memory ranking index (ranking-index.ts).
 */
export async function listRankings(
  db: Kysely<Database>,
  province: string,
  snapshotId: string,
  q: RankingQuery,
): Promise<{ items: RankingRow[]; total: number }> {
  if (q.units !== undefined && q.units.length === 0) return { items: [], total: 0 };
  const index = await rankingIndex(db, province, snapshotId);
  if (q.units === undefined) return wholeRankingPage(index, q);
  return rankingPage(filterRows(index.rows, q.units), q);
}

export interface UnitDetail {
  figures: RankingRow;
  /** The engine's explanation (data → points → rank → grade) as structured data. */
  explanation: ReturnType<typeof explain>;
  /** The same explanation as text in the request's language. */
  text: string;
}

/**
 * Decimals of the figures in a unit page's explanation tree: far below what any page shows (points to 2,
 * shares to 0.1 %), and writing 17 digits per figure was half the cost of serialising a unit page. The
 * unit's total and rank (`figures`) and the input values stay exact.
 */
const EXPLANATION_DECIMALS = 6;

export async function unitDetail(
  db: Kysely<Database>,
  province: string,
  head: SnapshotHead,
  unitCode: string,
  locale: Locale,
): Promise<UnitDetail> {
  const index = await rankingIndex(db, province, head.id);
  const at = index.position.get(unitCode);
  const figures = at === undefined ? undefined : index.rows[at];
  if (figures === undefined)
    throw problem(
      'not_found',
      t(`快照中没有单位“${unitCode}”`, `unit "${unitCode}" is not in this snapshot`),
    );
  const rs = await snapshotResultSet(db, province, head);
  const explanation = explain(rs, unitCode, { decimals: EXPLANATION_DECIMALS });
  return { figures, explanation, text: renderExplanation(explanation, locale) };
}

const texts = new WeakMap<object, PublicCache>();

/**
 * Answers about a snapshot as JSON text, kept per database: what they say is the same for everyone who may
 * read them and a snapshot never changes, so an answer read before costs a map lookup instead of the work
 * and the serialisation (signed-in and public routes share them).
 */
async function keptText(db: Kysely<Database>, key: string, make: () => Promise<unknown>): Promise<string> {
  let cache = texts.get(db);
  if (cache === undefined) {
    cache = new PublicCache(TEXT_CACHE_BYTES);
    texts.set(db, cache);
  }
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const text = JSON.stringify(await make());
  cache.set(key, text);
  return text;
}

/** About 4,000 unit pages of a province-wide plan (an explanation is some 14 kB of JSON); pages are small. */
const TEXT_CACHE_BYTES = 128 * 1024 * 1024;

/** A unit's figures and explanation (unitDetail) as kept JSON text. */
export function unitDetailJson(
  db: Kysely<Database>,
  province: string,
  head: SnapshotHead,
  unitCode: string,
  locale: Locale,
): Promise<string> {
  return keptText(db, `unit\u0000${province}\u0000${head.id}\u0000${unitCode}\u0000${locale}`, () =>
    unitDetail(db, province, head, unitCode, locale),
  );
}

/** A page of a snapshot's whole ranking (no data scope) as kept JSON text. */
export function rankingPageJson(
  db: Kysely<Database>,
  province: string,
  snapshotId: string,
  q: { class?: string; limit: number; offset: number },
): Promise<string> {
  return keptText(
    db,
    `rankings\u0000${province}\u0000${snapshotId}\u0000${q.class ?? ''}\u0000${q.limit}\u0000${q.offset}`,
    async () => wholeRankingPage(await rankingIndex(db, province, snapshotId), q),
  );
}

export function storedSensitivity(head: SnapshotHead): SensitivityResult | null {
  return head.sensitivity_json === null ? null : (JSON.parse(head.sensitivity_json) as SensitivityResult);
}

export function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The whole ranking as CSV (UTF-8 with BOM, so that spreadsheet programs read the Chinese names right). */
export async function rankingsCsv(
  db: Kysely<Database>,
  province: string,
  snapshotId: string,
  locale: Locale,
): Promise<string> {
  const all = await listRankings(db, province, snapshotId, { limit: 1_000_000, offset: 0 });
  const dims = [...new Set(all.items.flatMap((r) => Object.keys(r.dimensions)))];
  const head =
    locale === 'en'
      ? ['unit code', 'unit', 'class', 'total', 'rank', 'class size', 'grade']
      : ['单位代码', '单位', '类别', '总分', '排名', '类别单位数', '等次'];
  const lines = [[...head, ...dims].map(csvField).join(',')];
  for (const r of all.items)
    lines.push(
      [
        r.unitCode,
        r.unitName,
        r.class,
        String(r.total),
        String(r.rank),
        String(r.classSize),
        r.grade,
        ...dims.map((d) => (r.dimensions[d] === undefined ? '' : String(r.dimensions[d]))),
      ]
        .map(csvField)
        .join(','),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
