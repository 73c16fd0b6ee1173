import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/search/engine.ts';
import { parseQuery } from '../../src/search/query.ts';
import type { AskResult } from '../../src/search/types.ts';
import { fixtureEngine } from '../helpers/engine.ts';
import { hostileText, RUNS } from './arbitraries.ts';

function checkShape(result: AskResult, engine: Engine): void {
  expect(result.query.length).toBeLessThanOrEqual(engine.index.tuning.maxQueryLength);
  expect(result.answers.length).toBeLessThanOrEqual(engine.index.tuning.answersPerPage);
  expect(result.confidence).toBeGreaterThanOrEqual(0);
  expect(result.confidence).toBeLessThanOrEqual(1);
  expect(result.answered).toBe(result.outcome === 'answer');
  if (result.outcome === 'none') expect(result.answers).toEqual([]);
  if (result.answered && result.offset < result.total) expect(result.answers.length).toBeGreaterThan(0);
  const full = Math.max(0, Math.min(engine.index.tuning.answersPerPage, result.total - result.offset));
  // An answer leads its first page alone or with the close alternatives; every other page is full.
  if (result.answered && !result.listing && result.offset === 0) expect(result.answers.length).toBeLessThanOrEqual(full);
  else expect(result.answers.length).toBe(full);
  for (const answer of result.answers) {
    expect(engine.knowledge.byId.get(answer.id)?.name).toBe(answer.title);
    expect(answer.snippets.length).toBeGreaterThan(0);
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const snippet of answer.snippets) {
      let last = 0;
      for (const [start, end] of snippet.marks) {
        expect(start).toBeGreaterThanOrEqual(last);
        expect(end).toBeGreaterThan(start);
        expect(end).toBeLessThanOrEqual(snippet.text.length);
        last = end;
      }
    }
  }
}

describe('the engine on arbitrary input', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await fixtureEngine();
  });

  it('parses any string without throwing', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const query = parseQuery(text, engine.index);
        expect(query.raw.length).toBeLessThanOrEqual(engine.index.tuning.maxQueryLength);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers any string with a well-formed, deterministic result', () => {
    fc.assert(
      fc.property(hostileText, fc.nat(5), (text, offset) => {
        const result = engine.ask(text, { offset });
        checkShape(result, engine);
        expect(engine.ask(text, { offset })).toEqual(result);
      }),
      { numRuns: RUNS },
    );
  });
});
