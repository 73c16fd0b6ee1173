import { beforeAll, describe, expect, it } from 'vitest';
import { alternateSimilarity, questionVector, termsOf, type AlternateIndex } from '../../src/search/alternates.ts';
import { analyse } from '../../src/search/answer.ts';
import { decide, DECISION_FEATURES } from '../../src/search/decide.ts';
import type { Engine } from '../../src/search/engine.ts';
import { fitModel, modelSource } from '../../src/search/fit.ts';
import { buildNameTable, linkNames, lowerCaseCounts } from '../../src/search/names.ts';
import { expectedAnswer, parseQuery } from '../../src/search/query.ts';
import { RANK_FEATURES } from '../../src/search/score.ts';
import { correction, isEnglishWord, questionWordOf } from '../../src/search/spelling.ts';
import { britishSpelling, nameWords } from '../../src/search/text.ts';
import type { Entity } from '../../src/knowledge/schema.ts';
import { fixtureEngine } from '../helpers/engine.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await fixtureEngine();
});

const entity = (id: string, name: string, aliases: string[], texts: string[]): Entity =>
  ({ kind: 'organisation', id, name, aliases, facts: texts.map((text) => ({ text, cite: { source: 's' }, about: [], questions: [] })) }) as unknown as Entity;

describe('understanding a question', () => {
  it.each([
    ['hey all, quick one - when was HBC founded?', 'when was HBC founded'],
    ['sorry if this is obvious but who runs HBC', 'who runs HBC'],
    ['morning! does anyone know when HBC was founded?', 'when HBC was founded'],
    ['when was HBC founded?', 'when was HBC founded'],
  ])('sets chatter aside: %j reads as %j', (question, focus) => {
    expect(parseQuery(question, engine.index).focus.replace(/[?]$/, '')).toBe(focus);
  });

  it('drops words of chat and Slack markup, keeps what is asked', () => {
    const words = parseQuery('<@U123> :wave: thanks! what does HBC offer?', engine.index).tokens.map((t) => t.surface);
    expect(words).not.toContain('thanks');
    expect(words).not.toContain('wave');
    expect(words).toContain('offer');
  });

  it('reads American spellings and chat abbreviations as the sources write them', () => {
    expect(britishSpelling('organization')).toBe('organisation');
    expect(britishSpelling('center')).toBe('centre');
    expect(britishSpelling('size')).toBe('size');
    const govt = parseQuery('which govt agency', engine.index).tokens.find((t) => t.surface === 'govt');
    expect(govt?.expansion).toBe('government');
  });

  it.each([
    ['when was it founded', 'date'],
    ['since when has it run', 'date'],
    ['how long did the mission last', 'duration'],
    ['how many members', 'number'],
    ['member count', 'number'],
    ['how much funding does it get', 'amount'],
    ['where is it', 'place'],
    ['what does TPA stand for', 'definition'],
    ['what does it do', undefined],
  ])('%j asks for a %s', (question, type) => {
    expect(expectedAnswer(question, (w) => w === 'ceo')).toBe(type);
  });

  it('takes "who" for a person only with a word that names a role', () => {
    const isRole = (w: string) => ['ceo', 'director'].includes(w);
    expect(expectedAnswer('who is the CEO of HBC', isRole)).toBe('person');
    expect(expectedAnswer('who runs the Tie-Up programme', isRole)).toBeUndefined();
  });
});

describe('spelling', () => {
  it('reads a misspelt question word as the question word', () => {
    expect(questionWordOf('wat')).toBe('what');
    expect(questionWordOf('wich')).toBe('which');
    expect(questionWordOf('whos')).toBe('who');
    expect(questionWordOf('harbour')).toBeUndefined();
  });
  it('corrects an unknown word to the nearest, most frequent word the knowledge holds', () => {
    const { vocabulary, rank } = engine.index;
    expect(correction('fonded', vocabulary, rank)).toBe('founded');
    expect(correction('japna', vocabulary, rank)).toBe('japan');
    expect(correction('founded', vocabulary, rank)).toBeUndefined();
    expect(correction('xyzzy', vocabulary, rank)).toBeUndefined();
  });
  it('tells English words in use from typos, so a word the sources lack is not corrected into another', () => {
    expect(isEnglishWord('mayor')).toBe(true);
    expect(isEnglishWord('fonded')).toBe(false);
    expect(parseQuery('who is the mayor of Portville', engine.index).tokens.some((t) => t.surface === 'mayor' && !t.known)).toBe(true);
  });
});

describe('entity linking', () => {
  const table = buildNameTable([
    entity('clusters-net', 'Clust-ER', ['ClustERs'], ['The ClustERs are regional clusters.', 'Two clusters joined, each a cluster of firms.', 'Other clusters too: one more cluster.']),
    entity('hbc', 'Harbour Biomedical Cluster', ['HBC'], ['HBC was founded in 1998.']),
  ]);
  const link = (text: string, fuzzy = false) => {
    const { folded, original } = nameWords(text);
    return linkNames(folded, table, { original, fuzzy }).flatMap((s) => s.ids);
  };
  it('finds names and aliases, longest first, spaces optional', () => {
    expect(link('when was the Harbour Biomedical Cluster founded')).toEqual(['hbc']);
    expect(link('hbc founded')).toEqual(['hbc']);
  });
  it('links a one-word name that is also an ordinary word only when written as the name', () => {
    expect(link('which ClustERs joined')).toEqual(['clusters-net']);
    expect(link('which clusters joined')).toEqual([]);
    // "Clust-ER" written as one word is "cluster", an ordinary word here too.
    expect(link('which cluster joined')).toEqual([]);
  });
  it('allows a near miss of a long name, when asked to', () => {
    expect(link('Harbour Biomedcal Cluster', true)).toEqual(['hbc']);
    expect(link('Harbour Biomedcal Cluster', false)).toEqual([]);
  });
  it('takes the longest name a run of words spells, among names that begin alike', () => {
    const alike = buildNameTable([
      entity('harbour', 'Harbour', [], ['Harbour is a place.']),
      entity('harbour-bio', 'Harbour Bio', [], ['A cluster.']),
      entity('hbc', 'Harbour Biomedical Cluster', [], ['A cluster.']),
      entity('hbc-2', 'Harbour Biomedical Cluster 2', [], ['Another.']),
    ]);
    const linked = (text: string) => {
      const { folded, original } = nameWords(text);
      return linkNames(folded, alike, { original }).map((s) => `${s.words}=${s.ids.join(',')}`);
    };
    expect(linked('Harbour Biomedical Cluster and Harbour Bio met in Harbour')).toEqual([
      'harbour biomedical cluster=hbc',
      'harbour bio=harbour-bio',
      'harbour=harbour',
    ]);
    expect(linked('the Harbour Biomedical Cluster 2 and the harbour biomedical')).toEqual(['harbour biomedical cluster 2=hbc-2', 'harbour=harbour']);
    expect(linked('HarbourBio, harbourbiomedicalcluster')).toEqual(['harbourbio=harbour-bio', 'harbourbiomedicalcluster=hbc']);
  });
});

describe('names written in lower case', () => {
  it('counts the lower-case uses of one-word names in the facts, not capitalised ones nor addresses, in any script', () => {
    const entities = [
      entity('clusters-net', 'Clust-ER', ['ClustERs'], ['The ClustERs are regional clusters.', 'Two clusters joined, each a cluster of firms.']),
      entity('cafe', 'Café Clusters', [], ['A café of clusters; write to clusters@example.org or see www.cluster.example.', 'Clusters, clusters.']),
    ];
    expect(Object.fromEntries(lowerCaseCounts(entities))).toEqual({ clusters: 4, cluster: 1 });
  });
});

describe('curated questions', () => {
  // Document slot 0 has one curated question, "when was HBC founded?"; slot 1 has none.
  const alternates: AlternateIndex = {
    questions: [[['@hbc', 'found']]],
    df: new Map([
      ['@hbc', 1],
      ['found', 1],
    ]),
    count: 1,
  };
  it('reads every name of an entity as that entity', () => {
    expect(termsOf(['when', 'was', 'hbc', 'founded'], [{ start: 2, end: 3, ids: ['hbc'] }])).toEqual(['@hbc', 'found']);
  });
  it('scores the closest curated question by cosine similarity, 0 to 1', () => {
    expect(alternateSimilarity(questionVector(['@hbc', 'found'], alternates), 0, alternates)).toBeCloseTo(1);
    const other = alternateSimilarity(questionVector(['@hbc', 'member'], alternates), 0, alternates);
    expect(other).toBeGreaterThan(0);
    expect(other).toBeLessThan(1);
    expect(alternateSimilarity(questionVector(['@hbc'], alternates), 1, alternates)).toBe(0);
  });
});

describe('scoring and deciding', () => {
  it('gives every candidate a feature vector within 0–1, and a score', () => {
    const analysis = analyse(engine.index, 'when was HBC founded?');
    if (analysis.path !== 'search') throw new Error('searched');
    expect(analysis.ranked.length).toBeGreaterThan(0);
    for (const s of analysis.ranked) {
      expect(s.features).toHaveLength(RANK_FEATURES.length);
      for (const x of s.features) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
      }
    }
    expect(analysis.ranked[0]!.candidate.doc.text).toContain('1998');
  });

  it('gives the three outcomes by the probability and the thresholds', () => {
    const analysis = analyse(engine.index, 'when was HBC founded?');
    if (analysis.path !== 'search') throw new Error('searched');
    const { query, retrieved, words, ranked } = analysis;
    const model = (bias: number) => ({ weights: DECISION_FEATURES.map(() => 0), bias, answer: 0.6 });
    expect(decide(query, retrieved, words, ranked, model(3)).outcome).toBe('answer');
    expect(decide(query, retrieved, words, ranked, model(-3)).outcome).toBe('unsure');
    expect(decide(query, retrieved, words, [], model(3)).outcome).toBe('none');
  });
});

describe('fitting', () => {
  const questions = [
    { q: 'when was HBC founded?', expect: ['1998'] },
    { q: 'how many members does HBC have', expect: ['370'] },
    { q: 'what does HBC offer?', expect: ['networking'] },
    { q: 'when did North Life and HBC sign their letter of intent', expect: ['2015'] },
    { q: 'who is the mayor of Portville?', answerable: false as const },
    { q: 'what is the budget of the Tie-Up programme?', answerable: false as const },
  ];
  it('is deterministic, and gives one weight per feature and a threshold within 0–1', () => {
    const options = { maxWrong: 0.05, minDeclined: 0.9, steps: 200, rate: 0.5, l2: 0.01, folds: 2 };
    const a = fitModel(engine.index, questions, options);
    const b = fitModel(engine.index, questions, options);
    expect(a).toEqual(b);
    expect(a.ranker).toHaveLength(RANK_FEATURES.length);
    expect(a.decider.weights).toHaveLength(DECISION_FEATURES.length);
    expect(a.decider.answer).toBeGreaterThan(0);
    expect(a.decider.answer).toBeLessThan(1);
    expect(modelSource(a, 'fixture')).toMatch(/export const RANKER: readonly number\[\] = \[/);
  });
});

describe('what a fact holds', () => {
  it('holds a date only when its text states one: the year a figure held (as_of) answers no "when"', async () => {
    const { realEngine } = await import('../helpers/engine.ts');
    const real = await realEngine();
    const dated = /\b(1[89]|20)\d\d\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;
    const stamped = real.knowledge.entities.flatMap((e) =>
      e.facts.map((f, i) => ({ fact: f, doc: real.index.docsByEntity.get(e.id)?.find((d) => d.factIndex === i) })),
    );
    const undatedText = stamped.filter(({ fact }) => fact.as_of !== undefined && !dated.test(fact.text));
    expect(undatedText.length).toBeGreaterThan(0);
    for (const { doc } of undatedText) expect(doc?.values.date).toBe(false);
    const datedText = stamped.filter(({ fact }) => /\b(19|20)\d\d\b/.test(fact.text));
    for (const { doc } of datedText.slice(0, 50)) expect(doc?.values.date).toBe(true);
  });
});
