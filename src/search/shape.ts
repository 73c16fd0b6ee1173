/**
 * Shaping, the last stage of the answer pipeline: ranked facts become a page of answers, the answer first — each an
 * entity with its snippets, marked words, citations and related entities. Knows nothing of how it is shown.
 */
import type { Entity } from '../knowledge/schema.ts';
import type { Outcome } from './decide.ts';
import { structuredRefs } from './documents.ts';
import type { SearchIndex } from './index.ts';
import type { AnswerType, ParsedQuery } from './query.ts';
import type { Scored } from './score.ts';
import { fold, stem } from './text.ts';
import type { AnswerItem, AskResult, CitationView, EntityRef, Snippet } from './types.ts';

/** One entity on the page and the facts to show for it, best first (no facts: its card, in curated order). */
export interface Group {
  readonly entity: Entity;
  readonly facts: ReadonlyArray<{ readonly factIndex: number; readonly terms: readonly string[] }>;
  readonly score: number;
}

export interface PageInfo {
  readonly outcome: Outcome;
  /** The answers list what filters select ("missions in 2023") rather than answer a question. */
  readonly listing?: boolean;
  readonly offset: number;
  readonly limit: number;
  readonly filters: Record<string, string>;
  readonly confidence: number;
  readonly suggestions: readonly string[];
}

/** Kinds of value one fact gives: a question after one of these is answered by one snippet. */
const SINGLE_VALUE: ReadonlySet<AnswerType> = new Set(['date', 'duration', 'number', 'amount', 'person', 'place', 'definition', 'role']);
/** A further fact of the first entity is shown only when it scores within this many logits of the entity's best. */
const CLOSE = 1;
/** Facts shown on an entity's card. */
const CARD_FACTS = 2;
/**
 * Behind an answer, another entity is shown on the first page only when its score is within this many logits of the
 * answer's: at least a fifth as likely (ln 5) to be what was asked. The rest stay behind "More results".
 */
const ALTERNATIVE = Math.log(5);

/**
 * Groups ranked facts by entity, best first: the answer first. The first entity shows its best fact and, when the
 * question does not ask for a single value, the next ones that score close to it; every other entity its best fact.
 * Facts far below the best are left out, so "More results" pages through real matches only.
 */
export function groupRanked(index: SearchIndex, query: ParsedQuery, ranked: readonly Scored[], linked: readonly string[] = []): Group[] {
  const best = ranked[0]?.score ?? 0;
  const byEntity = new Map<string, Scored[]>();
  for (const s of ranked) {
    if (s.score < best - index.tuning.relevanceGap) break;
    const list = byEntity.get(s.candidate.doc.entityId);
    if (list) list.push(s);
    else byEntity.set(s.candidate.doc.entityId, [s]);
  }
  const single = query.expects !== undefined && SINGLE_VALUE.has(query.expects);
  const groups = [...byEntity.values()];
  showEveryNamed(groups, linked, index.tuning.answersPerPage);
  return groups.map((facts, i) => {
    const shown =
      i === 0 && !single
        ? facts.filter((f) => f.score >= facts[0]!.score - CLOSE).slice(0, index.tuning.factsPerAnswer)
        : facts.slice(0, 1);
    return {
      entity: index.knowledge.byId.get(facts[0]!.candidate.doc.entityId)!,
      facts: shown.map((f) => ({ factIndex: f.candidate.doc.factIndex, terms: f.candidate.terms })),
      score: facts[0]!.score,
    };
  });
}

/**
 * A question that names several entities ("which is bigger, Techtera or Life Science Nord?", "KBIC and FIRM") is
 * answered about each of them: an entity the first page does not show, neither as an answer nor in one's best fact,
 * has its best group moved up onto the page, behind the first answer.
 */
function showEveryNamed(groups: Scored[][], linked: readonly string[], pageSize: number): void {
  if (linked.length < 2) return;
  const shows = (facts: readonly Scored[], id: string) =>
    facts[0]!.candidate.doc.entityId === id || facts[0]!.candidate.doc.mentionIds.includes(id);
  let next = 1;
  for (const id of linked) {
    const at = groups.findIndex((facts) => shows(facts, id));
    if (at < 0 || at < pageSize) continue;
    const [moved] = groups.splice(at, 1);
    groups.splice(Math.min(next, groups.length), 0, moved!);
    next++;
  }
}

/** An entity shown as its card: its first facts in curated order. */
export function cardGroup(entity: Entity, score: number, facts: number = CARD_FACTS): Group {
  return { entity, score, facts: entity.facts.slice(0, facts).map((_, factIndex) => ({ factIndex, terms: [] })) };
}

/** The last stage: a page of groups as the engine's answer, with snippets, citations and related entities. */
export function page(index: SearchIndex, query: ParsedQuery, groups: readonly Group[], info: PageInfo): AskResult {
  let limit = info.limit;
  // An answer leads alone, with only the alternatives close behind it: the rest add nothing to what was asked.
  if (info.outcome === 'answer' && !info.listing && info.offset === 0 && groups.length > 0) {
    const first = groups[0]!.score;
    limit = Math.min(limit, 1 + groups.slice(1).filter((g) => g.score >= first - ALTERNATIVE).length);
  }
  // The words of the names the question gives are matched words too: they are found through their entity, not searched.
  const named = query.tokens.filter((t) => t.inMention).flatMap((t) => [t.surface, t.stem]);
  // Nothing found shows nothing: the closest names go in the suggestions.
  const shown = info.outcome === 'none' ? [] : groups;
  const answers = shown.slice(info.offset, info.offset + limit).map((g) => toAnswer(index, g, named));
  return {
    query: query.typed,
    outcome: info.outcome,
    answered: info.outcome === 'answer',
    listing: info.listing === true,
    answers,
    suggestions: info.suggestions,
    total: shown.length,
    offset: info.offset,
    filters: info.filters,
    confidence: Math.round(info.confidence * 1000) / 1000,
  };
}

function toAnswer(index: SearchIndex, group: Group, named: readonly string[]): AnswerItem {
  const { entity } = group;
  const snippets: Snippet[] = group.facts.map(({ factIndex, terms }) => {
    const fact = entity.facts[factIndex]!;
    return {
      text: fact.text,
      marks: markWords(fact.text, [...terms, ...named]),
      citation: citationView(index, fact.cite.source, fact.cite.section),
      ...(fact.as_of ? { asOf: fact.as_of } : {}),
      ...(fact.conflict ? { conflict: fact.conflict } : {}),
    };
  });
  const citations: CitationView[] = [];
  for (const s of snippets) {
    if (!citations.some((c) => c.source === s.citation.source && c.sectionId === s.citation.sectionId)) citations.push(s.citation);
  }
  return {
    id: entity.id,
    kind: entity.kind,
    title: entity.name,
    text: snippets[0]?.text ?? '',
    score: Math.round(group.score * 1000) / 1000,
    citations,
    snippets,
    ...(entity.summary ? { summary: entity.summary } : {}),
    related: relatedOf(
      index,
      entity,
      group.facts.map((c) => c.factIndex),
    ),
  };
}

/** Source title and section heading for a citation. */
export function citationView(index: SearchIndex, sourceId: string, sectionId: string | undefined): CitationView {
  const source = index.knowledge.sources.get(sourceId);
  const section = sectionId ? (source?.sections[sectionId] ?? sectionId) : '';
  return {
    source: sourceId,
    title: source?.title ?? sourceId,
    section,
    ...(source?.url ? { url: source.url } : {}),
    short: source?.short ?? sourceId,
    date: source?.date ?? '',
    ...(sectionId ? { sectionId } : {}),
  };
}

function relatedOf(index: SearchIndex, entity: Entity, factIndexes: readonly number[]): EntityRef[] {
  const ids = [
    ...structuredRefs(entity),
    ...factIndexes.flatMap((i) => entity.facts[i]?.about ?? []),
    ...(index.referencedBy.get(entity.id) ?? []),
  ];
  const out: EntityRef[] = [];
  for (const id of ids) {
    if (id === entity.id || out.some((r) => r.id === id)) continue;
    const e = index.knowledge.byId.get(id);
    if (e) out.push({ id: e.id, kind: e.kind, title: e.name });
    if (out.length >= 5) break;
  }
  return out;
}

/** Character ranges of the words in `text` that match one of the index terms. */
export function markWords(text: string, terms: readonly string[]): Array<[number, number]> {
  if (terms.length === 0) return [];
  const wanted = new Set(terms);
  const marks: Array<[number, number]> = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const folded = fold(match[0]);
    if (wanted.has(folded) || wanted.has(stem(folded))) marks.push([match.index, match.index + match[0].length]);
  }
  return marks;
}
