/**
 * The search index: MiniSearch over fact documents, plus the name table that links words in a question to
 * entities, and the reverse references that make "related entities" cheap. Built once per knowledge load.
 */
import MiniSearch from 'minisearch';
import type { Knowledge } from '../knowledge/knowledge.ts';
import type { Entity } from '../knowledge/schema.ts';
import { SEARCH_DEFAULTS, type SearchTuning } from './defaults.ts';
import { buildAlternates, type AlternateIndex } from './alternates.ts';
import { buildDocuments, structuredRefs, type FactDocument } from './documents.ts';
import { buildNameTable, type NameTable } from './names.ts';
import { vocabularyOf, type Vocabulary } from './spelling.ts';
import { britishSpelling, fold, isStopWord, stem, tokenize } from './text.ts';

/** Fields MiniSearch indexes, in boost order. */
export const INDEXED_FIELDS = ['name', 'aliases', 'about', 'text', 'questions', 'context', 'places', 'tags'] as const;

export interface SearchIndex {
  readonly knowledge: Knowledge;
  readonly tuning: SearchTuning;
  readonly search: MiniSearch<FactDocument>;
  readonly docs: ReadonlyMap<string, FactDocument>;
  /** Every entity's names and aliases, for entity linking. */
  readonly names: NameTable;
  /** Entity id → ids of entities that refer to it (parties, organisers, facts' `about`…). */
  readonly referencedBy: ReadonlyMap<string, readonly string[]>;
  /** Every indexed word (folded), for "did you mean" and for telling words the knowledge holds from others. */
  readonly vocabulary: ReadonlySet<string>;
  /** The same words with their frequencies, for spelling correction. */
  readonly spelling: Vocabulary;
  /** The stems of `vocabulary`. */
  readonly stems: ReadonlySet<string>;
  /** Entity id → its fact documents, for listing entities by filter. */
  readonly docsByEntity: ReadonlyMap<string, readonly FactDocument[]>;
  /** Entity id → the facts of other entities that are about it or name it. */
  readonly docsMentioning: ReadonlyMap<string, readonly FactDocument[]>;
  /** The facts' curated questions as vectors, for matching a question against them. */
  readonly alternates: AlternateIndex;
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
  const names = buildNameTable(knowledge.entities);
  const documents = buildDocuments(knowledge, names);
  const search = new MiniSearch<FactDocument>({
    fields: [...INDEXED_FIELDS],
    storeFields: [],
    tokenize,
    processTerm: indexTerms,
  });
  search.addAll(documents);

  const counts = new Map<string, number>();
  for (const doc of documents) {
    const seen = new Set<string>();
    for (const field of INDEXED_FIELDS) for (const token of tokenize(doc[field])) seen.add(fold(token));
    for (const word of seen) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const vocabulary = new Set(counts.keys());

  const docsByEntity = new Map<string, FactDocument[]>();
  const docsMentioning = new Map<string, FactDocument[]>();
  const push = (map: Map<string, FactDocument[]>, key: string, doc: FactDocument) => {
    const list = map.get(key);
    if (list) list.push(doc);
    else map.set(key, [doc]);
  };
  for (const doc of documents) {
    push(docsByEntity, doc.entityId, doc);
    for (const id of doc.mentionIds) push(docsMentioning, id, doc);
  }

  const alternates = buildAlternates(documents, (doc) => knowledge.byId.get(doc.entityId)?.facts[doc.factIndex]?.questions ?? [], names);

  return {
    knowledge,
    tuning,
    search,
    alternates,
    docsByEntity,
    docsMentioning,
    docs: new Map(documents.map((d) => [d.id, d])),
    names,
    referencedBy: reverseReferences(knowledge.entities),
    vocabulary,
    spelling: vocabularyOf(counts),
    stems: new Set([...vocabulary].map((w) => stem(britishSpelling(w)))),
  };
}

/**
 * Words that name a person's role in English: a closed class, the same for any knowledge base. "Who" with one of them
 * asks for a person ("who is the CEO of…"); without, it may ask for an organisation ("who runs RIT?").
 */
export const ROLE_WORDS: ReadonlySet<string> = new Set(
  (
    'role person people contact head chief leader ceo cto cfo coo chair chairman chairwoman chairperson president ' +
    'director manager officer secretary minister governor mayor ambassador councillor commissioner rector dean ' +
    'professor founder coordinator representative spokesperson advisor adviser deputy executive chancellor treasurer doctor'
  )
    .split(' ')
    .map((w) => stem(w)),
);

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
