/**
 * The answer's shape: a page of entity groups as answer items with their snippets, marked words, citations and
 * related entities.
 */
import type { Entity } from '../knowledge/schema.ts';
import { structuredRefs } from './documents.ts';
import { keptHits, type Group } from './hits.ts';
import type { SearchIndex } from './index.ts';
import type { ParsedQuery } from './query.ts';
import { fold, stem } from './text.ts';
import type { AnswerItem, AskResult, CitationView, EntityRef, Snippet } from './types.ts';

export interface PageInfo {
  answered: boolean;
  offset: number;
  limit: number;
  filters: Record<string, string>;
  confidence: number;
  suggestions: string[];
}

export function page(index: SearchIndex, query: ParsedQuery, groups: readonly Group[], info: PageInfo): AskResult {
  const answers = groups.slice(info.offset, info.offset + info.limit).map((g) => toAnswer(index, g));
  return {
    query: query.raw,
    answered: info.answered,
    answers,
    suggestions: info.suggestions,
    total: groups.length,
    offset: info.offset,
    filters: info.filters,
    confidence: Math.round(info.confidence * 1000) / 1000,
  };
}

function toAnswer(index: SearchIndex, group: Group): AnswerItem {
  const { entity } = group;
  const { tuning } = index;
  const chosen =
    group.hits.length === 0
      ? entity.facts.slice(0, tuning.factsPerAnswer).map((_, i) => ({ factIndex: i, terms: [] as readonly string[] }))
      : keptHits(group, tuning).map((h) => ({ factIndex: h.doc.factIndex, terms: h.terms }));
  const snippets: Snippet[] = chosen.map(({ factIndex, terms }) => {
    const fact = entity.facts[factIndex]!;
    return {
      text: fact.text,
      marks: markWords(fact.text, terms),
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
      chosen.map((c) => c.factIndex),
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
