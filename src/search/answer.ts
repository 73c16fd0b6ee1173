/**
 * Answers a question from the index: the answer pipeline run in order — understand the question (`query.ts`),
 * retrieve candidate facts (`retrieve.ts`), score them (`score.ts`), decide whether the best one answers
 * (`decide.ts`), and shape a page of cited snippets (`shape.ts`). Knows nothing of how the answer is shown.
 */
import type { Entity, EntityKind } from '../knowledge/schema.ts';
import { decide } from './decide.ts';
import { displayFilters, docFilter, kindOf } from './filters.ts';
import type { SearchIndex } from './index.ts';
import { parseQuery, type Filters, type ParsedQuery } from './query.ts';
import { retrieve, type Retrieved } from './retrieve.ts';
import { score, wordWeights, type Scored, type WordWeights } from './score.ts';
import { cardGroup, groupRanked, page, type Group } from './shape.ts';
import { nearest } from './fuzzy.ts';
import { nameKey } from './text.ts';
import type { AskOptions, AskResult } from './types.ts';

/** Everything the pipeline works out for a question, stage by stage: what `ask` shapes, and what fitting reads. */
export type Analysis =
  | { readonly path: 'list'; readonly query: ParsedQuery; readonly listed: readonly Entity[] }
  | {
      readonly path: 'search';
      readonly query: ParsedQuery;
      readonly retrieved: Retrieved;
      readonly words: WordWeights;
      readonly ranked: readonly Scored[];
      /** The entity the question only names ("KBIC", "what is FIRM?"), if so: it is answered by its card. */
      readonly lookup: Entity | undefined;
    };

/** A card's lead over the best fact found: enough that no other answer stands close to it (see `shape.ts`). */
const ALONE = 10;

/** Runs the understanding, retrieval and scoring stages. `ranker` defaults to the fitted weights. */
export function analyse(index: SearchIndex, question: string, context: readonly string[] = [], ranker?: readonly number[]): Analysis {
  const query = parseQuery(question, index);
  // Nothing to search for but what to list ("missions", "missions in 2023", "partners in Osaka", "kind:mission"): list
  // what the filters, typed or plain, select.
  if (listsOnly(query)) {
    const kinds = query.filters.kind ? [] : query.intent.kinds;
    const filters = plainFilters(query);
    const asked = Object.keys(filters).length > 0 || kinds.length > 0;
    const listed = asked ? listEntities(index, filters, kinds) : [];
    // "missions in Emilia-Romagna" when none is placed there: the missions that name it follow below.
    if (listed.length > 0 || query.mentions.length === 0) return { path: 'list', query, listed };
  }
  // "Which partnerships use the RIT programme?", "missions of JETRO": a kind asked for, related to an entity named.
  const related = relatedListing(index, query);
  if (related) return { path: 'list', query, listed: related };
  const retrieved = retrieve(index, query, context);
  const words = wordWeights(index, query, retrieved);
  const ranked = score(index, query, retrieved, words, ranker);
  return { path: 'search', query, retrieved, words, ranked, lookup: entityLookup(query, index) };
}

/** Answers one question. Never throws for any input. */
export function ask(index: SearchIndex, question: string, options: AskOptions = {}): AskResult {
  const analysis = analyse(index, question, options.context ?? []);
  const { query } = analysis;
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const limit = Math.max(1, Math.min(50, Math.floor(options.limit ?? index.tuning.answersPerPage)));
  const filters = displayFilters(query);

  if (analysis.path === 'list') {
    const { listed } = analysis;
    const outcome = listed.length > 0 ? 'answer' : 'none';
    const groups = listed.map((entity) => cardGroup(entity, 0, 1));
    return page(index, query, groups, { outcome, listing: true, offset, limit, filters, confidence: listed.length > 0 ? 1 : 0, suggestions: [] });
  }

  const { retrieved, words, ranked, lookup } = analysis;
  const groups = groupRanked(index, query, ranked, retrieved.linked);
  // A bare name ("KBIC", "the RIT programme", "what does ESCP-4i stand for"): that entity's card first.
  if (lookup) {
    const at = groups.findIndex((g) => g.entity.id === lookup.id);
    if (at >= 0) groups.splice(at, 1);
    // The card answers alone; the rest stays behind "More results".
    groups.unshift(cardGroup(lookup, (groups[0]?.score ?? 0) + ALONE));
    return page(index, query, groups, { outcome: 'answer', offset, limit, filters, confidence: 1, suggestions: [] });
  }

  // Only names (and perhaps a kind): "mission Emilia-Romagna", "partner techtera". Nothing is asked about them that the
  // knowledge could lack, so their facts are listed rather than weighed as an answer — unless a value is asked for
  // ("when was the IURC study visit?"): the fact that gives it is the answer, and the decision weighs it.
  if (words.weights.size === 0 && query.expects === undefined && retrieved.linked.length > 0 && groups.length > 0) {
    return page(index, query, groups, { outcome: 'answer', listing: true, offset, limit, filters, confidence: 1, suggestions: [] });
  }

  const decision = decide(query, retrieved, words, ranked, undefined, options.context !== undefined && options.context.length > 0);
  const suggestions = decision.outcome === 'answer' ? [] : suggest(index, query, groups, retrieved.df, decision.outcome === 'none');
  return page(index, query, groups, { outcome: decision.outcome, offset, limit, filters, confidence: decision.confidence, suggestions });
}

/**
 * Whether a question only asks for a list: every word is a kind word ("missions"), a year or a place it names, and
 * a kind is asked for (plainly or typed) — or there are no words at all.
 */
function listsOnly(query: ParsedQuery): boolean {
  const intentOnly = query.tokens.every(
    (t) => t.kindWord || query.intent.years.includes(t.surface) || (t.inMention && t.mentionIds.some((id) => query.intent.places.includes(id))),
  );
  const kindAsked = query.intent.kinds.length > 0 || query.filters.kind !== undefined;
  return query.tokens.every((t) => t.kindWord) || (intentOnly && kindAsked);
}

/**
 * A question that asks for entities of a kind ("which partnerships", "missions", "partners") related to an entity it
 * names, and asks nothing else (its other words only frame it: "use", "involved"), is answered by listing the
 * entities of that kind that refer to the named one, through their fields or their facts. Undefined otherwise.
 */
function relatedListing(index: SearchIndex, query: ParsedQuery): Entity[] | undefined {
  const kinds = query.filters.kind ? [kindOf(query.filters.kind) as EntityKind] : query.intent.kinds;
  // One kind of entity, not people ("who is the contact for…" asks for a person's facts, not a list); and a question
  // after a value ("when was the IURC study visit?") asks for that value, not for the entities of the kind.
  if (kinds.length !== 1 || kinds[0] === 'person' || query.expects !== undefined) return undefined;
  if (query.tokens.some((t) => !t.kindWord && !t.inMention && !t.frame)) return undefined;
  // A named entity of the very kind asked for is what the question is about ("is Techtera a French cluster?"), not a
  // reason to list others of its kind.
  if (query.mentions.some((m) => index.knowledge.byId.get(m.id)?.kind === kinds[0])) return undefined;
  // Named entities that most facts name ("Japan") relate to everything: they select nothing.
  const specific = (id: string) => (index.docsMentioning.get(id)?.length ?? 0) <= index.tuning.linkedLimit;
  const named = [...new Set(query.mentions.map((m) => m.id))].filter((id) => index.knowledge.byId.get(id)!.kind !== kinds[0] && specific(id));
  if (named.length === 0) return undefined;
  const test = docFilter(index, query.filters);
  const referring = new Set<string>();
  for (const id of named) {
    for (const other of index.referencedBy.get(id) ?? []) referring.add(other);
    for (const doc of index.docsMentioning.get(id) ?? []) referring.add(doc.entityId);
  }
  // Those whose own name holds the name asked about ("mission IURC": the IURC study visit) come first.
  const asked = query.mentions.map((m) => ` ${m.words} `);
  const bearsName = (e: Entity) => [e.name, ...e.aliases].some((n) => asked.some((w) => ` ${nameKey(n)} `.includes(w)));
  const listed = [...referring]
    .map((id) => index.knowledge.byId.get(id)!)
    .filter((e) => kinds.includes(e.kind) && (index.docsByEntity.get(e.id) ?? []).some(test))
    .sort((a, b) => Number(bearsName(b)) - Number(bearsName(a)) || a.name.localeCompare(b.name));
  return listed.length > 0 ? listed : undefined;
}

/** Typed filters, with a year or place read from plain words added where none was typed. */
function plainFilters(query: ParsedQuery): Filters {
  const filters: Filters = { ...query.filters };
  if (!filters.year && query.intent.years.length === 1) filters.year = query.intent.years[0]!;
  if (!filters.place && query.intent.places.length === 1) filters.place = query.intent.places[0]!;
  return filters;
}

/** Lists entities a filter selects, by name (for `/cluster missions` and filter-only questions). */
export function listEntities(index: SearchIndex, filters: Filters, kinds: readonly EntityKind[] = []): Entity[] {
  const test = docFilter(index, filters);
  const lists = [...index.byKind].filter(([kind]) => kinds.length === 0 || kinds.includes(kind)).map(([, list]) => list);
  return byName(index, lists).filter((e) => (index.docsByEntity.get(e.id) ?? []).some(test));
}

/** Lists of entities sorted by name merged into one, as one sort of them all would order them. */
function byName(index: SearchIndex, lists: ReadonlyArray<readonly Entity[]>): Entity[] {
  if (lists.length === 1) return [...lists[0]!];
  const out: Entity[] = [];
  const at = lists.map(() => 0);
  const collator = new Intl.Collator();
  for (;;) {
    let pick = -1;
    for (let i = 0; i < lists.length; i++) {
      const e = lists[i]![at[i]!];
      if (!e) continue;
      if (pick < 0) {
        pick = i;
        continue;
      }
      const p = lists[pick]![at[pick]!]!;
      const order = collator.compare(e.name, p.name) || index.entityRank.get(e.id)! - index.entityRank.get(p.id)!;
      if (order < 0) pick = i;
    }
    if (pick < 0) return out;
    out.push(lists[pick]![at[pick]!]!);
    at[pick]!++;
  }
}

/** A question that is only a name (and perhaps a kind word) asks for that entity. */
function entityLookup(query: ParsedQuery, index: SearchIndex): Entity | undefined {
  const ids = [...new Set(query.mentions.map((m) => m.id))];
  if (ids.length !== 1) return undefined;
  // A typed filter other than the kind ("source:eccp kbic") asks for some of the entity's facts, not its whole card.
  if (Object.keys(query.filters).some((key) => key !== 'kind')) return undefined;
  if (query.expects !== undefined && query.expects !== 'definition') return undefined;
  if (query.tokens.some((t) => !t.inMention && !t.kindWord && !t.frame)) return undefined;
  const entity = index.knowledge.byId.get(ids[0]!);
  // "partnerships of RIT" names a programme but asks for partnerships: not a lookup of the programme.
  if (entity && query.intent.kinds.length > 0 && !query.intent.kinds.includes(entity.kind)) return undefined;
  if (entity && query.filters.kind && kindOf(query.filters.kind) !== entity.kind) return undefined;
  return entity;
}

/** "Did you mean" names for words the knowledge does not hold, and the closest entities when nothing is shown. */
function suggest(index: SearchIndex, query: ParsedQuery, groups: readonly Group[], df: ReadonlyMap<string, number>, closestToo: boolean): string[] {
  const out: string[] = [];
  const push = (name: string) => {
    if (!out.includes(name)) out.push(name);
  };
  const unknown = query.tokens.filter((t) => !t.kindWord && !t.inMention && (df.get(t.surface) ?? 0) === 0 && t.surface.length >= 4);
  for (const token of unknown) {
    const word = nearest(index.nameWords.sorted, token.surface);
    if (word !== undefined) push(index.nameWords.entity.get(word)!);
  }
  // When nothing is shown, the names closest to the question are worth offering too; otherwise they are on the page.
  if (closestToo) {
    for (const m of query.mentions) push(index.knowledge.byId.get(m.id)!.name);
    for (const g of groups.slice(0, 3)) push(g.entity.name);
  }
  return out.slice(0, 5);
}
