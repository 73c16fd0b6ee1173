/**
 * Answers a question from the index: search, group facts by entity, decide whether the best group really answers,
 * and shape short cited snippets. Knows nothing of how the answer is shown.
 */
import type { SearchResult } from 'minisearch';
import type { Entity, EntityKind } from '../knowledge/schema.ts';
import { closest, editDistance } from '../knowledge/similar.ts';
import { structuredRefs, type FactDocument } from './documents.ts';
import { KIND_WORDS, type SearchTuning } from './defaults.ts';
import type { SearchIndex } from './index.ts';
import { filterValue, parseQuery, type Filters, type ParsedQuery } from './query.ts';
import { fold, stem, tokenize } from './text.ts';
import type { AnswerItem, AskOptions, AskResult, CitationView, EntityRef, Snippet } from './types.ts';

interface Hit {
  readonly doc: FactDocument;
  readonly score: number;
  /** Question words (surface forms) this fact matched, with the credit each earns (a synonym earns less). */
  readonly covered: ReadonlyMap<string, number>;
  /** The fact holds the kind of value the question wants. */
  readonly fits: boolean;
  /** Index terms that matched, for marking words. */
  readonly terms: readonly string[];
}

interface Group {
  readonly entity: Entity;
  readonly hits: Hit[];
  score: number;
}

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
    return page(index, query, listed.map((entity) => cardGroup(entity, 0)), { answered, offset, limit, filters, confidence: answered ? 1 : 0, suggestions: [] });
  }

  // A bare name ("KBIC", "the RIT programme"): that entity's card first.
  const lookup = entityLookup(query, index);

  const { hits, df } = search(index, query, mentions);
  const groups = groupHits(index, hits);
  if (lookup) {
    const at = groups.findIndex((g) => g.entity.id === lookup.id);
    const card = cardGroup(lookup, (groups[0]?.score ?? 1) * 1.01);
    if (at >= 0) groups.splice(at, 1);
    groups.unshift(card);
  }

  const weights = tokenWeights(index, content.map((t) => t.surface), df);
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

type TermRole = 'stem' | 'surface' | 'synonym';

/** How much a match through a synonym counts towards covering the question word. */
const SYNONYM_CREDIT = 0.5;
/** Score multiplier for a fact that lacks the kind of value the question wants (a number, a date, a person). */
const MISFIT = 0.35;

function search(index: SearchIndex, query: ParsedQuery, mentions: readonly string[]): { hits: Hit[]; df: Map<string, number> } {
  const { tuning } = index;
  // Each question word is searched as its stem (exact or prefix) and its surface form (fuzzy, so typos whose stem
  // drifted still meet), plus domain synonyms (exact only, lower weight); `origin` maps each term back to its word.
  const origin = new Map<string, Array<{ word: string; role: TermRole }>>();
  const weight = new Map<string, number>();
  const add = (term: string, word: string, role: TermRole, w: number) => {
    if (!term) return;
    const from = origin.get(term) ?? [];
    if (from.some((f) => f.word === word)) return;
    from.push({ word, role });
    origin.set(term, from);
    weight.set(term, Math.max(weight.get(term) ?? 0, w));
  };
  for (const token of query.tokens) {
    const w = token.kindWord ? 0.35 : token.frame ? 0.5 : 1;
    add(token.stem, token.surface, 'stem', w);
    add(token.surface, token.surface, 'surface', w);
  }
  for (const token of query.tokens) {
    for (const group of tuning.synonyms) {
      if (group.some((member) => sameStem(member, token.stem))) for (const syn of group) add(syn, token.surface, 'synonym', 0.4);
    }
  }
  const terms = [...origin.keys()];
  // A term searched for several reasons takes its most permissive role: a word's own stem still gets prefix search.
  const roleOf = (t: string) => origin.get(t)?.[0]?.role;
  const isNumber = (t: string) => /\d/.test(t);

  const mentionSet = new Set(mentions);
  const intentKinds = new Set(query.intent.kinds);
  const intentYears = new Set(query.intent.years);
  const intentPlaces = new Set(query.intent.places);
  const filter = docFilter(index, query.filters);

  const results = index.search.search(terms.join(' '), {
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term,
    boost: { ...tuning.boost },
    weights: { ...tuning.weights },
    // Fuzzy matching is for words the index does not hold as typed: a known word needs no edit-distance neighbours.
    fuzzy: (term) =>
      roleOf(term) === 'surface' && !isNumber(term) && term.length >= tuning.fuzzyMinLength && !index.vocabulary.has(term)
        ? tuning.fuzzy
        : false,
    prefix: (term) => roleOf(term) === 'stem' && !isNumber(term) && term.length >= tuning.prefixMinLength,
    boostTerm: (term) => weight.get(term) ?? 1,
    combineWith: 'OR',
    filter: (result) => filter(index.docs.get(result.id as string)!),
    boostDocument: (id) => {
      const doc = index.docs.get(id as string)!;
      let boost = 1;
      // "Which partnerships use RIT?" asks for partnerships: the named programme is context, not the answer.
      if (mentionSet.has(doc.entityId)) boost *= intentKinds.size > 0 && !intentKinds.has(doc.kind) ? tuning.aboutBoost : tuning.mentionBoost;
      else if (doc.aboutIds.some((a) => mentionSet.has(a)) || doc.refIds.some((r) => mentionSet.has(r))) boost *= tuning.aboutBoost;
      if (intentKinds.has(doc.kind)) boost *= tuning.intentBoost;
      if (doc.years.some((y) => intentYears.has(y))) boost *= tuning.intentBoost;
      if (doc.placeIds.some((p) => intentPlaces.has(p))) boost *= tuning.intentBoost;
      return boost;
    },
  });

  const df = new Map<string, number>();
  const hits = results.map((result: SearchResult): Hit => {
    const covered = new Map<string, number>();
    for (const qt of result.queryTerms) {
      for (const from of origin.get(qt) ?? []) {
        const credit = from.role === 'synonym' ? SYNONYM_CREDIT : 1;
        covered.set(from.word, Math.max(covered.get(from.word) ?? 0, credit));
      }
    }
    for (const word of covered.keys()) df.set(word, (df.get(word) ?? 0) + 1);
    const doc = index.docs.get(result.id as string)!;
    const fits = fitsExpected(query, doc);
    return { doc, score: fits ? result.score : result.score * MISFIT, covered, terms: result.terms, fits };
  });
  hits.sort((a, b) => b.score - a.score);
  return { hits, df };
}

/** Stems that are equal, or one edit apart when long enough that a typo is the likely cause ("forcast"). */
function sameStem(a: string, b: string): boolean {
  return a === b || (a.length >= 6 && b.length >= 6 && editDistance(a, b, 1) <= 1);
}

/** Whether a fact holds the kind of value the question wants. */
function fitsExpected(query: ParsedQuery, doc: FactDocument): boolean {
  switch (query.expects) {
    case undefined:
      return true;
    case 'date':
      return doc.values.date;
    case 'person':
      return doc.values.person;
    case 'amount':
    case 'number': {
      if (!(query.expects === 'amount' ? doc.values.money : doc.values.number)) return false;
      // A figure dated another year does not answer "how many … in 2020".
      const asked = query.intent.years;
      return asked.length === 0 || doc.factYears.length === 0 || doc.factYears.some((y) => asked.includes(y));
    }
  }
}

/** Groups hits by entity; a group scores its best fact plus a little for each further one. */
function groupHits(index: SearchIndex, hits: readonly Hit[]): Group[] {
  const groups = new Map<string, Group>();
  for (const hit of hits) {
    let group = groups.get(hit.doc.entityId);
    if (!group) {
      const entity = index.knowledge.byId.get(hit.doc.entityId)!;
      group = { entity, hits: [], score: 0 };
      groups.set(entity.id, group);
    }
    group.hits.push(hit);
  }
  for (const group of groups.values()) {
    group.hits.sort((a, b) => b.score - a.score || a.doc.factIndex - b.doc.factIndex);
    const [best, second] = group.hits;
    group.score = (best?.score ?? 0) + 0.15 * (second?.score ?? 0);
  }
  return [...groups.values()].sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name));
}

/** The facts a group shows: its best, and the next ones that score close enough to it. */
function keptHits(group: Group, tuning: SearchTuning): Hit[] {
  const best = group.hits[0];
  if (!best) return [];
  return group.hits.filter((h) => h.score >= best.score * tuning.groupKeepRatio).slice(0, tuning.factsPerAnswer);
}

/** A group made of an entity's facts in curated order: its card. */
function cardGroup(entity: Entity, score: number): Group {
  return { entity, score, hits: [] };
}

/** Inverse document frequency of each question word over facts; a word no fact holds weighs the most. */
function tokenWeights(index: SearchIndex, words: readonly string[], df: ReadonlyMap<string, number>): Map<string, number> {
  const n = index.docs.size || 1;
  return new Map(words.map((w) => [w, Math.log(1 + n / ((df.get(w) ?? 0) + 0.5))]));
}

/** The weighted share of the question's words that the best fact of the best group covers. */
function coverage(
  group: Group,
  content: ParsedQuery['tokens'],
  weights: ReadonlyMap<string, number>,
  mentions: readonly string[],
  tuning: SearchTuning,
  expects: ParsedQuery['expects'],
): number {
  const relatesToMention =
    mentions.includes(group.entity.id) ||
    group.hits.some((h) => h.doc.aboutIds.some((id) => mentions.includes(id))) ||
    structuredRefs(group.entity).some((id) => mentions.includes(id));
  // The facts shown for the group must carry the answer: words spread over facts that are not shown do not count.
  const shown = keptHits(group, tuning);
  const credited = (word: string) => Math.max(0, ...shown.map((h) => h.covered.get(word) ?? 0));
  const best = shown[0];
  let total = 0;
  let got = 0;
  for (const token of content) {
    const w = (weights.get(token.surface) ?? 0) * (token.frame ? 0.2 : 1);
    total += w;
    const credit = token.inMention && relatesToMention ? 1 : credited(token.surface);
    got += w * credit;
  }
  const share = total === 0 ? 0 : got / total;
  // A word that names what is asked (not a frame word, not a name) and that the shown facts lack entirely means they
  // are about something else: "when was the MoU signed" is not answered by "they discussed an MoU".
  const key = content.filter((t) => !t.frame && !t.inMention);
  const missing = key.some((t) => credited(t.surface) === 0);
  // When the question wants a number, a date or a person, one fact must hold it together with the asked words.
  const typed = expects === undefined || best === undefined || shown.some((h) => h.fits && key.every((t) => (h.covered.get(t.surface) ?? 0) > 0));
  return share * (missing ? MISSING_WORD : 1) * (typed ? 1 : 0.5);
}

/** Confidence multiplier when the best fact lacks one of the question's content words. */
const MISSING_WORD = 0.75;

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

function docFilter(index: SearchIndex, filters: Filters): (doc: FactDocument) => boolean {
  const checks: Array<(doc: FactDocument) => boolean> = [];
  if (filters.kind) {
    const want = kindOf(filters.kind);
    checks.push((d) => d.kind === want);
  }
  if (filters.type) {
    const type = filterValue(filters.type).replace(/\s+/g, '-');
    checks.push((d) => d.type === type || d.type.startsWith(type));
  }
  if (filters.year) {
    const year = filterValue(filters.year).slice(0, 4);
    checks.push((d) => d.years.includes(year));
  }
  if (filters.country) {
    const country = filterValue(filters.country);
    const placeIds = placeIdsFor(index, country);
    checks.push((d) => d.countries.includes(country) || d.entityPlaceIds.some((p) => placeIds.has(p)));
  }
  if (filters.place) {
    const placeIds = placeIdsFor(index, filterValue(filters.place));
    checks.push((d) => d.entityPlaceIds.some((p) => placeIds.has(p)));
  }
  if (filters.sector) {
    const sector = stem(filterValue(filters.sector).replace(/[\s_]+/g, '-'));
    checks.push((d) => d.sectors.some((s) => s.startsWith(sector) || sectorStem(s) === sector));
  }
  if (filters.source) {
    const source = filterValue(filters.source);
    checks.push((d) => d.source === source || d.source.includes(source));
  }
  return (doc) => checks.every((check) => check(doc));
}

const sectorStems = new Map<string, string>();

/** Stems of sector slugs, kept: there are few slugs and a filter tests them on every fact. */
function sectorStem(slug: string): string {
  let stemmed = sectorStems.get(slug);
  if (stemmed === undefined) {
    stemmed = stem(slug);
    sectorStems.set(slug, stemmed);
  }
  return stemmed;
}

/** The entity kind a typed `kind:` value names ("partners", "organizations", "people" included). */
function kindOf(value: string): string {
  const folded = filterValue(value);
  return KIND_WORDS[folded] ?? folded.replace(/s$/, '');
}

/** Place ids whose id, name or alias matches a typed value (a near miss counts). */
function placeIdsFor(index: SearchIndex, value: string): Set<string> {
  const ids = new Set<string>();
  const key = tokenize(value).join(' ');
  for (const entity of index.knowledge.entities) {
    if (entity.kind !== 'place') continue;
    const names = [entity.id, entity.name, ...entity.aliases].map((n) => tokenize(n).join(' '));
    if (names.includes(key) || closest(key, names, 1).length > 0) ids.add(entity.id);
  }
  return ids;
}

function displayFilters(query: ParsedQuery): Record<string, string> {
  const shown: Record<string, string> = { ...query.filters };
  if (!shown.kind && query.intent.kinds.length === 1) shown.kind = query.intent.kinds[0]!;
  if (!shown.year && query.intent.years.length === 1) shown.year = query.intent.years[0]!;
  return shown;
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
      for (const n of [entity.name, ...entity.aliases]) for (const w of tokenize(n)) if (w.length >= 4 && !nameWords.has(w)) nameWords.set(w, entity.name);
    }
    for (const token of unknown) for (const w of closest(token.surface, nameWords.keys(), 1)) push(nameWords.get(w)!);
  }
  for (const m of query.mentions) push(index.knowledge.byId.get(m.id)!.name);
  for (const g of groups.slice(0, 3)) push(g.entity.name);
  return out.slice(0, 5);
}

interface PageInfo {
  answered: boolean;
  offset: number;
  limit: number;
  filters: Record<string, string>;
  confidence: number;
  suggestions: string[];
}

function page(index: SearchIndex, query: ParsedQuery, groups: readonly Group[], info: PageInfo): AskResult {
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
    related: relatedOf(index, entity, chosen.map((c) => c.factIndex)),
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
