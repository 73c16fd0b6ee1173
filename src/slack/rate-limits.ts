/**
 * Slack's rate limits, kept where Slack keeps them. Slack limits each Web API method per workspace, and
 * chat.postMessage per channel too; a 429 in one place says nothing about another. The SDK's own answer to a 429 is
 * to pause its whole request queue for `Retry-After`, so one busy channel would hold every answer, in every channel
 * and in App Home, for that long. The app's client therefore rejects rate-limited calls at once
 * (`rejectRateLimitedCalls`), and each call goes through `RateLimits.call`: a call that meets a 429 waits out its
 * `Retry-After` alone and is tried again, later calls of the same method (and channel) wait behind it, and everything
 * else goes on. A wait longer than the policy allows fails the call instead, so the asker hears of it.
 */
import { type Logger, webApi } from '@slack/bolt';

/** How long a call may wait for Slack's rate limit, in total, and how often it is tried again. */
export interface RateLimitPolicy {
  /** Longest total wait for one call, in milliseconds; a longer Retry-After fails the call at once. */
  readonly maxWaitMs: number;
  /** Tries after the first, each after the Retry-After Slack gave. */
  readonly retries: number;
}

/**
 * Thirty seconds: Slack's usual Retry-After for a burst is a few seconds to a minute; an answer later than half a
 * minute is past its use, and the asker is better told it failed. Two retries: a third 429 in a row means the
 * limit is not a burst.
 */
export const RATE_LIMIT_POLICY: RateLimitPolicy = { maxWaitMs: 30_000, retries: 2 };

/** Methods Slack limits per channel as well as per workspace. */
const PER_CHANNEL = new Set(['chat.postMessage', 'chat.postEphemeral']);

export type RateLimitErrorCode = 'rate-limited' | 'stopped';

/** Why a call was not made: its limit lasts longer than the policy allows, or the app is stopping. */
export class RateLimitError extends Error {
  constructor(
    readonly code: RateLimitErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RateLimitError';
  }
}

export interface RateLimits {
  /**
   * Runs one Web API call of `method` (in `channel`, for the methods Slack limits per channel), waiting out Slack's
   * rate limit for that method and channel alone. Resolves with the call's result; rejects with the call's own error,
   * or a `RateLimitError` when the wait would pass the policy or the app stops meanwhile.
   */
  call<T>(method: string, channel: string | undefined, call: () => Promise<T>): Promise<T>;
  /** Ends every wait (each waiting call rejects with code `stopped`); later calls are refused the same way. */
  close(): void;
}

export interface RateLimitOptions {
  readonly logger: Logger;
  readonly policy?: RateLimitPolicy;
  readonly now?: () => number;
}

/** Seconds Slack asked us to wait, when the error is the SDK's rejection of a 429. */
function retryAfterOf(error: unknown): number | undefined {
  const e = error as { code?: unknown; retryAfter?: unknown } | undefined;
  return e?.code === webApi.ErrorCode.RateLimitedError && typeof e.retryAfter === 'number' ? e.retryAfter : undefined;
}

/** The rate-limit state of one workspace's Web API client: until when each method (and channel) is limited. */
export function createRateLimits(options: RateLimitOptions): RateLimits {
  const policy = options.policy ?? RATE_LIMIT_POLICY;
  const now = options.now ?? Date.now;
  const limitedUntil = new Map<string, number>();
  const waits = new Set<{ timer: NodeJS.Timeout; stop: () => void }>();
  let closed = false;

  const stopped = () => new RateLimitError('stopped', 'cluster-bot: the app stopped while a Web API call waited for its rate limit');
  const sleep = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      const wait = {
        timer: setTimeout(() => {
          waits.delete(wait);
          resolve();
        }, ms),
        stop: () => reject(stopped()),
      };
      waits.add(wait);
    });
  const forget = (t: number) => {
    for (const [key, until] of limitedUntil) if (until <= t) limitedUntil.delete(key);
  };

  return {
    async call(method, channel, call) {
      const key = PER_CHANNEL.has(method) && channel ? `${method} ${channel}` : method;
      let waited = 0;
      for (let attempt = 0; ; attempt++) {
        // Calls of this method (and channel) wait while Slack's limit lasts; others never come here.
        for (;;) {
          if (closed) throw stopped();
          const wait = (limitedUntil.get(key) ?? 0) - now();
          if (wait <= 0) break;
          if (waited + wait > policy.maxWaitMs) {
            throw new RateLimitError('rate-limited', `${key} is rate-limited by Slack for ${Math.ceil(wait / 1000)} s more; not waiting`);
          }
          await sleep(wait);
          waited += wait;
        }
        try {
          return await call();
        } catch (error) {
          const retryAfter = retryAfterOf(error);
          if (retryAfter === undefined) throw error;
          const t = now();
          forget(t);
          limitedUntil.set(key, Math.max(limitedUntil.get(key) ?? 0, t + retryAfter * 1000));
          const tryAgain = attempt < policy.retries && waited + retryAfter * 1000 <= policy.maxWaitMs;
          const next = tryAgain ? 'this call waits and tries again, other calls go on' : 'giving up this call';
          options.logger.warn(`${key}: rate-limited by Slack (Retry-After: ${retryAfter} s); ${next}`);
          if (!tryAgain) throw error;
        }
      }
    },
    close() {
      closed = true;
      for (const wait of waits) {
        clearTimeout(wait.timer);
        wait.stop();
      }
      waits.clear();
    },
  };
}
