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

  /** Takes one use for `guildId`; returns 0 when allowed, else the milliseconds until the next use frees up. */
  take(guildId: string): number {
    const now = this.now();
    const recent = (this.#uses.get(guildId) ?? []).filter((t) => now - t < this.settings.windowMs);
    if (recent.length >= this.settings.max) {
      this.#uses.set(guildId, recent);
      return Math.max(1, (recent[0] ?? now) + this.settings.windowMs - now);
    }
    recent.push(now);
    this.#uses.set(guildId, recent);
    return 0;
  }
}
