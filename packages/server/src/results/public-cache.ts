/**
 * Answers about snapshots kept as ready JSON text. What they say never changes once a snapshot exists (a
 * correction is another snapshot), so a reader hitting a ranking page or a unit page that someone has read
 * before costs a map lookup instead of a query, an explanation and a serialisation. First made for
 * /api/public; signed-in unit pages and province-wide ranking pages use it too. Bounded by total size;
 * least recently used entries go first.
 */
export class PublicCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): string | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  set(key: string, text: string): void {
    if (text.length * 2 > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.bytes -= old.length * 2;
      this.entries.delete(key);
    }
    this.entries.set(key, text);
    this.bytes += text.length * 2;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.length * 2;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A value good for `ttlMs` after it was read: the published-snapshot lookups of /api/public. */
export class ShortLived<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.until > t) return hit.value;
    const value = await load();
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { value, until: t + this.ttlMs });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
