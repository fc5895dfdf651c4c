import type { Kysely } from 'kysely';
import { type Act, inTransaction, recordAudit } from '../app/act.js';
import type { EvidenceConfig } from '../app/app-config.js';
import type { Principal } from '../auth/principal.js';
import { isUnitInScope, unitScopeOf } from '../auth/row-scope.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { notFound, problem } from '../http/app-error.js';
import { t } from '../localised.js';
import { EvidenceStore } from './evidence-store.js';
import { sniffMediaType } from './media-type.js';

export const EVIDENCE = t('佐证材料', 'evidence');

export interface EvidenceView {
  hash: string;
  size: number;
  mediaType: string;
  fileName: string;
  uploadedBy: string;
  uploadedAt: string;
}

/**
 * Keeps an uploaded file (size and type checked) in the content-addressed store and records it for the
 * province. The same content uploaded again is the same evidence: nothing new is stored or recorded.
 */
export async function uploadEvidence(
  db: Kysely<Database>,
  config: EvidenceConfig,
  act: Act,
  file: { content: Buffer; fileName: string; declaredType: string },
): Promise<EvidenceView & { duplicate: boolean }> {
  if (file.content.length > config.maxBytes) throw tooLarge(config.maxBytes);
  const mediaType = sniffMediaType(file.content.subarray(0, 16), file.declaredType);
  if (mediaType === undefined || !config.mediaTypes.includes(mediaType))
    throw problem(
      'evidence_type',
      t(
        `文件“${file.fileName}”的类型不在允许之列（允许：${config.mediaTypes.join('、')}）`,
        `the type of "${file.fileName}" is not allowed (allowed: ${config.mediaTypes.join(', ')})`,
      ),
    );
  const store = new EvidenceStore(config.directory);
  const hash = EvidenceStore.hashOf(file.content);
  return inTransaction(db, async (trx) => {
    const existing = await findEvidence(trx, act.province, hash);
    if (existing !== undefined) {
      await store.put(file.content); // the row is there; make sure the file is too
      return { ...existing, duplicate: true };
    }
    await store.put(file.content);
    const view: EvidenceView = {
      hash,
      size: file.content.length,
      mediaType,
      fileName: file.fileName,
      uploadedBy: act.actor,
      uploadedAt: act.at,
    };
    try {
      await trx
        .insertInto('evidence')
        .values({
          province_code: act.province,
          hash,
          size: view.size,
          media_type: mediaType,
          file_name: view.fileName,
          uploaded_by: act.actor,
          uploaded_at: act.at,
        })
        .execute();
    } catch (err) {
      // The same content uploaded twice at once: the other upload recorded it.
      if (isUniqueViolation(err))
        throw problem(
          'version_conflict',
          t('同一文件正在上传，请重试', 'the same file is being uploaded; retry'),
        );
      throw err;
    }
    await recordAudit(trx, act, {
      action: 'evidence.upload',
      entity: 'evidence',
      entityId: hash,
      after: view,
    });
    return { ...view, duplicate: false };
  });
}

export function tooLarge(maxBytes: number) {
  return problem(
    'evidence_too_large',
    t(`佐证材料不得超过 ${maxBytes} 字节`, `evidence files may not exceed ${maxBytes} bytes`),
  );
}

export async function findEvidence(
  db: Kysely<Database>,
  province: string,
  hash: string,
): Promise<EvidenceView | undefined> {
  const row = await db
    .selectFrom('evidence')
    .selectAll()
    .where('province_code', '=', province)
    .where('hash', '=', hash)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    hash: row.hash,
    size: Number(row.size),
    mediaType: row.media_type,
    fileName: row.file_name,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
  };
}

/**
 * A file may be downloaded by whoever may read a value it supports (its unit in the reader's scope), and
 * by the account that uploaded it (before it is linked to any value).
 */
export async function readEvidence(
  db: Kysely<Database>,
  config: EvidenceConfig,
  principal: Principal,
  actor: string,
  hash: string,
): Promise<{ view: EvidenceView; content: Buffer }> {
  const view = await findEvidence(db, principal.province, hash);
  if (view === undefined) throw notFound(EVIDENCE, hash);
  if (view.uploadedBy !== actor) {
    const units = await db
      .selectFrom('data_value')
      .select('unit_code')
      .distinct()
      .where('province_code', '=', principal.province)
      .where('evidence_hash', '=', hash)
      .execute();
    const scope = unitScopeOf(principal);
    let allowed = false;
    for (const u of units) {
      allowed = await isUnitInScope(db, scope, u.unit_code);
      if (allowed) break;
    }
    if (!allowed)
      throw problem(
        'out_of_scope',
        t(
          '这份佐证材料所支持的数据不在您的数据范围内',
          'the values this evidence supports are outside your data scope',
        ),
      );
  }
  return { view, content: await new EvidenceStore(config.directory).read(hash) };
}
