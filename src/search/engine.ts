/**
 * The answer engine: a knowledge base, its index, and the questions asked of it. One engine per knowledge version;
 * a new version gets a new engine, built from scratch or updated from the engine of the version before it.
 */
import type { Knowledge } from '../knowledge/knowledge.ts';
import type { Entity, EntityKind } from '../knowledge/schema.ts';
import { ask, listEntities } from './answer.ts';
import { SEARCH_DEFAULTS, type SearchTuning } from './defaults.ts';
import { buildIndex, indexSteps, updateIndex, type SearchIndex } from './index.ts';
import type { Filters } from './query.ts';
import type { AskOptions, AskResult } from './types.ts';
import { LruCache } from './cache.ts';
import { deepFreeze } from '../knowledge/freeze.ts';

export interface Engine {
  readonly knowledge: Knowledge;
  readonly index: SearchIndex;
  /** Answers a question (see `AskResult`). */
  ask(question: string, options?: AskOptions): AskResult;
  /** Entities of a kind (and filters), by name. */
  list(kind: EntityKind | undefined, filters?: Filters): Entity[];
}

/** Answers kept per engine; a new knowledge version starts with an empty cache. */
const CACHE_SIZE = 1000;
const MAX_CACHED_QUESTION = 1000;

/** Builds an engine over validated knowledge. */
export function createEngine(knowledge: Knowledge, tuning: SearchTuning = SEARCH_DEFAULTS): Engine {
  return engineOver(buildIndex(knowledge, tuning));
}

/**
 * The engine of a new version of the knowledge, from the engine of the version before it: only what changed is
 * indexed again, and the result answers exactly as `createEngine(knowledge)` would. `from` is left as it was.
 */
export function updateEngine(from: Engine, knowledge: Knowledge): Engine {
  return engineOver(updateIndex(from.index, knowledge));
}

/** `createEngine` (or, from an engine, `updateEngine`) as steps a caller can interleave with other work. */
export function* engineSteps(knowledge: Knowledge, tuning: SearchTuning = SEARCH_DEFAULTS, from?: Engine): Generator<void, Engine> {
  const index = yield* indexSteps(knowledge, from?.index.tuning ?? tuning, from?.index);
  return engineOver(index);
}

/** The engine over an index already built (a saved one read back). */
export function engineOver(index: SearchIndex): Engine {
  const cache = new LruCache<AskResult>(CACHE_SIZE);
  const lists = new LruCache<readonly Entity[]>(CACHE_SIZE);
  return {
    knowledge: index.knowledge,
    index,
    ask: (question, options = {}) => {
      const text = String(question ?? '');
      // Very long inputs are answered but not kept: they are rare, and would fill the cache's memory.
      if (text.length > MAX_CACHED_QUESTION) return deepFreeze(ask(index, text, options));
      const key = `${options.offset ?? 0}|${options.limit ?? ''}|${(options.context ?? []).join(',')}|${text}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const result = deepFreeze(ask(index, text, options));
      cache.set(key, result);
      return result;
    },
    list: (kind, filters = {}) => {
      const key = `${kind ?? ''}|${JSON.stringify(filters)}`;
      const listed = lists.get(key) ?? listEntities(index, filters, kind ? [kind] : []);
      lists.set(key, listed);
      return [...listed];
    },
  };
}
