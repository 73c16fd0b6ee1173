/**
 * What the journal records: one JSON line per question asked and per feedback given. User and channel ids are
 * kept only when `LOG_USER_IDS=true`; the channel *type* is always kept (it tells a maintainer where people ask).
 */

/**
 * Longest question text kept, in characters: as much as the engine reads of a question (its `maxQueryLength`). A
 * longer one is stored cut, with `questionLength` giving its full length, so a pasted page cannot fill the journal.
 */
export const QUESTION_MAX = 500;

export type ChannelType = 'console' | 'cli' | 'slash' | 'mention' | 'dm' | 'thread' | 'home' | 'unknown';

export interface QuestionEntry {
  readonly type: 'question';
  /** ISO time. */
  readonly time: string;
  readonly channelType: ChannelType;
  readonly question: string;
  /** The question's full length in characters, present when the stored text was cut to `QUESTION_MAX`. */
  readonly questionLength?: number;
  readonly answered: boolean;
  /** Entity ids of the top answers, best first (at most three). */
  readonly top: readonly string[];
  /** Score of the best answer (0 when none). */
  readonly score: number;
  readonly confidence: number;
  readonly userId?: string;
  readonly channelId?: string;
}

export interface FeedbackEntry {
  readonly type: 'feedback';
  readonly time: string;
  readonly channelType: ChannelType;
  readonly helpful: boolean;
  readonly question: string;
  /** As for a question: the full length when the stored text was cut. */
  readonly questionLength?: number;
  /** The answer the feedback is about (entity ids shown, best first). */
  readonly top: readonly string[];
  readonly userId?: string;
  readonly channelId?: string;
}

export type JournalEntry = QuestionEntry | FeedbackEntry;

/** Records questions and feedback. Implementations never throw: a failed write is logged, never lost silently. */
export interface Journal {
  record(entry: JournalEntry): Promise<void>;
}
