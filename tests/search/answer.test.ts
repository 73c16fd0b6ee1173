import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/search/engine.ts';
import { parseQuery } from '../../src/search/query.ts';
import { fixtureEngine } from '../helpers/engine.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await fixtureEngine();
});

const top = (q: string) => engine.ask(q).answers[0];

describe('finding the entity a question names', () => {
  it.each([
    ['HBC', 'harbour-cluster'],
    ['Harbour Biomedical Cluster', 'harbour-cluster'],
    ['harbour biomedical cluster', 'harbour-cluster'],
    ['Harbur Cluster', 'harbour-cluster'],
    ['Harbour Biomedcal Cluster', 'harbour-cluster'],
    ['TUP', 'tie-up'],
    ['Portvile', 'portville'],
  ])('%s → %s, as its card', (question, id) => {
    const result = engine.ask(question);
    expect(result.answered).toBe(true);
    expect(result.answers[0]?.id).toBe(id);
    // A card lists the entity's facts in curated order.
    expect(result.answers[0]?.text).toBe(engine.knowledge.byId.get(id)?.facts[0]?.text);
  });
});

describe('matching words', () => {
  it('matches across word forms (partnerships / partner)', () => {
    expect(top('which partnerships does north life have')?.kind).toBe('partnership');
  });

  it('tolerates a typo without drowning exact hits', () => {
    const result = engine.ask('regenrative medicine networking');
    expect(result.answers[0]?.id).toBe('harbour-cluster');
  });

  it('matches a prefix of a long word', () => {
    expect(engine.ask('pharmaceut platform').answers[0]?.id).toBe('harbour-cluster');
  });

  it('expands domain synonyms (established → founded)', () => {
    const result = engine.ask('when was HBC established?');
    expect(result.outcome).not.toBe('none');
    expect(result.answers[0]?.text).toContain('1998');
  });

  it('marks the matched words of each snippet', () => {
    const snippet = engine.ask('HBC networking platform').answers[0]?.snippets.find((s) => s.text.includes('networking'));
    expect(snippet).toBeDefined();
    const marked = snippet!.marks.map(([a, b]) => snippet!.text.slice(a, b));
    expect(marked).toEqual(expect.arrayContaining(['HBC', 'networking', 'platform']));
  });
});

describe('filters', () => {
  it('reads typed filters and applies them', () => {
    const result = engine.ask('cooperation kind:partnership');
    expect(result.filters).toMatchObject({ kind: 'partnership' });
    expect(result.answers.length).toBeGreaterThan(0);
    expect(result.answers.every((a) => a.kind === 'partnership')).toBe(true);
  });

  it.each([
    ['kind:organisation country:germany', ['north-life']],
    ['kind:partnership sector:textiles', ['weavers-japan']],
    ['kind:partnership year:2015', ['north-harbour']],
    ['kind:mission place:portville', ['mission-2023']],
    ['kind:organisation place:japan', ['harbour-cluster']],
  ])('%s lists exactly %j', (question, ids) => {
    const result = engine.ask(question, { limit: 50 });
    expect(result.answered).toBe(true);
    expect(result.answers.map((a) => a.id)).toEqual(ids);
  });

  it('lets a typed kind steer a bare name to the entity of that kind', () => {
    expect(engine.ask('North Life kind:partnership').answers[0]?.id).toBe('north-harbour');
    expect(engine.ask('North Life kind:partners').answers.every((a) => a.kind === 'partnership')).toBe(true);
  });

  it('keeps a typed filter on a bare name: the facts it selects, not the whole card', () => {
    const sources = (question: string) => {
      const result = engine.ask(question, { limit: 10 });
      expect(result.answers.length).toBeGreaterThan(0);
      return [...new Set(result.answers.flatMap((a) => a.snippets.map((sn) => sn.citation.source)))];
    };
    // The card of HBC shows its facts from the news; asked with the report as source, only the report's.
    expect(sources('HBC')).toContain('news');
    expect(sources('source:report HBC')).toEqual(['report']);
  });

  it('accepts a quoted value', () => {
    expect(engine.ask('kind:organisation country:"Germany"', { limit: 50 }).answers.map((a) => a.id)).toEqual(['north-life']);
  });

  it('reads a kind word after "how many" as what is counted, not as a filter', () => {
    expect(parseQuery('how many companies does North Life count', engine.index).intent.kinds).toEqual([]);
    expect(parseQuery('which companies are in Japan', engine.index).intent.kinds).toEqual(['organisation']);
    expect(engine.ask('how many companies does North Life count').answers[0]?.text).toContain('500');
  });

  it('reads a kind and a year from plain words', () => {
    const result = engine.ask('missions in 2023');
    expect(result.filters).toMatchObject({ kind: 'mission', year: '2023' });
    expect(result.answers[0]?.kind).toBe('mission');
  });

  it('lists every entity of a kind when the question is only a kind', () => {
    const result = engine.ask('partnerships', { limit: 50 });
    expect(result.answered).toBe(true);
    expect(result.answers.map((a) => a.id).sort()).toEqual(['north-harbour', 'weavers-japan']);
  });
});

describe('knowing what it does not know', () => {
  it.each([
    'what is the budget of the Tie-Up programme?',
    'who is the mayor of Portville?',
    'how many visitors came to the 2023 mission?',
    'what is the population of Germany?',
  ])('declines %s', (question) => {
    const result = engine.ask(question);
    expect(result.answered).toBe(false);
    expect(result.outcome).not.toBe('answer');
  });

  it('reads a misspelt name as the name, and still does not answer what the facts lack', () => {
    const result = engine.ask('what does the Weavrs budget look like?');
    expect(result.answered).toBe(false);
    expect(result.answers[0]?.title).toBe('Weavers Textile Cluster');
  });

  it('offers a did-you-mean for a word too far from any to be read as it', () => {
    const result = engine.ask('what does the Weeverz budget look like?');
    expect(result.answered).toBe(false);
    expect(result.suggestions).toContain('Weavers Textile Cluster');
  });

  it('does not answer an empty question', () => {
    for (const q of ['', '   ', '???', 'the of and']) {
      const result = engine.ask(q);
      expect(result.answered).toBe(false);
      expect(result.answers).toEqual([]);
    }
  });

  it('wants a number for "how many" and a date for "when"', () => {
    expect(engine.ask('how many members does HBC have').answers[0]?.text).toContain('370');
    expect(engine.ask('when did North Life and HBC sign their letter of intent').answers[0]?.text).toContain('2015');
  });
});

describe('answers', () => {
  it('cites each snippet with the source title, section and date', () => {
    const answer = top('Tie-Up programme projects');
    expect(answer?.citations[0]).toMatchObject({
      source: 'report',
      title: 'A report on cluster cooperation',
      section: 'Partnerships',
      url: 'https://example.org/report',
      short: 'The cluster report',
      date: '2018-12',
    });
  });

  it('offers related entities for follow-up', () => {
    const answer = engine.ask('North Life – Harbour partnership').answers[0];
    expect(answer?.related.map((r) => r.id)).toEqual(expect.arrayContaining(['north-life', 'harbour-cluster', 'tie-up']));
  });

  it('pages through results', () => {
    const first = engine.ask('cluster', { limit: 2 });
    const second = engine.ask('cluster', { limit: 2, offset: 2 });
    expect(first.answers).toHaveLength(2);
    expect(second.offset).toBe(2);
    expect(second.answers.map((a) => a.id)).not.toContain(first.answers[0]?.id);
    expect(first.total).toBe(second.total);
  });

  it('reads a follow-up in the context of the last answer', () => {
    const harbour = engine.ask('when was it founded?', { context: ['harbour-cluster'] });
    const north = engine.ask('when was it founded?', { context: ['north-life'] });
    expect(harbour.answers[0]?.id).toBe('harbour-cluster');
    expect(harbour.answers[0]?.text).toContain('1998');
    expect(north.answers[0]?.id).toBe('north-life');
    expect(north.answers[0]?.text).toContain('2004');
    // A question that names its own subject is not bent by the context.
    expect(engine.ask('when was North Life Network founded?', { context: ['harbour-cluster'] }).answers[0]?.id).toBe('north-life');
  });

  it('never cuts a long question inside an emoji', () => {
    const max = engine.index.tuning.maxQueryLength;
    const query = engine.ask(`${'a'.repeat(max - 1)}🚀 more`).query;
    expect(query).toBe('a'.repeat(max - 1));
    expect(engine.ask(`${'a'.repeat(max - 2)}🚀 more`).query).toBe(`${'a'.repeat(max - 2)}🚀`);
  });

  it('gives the same answer to the same question', () => {
    expect(engine.ask('textiles in Japan since 2007')).toEqual(engine.ask('textiles in Japan since 2007'));
  });

  it('survives hostile input', () => {
    const inputs = [
      'x'.repeat(40_000),
      '<!channel> <@U123> <https://x|y> *bold* _it_ ~s~',
      '\u0000\u0007\u001b[31m red',
      'kind: country: year:abcd sector:',
      'مرحبا بالعالم 🚀 日本のクラスター',
      '((((((((((',
      'HBC '.repeat(2000),
    ];
    for (const input of inputs) {
      const result = engine.ask(input);
      expect(result.query.length).toBeLessThanOrEqual(engine.index.tuning.maxQueryLength);
      expect(Array.isArray(result.answers)).toBe(true);
    }
  });
});

describe('conflict notes', () => {
  it('carry a fact\'s conflict note into its snippet, and no note into the others', () => {
    const snippets = engine.ask('when was North Life Network founded?').answers[0]?.snippets ?? [];
    const founded = snippets.find((s) => s.text.includes('2004'));
    expect(founded?.conflict).toBe('the report also says 2005');
    expect(snippets.filter((s) => s !== founded).every((s) => s.conflict === undefined)).toBe(true);
  });
});
