import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, hitRank, parseQuestions } from '../../src/search/evaluation.ts';
import { realEngine } from '../helpers/engine.ts';

describe('answer quality on tests/eval/questions.yml', () => {
  it('finds the answer in the top three for at least 90% of answerable questions, and declines every unanswerable one', async () => {
    const engine = await realEngine();
    const questions = parseQuestions(await readFile(path.join(import.meta.dirname, '..', 'eval', 'questions.yml'), 'utf8'));
    expect(questions.length).toBeGreaterThanOrEqual(100);
    const report = evaluate((q) => engine.ask(q, { limit: 10 }), questions);
    expect(report.wronglyAnswered).toEqual([]);
    expect(report.hit3, `misses:\n${report.misses.map((m) => `${m.q} [${m.expect.join('|')}]`).join('\n')}`).toBeGreaterThanOrEqual(0.9);
  });
});

describe('scoring', () => {
  const answers = [
    { title: 'A', text: 'founded in 1998' },
    { title: 'B', text: 'has 370 members', snippets: [{ text: 'has 370 members' }, { text: 'in Kobe' }] },
  ];
  it('ranks the first answer holding every expected string, across its snippets', () => {
    expect(hitRank({ answered: true, answers }, ['1998'])).toBe(1);
    expect(hitRank({ answered: true, answers }, ['370', 'kobe'])).toBe(2);
    expect(hitRank({ answered: true, answers }, ['missing'])).toBe(0);
  });
  it('gives no credit to an answer the engine declined', () => {
    expect(hitRank({ answered: false, answers }, ['1998'])).toBe(0);
  });
  it('computes hit@1, hit@3, MRR and the declined share', () => {
    const ask = (q: string) => (q === 'no' ? { answered: true, answers } : { answered: true, answers });
    const report = evaluate(ask, [
      { q: 'a', expect: ['1998'] },
      { q: 'b', expect: ['kobe'] },
      { q: 'no', answerable: false },
    ]);
    expect(report).toMatchObject({ hit1: 0.5, hit3: 1, mrr: 0.75, declined: 0, answerable: 2, unanswerable: 1 });
    expect(report.wronglyAnswered).toEqual([{ q: 'no', got: 'A' }]);
  });
  it('rejects a malformed questions file', () => {
    expect(() => parseQuestions('- q: hello\n')).toThrow();
    expect(() => parseQuestions('- q: hello\n  expect: []\n')).toThrow();
  });
});

describe('result paging on the real knowledge', () => {
  it('pages only through answers within reach of the best one, not every fact sharing a word', async () => {
    const engine = await realEngine();
    const all = engine.ask('who runs the RIT programme?', { limit: 50 });
    const best = all.answers[0]!.score;
    expect(all.answers.every((a) => a.score >= best * engine.index.tuning.relevanceFloor)).toBe(true);
    expect(all.total).toBeLessThan(engine.knowledge.entities.filter((e) => e.facts.some((f) => /programme/i.test(f.text))).length);
  });
});
