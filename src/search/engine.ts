/**
 * The answer engine: a knowledge base, its index, and the questions asked of it. One engine per knowledge load;
 * swapping knowledge means building a new engine.
 */
import type { Knowledge } from '../knowledge/knowledge.ts';
import type { EntityKind } from '../knowledge/schema.ts';
import { ask, listEntities } from './answer.ts';
import { SEARCH_DEFAULTS, type SearchTuning } from './defaults.ts';
import { buildIndex, type SearchIndex } from './index.ts';
import type { Filters } from './query.ts';
import type { AskOptions, AskResult } from './types.ts';

export interface Engine {
  readonly knowledge: Knowledge;
  readonly index: SearchIndex;
  /** Answers a question (see `AskResult`). */
  ask(question: string, options?: AskOptions): AskResult;
  /** Entities of a kind (and filters), by name. */
  list(kind: EntityKind | undefined, filters?: Filters): ReturnType<typeof listEntities>;
}

/** Builds an engine over validated knowledge. */
export function createEngine(knowledge: Knowledge, tuning: SearchTuning = SEARCH_DEFAULTS): Engine {
  const index = buildIndex(knowledge, tuning);
  return {
    knowledge,
    index,
    ask: (question, options) => ask(index, question, options),
    list: (kind, filters = {}) => listEntities(index, filters, kind ? [kind] : []),
  };
}
