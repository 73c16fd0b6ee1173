import type { Knowledge } from '../../src/knowledge/knowledge.ts';
import { deepFreeze } from '../../src/knowledge/freeze.ts';
import type { Entity } from '../../src/knowledge/schema.ts';
import { INDEXED_FIELDS, type SearchIndex } from '../../src/search/index.ts';

/**
 * Everything an index holds, as plain data that does not depend on how it was built: documents by id rather than
 * slot, terms and words by string rather than lexicon id; orders kept wherever an answer can depend on them (the
 * term tree, the documents in knowledge order, each list), sorted where only look-ups read them.
 */
export function indexState(index: SearchIndex): unknown {
  const p = index.postings;
  const F = p.fieldCount;
  const id = (slot: number) => (slot < 0 ? null : index.docs[slot]!.id);
  const sortedEntries = <V>(map: ReadonlyMap<string, V>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const terms: unknown[] = [];
  for (const [term, lex] of p.tree) {
    const fields: Record<string, Array<[string, number]>> = {};
    for (let f = 0; f < F; f++) {
      const list = p.lists[lex * F + f];
      if (!list) continue;
      fields[INDEXED_FIELDS[f]!] = [...list.slots].map((slot, i) => [id(slot)!, list.freqs[i]!] as [string, number]).sort(([a], [b]) => (a < b ? -1 : 1));
    }
    terms.push([term, id(p.first[lex]!), p.firstAt[lex], fields]);
  }
  const v = index.vocabulary;
  const words: unknown[] = [];
  v.lexicon.strings.forEach((word, lex) => {
    if ((v.counts[lex] ?? 0) > 0) words.push([word, v.counts[lex], id(v.first[lex]!), v.firstAt[lex]]);
  });
  words.sort((a, b) => ((a as string[])[0]! < (b as string[])[0]! ? -1 : 1));
  const docs = [...index.order].map((slot) => {
    const { slot: _slot, ...doc } = index.docs[slot]!;
    const lengths = INDEXED_FIELDS.map((_, f) => p.lengths[slot * F + f]);
    return { ...doc, lengths, questions: index.alternates.questions[slot] ?? null };
  });
  const names = index.names;
  return {
    count: index.documentCount,
    average: p.average,
    terms,
    words,
    sortedWords: v.sorted,
    stems: sortedEntries(v.stems),
    docs,
    questions: { count: index.alternates.count, df: sortedEntries(index.alternates.df) },
    docsByEntity: sortedEntries(index.docsByEntity).map(([e, list]) => [e, list.map((d) => d.id)]),
    // Read by key only: the order of the keys does not matter, the order of each list does.
    docsMentioning: sortedEntries(index.docsMentioning).map(([e, list]) => [e, list.map((d) => d.id)]),
    referencedBy: sortedEntries(index.referencedBy),
    values: Object.fromEntries(Object.entries(index.values).map(([k, m]) => [k, sortedEntries(m as ReadonlyMap<string, number>)])),
    byKind: sortedEntries(index.byKind).map(([k, list]) => [k, list.map((e) => e.id)]),
    entityRank: [...index.entityRank],
    nameWords: { sorted: index.nameWords.sorted, entity: sortedEntries(index.nameWords.entity) },
    placeNames: { sorted: index.placeNames.sorted, ids: sortedEntries(index.placeNames.ids) },
    names: {
      names: [...names.names],
      compact: [...names.compact],
      compactSorted: names.compactSorted,
      cased: sortedEntries(names.cased).map(([k, set]) => [k, [...set].sort()]),
      lower: sortedEntries(names.lower),
      oneWord: [...names.oneWord].sort(),
      byWords: [...names.byWords].sort(([a], [b]) => a - b),
      longest: names.longest,
    },
  };
}

/** A knowledge base with some entities replaced, added (`undefined` key → added at the end) or removed (value undefined). */
export function withEntities(knowledge: Knowledge, changes: ReadonlyMap<string, Entity | undefined>): Knowledge {
  const entities: Entity[] = [];
  for (const entity of knowledge.entities) {
    if (!changes.has(entity.id)) entities.push(entity);
    else if (changes.get(entity.id)) entities.push(deepFreeze(changes.get(entity.id)!));
  }
  for (const [id, entity] of changes) if (entity && !knowledge.byId.has(id)) entities.push(deepFreeze(entity));
  return {
    sources: knowledge.sources,
    entities,
    byId: new Map(entities.map((e) => [e.id, e])),
    origins: knowledge.origins,
    files: knowledge.files,
  };
}
