import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Knowledge } from '../../src/knowledge/knowledge.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { Entity, Fact } from '../../src/knowledge/schema.ts';
import { ask } from '../../src/search/answer.ts';
import { buildIndex, indexSteps, updateIndex, type SearchIndex } from '../../src/search/index.ts';
import { indexState, withEntities } from '../helpers/index-state.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');

async function knowledgeAt(dir: string): Promise<Knowledge> {
  const loaded = await loadKnowledge(path.join(ROOT, dir));
  if (!loaded.ok) throw new Error(`${dir} does not load`);
  return loaded.knowledge;
}

/**
 * Words edits are made of: names and aliases of the fixture's entities (so edits link names, and make names ordinary
 * words), their words in lower case, years, figures, words the knowledge holds and words it does not.
 */
const WORDS = [
  'HBC', 'Harbour Biomedical Cluster', 'North Life Network', 'Weavers', 'weavers', 'Portville', 'portville', 'Japan',
  'Jane Roe', 'cluster', 'clusters', 'network', 'founded', 'members', 'textile', 'regenerative', 'medicine', 'Osaka',
  'greenhouse', 'rooftop', 'in', 'the', 'of', '2007', '2024', '370', '12%', 'million yen', 'LINK-J', 'linkj', 'Kobe',
  'Harbur', 'Nort Life', 'partnership', 'mission', 'visit', 'programme', 'wifi', 'mayor',
];

const phrase = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));

type Edit =
  | { op: 'text'; e: number; f: number; text: string }
  | { op: 'addFact'; e: number; text: string; question: string }
  | { op: 'dropFact'; e: number }
  | { op: 'alias'; e: number; alias: string }
  | { op: 'dropAlias'; e: number }
  | { op: 'rename'; e: number; name: string }
  | { op: 'question'; e: number; f: number; question: string }
  | { op: 'addEntity'; n: number; name: string; text: string }
  | { op: 'dropEntity'; e: number }
  | { op: 'touch'; e: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('text' as const), e: fc.nat(), f: fc.nat(), text: phrase }),
  fc.record({ op: fc.constant('addFact' as const), e: fc.nat(), text: phrase, question: phrase }),
  fc.record({ op: fc.constant('dropFact' as const), e: fc.nat() }),
  fc.record({ op: fc.constant('alias' as const), e: fc.nat(), alias: fc.constantFrom(...WORDS) }),
  fc.record({ op: fc.constant('dropAlias' as const), e: fc.nat() }),
  fc.record({ op: fc.constant('rename' as const), e: fc.nat(), name: fc.constantFrom(...WORDS) }),
  fc.record({ op: fc.constant('question' as const), e: fc.nat(), f: fc.nat(), question: phrase }),
  fc.record({ op: fc.constant('addEntity' as const), n: fc.nat({ max: 5 }), name: fc.constantFrom(...WORDS), text: phrase }),
  fc.record({ op: fc.constant('dropEntity' as const), e: fc.nat() }),
  fc.record({ op: fc.constant('touch' as const), e: fc.nat() }),
);

const fact = (text: string, questions: string[] = []): Fact => ({ text, cite: { source: 'report', section: 'partners' }, about: [], questions });

/** The knowledge after one edit, unchanged entities kept as the same objects (as a reload keeps them). */
function applyEdit(knowledge: Knowledge, e: Edit): Knowledge {
  const entities = knowledge.entities;
  const pick = (n: number) => entities[n % entities.length]!;
  const replace = (entity: Entity, change: Partial<Entity>) => withEntities(knowledge, new Map([[entity.id, { ...entity, ...change } as Entity]]));
  switch (e.op) {
    case 'text': {
      const entity = pick(e.e);
      const facts = entity.facts.map((f, i) => (i === e.f % entity.facts.length ? { ...f, text: e.text } : f));
      return replace(entity, { facts });
    }
    case 'addFact': {
      const entity = pick(e.e);
      return replace(entity, { facts: [...entity.facts, fact(e.text, [e.question])] });
    }
    case 'dropFact': {
      const entity = pick(e.e);
      return entity.facts.length > 1 ? replace(entity, { facts: entity.facts.slice(1) }) : knowledge;
    }
    case 'alias': {
      const entity = pick(e.e);
      return replace(entity, { aliases: [...entity.aliases, e.alias] });
    }
    case 'dropAlias': {
      const entity = pick(e.e);
      return replace(entity, { aliases: entity.aliases.slice(1) });
    }
    case 'rename':
      return replace(pick(e.e), { name: e.name });
    case 'question': {
      const entity = pick(e.e);
      const facts = entity.facts.map((f, i) => (i === e.f % entity.facts.length ? { ...f, questions: [e.question] } : f));
      return replace(entity, { facts });
    }
    case 'addEntity': {
      const id = `added-${e.n}`;
      const entity = { kind: 'organisation', id, name: e.name, aliases: [], type: 'cluster', sectors: [], facts: [fact(e.text, [e.text])] };
      return withEntities(knowledge, new Map([[id, entity as unknown as Entity]]));
    }
    case 'dropEntity':
      return entities.length > 1 ? withEntities(knowledge, new Map([[pick(e.e).id, undefined]])) : knowledge;
    case 'touch': {
      // A file read again: its entities are new objects with the same content.
      const copies = new Map(entities.filter((_, i) => i % 3 === e.e % 3).map((x) => [x.id, structuredClone(x) as Entity]));
      return withEntities(knowledge, copies);
    }
  }
}

const QUESTIONS = ['HBC', 'when was HBC founded?', 'who is the contact for weavers', 'clusters in Portville', 'rooftop greenhouse', 'nort life members', 'wifi in osaka', 'missions'];

function expectSame(updated: SearchIndex, fresh: SearchIndex, extra: readonly string[] = []): void {
  expect(indexState(updated)).toEqual(indexState(fresh));
  for (const q of [...QUESTIONS, ...extra]) expect(ask(updated, q)).toEqual(ask(fresh, q));
}

describe('updating the index', () => {
  let fixture: Knowledge;
  let real: Knowledge;
  beforeAll(async () => {
    fixture = await knowledgeAt('tests/fixtures/engine');
    real = await knowledgeAt('knowledge');
  });

  it('gives, after any sequence of edits, the very index a fresh build of the edited knowledge gives', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        let knowledge = fixture;
        let index = buildIndex(knowledge);
        for (const e of edits) {
          knowledge = applyEdit(knowledge, e);
          index = updateIndex(index, knowledge);
          expectSame(index, buildIndex(knowledge), 'text' in e ? [e.text] : []);
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('does so on the curated knowledge too', () => {
    const start = buildIndex(real);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let knowledge = real;
        let index = start;
        for (const e of edits) {
          knowledge = applyEdit(knowledge, e);
          index = updateIndex(index, knowledge);
        }
        expectSame(index, buildIndex(knowledge), ['who runs the RIT programme?', 'regnerative medicine partners in osaka', 'Yonewaza']);
      }),
      { numRuns: 8 },
    );
  }, 120_000);

  it('leaves the index it started from as it was', () => {
    const before = buildIndex(fixture);
    const state = indexState(before);
    const answers = QUESTIONS.map((q) => ask(before, q));
    updateIndex(before, applyEdit(fixture, { op: 'rename', e: 0, name: 'Portville' }));
    updateIndex(before, applyEdit(fixture, { op: 'dropEntity', e: 3 }));
    expect(indexState(before)).toEqual(state);
    expect(QUESTIONS.map((q) => ask(before, q))).toEqual(answers);
  });

  it('re-indexes only the facts of the changed entity and the facts that read it', () => {
    const before = buildIndex(real);
    const entity = real.entities.find((e) => e.id === 'kbic')!;
    const after = updateIndex(before, applyEdit(real, { op: 'addFact', e: real.entities.indexOf(entity), text: 'rooftop greenhouse', question: 'greenhouse?' }));
    const moved = after.order.filter((slot) => before.docs[slot]?.id !== after.docs[slot]?.id);
    const readers = [...before.order].filter((slot) => before.docs[slot]!.entityReads.includes('kbic') || before.docs[slot]!.reads.includes('kbic'));
    expect(moved.length).toBeLessThanOrEqual(entity.facts.length + 1 + readers.length);
    expect(moved.length).toBeLessThan(before.documentCount / 10);
  });

  it('runs as steps that can be interleaved with other work, giving the same index', () => {
    const knowledge = applyEdit(fixture, { op: 'alias', e: 1, alias: 'Portville' });
    const steps = indexSteps(knowledge, buildIndex(fixture).tuning, buildIndex(fixture));
    let yields = 0;
    let next = steps.next();
    while (!next.done) {
      yields++;
      next = steps.next();
    }
    expect(yields).toBeGreaterThan(1);
    expect(indexState(next.value)).toEqual(indexState(buildIndex(knowledge)));
  });
});
