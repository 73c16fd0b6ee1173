/**
 * The search index: the fact documents and their postings (BM25 over the documents' fields), the name table that
 * links words in a question to entities, the knowledge's vocabulary, the curated questions, and the maps that make
 * related entities and filters cheap.
 *
 * Built once per knowledge load, in one pass over the facts; and updated by document when the knowledge changes: an
 * update re-indexes only the facts of the entities that changed and of those whose documents read them (a name they
 * mention, a place they lie in) or whose linked names a change of the name table can move. A version is never
 * changed: an update copies what it changes, so the previous version answers, unchanged, until the new one replaces
 * it, and an update gives the very index a fresh build of the same knowledge gives. Both run as a sequence of small
 * steps (`indexSteps`), so a caller can interleave them with other work.
 */
import type { Knowledge } from '../knowledge/knowledge.ts';
import type { Entity, EntityKind } from '../knowledge/schema.ts';
import { countQuestions, type AlternateIndex } from './alternates.ts';
import { SEARCH_DEFAULTS, type SearchTuning } from './defaults.ts';
import { documentMaker, INDEXED_FIELDS, linksOf, structuredRefs, type BuiltDocument, type FactDocument } from './documents.ts';
import { sortedWords } from './fuzzy.ts';
import { buildNameTable, countLowerCase, lowerCaseCounts, oneWordNames, sameNames, type NameTable } from './names.ts';
import { firstPosition, Lexicon, PostingsBuilder, type FieldTokens, type Postings, type TokenEntry } from './postings.ts';
import { fold, isStopWord, stem, tokenize } from './text.ts';
import { VocabularyBuilder, wordPosition, type Vocabulary } from './vocabulary.ts';

export { INDEXED_FIELDS } from './documents.ts';

/** A fact document as the index keeps it: where it is, and what it was built from. */
export interface IndexedDocument extends FactDocument {
  /** Its place in the index's arrays. */
  readonly slot: number;
  /** Other entities read to build it: its entity's (shared by all its facts) and its own. */
  readonly entityReads: readonly string[];
  readonly reads: readonly string[];
}

/** Values the documents hold for each filter, with how many documents hold each. */
export interface FilterValues {
  readonly kind: ReadonlyMap<string, number>;
  readonly type: ReadonlyMap<string, number>;
  readonly year: ReadonlyMap<string, number>;
  readonly sector: ReadonlyMap<string, number>;
  readonly source: ReadonlyMap<string, number>;
  readonly country: ReadonlyMap<string, number>;
  /** Entity places (with the places they lie in): what `place:` and `country:` filter on. */
  readonly entityPlace: ReadonlyMap<string, number>;
}

export interface SearchIndex {
  readonly knowledge: Knowledge;
  readonly tuning: SearchTuning;
  /** Slot → fact document (undefined for a free slot). */
  readonly docs: ReadonlyArray<IndexedDocument | undefined>;
  /** The slots of every document, in knowledge order; `rank` gives a slot's place in it. */
  readonly order: Int32Array;
  readonly rank: Int32Array;
  /** Slots free for the next version. */
  readonly free: readonly number[];
  readonly documentCount: number;
  readonly postings: Postings;
  /** Every entity's names and aliases, for entity linking. */
  readonly names: NameTable;
  /** Entity id → ids of entities that refer to it (parties, organisers, facts' `about`…), in knowledge order. */
  readonly referencedBy: ReadonlyMap<string, readonly string[]>;
  /** Every indexed word (folded), with how many documents hold it and their stems. */
  readonly vocabulary: Vocabulary;
  /** Entity id → its fact documents, for listing entities by filter. */
  readonly docsByEntity: ReadonlyMap<string, readonly IndexedDocument[]>;
  /** Entity id → the facts of other entities that are about it or name it, in knowledge order. */
  readonly docsMentioning: ReadonlyMap<string, readonly IndexedDocument[]>;
  /** The facts' curated questions, for matching a question against them. */
  readonly alternates: AlternateIndex;
  readonly values: FilterValues;
  /** Entities of each kind by name (`listEntities`), and each entity's place in the knowledge. */
  readonly byKind: ReadonlyMap<EntityKind, readonly Entity[]>;
  readonly entityRank: ReadonlyMap<string, number>;
  /** Words of names (four letters or more, sorted) and the entity each first names: "did you mean" suggestions. */
  readonly nameWords: { readonly sorted: readonly string[]; readonly entity: ReadonlyMap<string, string> };
  /** Every place's id, name and aliases as tokens → the places bearing it: what `place:` and `country:` match. */
  readonly placeNames: { readonly sorted: readonly string[]; readonly ids: ReadonlyMap<string, readonly string[]> };
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


const knownTerms = new Map<string, readonly string[] | null>();

/** `indexTerms`, remembered: a knowledge base has a few thousand distinct tokens, read again by every build. */
export function termsOfToken(token: string): readonly string[] | null {
  let terms = knownTerms.get(token);
  if (terms === undefined) {
    terms = indexTerms(token);
    if (knownTerms.size >= 200_000) knownTerms.clear();
    knownTerms.set(token, terms);
  }
  return terms;
}

/** Builds the index for a knowledge base. */
export function buildIndex(knowledge: Knowledge, tuning: SearchTuning = SEARCH_DEFAULTS): SearchIndex {
  return run(indexSteps(knowledge, tuning));
}

/** The index of new knowledge from the index of the knowledge before it: the same index `buildIndex` gives. */
export function updateIndex(from: SearchIndex, knowledge: Knowledge): SearchIndex {
  return run(indexSteps(knowledge, from.tuning, from));
}

/** Runs steps to the end. */
export function run<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** How many documents a step indexes before it yields. */
const STEP = 16;

/**
 * Builds the index of `knowledge` (from `from`, the index of an earlier version of it, when given) as a sequence of
 * steps: each `yield` is a point where the caller may stop to do other work. Nothing the steps touch is shared with
 * `from` in a way that changes it.
 */
export function* indexSteps(knowledge: Knowledge, tuning: SearchTuning, from?: SearchIndex): Generator<void, SearchIndex> {
  const entities = knowledge.entities;
  const old = from?.knowledge;
  // Entities are frozen and reused by a reload for the files that did not change: the same object is no change. A
  // different object with the same content (another entity of the file that changed) is no change either.
  const changed = new Set<string>();
  const gone = new Set<string>();
  /** Entities whose fields other than their facts changed (or that came or went): what other facts may read. */
  const reread = new Set<string>();
  if (old) {
    const json = new Map<Entity, string>();
    const text = (e: Entity) => json.get(e) ?? (json.set(e, JSON.stringify(e)), json.get(e)!);
    const withoutFacts = (e: Entity) => JSON.stringify({ ...e, facts: undefined });
    for (const entity of entities) {
      const before = old.byId.get(entity.id);
      if (before === entity || (before && text(before) === text(entity))) continue;
      changed.add(entity.id);
      if (!before || withoutFacts(before) !== withoutFacts(entity)) reread.add(entity.id);
    }
    for (const entity of old.entities) {
      const now = knowledge.byId.get(entity.id);
      if (now !== entity && (!now || changed.has(entity.id))) gone.add(entity.id);
      if (!now) reread.add(entity.id);
    }
  }

  // Whether entities came, went or moved: if not, what follows the knowledge's order can be kept.
  const orderChanged = !old || entities.length !== old.entities.length || entities.some((e, i) => e.id !== old.entities[i]!.id);
  const namesSame =
    from !== undefined &&
    !orderChanged &&
    [...gone, ...changed].every((id) => {
      const a = old!.byId.get(id);
      const b = knowledge.byId.get(id);
      return a !== undefined && b !== undefined && sameNames(a, b);
    });

  // The name table, its lower-case counts carried over and corrected by the facts that changed.
  let lower: Map<string, number>;
  if (!from || !old) {
    lower = lowerCaseCounts(entities);
  } else {
    const before = from.names.oneWord;
    const now = oneWordNames(entities);
    lower = new Map(from.names.lower);
    for (const id of gone) for (const fact of old.byId.get(id)!.facts) countLowerCase(fact.text, before, lower, -1);
    for (const id of changed) for (const fact of knowledge.byId.get(id)!.facts) countLowerCase(fact.text, now, lower, 1);
    const fresh = new Set([...now].filter((w) => !before.has(w)));
    if (fresh.size > 0) {
      // A word that just became a name: count it in the facts that did not change, found through its postings.
      for (const word of fresh) {
        const seen = new Set<string>();
        // A word the postings do not hold (a stop word's other form, "gave"): every fact is read.
        const slots = isStopWord(word) ? from.order : slotsHolding(from.postings, word, [fieldId('text')]);
        for (const slot of slots) {
          const doc = from.docs[slot]!;
          if (changed.has(doc.entityId) || gone.has(doc.entityId) || seen.has(doc.id)) continue;
          seen.add(doc.id);
          countLowerCase(knowledge.byId.get(doc.entityId)!.facts[doc.factIndex]!.text, new Set([word]), lower, 1);
        }
      }
    }
  }
  const names = buildNameTable(entities, lower, namesSame ? from.names : undefined);
  const maker = documentMaker(knowledge, names);
  yield;

  // What to re-index: the facts of changed and removed entities, the facts that read them, and the facts whose
  // linked names may move with the name table.
  const lexicon = from?.postings.lexicon ?? new Lexicon(termsOfToken, fold);
  const postings = new PostingsBuilder(lexicon, INDEXED_FIELDS.length, from?.postings);
  const vocabulary = new VocabularyBuilder(lexicon, from?.vocabulary);
  const docs: Array<IndexedDocument | undefined> = from ? [...from.docs] : [];
  const df = new Map(from?.alternates.df ?? []);
  let questionCount = from?.alternates.count ?? 0;
  const questions: Array<ReadonlyArray<readonly string[]> | undefined> = from ? [...from.alternates.questions] : [];
  const values = copyValues(from?.values);
  const free = [...(from?.free ?? [])].reverse();
  const freed: number[] = [];
  let nextSlot = docs.length;
  const docsByEntity = new Map(from?.docsByEntity ?? []);

  const removedDocs = new Set<IndexedDocument>();
  const addedDocs: IndexedDocument[] = [];
  /** Old slot → the slot of the document that takes its place (the same fact of the same entity). */
  const replaced = new Map<number, number>();
  let countsChanged = false;
  const removeDoc = (doc: IndexedDocument) => {
    removedDocs.add(doc);
    postings.remove(doc.slot);
    vocabulary.remove(doc.slot);
    questionCount += countQuestions(df, questions[doc.slot] ?? [], -1);
    questions[doc.slot] = undefined;
    countValues(values, doc, -1);
    docs[doc.slot] = undefined;
    freed.push(doc.slot);
  };
  // Parts of fields repeat across facts (names, an entity's context): each is read once. Tokenizing the parts of a
  // field one by one gives the tokens of the field's text, as the parts are joined by a separator no token spans. A
  // fact's own text and questions are read once anyway: they are not kept.
  const tokenCache = new Map<string, readonly TokenEntry[]>();
  const entries = (text: string) => {
    const list = tokenize(text);
    const out = new Array<TokenEntry>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = lexicon.entry(list[i]!);
    return out;
  };
  const partTokens = (text: string) => {
    let list = tokenCache.get(text);
    if (!list) {
      list = entries(text);
      if (tokenCache.size >= 100_000) tokenCache.clear();
      tokenCache.set(text, list);
    }
    return list;
  };
  const tokens = (parts: readonly string[], own: boolean): readonly TokenEntry[] => {
    if (parts.length === 1) return own ? entries(parts[0]!) : partTokens(parts[0]!);
    const out: TokenEntry[] = [];
    for (const part of parts) for (const entry of own ? entries(part) : partTokens(part)) out.push(entry);
    return out;
  };
  const fieldTokens = (fields: BuiltDocument['fields']): FieldTokens => fields.map((parts, f) => tokens(parts, f === TEXT_FIELD || f === QUESTIONS_FIELD));
  const addDoc = (built: BuiltDocument): IndexedDocument => {
    const slot = free.length > 0 ? free.pop()! : nextSlot++;
    // The document is the one just built, placed: each built document is added once.
    const doc: IndexedDocument = built.doc;
    if (doc.slot !== -1) throw new Error(`index: document ${doc.id} is already in slot ${doc.slot}`);
    built.doc.slot = slot;
    const fields = fieldTokens(built.fields);
    postings.add(slot, fields);
    vocabulary.add(slot, fields);
    if (built.questionTerms.length > 0) {
      questions[slot] = built.questionTerms;
      questionCount += countQuestions(df, built.questionTerms, 1);
    }
    countValues(values, doc, 1);
    docs[slot] = doc;
    addedDocs.push(doc);
    return doc;
  };

  if (from && old) {
    let done = 0;
    for (const id of gone) {
      for (const doc of from.docsByEntity.get(id) ?? []) {
        removeDoc(doc);
        if (++done % STEP === 0) yield;
      }
      if (!knowledge.byId.has(id)) docsByEntity.delete(id);
    }
    // Facts of unchanged entities that read a changed entity's fields, or whose linked names the new table may move.
    const touched = new Set([...gone, ...changed]);
    const redo = new Map<string, Set<number>>();
    const mark = (doc: IndexedDocument) => {
      if (touched.has(doc.entityId)) return;
      (redo.get(doc.entityId) ?? redo.set(doc.entityId, new Set()).get(doc.entityId)!).add(doc.factIndex);
    };
    if (reread.size > 0) {
      let shared: readonly string[] | undefined;
      let sharedHit = false;
      let n = 0;
      for (const slot of from.order) {
        const doc = from.docs[slot]!;
        if (doc.entityReads !== shared) {
          shared = doc.entityReads;
          sharedHit = shared.some((id) => reread.has(id));
        }
        if (sharedHit || doc.reads.some((id) => reread.has(id))) mark(doc);
        if (++n % 4096 === 0) yield;
      }
    }
    yield;
    const suspects = new Set<number>();
    for (const key of changedKeys(from.names, names)) {
      for (const slot of slotsHolding(from.postings, key.words, [fieldId('text'), fieldId('questions')], key.prefixes)) suspects.add(slot);
    }
    const relinked = new Map<string, BuiltDocument[]>();
    const before = suspects.size > 0 ? documentMaker(old, from.names) : undefined;
    const previously = new Map<string, BuiltDocument[]>();
    for (const slot of suspects) {
      const doc = from.docs[slot]!;
      if (touched.has(doc.entityId) || redo.get(doc.entityId)?.has(doc.factIndex)) continue;
      const entity = knowledge.byId.get(doc.entityId)!;
      let built = relinked.get(doc.entityId);
      if (!built) relinked.set(doc.entityId, (built = maker.of(entity)));
      let was = previously.get(doc.entityId);
      if (!was) previously.set(doc.entityId, (was = before!.of(entity)));
      if (linksOf(built[doc.factIndex]!) !== linksOf(was[doc.factIndex]!)) mark(doc);
    }
    yield;
    for (const [entityId, factIndexes] of redo) {
      const built = relinked.get(entityId) ?? maker.of(knowledge.byId.get(entityId)!);
      const list = [...docsByEntity.get(entityId)!];
      for (const factIndex of factIndexes) {
        const before = list[factIndex]!;
        removeDoc(before);
        list[factIndex] = addDoc(built[factIndex]!);
        replaced.set(before.slot, list[factIndex]!.slot);
      }
      docsByEntity.set(entityId, list);
      yield;
    }
  }
  // The facts of new and changed entities (of every entity, for a first build).
  let added = 0;
  for (const entity of entities) {
    if (from && !changed.has(entity.id)) continue;
    const list: IndexedDocument[] = [];
    for (const built of maker.of(entity)) {
      list.push(addDoc(built));
      if (++added % STEP === 0) yield;
    }
    docsByEntity.set(entity.id, list);
    const before = from?.docsByEntity.get(entity.id);
    if (before && before.length === list.length) before.forEach((doc, i) => replaced.set(doc.slot, list[i]!.slot));
    else if (from) countsChanged = true;
  }

  // Knowledge order, and what depends on it: when no entity came, went or moved and no entity's facts grew or shrank,
  // every fact keeps its place and only the slots of the replaced ones change.
  let order: Int32Array;
  let rank: Int32Array;
  if (from && !orderChanged && !countsChanged) {
    order = from.order.slice();
    rank = new Int32Array(Math.max(docs.length, 1)).fill(-1);
    rank.set(from.rank.subarray(0, Math.min(from.rank.length, rank.length)));
    for (const [before, after] of replaced) {
      const at = from.rank[before]!;
      order[at] = after;
      rank[after] = at;
      if (rank[before] === at) rank[before] = -1;
    }
  } else {
    order = new Int32Array(docs.length - freeCount(docs));
    rank = new Int32Array(Math.max(docs.length, 1)).fill(-1);
    let n = 0;
    for (const entity of entities) {
      for (const doc of docsByEntity.get(entity.id) ?? []) {
        order[n] = doc.slot;
        rank[doc.slot] = n++;
      }
    }
  }
  yield;
  const regenerated = new Map<number, FieldTokens>();
  const fieldsOf = (slot: number): FieldTokens => {
    let fields = regenerated.get(slot);
    if (!fields) {
      const doc = docs[slot]!;
      fields = fieldTokens(maker.of(knowledge.byId.get(doc.entityId)!)[doc.factIndex]!.fields);
      regenerated.set(slot, fields);
    }
    return fields;
  };
  const finishedPostings = postings.finish(order, rank, (slot, id) => firstPosition(fieldsOf(slot), id));
  yield;
  const finishedVocabulary = vocabulary.finish(
    order,
    rank,
    (slot, id) => wordPosition(fieldsOf(slot), id),
    (word) => (isStopWord(word) ? undefined : slotsHolding(finishedPostings, word, INDEXED_FIELDS.map((_, f) => f))),
  );
  yield;

  const docsMentioning = mentioning(docs, order, rank, from, removedDocs, addedDocs, from !== undefined && !orderChanged && !countsChanged);
  yield;
  let entityRank = from?.entityRank;
  if (!entityRank || orderChanged) {
    const ranks = new Map<string, number>();
    entities.forEach((e, i) => ranks.set(e.id, i));
    entityRank = ranks;
  }
  const referencedBy = from && old ? updateReferences(from.referencedBy, old, knowledge, changed, gone, entityRank) : reverseReferences(entities);
  yield;
  const byKind = entitiesByKind(entities, entityRank, from, changed, gone);
  yield;

  return Object.freeze({
    knowledge,
    tuning,
    docs,
    order,
    rank,
    free: [...free.reverse(), ...freed],
    documentCount: order.length,
    postings: finishedPostings,
    names,
    referencedBy,
    vocabulary: finishedVocabulary,
    docsByEntity,
    docsMentioning,
    alternates: { questions, df, count: questionCount },
    values,
    byKind,
    entityRank,
    nameWords: namesSame ? from.nameWords : suggestionWords(entities, from?.nameWords),
    placeNames: from && !orderChanged && ![...changed, ...gone].some((id) => old!.byId.get(id)?.kind === 'place' || knowledge.byId.get(id)?.kind === 'place')
      ? from.placeNames
      : placeNameIndex(entities),
  });
}

function freeCount(docs: ReadonlyArray<IndexedDocument | undefined>): number {
  let n = 0;
  for (const doc of docs) if (!doc) n++;
  return n;
}

function fieldId(field: (typeof INDEXED_FIELDS)[number]): number {
  return INDEXED_FIELDS.indexOf(field);
}

/** The fields that hold a fact's own words, different in every fact. */
const TEXT_FIELD = fieldId('text');
const QUESTIONS_FIELD = fieldId('questions');

/**
 * Slots of the documents holding, in one of `fields`, the term `word` (and, with `prefixes`, any term that is a
 * prefix of it: the first word of a name written without its spaces).
 */
function* slotsHolding(postings: Postings, word: string, fields: readonly number[], prefixes = false): Generator<number> {
  const F = postings.fieldCount;
  for (let end = prefixes ? 1 : word.length; end <= word.length; end++) {
    const id = postings.lexicon.find(word.slice(0, end));
    if (id === undefined) continue;
    for (const f of fields) {
      const list = postings.lists[id * F + f];
      if (list) yield* list.slots;
    }
  }
}

/**
 * The keys whose linking changed between two name tables (added, removed, naming other entities, or now or no longer
 * written with a capital to name), as the word a text holding them must hold: the whole key for a one-word name,
 * else any prefix of the key written without spaces (the first word of the run of words that names it).
 */
function changedKeys(before: NameTable, after: NameTable): Array<{ words: string; prefixes: boolean }> {
  const out: Array<{ words: string; prefixes: boolean }> = [];
  const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
    a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));
  const diff = (a: ReadonlyMap<string, readonly string[]>, b: ReadonlyMap<string, readonly string[]>, compact: boolean) => {
    const keys = new Set([...a.keys(), ...b.keys()]);
    for (const key of keys) {
      if (same(a.get(key), b.get(key))) continue;
      out.push({ words: compact ? key : key.replace(/ /g, ''), prefixes: true });
    }
  };
  if (before.names !== after.names) {
    diff(before.names, after.names, false);
    diff(before.compact, after.compact, true);
  }
  const cased = new Set([...before.cased.keys(), ...after.cased.keys()]);
  for (const key of cased) {
    const a = before.cased.get(key);
    const b = after.cased.get(key);
    if (a && b && a.size === b.size && [...a].every((w) => b.has(w))) continue;
    out.push({ words: key, prefixes: false });
  }
  return out;
}

function copyValues(values: FilterValues | undefined): Record<keyof FilterValues, Map<string, number>> {
  return {
    kind: new Map(values?.kind ?? []),
    type: new Map(values?.type ?? []),
    year: new Map(values?.year ?? []),
    sector: new Map(values?.sector ?? []),
    source: new Map(values?.source ?? []),
    country: new Map(values?.country ?? []),
    entityPlace: new Map(values?.entityPlace ?? []),
  };
}

function countValues(values: Record<keyof FilterValues, Map<string, number>>, doc: FactDocument, sign: 1 | -1): void {
  const bump = (map: Map<string, number>, value: string) => {
    const n = (map.get(value) ?? 0) + sign;
    if (n > 0) map.set(value, n);
    else map.delete(value);
  };
  bump(values.kind, doc.kind);
  if (doc.type) bump(values.type, doc.type);
  for (const year of new Set(doc.years)) bump(values.year, year);
  for (const sector of new Set(doc.sectors)) bump(values.sector, sector);
  bump(values.source, doc.source);
  for (const country of new Set(doc.countries)) bump(values.country, country);
  for (const place of new Set(doc.entityPlaceIds)) bump(values.entityPlace, place);
}

const collator = new Intl.Collator();

/** Entities of each kind by name (as `localeCompare` orders them, ties in knowledge order), kept from `from` where it can. */
function entitiesByKind(
  entities: readonly Entity[],
  rank: ReadonlyMap<string, number>,
  from: SearchIndex | undefined,
  changed: ReadonlySet<string>,
  gone: ReadonlySet<string>,
): Map<EntityKind, Entity[]> {
  const compare = (a: Entity, b: Entity) => collator.compare(a.name, b.name) || rank.get(a.id)! - rank.get(b.id)!;
  const byKind = new Map<EntityKind, Entity[]>();
  if (!from) {
    for (const entity of entities) (byKind.get(entity.kind) ?? byKind.set(entity.kind, []).get(entity.kind)!).push(entity);
    for (const list of byKind.values()) list.sort(compare);
    return byKind;
  }
  for (const [kind, list] of from.byKind) byKind.set(kind, list.filter((e) => !changed.has(e.id) && !gone.has(e.id)));
  for (const id of changed) {
    const entity = rank.has(id) ? entities[rank.get(id)!]! : undefined;
    if (!entity) continue;
    const list = byKind.get(entity.kind) ?? byKind.set(entity.kind, []).get(entity.kind)!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(list[mid]!, entity) < 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, entity);
  }
  for (const [kind, list] of byKind) if (list.length === 0) byKind.delete(kind);
  return byKind;
}

/** Words of an entity's names and aliases, worked out once per entity object. */
const nameTokens = new WeakMap<Entity, readonly string[]>();

function tokensOfNames(entity: Entity): readonly string[] {
  let words = nameTokens.get(entity);
  if (!words) {
    words = [entity.name, ...entity.aliases].flatMap((n) => tokenize(n));
    nameTokens.set(entity, words);
  }
  return words;
}

/** Name words of four letters or more, each with the first entity (in knowledge order) whose name holds it. */
function suggestionWords(entities: readonly Entity[], from?: SearchIndex['nameWords']): SearchIndex['nameWords'] {
  const entity = new Map<string, string>();
  for (const e of entities) for (const w of tokensOfNames(e)) if (w.length >= 4 && !entity.has(w)) entity.set(w, e.name);
  const unchanged = from && from.entity.size === entity.size && [...entity.keys()].every((w) => from.entity.has(w));
  return { sorted: unchanged ? from.sorted : sortedWords(entity.keys()), entity };
}

/** Every place's id, name and aliases, each as its tokens joined by spaces, with the places bearing it. */
function placeNameIndex(entities: readonly Entity[]): SearchIndex['placeNames'] {
  const ids = new Map<string, string[]>();
  for (const entity of entities) {
    if (entity.kind !== 'place') continue;
    for (const n of [entity.id, entity.name, ...entity.aliases]) {
      const key = tokenize(n).join(' ');
      const list = ids.get(key);
      if (!list) ids.set(key, [entity.id]);
      else if (!list.includes(entity.id)) list.push(entity.id);
    }
  }
  return { sorted: sortedWords(ids.keys()), ids };
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

/**
 * Entity id → the facts of other entities naming it, in knowledge order: from the previous version, only the lists
 * of the entities the removed and added facts name are redone. `sameOrder`: every document kept keeps its place in
 * the knowledge (its rank in `from` is its rank now).
 */
function mentioning(
  docs: ReadonlyArray<IndexedDocument | undefined>,
  order: Int32Array,
  rank: Int32Array,
  from: SearchIndex | undefined,
  removed: ReadonlySet<IndexedDocument>,
  added: readonly IndexedDocument[],
  sameOrder: boolean,
): Map<string, IndexedDocument[]> {
  if (!from) {
    const all = new Map<string, IndexedDocument[]>();
    for (const slot of order) {
      const doc = docs[slot]!;
      for (const id of doc.mentionIds) {
        const list = all.get(id);
        if (list) list.push(doc);
        else all.set(id, [doc]);
      }
    }
    return all;
  }
  const lists = new Map(from.docsMentioning) as Map<string, IndexedDocument[]>;
  const leaving = new Map<string, IndexedDocument[]>();
  const coming = new Map<string, IndexedDocument[]>();
  const note = (into: Map<string, IndexedDocument[]>, id: string, doc: IndexedDocument) => {
    const list = into.get(id);
    if (list) list.push(doc);
    else into.set(id, [doc]);
  };
  for (const doc of removed) for (const id of doc.mentionIds) note(leaving, id, doc);
  for (const doc of added) for (const id of doc.mentionIds) note(coming, id, doc);
  /** The place in `list` (ordered by `ranks`) where a document of rank `r` goes. */
  const place = (list: readonly IndexedDocument[], ranks: Int32Array, r: number) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ranks[list[mid]!.slot]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const id of new Set([...leaving.keys(), ...coming.keys()])) {
    let list: IndexedDocument[];
    if (sameOrder) {
      // Every kept document kept its place: a removed one is found, and an added one put, by its place, so a list of
      // thousands costs a copy, not a sort.
      list = [...(lists.get(id) ?? [])];
      for (const doc of leaving.get(id) ?? []) {
        let at = place(list, from.rank, from.rank[doc.slot]!);
        if (list[at] !== doc) at = list.indexOf(doc);
        if (at >= 0) list.splice(at, 1);
      }
      for (const doc of coming.get(id) ?? []) list.splice(place(list, rank, rank[doc.slot]!), 0, doc);
    } else {
      list = (lists.get(id) ?? []).filter((doc) => !removed.has(doc));
      for (const doc of coming.get(id) ?? []) list.push(doc);
      list.sort((a, b) => rank[a.slot]! - rank[b.slot]!);
    }
    if (list.length > 0) lists.set(id, list);
    else lists.delete(id);
  }
  return lists;
}

/** Every id an entity refers to (structured fields, then its facts' `about`), in order. */
function referencesOf(entity: Entity): string[] {
  return [...structuredRefs(entity), ...entity.facts.flatMap((fact) => fact.about)];
}

/** `reverseReferences` of the new knowledge from the previous one's: only the targets of changed entities are redone. */
function updateReferences(
  before: ReadonlyMap<string, readonly string[]>,
  old: Knowledge,
  knowledge: Knowledge,
  changed: ReadonlySet<string>,
  gone: ReadonlySet<string>,
  rank: ReadonlyMap<string, number>,
): Map<string, string[]> {
  const lists = new Map(before) as Map<string, string[]>;
  const touched = new Set<string>();
  const leaving = new Set([...gone, ...changed]);
  for (const id of gone) for (const target of referencesOf(old.byId.get(id)!)) touched.add(target);
  for (const id of changed) for (const target of referencesOf(knowledge.byId.get(id)!)) touched.add(target);
  for (const target of touched) {
    const ids = new Set((lists.get(target) ?? []).filter((id) => !leaving.has(id)));
    for (const id of changed) if (id !== target && referencesOf(knowledge.byId.get(id)!).includes(target)) ids.add(id);
    const list = [...ids].sort((a, b) => rank.get(a)! - rank.get(b)!);
    if (list.length > 0) lists.set(target, list);
    else lists.delete(target);
  }
  return lists;
}

/** Entity id → the entities referring to it (structured fields and facts' `about`), each once, in knowledge order. */
function reverseReferences(entities: readonly Entity[]): Map<string, string[]> {
  const reverse = new Map<string, string[]>();
  const seen = new Map<string, Set<string>>();
  const add = (target: string, from: string) => {
    if (target === from) return;
    let ids = seen.get(target);
    if (!ids) {
      seen.set(target, (ids = new Set()));
      reverse.set(target, []);
    }
    if (ids.has(from)) return;
    ids.add(from);
    reverse.get(target)!.push(from);
  };
  for (const entity of entities) {
    for (const id of structuredRefs(entity)) add(id, entity.id);
    for (const fact of entity.facts) for (const id of fact.about) add(id, entity.id);
  }
  return reverse;
}
