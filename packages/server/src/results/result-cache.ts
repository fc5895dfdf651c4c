import type { ResultSet } from '@xiaoneng/engine';

/**
 * The full ResultSets of the last few snapshots read, rebuilt on demand from the snapshot's stored inputs
 * (decision: per-unit headline rows in the database, everything else re-derived; the engine is
 * deterministic, so re-scoring the stored inputs gives exactly the stored figures). A province's ResultSet
 * is tens of megabytes, hence so few.
 */
export class ResultCache {
  private readonly entries = new Map<string, Promise<ResultSet>>();
  constructor(private readonly capacity = 3) {}

  get(key: string, load: () => Promise<ResultSet>): Promise<ResultSet> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const loading = load();
    this.entries.set(key, loading);
    // A failed load is not remembered: the next read tries again.
    loading.catch(() => this.entries.delete(key));
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return loading;
  }

  put(key: string, rs: ResultSet): void {
    this.get(key, async () => rs);
  }
}
