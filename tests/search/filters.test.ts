import { describe, expect, it } from 'vitest';
import { filterProblems } from '../../src/search/filters.ts';
import { typedFilters } from '../../src/search/query.ts';
import { listEntities } from '../../src/search/answer.ts';
import { fixtureEngine, realEngine } from '../helpers/engine.ts';

const engine = await fixtureEngine();
const problemsOf = (question: string) => filterProblems(engine.index, typedFilters(question, engine.index));

describe('typed filters that cannot be applied', () => {
  it.each([
    ['source:nope HBC', { code: 'unknown-value', key: 'source', value: 'nope', valid: ['news', 'report'] }],
    ['source:reprt HBC', { code: 'unknown-value', key: 'source', value: 'reprt', suggestion: 'report' }],
    ['kind:missoin HBC', { code: 'unknown-value', key: 'kind', value: 'missoin', suggestion: 'mission' }],
    ['year:1066 HBC', { code: 'unknown-value', key: 'year', value: '1066' }],
    ['Sorce:news HBC', { code: 'unknown-key', key: 'sorce', value: 'news', suggestion: 'source', suggestedValue: 'news' }],
    ['yeer:"2023" HBC', { code: 'unknown-key', key: 'yeer', value: '2023', suggestion: 'year', suggestedValue: '2023' }],
    // The value is suggested with the filter only when that filter has it, or the nearest value it has.
    ['sorce:reprt HBC', { code: 'unknown-key', key: 'sorce', value: 'reprt', suggestion: 'source', suggestedValue: 'report' }],
    ['sorce:zzzzzz HBC', { code: 'unknown-key', key: 'sorce', value: 'zzzzzz', suggestion: 'source' }],
  ])('%j', (question, expected) => {
    expect(problemsOf(question)).toEqual([expect.objectContaining(expected)]);
    if (!('suggestedValue' in expected) && expected.code === 'unknown-key') expect(problemsOf(question)[0]).not.toHaveProperty('suggestedValue');
  });

  it.each([
    'source:news HBC',
    'source:NEWS HBC',
    'kind:organisations HBC',
    'country:japan clusters',
    'year:2023 missions',
    'note: who founded HBC?',
    'see https://example.org/report',
    'kind:"" HBC',
    'who founded HBC?',
  ])('%j has none', (question) => {
    expect(problemsOf(question)).toEqual([]);
  });
});

describe('place filters', () => {
  it("take a city's name to mean the prefecture or region named after it too", async () => {
    const real = await realEngine();
    const listed = (filter: string) => listEntities(real.index, { place: filter }, ['partnership']);
    const placedIn = (filter: string) => new Set(listed(filter).flatMap((e) => ('places' in e ? (e.places ?? []) : [])));
    expect(placedIn('osaka-prefecture')).toContain('osaka-prefecture');
    // "Osaka" finds what is placed in Osaka Prefecture as well as in the city: everything "Osaka Prefecture" finds.
    expect(placedIn('osaka')).toContain('osaka-prefecture');
    expect(listed('osaka').map((e) => e.id)).toEqual(expect.arrayContaining(listed('Osaka Prefecture').map((e) => e.id)));
  });
});
