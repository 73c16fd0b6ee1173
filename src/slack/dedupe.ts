/**
 * Remembers which messages this process has taken on, so a retried delivery is not answered twice. Per process;
 * across replicas the thread itself is checked (see `thread.ts`).
 */

export interface Seen {
  /** True the first time a key is claimed within the time-to-live; false after. */
  claim(key: string): boolean;
}

/** A time-limited, size-limited set of keys. */
export function createSeen(ttlMs = 10 * 60 * 1000, max = 10_000, now: () => number = Date.now): Seen {
  const seen = new Map<string, number>();
  return {
    claim(key) {
      const t = now();
      for (const [k, at] of seen) {
        if (t - at < ttlMs && seen.size <= max) break;
        seen.delete(k);
      }
      if (seen.has(key)) return false;
      seen.set(key, t);
      return true;
    },
  };
}
