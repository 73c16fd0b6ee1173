/**
 * The search index: MiniSearch over fact documents, plus the name table that links words in a question to
 * entities, and the reverse references that make "related entities" cheap. Built once per knowledge load.
 */
import MiniSearch from 'minisearch';
import type { Knowledge } from '../knowledge/knowledge.ts';
import type { Entity } from '../knowledge/schema.ts';
import { SEARCH_DEFAULTS, type SearchTuning } from './defaults.ts';
import { buildDocuments, structuredRefs, type FactDocument } from './documents.ts';
import { fold, isStopWord, nameKey, stem, tokenize } from './text.ts';

/** Fields MiniSearch indexes, in boost order. */
export const INDEXED_FIELDS = ['name', 'aliases', 'about', 'text', 'context', 'places', 'tags'] as const;

export interface SearchIndex {
  readonly knowledge: Knowledge;
  readonly tuning: SearchTuning;
  readonly search: MiniSearch<FactDocument>;
  readonly docs: ReadonlyMap<string, FactDocument>;
  /** `nameKey(name or alias)` → entity ids bearing it. */
  readonly names: ReadonlyMap<string, readonly string[]>;
  /** Longest name, in words: bounds the n-grams a question is scanned for. */
  readonly longestName: number;
  /** Entity id → ids of entities that refer to it (parties, organisers, facts' `about`…). */
  readonly referencedBy: ReadonlyMap<string, readonly string[]>;
  /** Every indexed term, for "did you mean" on words the index does not hold. */
  readonly vocabulary: ReadonlySet<string>;
  /** Entity id → its fact documents, for listing entities by filter. */
  readonly docsByEntity: ReadonlyMap<string, readonly FactDocument[]>;
}

/**
 * Index terms for one token: the stem for exact and prefix matching, and the folded surface form so a typo
 * ("regnerative") can still reach the word by edit distance when its stem has drifted.
 */
export function indexTerms(token: string): string[] | null {
  const folded = fold(token);
  if (!folded || isStopWord(folded)) return null;
  const stemmed = stem(folded);
  return stemmed === folded ? [folded] : [stemmed, folded];
}

/** Builds the index for a knowledge base. */
export function buildIndex(knowledge: Knowledge, tuning: SearchTuning = SEARCH_DEFAULTS): SearchIndex {
  const documents = buildDocuments(knowledge);
  const search = new MiniSearch<FactDocument>({
    fields: [...INDEXED_FIELDS],
    storeFields: [],
    tokenize,
    processTerm: indexTerms,
  });
  search.addAll(documents);

  const names = new Map<string, string[]>();
  let longestName = 1;
  const vocabulary = new Set<string>();
  for (const entity of knowledge.entities) {
    for (const n of [entity.name, ...entity.aliases]) {
      const key = nameKey(n);
      if (!key) continue;
      const ids = names.get(key) ?? [];
      if (!ids.includes(entity.id)) ids.push(entity.id);
      names.set(key, ids);
      longestName = Math.max(longestName, key.split(' ').length);
    }
  }
  for (const doc of documents) {
    for (const field of INDEXED_FIELDS) for (const token of tokenize(doc[field])) vocabulary.add(fold(token));
  }

  const docsByEntity = new Map<string, FactDocument[]>();
  for (const doc of documents) {
    const list = docsByEntity.get(doc.entityId) ?? [];
    list.push(doc);
    docsByEntity.set(doc.entityId, list);
  }

  return {
    knowledge,
    tuning,
    search,
    docsByEntity,
    docs: new Map(documents.map((d) => [d.id, d])),
    names,
    longestName,
    referencedBy: reverseReferences(knowledge.entities),
    vocabulary,
  };
}

function reverseReferences(entities: readonly Entity[]): Map<string, string[]> {
  const reverse = new Map<string, string[]>();
  const add = (target: string, from: string) => {
    if (target === from) return;
    const list = reverse.get(target) ?? [];
    if (!list.includes(from)) list.push(from);
    reverse.set(target, list);
  };
  for (const entity of entities) {
    for (const id of structuredRefs(entity)) add(id, entity.id);
    for (const fact of entity.facts) for (const id of fact.about) add(id, entity.id);
  }
  return reverse;
}
