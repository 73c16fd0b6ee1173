import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blindFiles, readQuestionSets, tuningFiles } from '../../src/cli/question-sets.ts';
import { nameKey } from '../../src/search/text.ts';
import { realEngine } from '../helpers/engine.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');

/** The words of a question, as a set. */
const words = (q: string) => new Set(nameKey(q).split(' ').filter(Boolean));

/** Two questions are copies when their words are the same, or nearly all shared (Jaccard 0.9 or more). */
function copies(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared) >= 0.9;
}

describe("the knowledge's curated questions", () => {
  it('copy no evaluation question, tuning or blind (a blind set is named, never quoted)', async () => {
    const engine = await realEngine();
    const tuning = await readQuestionSets(ROOT, await tuningFiles(ROOT));
    const blind = await readQuestionSets(ROOT, await blindFiles(ROOT));
    const evaluation = [
      ...tuning.flatMap((s) => s.questions.map((q) => ({ set: s.file, shown: q.q, words: words(q.q) }))),
      ...blind.flatMap((s) => s.questions.map((q) => ({ set: s.file, shown: '(sealed)', words: words(q.q) }))),
    ];
    const found: string[] = [];
    for (const entity of engine.knowledge.entities) {
      entity.facts.forEach((fact, i) => {
        for (const question of fact.questions) {
          const mine = words(question);
          const copy = evaluation.find((e) => copies(mine, e.words));
          if (copy) found.push(`${entity.id} fact ${i + 1}: a question copies one of ${copy.set} ${copy.shown}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it('are listed on the facts in the knowledge', async () => {
    const engine = await realEngine();
    const count = engine.knowledge.entities.reduce((n, e) => n + e.facts.reduce((m, f) => m + f.questions.length, 0), 0);
    expect(count).toBeGreaterThan(1000);
  });
});

describe('a curated question', () => {
  it('asks something about its subject, not only its name: a bare name is answered by the entity card', async () => {
    const { analyse } = await import('../../src/search/answer.ts');
    const engine = await realEngine();
    const bare: string[] = [];
    for (const entity of engine.knowledge.entities)
      for (const fact of entity.facts)
        for (const q of fact.questions) {
          const analysis = analyse(engine.index, q);
          if (analysis.path === 'search' && analysis.lookup) bare.push(`${entity.id}: ${q}`);
        }
    expect(bare).toEqual([]);
  });
});
