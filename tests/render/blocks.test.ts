import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { Knowledge } from '../../src/knowledge/knowledge.ts';
import { ACTION, AnswerState, decodeValue, encodeValue } from '../../src/render/actions.ts';
import { renderAnswer } from '../../src/render/blocks.ts';
import { renderConsole } from '../../src/render/console.ts';
import { clipMrkdwn, escapeMrkdwn, redactEmails } from '../../src/render/escape.ts';
import { renderHelp } from '../../src/render/help.ts';
import { renderHome } from '../../src/render/home.ts';
import { entityLine, renderEntityList, renderSourceDetails, renderSources } from '../../src/render/lists.ts';
import { renderAnswerText } from '../../src/render/text.ts';
import { createEngine, type Engine } from '../../src/search/engine.ts';
import type { AnswerItem, AskResult, CitationView } from '../../src/search/types.ts';
import { displayed, expectWithinLimits } from './limits.ts';

let engine: Engine;
let knowledge: Knowledge;
beforeAll(async () => {
  const loaded = await loadKnowledge(path.resolve(import.meta.dirname, '../../knowledge'));
  if (!loaded.ok) throw new Error('knowledge does not load');
  knowledge = loaded.knowledge;
  engine = createEngine(knowledge);
});

const HOSTILE =
  '<!channel> <!here> <!everyone> @here <@U0000BOB> <#C0000GEN> <https://evil.example|click me> *bold* _it_ ~s~ `code` &amp; > quote mail@evil.example';
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

function hostileCitation(i: number): CitationView {
  return { source: `s-${i}`, title: HOSTILE, section: HOSTILE.repeat(2), short: HOSTILE, date: '2018-12', sectionId: `x-${i}` };
}

/** An answer with the longest everything: 200-character titles, 600-character facts of `&`, ten citations. */
function hostileAnswer(i: number): AnswerItem {
  const text = `${'&<>'.repeat(150)}${HOSTILE}`.slice(0, 600);
  const snippets = Array.from({ length: 10 }, (_, j) => ({
    text,
    marks: [
      [0, 5],
      [10, 600],
    ] as Array<[number, number]>,
    citation: hostileCitation(j),
    asOf: '2013',
  }));
  return {
    id: `hostile-${i}`,
    kind: 'organisation',
    title: `${HOSTILE}${'x'.repeat(200)}`.slice(0, 200),
    text,
    score: 1,
    citations: snippets.map((s) => s.citation),
    snippets,
    related: Array.from({ length: 25 }, (_, j) => ({
      id: `rel-${j}`,
      kind: 'place' as const,
      title: `${HOSTILE}${'y'.repeat(200)}`.slice(0, 200),
    })),
  };
}

function hostileResult(): AskResult {
  return {
    query: `${HOSTILE} ${'q'.repeat(5000)}`,
    outcome: 'unsure',
    answered: false,
    listing: false,
    answers: Array.from({ length: 50 }, (_, i) => hostileAnswer(i)),
    suggestions: Array.from({ length: 20 }, () => HOSTILE),
    total: 500,
    offset: 0,
    filters: { kind: HOSTILE, year: HOSTILE },
    confidence: 0.1,
  };
}

describe('answer rendering limits', () => {
  it('fits the largest entities of the knowledge, fifty to a page, for both audiences', () => {
    const biggest = [...knowledge.entities].sort((a, b) => b.facts.length - a.facts.length || b.name.length - a.name.length).slice(0, 10);
    for (const entity of biggest) {
      for (const audience of ['private', 'channel'] as const) {
        const result = engine.ask(entity.name, { limit: 50 });
        expectWithinLimits(renderAnswer(result, { audience, origin: 'slash', shareable: true, context: ['a', 'b'] }));
      }
    }
  });

  it('fits hostile input of every maximal size, and escapes all of it', () => {
    for (const audience of ['private', 'channel'] as const) {
      const message = renderAnswer(hostileResult(), { audience, origin: 'slash', shareable: true, question: hostileResult().query });
      expectWithinLimits(message);
      const texts = [...displayed(message.blocks), message.text];
      for (const text of texts) {
        expect(text).not.toMatch(/<[!@#]/);
        expect(text).not.toContain('<https://evil');
        expect(text).not.toMatch(/\*bold\*|_it_|~s~|`code`/);
        expect(text).not.toMatch(/(^|\n)>/);
        expect(text).not.toMatch(/@(here|channel|everyone)/);
        expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
      }
    }
  });

  it('redacts e-mail addresses for a channel, everywhere in the message, and keeps them in private', () => {
    const person = knowledge.entities.find((e) => e.kind === 'person' && e.facts.some((f) => EMAIL.test(f.text)))!;
    const result = engine.ask(`${person.name} e-mail contact`);
    const privately = renderAnswer(result, { audience: 'private', origin: 'dm' });
    expect(JSON.stringify(privately)).toMatch(EMAIL);
    const inChannel = renderAnswer(result, { audience: 'channel', origin: 'mention' });
    expect(JSON.stringify(inChannel)).not.toMatch(EMAIL);
    expect(JSON.stringify(renderAnswer(hostileResult(), { audience: 'channel', origin: 'mention' }))).not.toMatch(EMAIL);
  });

  it('cites each snippet with its source date and bolds matched words', () => {
    const result = engine.ask('who launched the RIT programme?');
    const message = renderAnswer(result, { audience: 'private', origin: 'slash' });
    const contexts = message.blocks.filter((b) => b.type === 'context').flatMap((b) => (b.type === 'context' ? b.elements : []));
    const citations = contexts
      .map((e) => ('text' in e ? String(e.text) : ''))
      .filter((t) => [...knowledge.sources.values()].some((s) => t.includes(s.short)));
    expect(citations.length).toBe(result.answers.reduce((n, a) => n + a.snippets.length, 0));
    for (const c of citations) expect(c).toMatch(/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}|, \d{4}/);
    expect(displayed(message.blocks).join('\n')).toMatch(/\*RIT\*/);
  });

  it('offers More results only when there are more, and Share only when asked', () => {
    const result = engine.ask('life science', { limit: 3 });
    const ids = (m: ReturnType<typeof renderAnswer>) =>
      m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : []));
    expect(ids(renderAnswer(result, { audience: 'private', origin: 'slash', shareable: true }))).toEqual(
      expect.arrayContaining([ACTION.more, ACTION.share, ACTION.helpful, ACTION.notHelpful]),
    );
    expect(ids(renderAnswer(result, { audience: 'channel', origin: 'mention' }))).not.toContain(ACTION.share);
    const empty = renderAnswer(engine.ask('qwzxv'), { audience: 'private', origin: 'slash', shareable: true });
    expect(ids(empty)).toEqual([]);
    expectWithinLimits(empty);
  });
});

describe('other messages stay within limits', () => {
  it('lists, sources, source details, help and App Home', () => {
    for (const kind of ['mission', 'partnership', 'programme', 'organisation', 'place'] as const) {
      expectWithinLimits(
        renderEntityList(engine.list(kind), knowledge, {
          audience: 'private',
          origin: 'slash',
          title: kind,
          filter: HOSTILE,
          shareable: true,
          command: HOSTILE,
        }),
      );
    }
    expectWithinLimits(renderEntityList([], knowledge, { audience: 'private', origin: 'slash', title: 'Nothing' }));
    expectWithinLimits(renderSources(knowledge));
    const refs = [...knowledge.sources.values()].flatMap((s) => Object.keys(s.sections).map((x) => [s.id, x] as const)).slice(0, 10);
    expectWithinLimits(renderSourceDetails(knowledge, refs));
    expectWithinLimits(renderSourceDetails(knowledge, [['no-such-source', '']]));
    expectWithinLimits(renderHelp({ unknown: HOSTILE.repeat(50), suggestions: [HOSTILE] }));
    expect(displayed(renderHelp({ unknown: HOSTILE }).blocks).join('\n')).not.toMatch(/<[!@#]/);
    const home = renderHome(knowledge);
    expectWithinLimits(home, 100);
  });
});

describe('escaping and values', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['a & b', 'a &amp; b'],
    ['*x* _y_ ~z~ `w`', '\u2217x\u2217 \u02CDy\u02CD \u223Cz\u223C \u02CBw\u02CB'],
    ['@here', '@\u2060here'],
  ])('escapes %j', (input, output) => {
    expect(escapeMrkdwn(input)).toBe(output);
  });

  it('never cuts inside an entity or a link', () => {
    const text = `${'a'.repeat(95)}&amp;<https://x.example|label> tail`;
    for (let max = 90; max < text.length; max++) {
      const clipped = clipMrkdwn(text, max);
      expect(clipped.length).toBeLessThanOrEqual(max);
      expect(clipped).not.toMatch(/&[a-z]*…|<[^>]*…/);
    }
  });

  it('redacts e-mail addresses even across bold marks', () => {
    expect(redactEmails('write to \uE000hauck\uE001@lifesciencenord.de now')).not.toMatch(/hauck|lifesciencenord/);
    expect(redactEmails('write to \uE000hauck\uE001@lifesciencenord.de now')).not.toMatch(/[\uE000\uE001]/);
  });

  it('keeps button values within 2,000 characters and reads back only what it wrote', () => {
    const value = encodeValue({ q: 'x'.repeat(5000), o: 3, c: ['kbic'], k: 'slash' });
    expect(value.length).toBeLessThanOrEqual(2000);
    const back = decodeValue(AnswerState, value);
    expect(back).toMatchObject({ o: 3, c: ['kbic'], k: 'slash' });
    expect(decodeValue(AnswerState, '{"q":1}')).toBeInstanceOf(Error);
    expect(decodeValue(AnswerState, 'not json')).toBeInstanceOf(Error);
  });
});

describe('console rendering', () => {
  it('renders an answer as readable text: no mrkdwn entities, links as label (url), buttons as hints', () => {
    const result = engine.ask('who launched the RIT programme?');
    const text = renderConsole(renderAnswer(result, { audience: 'private', origin: 'console' }));
    // The answer leads, its entity and citation under it.
    expect(text).toMatch(new RegExp(`^Answer: ${result.answers[0]!.text.slice(0, 20)}`, 'm'));
    expect(text).toContain(result.answers[0]!.title);
    expect(text).not.toMatch(/&amp;|&lt;|&gt;|\u2060/);
    expect(text).toMatch(/Related: More about /);
    expect(text).toContain('You asked: “who launched the RIT programme?”');
  });

  it('names the page it shows: a range of results, or the one result of a last page of one', () => {
    const first = engine.ask('cluster cooperation in life science', { limit: 3 });
    const total = first.total;
    expect(total).toBeGreaterThan(4);
    const page = (offset: number, limit: number) =>
      renderConsole(renderAnswer(engine.ask('cluster cooperation in life science', { offset, limit }), { audience: 'private', origin: 'console' }));
    expect(page(3, 3)).toContain(`(results 4–6 of ${total})`);
    expect(page(total - 1, 3)).toContain(`(result ${total} of ${total})`);
  });
});

describe('conflict notes', () => {
  const citation: CitationView = {
    source: 'eccp-discussion-paper-japan',
    title: 'D3.5 – Discussion paper on Japan',
    section: '3.3 Best practice: BioXClusters+ and Osaka Bio Headquarters',
    short: 'ECCP discussion paper on Japan',
    date: '2018-12',
    sectionId: '3-3-bioxclusters',
  };
  const result = (conflict?: string): AskResult => ({
    query: 'when did the mission go to Japan?',
    outcome: 'answer',
    answered: true,
    listing: false,
    answers: [
      {
        id: 'mission',
        kind: 'mission',
        title: 'A business mission to Japan',
        text: 'The mission went to Japan in 2016.',
        score: 1,
        citations: [citation],
        snippets: [
          { text: 'The mission went to Japan in 2016.', marks: [], citation, asOf: '2016', ...(conflict ? { conflict } : {}) },
          { text: 'It met 26 companies.', marks: [], citation },
        ],
        related: [],
      },
    ],
    suggestions: [],
    total: 1,
    offset: 0,
    filters: {},
    confidence: 1,
  });
  const contextTexts = (message: ReturnType<typeof renderAnswer>) =>
    message.blocks.flatMap((b) => (b.type === 'context' ? [b.elements.map((e) => ('text' in e ? String(e.text) : ''))] : []));

  it('shows the note beside the citation of the snippet it concerns, and only there', () => {
    const [first, second] = contextTexts(renderAnswer(result('the paper also says 2017'), { audience: 'private', origin: 'slash' }));
    expect(first).toEqual([expect.stringContaining('ECCP discussion paper on Japan, Dec 2018'), 'Conflict: the paper also says 2017']);
    expect(second).toHaveLength(1);
    expect(contextTexts(renderAnswer(result(), { audience: 'private', origin: 'slash' }))[0]).toHaveLength(1);
  });

  it('escapes the note and redacts e-mail addresses from it in a channel', () => {
    const hostile = 'the paper also says 2017 <!channel> *bold* mail@evil.example';
    const [privately] = contextTexts(renderAnswer(result(hostile), { audience: 'private', origin: 'dm' }));
    expect(privately![1]).toMatch(/^Conflict: the paper also says 2017 &lt;!channel&gt; .*mail@evil\.example$/);
    expect(privately![1]).not.toContain('*bold*');
    const [inChannel] = contextTexts(renderAnswer(result(hostile), { audience: 'channel', origin: 'mention' }));
    expect(inChannel![1]).not.toMatch(EMAIL);
    expectWithinLimits(renderAnswer(result(hostile.repeat(20)), { audience: 'channel', origin: 'mention' }));
  });

  it('reads in the console under the citation, and in `ask` as its own line', () => {
    const text = renderConsole(renderAnswer(result('the paper also says 2017'), { audience: 'private', origin: 'console' }));
    expect(text).toMatch(/ECCP discussion paper on Japan, Dec 2018 — 3\.3 Best practice.* · Conflict: the paper also says 2017\n/);
    expect(renderAnswerText(result('the paper also says 2017'))).toMatch(
      /^ {3}— .*; ECCP discussion paper on Japan, Dec 2018 — 3\.3 Best practice: BioXClusters\+ and Osaka Bio Headquarters\n {5}Conflict: the paper also says 2017\n/m,
    );
  });

  it('says how many names a list line leaves out, never dropping them silently', () => {
    const mission = knowledge.entities.find((e) => e.kind === 'mission' && e.places.length > 3);
    expect(mission).toBeDefined();
    const line = entityLine(mission!, knowledge);
    expect(line).toContain(`+${mission!.kind === 'mission' ? mission!.places.length - 3 : 0} more`);
    const few = knowledge.entities.find((e) => e.kind === 'mission' && e.places.length > 0 && e.places.length <= 3);
    expect(entityLine(few!, knowledge)).not.toMatch(/\+\d+ more/);
  });

  it('marks a listed date the sources contradict', () => {
    const mission = knowledge.entities.find((e) => e.kind === 'mission' && e.conflicts?.start);
    expect(mission).toBeDefined();
    const line = entityLine(mission!, knowledge);
    expect(line).toContain(`(conflict: ${mission!.conflicts!.start})`);
    expect(renderConsole(renderEntityList([mission!], knowledge, { audience: 'private', origin: 'console', title: 'Missions' }))).toContain(
      `(conflict: ${mission!.conflicts!.start})`,
    );
  });
});
