/**
 * cluster-bot as a library: load the knowledge, build an engine, ask it questions.
 *
 * ```ts
 * import { loadKnowledge, createEngine } from 'cluster-bot';
 * const loaded = await loadKnowledge('knowledge');
 * if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
 * const engine = createEngine(loaded.knowledge);
 * const answer = engine.ask('who launched the RIT programme?', { limit: 3 });
 * ```
 */
export { loadKnowledge, type LoadResult } from './knowledge/load.ts';
export { knowledgeStats, type Knowledge } from './knowledge/knowledge.ts';
export { formatProblem, type Problem, type ProblemCode } from './knowledge/problem.ts';
export type { Citation, Entity, EntityKind, Fact, Source } from './knowledge/schema.ts';
export { createEngine, type Engine } from './search/engine.ts';
export { createLiveEngine, KnowledgeLoadError, type LiveEngine, type ReloadStatus } from './search/live.ts';
export { SEARCH_DEFAULTS, type SearchTuning } from './search/defaults.ts';
export type { AnswerItem, AskOptions, AskResult, CitationView, EntityRef, Snippet } from './search/types.ts';

import { loadKnowledge } from './knowledge/load.ts';
import { formatProblem } from './knowledge/problem.ts';
import { createEngine, type Engine } from './search/engine.ts';
import type { AskOptions, AskResult } from './search/types.ts';

/** Loads the knowledge folder and builds an engine; throws with every problem when the knowledge does not validate. */
export async function engineFromFolder(dir: string): Promise<Engine> {
  const loaded = await loadKnowledge(dir);
  if (!loaded.ok) {
    throw new Error(`cluster-bot: the knowledge in ${dir} has errors:\n${loaded.problems.map(formatProblem).join('\n')}`);
  }
  return createEngine(loaded.knowledge);
}

/** Asks one question of an engine: a plain object, the same one Slack, the console and `ask --json` show. */
export function ask(engine: Engine, question: string, options: AskOptions = {}): AskResult {
  return engine.ask(question, options);
}
