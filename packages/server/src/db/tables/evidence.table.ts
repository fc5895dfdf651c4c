import type { Insertable, Selectable } from 'kysely';

/** 佐证材料: a file kept on disk under its SHA-256; one row per province and content. */
export interface EvidenceTable {
  province_code: string;
  /** SHA-256 (hex) of the content: also its file name in the store. */
  hash: string;
  size: number;
  media_type: string;
  /** The name of the first upload, for downloads. */
  file_name: string;
  uploaded_by: string;
  uploaded_at: string;
}

export type EvidenceRow = Selectable<EvidenceTable>;
export type NewEvidenceRow = Insertable<EvidenceTable>;
