import type { Insertable, Selectable } from 'kysely';

/** The tenant: one assessment office's whole province. Every fact row carries its code in its primary key. */
export interface ProvinceTable {
  /** Division code of the province (GB/T 2260), e.g. `330000`. */
  code: string;
  name: string;
  created_at: string;
}

export type ProvinceRow = Selectable<ProvinceTable>;
export type NewProvinceRow = Insertable<ProvinceTable>;
