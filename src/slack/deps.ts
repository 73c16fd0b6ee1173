/**
 * What listeners are given: the engine (through a getter, so knowledge can be swapped under a running app), the
 * journal, the logger, and the per-process record of messages already taken on.
 */
import type { Logger } from '@slack/bolt';
import type { Journal } from '../journal/entry.ts';
import type { Engine } from '../search/engine.ts';
import type { ReloadStatus } from '../search/live.ts';
import type { Seen } from './dedupe.ts';

export interface ListenerDeps {
  readonly engine: () => Engine;
  /** When the served knowledge was loaded, and the last failed reload if any. */
  readonly knowledgeStatus?: () => ReloadStatus;
  readonly journal: Journal;
  readonly logger: Logger;
  readonly seen: Seen;
}
