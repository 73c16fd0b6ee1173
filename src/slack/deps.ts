/**
 * What listeners are given: the engine (through a getter, so knowledge can be swapped under a running app), the
 * journal, the logger, the per-process record of messages already taken on, and Slack's rate limits as met so far.
 */
import type { Logger } from '@slack/bolt';
import type { Journal } from '../journal/entry.ts';
import type { Engine } from '../search/engine.ts';
import type { ReloadStatus } from '../search/live.ts';
import type { Seen } from './dedupe.ts';
import type { RateLimits } from './rate-limits.ts';

export interface ListenerDeps {
  readonly engine: () => Engine;
  /** When the served knowledge was loaded, and the last failed reload if any. */
  readonly knowledgeStatus?: () => ReloadStatus;
  readonly journal: Journal;
  readonly logger: Logger;
  readonly seen: Seen;
  /** Every Web API call goes through `limits.call`, so a 429 delays only that method (and channel). */
  readonly limits: RateLimits;
}

/** What the entry point gives the Slack app; the app adds the rest (its rate limits) itself. */
export type AppDeps = Omit<ListenerDeps, 'limits'>;
