/**
 * Answers a question from the index: read it, retrieve facts, group them by entity, decide whether the best group
 * really answers, and shape short cited snippets. Knows nothing of how the answer is shown.
 */
import type { Entity, EntityKind } from '../knowledge/schema.ts';
import { closest } from '../knowledge/similar.ts';
import { coverage, tokenWeights } from './confidence.ts';
import { displayFilters, docFilter, kindOf } from './filters.ts';
import { cardGroup, groupHits, type Group } from './hits.ts';
import type { SearchIndex } from './index.ts';
import { parseQuery, type Filters, type ParsedQuery } from './query.ts';
import { retrieve } from './retrieve.ts';
import { page } from './shape.ts';
import { tokenize } from './text.ts';
import type { AskOptions, AskResult } from './types.ts';

/** Answers one question. Never throws for any input. */
export function ask(index: SearchIndex, question: string, options: AskOptions = {}): AskResult {
  const query = parseQuery(question, index);
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const limit = Math.max(1, Math.min(50, Math.floor(options.limit ?? index.tuning.answersPerPage)));
  const filters = displayFilters(query);

  const content = query.tokens.filter((t) => !t.kindWord);
  const contextIds = (options.context ?? []).filter((id) => index.knowledge.byId.has(id));
  const mentions = query.mentions.length > 0 ? query.mentions.map((m) => m.id) : contextIds;

  // Nothing to search for: list what the filters (typed or plain) select, or say there was no question.
  if (content.length === 0) {
    const kinds = query.filters.kind ? [] : query.intent.kinds;
    const asked = Object.keys(query.filters).length > 0 || kinds.length > 0;
    const listed = asked ? listEntities(index, query.filters, kinds) : [];
    const answered = listed.length > 0;
    return page(
      index,
      query,
      listed.map((entity) => cardGroup(entity, 0)),
      { answered, offset, limit, filters, confidence: answered ? 1 : 0, suggestions: [] },
    );
  }

  // A bare name ("KBIC", "the RIT programme"): that entity's card first.
  const lookup = entityLookup(query, index);

  const { hits, df } = retrieve(index, query, mentions);
  // Groups far below the best are matches on a stray word ("programme", "Japan"): not worth a page of their own.
  const found = groupHits(index, hits);
  const floor = (found[0]?.score ?? 0) * index.tuning.relevanceFloor;
  const groups = found.filter((g) => g.score >= floor);
  if (lookup) {
    const at = groups.findIndex((g) => g.entity.id === lookup.id);
    const card = cardGroup(lookup, (groups[0]?.score ?? 1) * 1.01);
    if (at >= 0) groups.splice(at, 1);
    groups.unshift(card);
  }

  const weights = tokenWeights(
    index,
    content.map((t) => t.surface),
    df,
  );
  const top = groups[0];
  const confidence = lookup ? 1 : top ? coverage(top, content, weights, mentions, index.tuning, query.expects) : 0;
  const answered = top !== undefined && confidence >= index.tuning.confidence;
  const suggestions = answered ? [] : suggest(index, query, groups, df);
  return page(index, query, groups, { answered, offset, limit, filters, confidence, suggestions });
}

/** Lists entities a filter selects, by name (for `/cluster missions` and filter-only questions). */
export function listEntities(index: SearchIndex, filters: Filters, kinds: readonly EntityKind[] = []): Entity[] {
  const test = docFilter(index, filters);
  return index.knowledge.entities
    .filter((e) => kinds.length === 0 || kinds.includes(e.kind))
    .filter((e) => (index.docsByEntity.get(e.id) ?? []).some(test))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A question that is only a name (and perhaps a kind word) asks for that entity. */
function entityLookup(query: ParsedQuery, index: SearchIndex): Entity | undefined {
  const ids = [...new Set(query.mentions.map((m) => m.id))];
  if (ids.length !== 1) return undefined;
  if (query.expects !== undefined) return undefined;
  if (query.tokens.some((t) => !t.inMention && !t.kindWord && !t.frame)) return undefined;
  const entity = index.knowledge.byId.get(ids[0]!);
  // "partnerships of RIT" names a programme but asks for partnerships: not a lookup of the programme.
  if (entity && query.intent.kinds.length > 0 && !query.intent.kinds.includes(entity.kind)) return undefined;
  if (entity && query.filters.kind && kindOf(query.filters.kind) !== entity.kind) return undefined;
  return entity;
}

/** Closest entities and "did you mean" names for words the knowledge does not hold. */
function suggest(index: SearchIndex, query: ParsedQuery, groups: readonly Group[], df: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  const push = (name: string) => {
    if (!out.includes(name)) out.push(name);
  };
  const unknown = query.tokens.filter((t) => !t.kindWord && !t.inMention && (df.get(t.surface) ?? 0) === 0 && t.surface.length >= 4);
  if (unknown.length > 0) {
    const nameWords = new Map<string, string>();
    for (const entity of index.knowledge.entities) {
      for (const n of [entity.name, ...entity.aliases])
        for (const w of tokenize(n)) if (w.length >= 4 && !nameWords.has(w)) nameWords.set(w, entity.name);
    }
    for (const token of unknown) for (const w of closest(token.surface, nameWords.keys(), 1)) push(nameWords.get(w)!);
  }
  for (const m of query.mentions) push(index.knowledge.byId.get(m.id)!.name);
  for (const g of groups.slice(0, 3)) push(g.entity.name);
  return out.slice(0, 5);
}
