/**
 * The engine's answer: a plain object, the same for Slack, the console and `cluster-bot ask --json`.
 */
import type { EntityKind } from '../knowledge/schema.ts';

/** Where a snippet comes from. `title`/`section` are human-readable; the ids are kept for links back. */
export interface CitationView {
  readonly source: string;
  readonly title: string;
  readonly section: string;
  readonly url?: string;
  /** Short label and date of the source ("ECCP discussion paper on Japan", "2018-12"). */
  readonly short: string;
  readonly date: string;
  readonly sectionId?: string;
}

/** One cited snippet with the words that matched the question. */
export interface Snippet {
  readonly text: string;
  /** `[start, end)` character ranges of matched words in `text`. */
  readonly marks: ReadonlyArray<readonly [number, number]>;
  readonly citation: CitationView;
  readonly asOf?: string;
  /** What another passage of the sources says against this fact ("§3.3 calls it a letter of intent"). */
  readonly conflict?: string;
}

export interface EntityRef {
  readonly id: string;
  readonly kind: EntityKind;
  readonly title: string;
}

/** One answer: an entity and its best facts for the question, best first. */
export interface AnswerItem {
  readonly id: string;
  readonly kind: EntityKind;
  readonly title: string;
  /** The best snippet's text: a sentence or two. */
  readonly text: string;
  readonly score: number;
  readonly citations: readonly CitationView[];
  /** The snippets of this answer (the first is `text`). */
  readonly snippets: readonly Snippet[];
  readonly summary?: string;
  /** Entities worth a follow-up: a partnership's parties, a mission's organisations… */
  readonly related: readonly EntityRef[];
}

export interface AskResult {
  readonly query: string;
  /**
   * `answer`: the first snippet of the first answer answers the question. `unsure`: the answers are the closest facts,
   * and may not answer it. `none`: nothing found.
   */
  readonly outcome: 'answer' | 'unsure' | 'none';
  /** True exactly when `outcome` is `answer`. */
  readonly answered: boolean;
  /** The answers list the entities filters select ("missions in 2023") rather than answer a question. */
  readonly listing: boolean;
  readonly answers: readonly AnswerItem[];
  readonly suggestions: readonly string[];
  /** All answers found, of which `answers` is one page. */
  readonly total: number;
  readonly offset: number;
  /** Filters read from the question (typed or plain words), for display. */
  readonly filters: Readonly<Record<string, string>>;
  /** How sure the engine is that the first answer is right: a probability, 0–1, from the fitted decision model. */
  readonly confidence: number;
}

export interface AskOptions {
  /** First answer to return (paging). */
  readonly offset?: number;
  /** Answers per page. */
  readonly limit?: number;
  /** Entity ids the question should be read against (a thread's last answer). */
  readonly context?: readonly string[];
}
