/**
 * A ResultSet as plain JSON: typed arrays become arrays, NaN and ±Infinity become null, object keys are
 * sorted, so the same result always gives the same bytes (results are hashed and compared).
 */
export function toPlainJson(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

function num(x: number): string {
  return Number.isFinite(x) ? String(x) : 'null';
}

function write(v: unknown, out: string[]): void {
  if (v === null || v === undefined) {
    out.push('null');
    return;
  }
  switch (typeof v) {
    case 'number':
      out.push(num(v));
      return;
    case 'string':
      out.push(JSON.stringify(v));
      return;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return;
    case 'bigint':
      out.push(v.toString());
      return;
    case 'object':
      break;
    default:
      out.push('null');
      return;
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = v as unknown as ArrayLike<number | bigint>;
    const parts = new Array<string>(a.length);
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      parts[i] = typeof x === 'bigint' ? x.toString() : num(x);
    }
    out.push(`[${parts.join(',')}]`);
    return;
  }
  if (Array.isArray(v)) {
    out.push('[');
    v.forEach((x, i) => {
      if (i > 0) out.push(',');
      write(x === undefined ? null : x, out);
    });
    out.push(']');
    return;
  }
  if (v instanceof Map) {
    write(Object.fromEntries(v), out);
    return;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined && typeof o[k] !== 'function')
    .sort();
  out.push('{');
  keys.forEach((k, i) => {
    if (i > 0) out.push(',');
    out.push(JSON.stringify(k), ':');
    write(o[k], out);
  });
  out.push('}');
}
