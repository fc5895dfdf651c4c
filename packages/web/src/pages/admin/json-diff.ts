/** One field of an audited entity, before and after the write. */
export interface DiffRow {
  field: string;
  /** JSON text of the value, or undefined when the field was absent. */
  before: string | undefined;
  after: string | undefined;
  changed: boolean;
}

function fieldsOf(json: string | null): Map<string, string> | undefined {
  if (json === null) return undefined;
  const value: unknown = JSON.parse(json);
  const fields = new Map<string, string>();
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    for (const [key, v] of Object.entries(value)) fields.set(key, JSON.stringify(v));
  else fields.set('', JSON.stringify(value));
  return fields;
}

/**
 * The audit entry's before and after (canonical JSON, sorted keys) side by side, field by field: fields in
 * the order of the texts, changed fields marked. Nested values are compared as their JSON text.
 */
export function diffAuditJson(beforeJson: string | null, afterJson: string | null): DiffRow[] {
  const before = fieldsOf(beforeJson);
  const after = fieldsOf(afterJson);
  const keys = [...new Set([...(before?.keys() ?? []), ...(after?.keys() ?? [])])].sort();
  return keys.map((field) => {
    const b = before?.get(field);
    const a = after?.get(field);
    return { field, before: b, after: a, changed: b !== a };
  });
}
