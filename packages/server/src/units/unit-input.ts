/** The fields of a unit a writer gives (create) or changes (update). */
export interface UnitInput {
  code: string;
  name: string;
  classCode: string;
  parentCode: string | null;
  level: string;
  elasticity: number | null;
}
