/**
 * A ResultSet (or anything else) as plain JSON: typed arrays become arrays, NaN and ±Infinity become null,
 * object keys are sorted, so the same result always gives the same bytes (results are hashed and
 * compared). Produced in chunks so that a province-sized result (hundreds of MB) never has to fit in one
 * string, which V8 caps at about 512 MB.
 */
export function writePlainJson(value: unknown, onChunk: (chunk: string) => void, chunkSize = 1 << 20): void {
  const w = new ChunkWriter(onChunk, chunkSize);
  write(value, w);
  w.flush();
}

export function toPlainJson(value: unknown): string {
  const chunks: string[] = [];
  writePlainJson(value, (c) => chunks.push(c));
  return chunks.join('');
}

class ChunkWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(
    private readonly onChunk: (chunk: string) => void,
    private readonly chunkSize: number,
  ) {}
  push(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= this.chunkSize) this.flush();
  }
  flush(): void {
    if (this.size === 0) return;
    this.onChunk(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

function num(x: number): string {
  return Number.isFinite(x) ? String(x) : 'null';
}

function write(v: unknown, out: ChunkWriter): void {
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
    out.push('[');
    // In slices, so that a long column is neither one huge string nor millions of tiny pushes.
    const slice = new Array<string>(4096);
    for (let from = 0; from < a.length; from += 4096) {
      const to = Math.min(a.length, from + 4096);
      slice.length = to - from;
      for (let i = from; i < to; i++) {
        const x = a[i]!;
        slice[i - from] = typeof x === 'bigint' ? x.toString() : num(x);
      }
      out.push(from === 0 ? slice.join(',') : `,${slice.join(',')}`);
    }
    out.push(']');
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
    out.push(JSON.stringify(k));
    out.push(':');
    write(o[k], out);
  });
  out.push('}');
}
