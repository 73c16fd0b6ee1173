import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, hitRank, parseQuestions } from '../../src/search/evaluation.ts';
import { blindFiles, readQuestionSets, tuningFiles } from '../../src/cli/question-sets.ts';
import { realEngine } from '../helpers/engine.ts';

/**
 * Regression guards, not targets: the figures the engine reaches today, less a small margin, on the tuning set and on
 * the sealed blind sets. A blind set failing here says only that: no question or miss of it is printed.
 */
describe('answer quality', () => {
  const ROOT = path.join(import.meta.dirname, '..', '..');

  it('holds its figures on the tuning set (the team\'s questions and the retired blind sets)', async () => {
    const engine = await realEngine();
    const sets = await readQuestionSets(ROOT, await tuningFiles(ROOT));
    const questions = sets.flatMap((s) => s.questions);
    expect(questions.length).toBeGreaterThanOrEqual(950);
    const report = evaluate((q) => engine.ask(q, { limit: 10 }), questions);
    const misses = `misses:\n${report.misses.map((m) => `${m.q} [${m.expect.join('|')}]`).join('\n')}`;
    expect(report.hit3, misses).toBeGreaterThanOrEqual(0.57);
    expect(report.declined, report.wronglyAnswered.map((w) => w.q).join('\n')).toBeGreaterThanOrEqual(0.87);
    expect(report.confidentWrong).toBeLessThanOrEqual(0.06);
    expect(report.chars).toBeLessThanOrEqual(700);
  });

  it('holds its figures on every sealed blind set, reporting figures only', async () => {
    const engine = await realEngine();
    const sets = await readQuestionSets(ROOT, await blindFiles(ROOT));
    for (const set of sets) {
      const { hit3, declined, confidentWrong, chars } = evaluate((q) => engine.ask(q, { limit: 10 }), set.questions);
      const figures = `${set.file}: hit@3 ${hit3.toFixed(3)}, declined ${declined.toFixed(3)}, confidently wrong ${confidentWrong.toFixed(3)}`;
      expect(hit3, figures).toBeGreaterThanOrEqual(0.41);
      expect(declined, figures).toBeGreaterThanOrEqual(0.84);
      expect(confidentWrong, figures).toBeLessThanOrEqual(0.055);
      expect(chars, figures).toBeLessThanOrEqual(700);
    }
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
    const all = engine.ask('who launched the RIT programme?', { limit: 50 });
    const best = all.answers[0]!.score;
    expect(all.answers.every((a) => a.score >= best - engine.index.tuning.relevanceGap)).toBe(true);
    expect(all.total).toBeLessThan(engine.knowledge.entities.filter((e) => e.facts.some((f) => /programme/i.test(f.text))).length);
  });
});
