/**
 * Looks codes up straight from a span of a larger text, without cutting a string out of it: at millions of
 * rows, slicing a string per field and hashing it in a Map was the largest cost of reading values (and
 * most of the garbage). Open addressing over an FNV-1a hash of the characters; a hit is confirmed by
 * comparing the characters in place.
 */
export class CodeTable {
  private readonly codes: string[] = [];
  private readonly ids: number[] = [];
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(entries: Iterable<readonly [string, number]>) {
    const list = [...entries];
    let size = 8;
    while (size < list.length * 4) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (const [code, id] of list) {
      if (this.get(code, 0, code.length) >= 0) continue;
      let slot = hashSpan(code, 0, code.length) & this.mask;
      while (this.slots[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = this.codes.length;
      this.codes.push(code);
      this.ids.push(id);
    }
  }

  /** The id of the code spelled by `src[start, end)`, or -1. */
  get(src: string, start: number, end: number): number {
    const len = end - start;
    let slot = hashSpan(src, start, end) & this.mask;
    for (;;) {
      const k = this.slots[slot]!;
      if (k < 0) return -1;
      const code = this.codes[k]!;
      if (code.length === len && src.startsWith(code, start)) return this.ids[k]!;
      slot = (slot + 1) & this.mask;
    }
  }
}

function hashSpan(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
