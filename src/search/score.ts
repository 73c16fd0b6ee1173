/**
 * Scoring, the third stage of the answer pipeline: each candidate fact gets a vector of features that say how well it
 * fits the question — how much of the question's content it covers (each word weighted by how rare it is), whether it
 * belongs to or names the entity asked about, whether it holds the kind of value asked for — and a score that is their
 * weighted sum, with weights fitted on the tuning questions (`model.ts`). The features are kept with the score, so the
 * decision and `eval` can show why a fact ranks where it does.
 */
import { alternateSimilarity, questionVector } from './alternates.ts';
import type { SearchIndex } from './index.ts';
import { RANKER } from './model.ts';
import type { AnswerType, ParsedQuery, QueryToken } from './query.ts';
import type { Candidate, Retrieved } from './retrieve.ts';
import type { FactDocument } from './documents.ts';
import { stem } from './text.ts';
import type { ValuePositions } from './values.ts';

/** The features of a candidate, each 0–1, in the order the fitted weights use. */
export const RANK_FEATURES = [
  /** BM25 score against the best candidate's, on a log scale: 1 for the best, 0 at e⁻⁵ of it or for no match. */
  'bm25',
  /** Weighted share of the question's content words the fact matches in any field. */
  'cover',
  /** …in its own words (text or curated questions), not only through its entity's fields. */
  'coverText',
  /** …in the questions it is curated to answer. */
  'coverQuestions',
  /** Cosine similarity of the question with the closest of the questions the fact is curated to answer. */
  'altSim',
  /** The fact belongs to an entity the question names (or the thread is about). */
  'own',
  /** The fact is about such an entity or names it. */
  'refers',
  /** The fact's entity refers to such an entity through its fields (a mission that met it, a partnership of it). */
  'related',
  /** The question asks for a kind of value (a date, a number…) and the fact holds one. */
  'typeFit',
  /** The question asks for a kind of value and the fact holds none. */
  'typeMiss',
  /** How near the asked value stands to the question's words in the fact: 1 side by side, 0 eight words away or more. */
  'near',
  /** Weighted share of the question's content words that the fact's entity covers across all its candidate facts. */
  'entityCover',
  /** The fact's entity is of the kind the question asks for ("which partnerships…"). */
  'kindFit',
  /** The fact is dated in a year the question names, or placed where it names. */
  'yearPlaceFit',
  /** Share of the question's neighbouring word pairs the fact holds side by side. */
  'phrase',
  /** The fact is its entity's first: the one that says what the entity is. */
  'lead',
] as const;
export type RankFeature = (typeof RANK_FEATURES)[number];

/** A candidate with its features and score (a logit: higher is likelier to answer). */
export interface Scored {
  readonly candidate: Candidate;
  readonly features: readonly number[];
  readonly score: number;
}

/** How much of the question each content word carries. */
export interface WordWeights {
  /** Content words searched (not kind words, not linked names), with their weight. */
  readonly weights: ReadonlyMap<string, number>;
  readonly total: number;
}

/** Share of weight a frame word ("role", "size") keeps next to a word that names what is asked about. */
const FRAME_SHARE = 0.3;
/**
 * Added to the question's total weight when measuring coverage, so a question of one or two light words ("take
 * place") cannot make a fact that holds them look like it covers the question; about the weight of one word found in
 * one fact in ten.
 */
const SMOOTHING = 1.5;

/**
 * Weights of the question's content words: inverse document frequency over the facts (a word no fact holds weighs
 * the most), frame words at a fraction. Names the question links to entities are not content words here.
 */
export function wordWeights(index: SearchIndex, query: ParsedQuery, retrieved: Retrieved): WordWeights {
  const n = index.documentCount || 1;
  const weights = new Map<string, number>();
  for (const token of contentTokens(query, retrieved)) {
    const idf = Math.log(1 + n / ((retrieved.df.get(token.surface) ?? 0) + 0.5));
    weights.set(token.surface, idf * (token.frame ? FRAME_SHARE : 1));
  }
  let total = 0;
  for (const w of weights.values()) total += w;
  return { weights, total };
}

/** The tokens that carry what is asked: not kind words, not the words of a linked name. */
export function contentTokens(query: ParsedQuery, retrieved: Retrieved): QueryToken[] {
  return query.tokens.filter((t) => !t.kindWord && !t.mentionIds.some((id) => retrieved.linked.includes(id)));
}

/**
 * Whether a fact holds the kind of value asked for. `definition` is held by the named entity's own facts, `role` by
 * the named person's facts and those that name the person. "Who"
 * (`person`) is answered by a person or by an organisation the question does not already name: "who is the contact
 * point in Japan" may be a foundation.
 */
export function holds(index: SearchIndex, doc: FactDocument, type: AnswerType, own: boolean, linked: ReadonlySet<string>): boolean {
  const { values } = doc;
  switch (type) {
    case 'date':
      return values.date;
    case 'duration':
      return values.duration;
    case 'number':
      return values.number || values.percent;
    case 'amount':
      return values.money;
    case 'person':
      return values.person || doc.mentionIds.some((id) => !linked.has(id) && index.knowledge.byId.get(id)?.kind === 'organisation');
    case 'place':
      return values.place;
    case 'definition':
      return own;
    case 'role':
      return (
        (own && index.knowledge.byId.get(doc.entityId)?.kind === 'person') ||
        doc.mentionIds.some((id) => linked.has(id) && index.knowledge.byId.get(id)?.kind === 'person')
      );
  }
}

/**
 * The weight of the question's content words a candidate matches — in any field, in its own words, in its curated
 * questions — each word counted by its weight times the credit of its match (1 exact, less through a synonym).
 * Not shares: divide by `words.total` and more.
 */
export function wordCover(c: Candidate, words: WordWeights): { cover: number; coverText: number; coverQuestions: number } {
  let cover = 0;
  let coverText = 0;
  let coverQuestions = 0;
  for (const [word, weight] of words.weights) {
    const match = c.matched.get(word);
    if (!match) continue;
    cover += weight * match.credit;
    if (match.inText) coverText += weight * match.credit;
    if (match.inQuestions) coverQuestions += weight * match.credit;
  }
  return { cover, coverText, coverQuestions };
}

/** The share of a question's content words' weight a sum of it is, smoothed as the ranking features are (0–1). */
export function wordShare(weight: number, words: WordWeights): number {
  return weight / (words.total + SMOOTHING);
}

/** Computes every candidate's features. Pure: the same question and candidates give the same vectors. */
export function featuresOf(index: SearchIndex, query: ParsedQuery, retrieved: Retrieved, words: WordWeights): number[][] {
  const linked = new Set(retrieved.linked);
  const maxBm25 = Math.max(0, ...retrieved.candidates.map((c) => c.bm25)) || 1;
  const stems = query.tokens.filter((t) => !t.kindWord).map((t) => t.stem);
  const pairs: string[] = [];
  for (let i = 1; i < stems.length; i++) pairs.push(` ${stems[i - 1]} ${stems[i]} `);
  const kinds = new Set(query.intent.kinds);
  const years = new Set(query.intent.years);
  const places = new Set(query.intent.places);

  const anchors = anchorStems(query, words);
  const asked = questionVector(query.terms, index.alternates);
  const entityCredit = new Map<string, Map<string, number>>();
  for (const c of retrieved.candidates) {
    const credit = entityCredit.get(c.doc.entityId) ?? new Map<string, number>();
    for (const [word, match] of c.matched) credit.set(word, Math.max(credit.get(word) ?? 0, match.credit));
    entityCredit.set(c.doc.entityId, credit);
  }

  // The entities the question names are part of what it says: a fact of one of them, or naming one, covers that part
  // (weighted as a word by how few facts concern the entity). Without them, a question of a name and light words
  // ("when did <mission> take place?") is covered best by any fact holding the light words.
  const n = index.documentCount || 1;
  const named = retrieved.linked.map((id) => ({
    id,
    weight: Math.log(1 + n / ((index.docsByEntity.get(id)?.length ?? 0) + (index.docsMentioning.get(id)?.length ?? 0) + 0.5)),
  }));
  const total = words.total + named.reduce((sum, e) => sum + e.weight, 0) + SMOOTHING;

  return retrieved.candidates.map((c) => {
    const { doc } = c;
    const namedCover = named.reduce((sum, e) => sum + (doc.entityId === e.id || doc.mentionIds.includes(e.id) ? e.weight : 0), 0);
    const entityNamed = named.reduce((sum, e) => sum + (doc.entityId === e.id ? e.weight : 0), 0);
    let entityCover = entityNamed;
    const credit = entityCredit.get(doc.entityId)!;
    for (const [word, weight] of words.weights) entityCover += weight * (credit.get(word) ?? 0);
    const byWords = wordCover(c, words);
    const cover = namedCover + byWords.cover;
    const coverText = namedCover + byWords.coverText;
    const coverQuestions = byWords.coverQuestions;
    const own = linked.has(doc.entityId);
    const refers = !own && doc.mentionIds.some((id) => linked.has(id));
    const related = !own && !refers && doc.refIds.some((id) => linked.has(id));
    const typed = query.expects;
    const fits = typed !== undefined && holds(index, doc, typed, own, linked);
    const held = pairs.length === 0 ? 0 : pairs.filter((p) => doc.stemmed.includes(p)).length / pairs.length;
    const vector: Record<RankFeature, number> = {
      bm25: c.bm25 > 0 ? Math.max(0, 1 + Math.log(c.bm25 / maxBm25) / 5) : 0,
      cover: cover / total,
      coverText: coverText / total,
      coverQuestions: wordShare(coverQuestions, words),
      altSim: alternateSimilarity(asked, doc.slot, index.alternates),
      own: own ? 1 : 0,
      refers: refers ? 1 : 0,
      related: related ? 1 : 0,
      typeFit: fits ? 1 : 0,
      typeMiss: typed !== undefined && !fits ? 1 : 0,
      near: fits && typed !== undefined ? nearness(doc, typed, anchors) : 0,
      entityCover: entityCover / total,
      kindFit: kinds.size > 0 && kinds.has(doc.kind) ? 1 : 0,
      yearPlaceFit:
        (years.size > 0 && doc.years.some((y) => years.has(y))) || (places.size > 0 && doc.placeIds.some((p) => places.has(p))) ? 1 : 0,
      phrase: held,
      lead: doc.factIndex === 0 ? 1 : 0,
    };
    return RANK_FEATURES.map((f) => vector[f]);
  });
}

/** The stems a question asks with (content words, their written-out forms and synonyms): where a value should be near. */
function anchorStems(query: ParsedQuery, words: WordWeights): Set<string> {
  const anchors = new Set<string>();
  for (const token of query.tokens) {
    if (!words.weights.has(token.surface)) continue;
    anchors.add(token.stem);
    if (token.expansion) anchors.add(stem(token.expansion));
  }
  return anchors;
}

/** Word positions of each kind of value that answers a type of question. */
const VALUE_KEYS: Readonly<Record<AnswerType, ReadonlyArray<keyof ValuePositions>>> = {
  date: ['date'],
  duration: ['duration', 'date'],
  number: ['number'],
  amount: ['money', 'number'],
  person: ['person'],
  place: ['place'],
  definition: [],
  role: ['person'],
};

/** 1 when an asked value stands next to a word the question asks with, falling to 0 eight words away; ½ with no such word. */
function nearness(doc: FactDocument, type: AnswerType, anchors: ReadonlySet<string>): number {
  const values = VALUE_KEYS[type].flatMap((key) => doc.positions[key] ?? []);
  if (values.length === 0) return type === 'definition' ? 1 : 0.5;
  const stems = doc.stemmed.trim().split(' ');
  let best = Number.POSITIVE_INFINITY;
  stems.forEach((s, i) => {
    if (!anchors.has(s)) return;
    for (const v of values) best = Math.min(best, Math.abs(v - i));
  });
  return best === Number.POSITIVE_INFINITY ? 0.5 : Math.max(0, 1 - (best - 1) / 8);
}

/** Scores and sorts the candidates, best first (ties by fact id, so the order never depends on the search's). */
export function score(index: SearchIndex, query: ParsedQuery, retrieved: Retrieved, words: WordWeights, weights: readonly number[] = RANKER): Scored[] {
  const vectors = featuresOf(index, query, retrieved, words);
  return retrieved.candidates
    .map((candidate, i) => {
      const features = vectors[i]!;
      let s = 0;
      for (let j = 0; j < features.length; j++) s += features[j]! * (weights[j] ?? 0);
      return { candidate, features, score: s };
    })
    .sort((a, b) => b.score - a.score || a.candidate.doc.id.localeCompare(b.candidate.doc.id));
}
