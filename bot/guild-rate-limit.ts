/**
 * At most `max` re-indexes per guild in a sliding window. Re-indexing a shared corpus costs the host minutes of
 * CPU, so one server (or one compromised admin account) must not be able to keep it busy.
 */
export interface RateLimitSettings {
  max: number;
  windowMs: number;
}

export const defaultReindexLimit: RateLimitSettings = { max: 5, windowMs: 10 * 60_000 };

export class GuildRateLimit {
  readonly #uses = new Map<string, number[]>();

  constructor(
    private readonly settings: RateLimitSettings = defaultReindexLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `guildId` may re-index again; 0 when it may now. Takes nothing. */
  waitMs(guildId: string): number {
    const now = this.now();
    const recent = (this.#uses.get(guildId) ?? []).filter((t) => now - t < this.settings.windowMs);
    this.#uses.set(guildId, recent);
    if (recent.length < this.settings.max) return 0;
    return Math.max(1, (recent[0] ?? now) + this.settings.windowMs - now);
  }

  /** Counts one re-index for `guildId` (only work that re-indexed counts: refusals cost no CPU). */
  record(guildId: string): void {
    const uses = this.#uses.get(guildId) ?? [];
    uses.push(this.now());
    this.#uses.set(guildId, uses);
  }

  /** waitMs, and when it is 0, record: for work that re-indexes for sure (/reindex). */
  take(guildId: string): number {
    const wait = this.waitMs(guildId);
    if (wait === 0) this.record(guildId);
    return wait;
  }
}
