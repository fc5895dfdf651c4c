import { t } from '../localised.js';
import { AuditError } from './audit-error.js';

/**
 * JSON with object keys sorted and no whitespace, so that equal values always give equal text (the
 * property a hash needs). Numbers use JavaScript's shortest round-trip form, as in RFC 8785. Values JSON
 * cannot represent faithfully (undefined in an array, NaN, Infinity, bigint, functions) are refused rather
 * than silently turned into null; undefined object properties are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw unsupported(path, String(value));
      return JSON.stringify(value);
    case 'object': {
      const toJson = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJson === 'function') return write(toJson.call(value), path);
      if (Array.isArray(value)) {
        return `[${value.map((v, i) => (v === undefined ? unsupportedThrow(`${path}[${i}]`, 'undefined') : write(v, `${path}[${i}]`))).join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of Object.keys(record).sort()) {
        const v = record[key];
        if (v === undefined) continue;
        parts.push(`${JSON.stringify(key)}:${write(v, `${path}.${key}`)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw unsupported(path, typeof value);
  }
}

function unsupported(path: string, what: string): AuditError {
  return new AuditError(
    'entry_invalid',
    t(`${path} 处的值 ${what} 无法写成 JSON`, `the value ${what} at ${path} cannot be written as JSON`),
  );
}

function unsupportedThrow(path: string, what: string): never {
  throw unsupported(path, what);
}
