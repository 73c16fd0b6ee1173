import path from 'node:path';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { createEngine, type Engine } from '../../src/search/engine.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');

/** An engine over a knowledge folder; throws with the problems when it does not load. */
export async function engineFrom(dir: string): Promise<Engine> {
  const result = await loadKnowledge(path.resolve(ROOT, dir));
  if (!result.ok) throw new Error(`knowledge at ${dir} does not load:\n${result.problems.map((p) => p.message).join('\n')}`);
  return createEngine(result.knowledge);
}

/** The small made-up knowledge base of tests/fixtures/engine. */
export const fixtureEngine = () => engineFrom('tests/fixtures/engine');
/** The curated knowledge of the project. */
export const realEngine = () => engineFrom('knowledge');
