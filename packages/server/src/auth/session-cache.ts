/**
 * What a session lookup reads (session, account and policy in one row), kept in memory for a few seconds so
 * that a busy reader costs no database round trip per request. Correctness does not rest on the expiry:
 * every write of this process that can end a session or change an account or policy clears the cache
 * before its response leaves (see installAuthorisation). The expiry bounds how long a change made by
 * another process (a second server, `xn` recovering an admin) takes to reach this one.
 */
export interface SessionRow {
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  id: string;
  username: string;
  display_name: string;
  province_code: string;
  roles: string;
  unit_code: string | null;
  must_change_password: number;
  disabled: number;
  session_idle_minutes: number | null;
  session_absolute_minutes: number | null;
}

export const SESSION_CACHE_MS = 5_000;
/** Enough for every signed-in user of a province at once; beyond it the oldest entries go first. */
export const SESSION_CACHE_ENTRIES = 20_000;

interface Entry {
  row: SessionRow;
  loadedAt: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = SESSION_CACHE_MS,
    private readonly maxEntries = SESSION_CACHE_ENTRIES,
  ) {}

  /** The row read at most `ttlMs` ago (by the caller's clock), or undefined. */
  get(idHash: string, nowMs: number): SessionRow | undefined {
    const entry = this.entries.get(idHash);
    if (entry === undefined) return undefined;
    if (nowMs - entry.loadedAt >= this.ttlMs || nowMs < entry.loadedAt) {
      this.entries.delete(idHash);
      return undefined;
    }
    return entry.row;
  }

  /** Only sessions that were found are kept: random cookies must not fill the cache. */
  set(idHash: string, row: SessionRow, nowMs: number): void {
    this.entries.delete(idHash);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(idHash, { row, loadedAt: nowMs });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
