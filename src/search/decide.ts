/**
 * The decision, the fourth stage of the answer pipeline: does the best fact answer the question? A logistic model
 * over features that hold for any question — whether an entity was linked and the best fact is about it, whether it
 * holds the kind of value asked for, how much of the question it covers, how much of the question the knowledge
 * does not hold at all, and the margin over the next entity — gives the probability that the first answer is right.
 * Its weights and thresholds are fitted on the tuning questions (`model.ts`) and judged on the blind ones.
 *
 * Three outcomes a user can tell apart: an answer; "not sure — here are the closest facts"; nothing found (no fact
 * holds a word of the question).
 */
import type { ParsedQuery } from './query.ts';
import type { Retrieved } from './retrieve.ts';
import { DECIDER } from './model.ts';
import { RANK_FEATURES, wordCover, wordShare, type Scored, type WordWeights } from './score.ts';

export type Outcome = 'answer' | 'unsure' | 'none';

/** The decision's features, in the order the fitted weights use. */
export const DECISION_FEATURES = [
  /** The best fact's margin over the best fact of another entity, squashed to 0–1. */
  'margin',
  /** The ranker's probability that the answer is the best fact (softmax over the candidates), and that it is one of its entity's facts. */
  'share',
  'entityShare',
  /**
   * Weighted share of the question's content words the best fact holds in its own words, and in its curated questions:
   * words only, not the names the question links (the ranking counts those), since what tells an answer from a fact
   * about the right entity is whether it holds what is asked of it.
   */
  'coverText',
  'coverQuestions',
  /** Similarity of the question with the closest curated question of the best fact. */
  'altSim',
  /** Weighted share of the question's content words the knowledge does not hold at all ("mayor", "wifi"). */
  'unknown',
  /** Weighted share of the question's naming words (not frame words) the best fact's own words do not hold, even as a synonym. */
  'missingText',
  /** …that no candidate fact of the best fact's entity holds in any field. */
  'missingEntity',
  /** The question names an entity (or a thread gives one), and the best fact belongs to it or refers to it. */
  'linked',
  'onLinked',
  /** The question asks for a kind of value; the best fact holds it; how near it stands to the question's words. */
  'typed',
  'typeFit',
  'near',
] as const;
export type DecisionFeature = (typeof DECISION_FEATURES)[number];

export interface Decision {
  readonly outcome: Outcome;
  /** Probability, 0–1, that the first answer is right. */
  readonly confidence: number;
  readonly features: readonly number[];
}

const squash = (x: number) => 1 / (1 + Math.exp(-x));
/** Cosine similarity with a curated question at which the question is that question, reworded at most by a word. */
const CURATED = 0.9;

/** The decision's features for a ranked list of candidates. */
export function decisionFeatures(query: ParsedQuery, retrieved: Retrieved, words: WordWeights, ranked: readonly Scored[]): number[] {
  const top = ranked[0];
  const f = (name: string) => (top ? top.features[rankIndex(name)]! : 0);
  const entity = top?.candidate.doc.entityId;
  const other = ranked.find((s) => s.candidate.doc.entityId !== entity);
  const sameEntity = ranked.filter((s) => s.candidate.doc.entityId === entity);
  const tokens = new Map(query.tokens.map((t) => [t.surface, t]));
  let unknown = 0;
  let naming = 0;
  let missingText = 0;
  let missingEntity = 0;
  // The words that name what is asked: not frame words, unless the question has nothing else ("how many members").
  const framedOnly = [...words.weights.keys()].every((w) => tokens.get(w)?.frame);
  for (const [word, weight] of words.weights) {
    const token = tokens.get(word);
    if (token?.known === false && (retrieved.df.get(word) ?? 0) === 0) unknown += weight;
    if (token?.frame && !framedOnly) continue;
    naming += weight;
    const inTop = top?.candidate.matched.get(word);
    if (!inTop || !inTop.inText) missingText += weight;
    if (!sameEntity.some((s) => s.candidate.matched.has(word))) missingEntity += weight;
  }
  const share = (x: number, of: number) => (of > 0 ? x / of : 0);
  let mass = 0;
  let entityMass = 0;
  for (const s of ranked) {
    const e = Math.exp(s.score - (top?.score ?? 0));
    mass += e;
    if (s.candidate.doc.entityId === entity) entityMass += e;
  }
  const vector: Record<DecisionFeature, number> = {
    margin: top ? squash(top.score - (other?.score ?? top.score - 10)) * 2 - 1 : 0,
    share: mass > 0 ? 1 / mass : 0,
    entityShare: share(entityMass, mass),
    coverText: top ? wordShare(wordCover(top.candidate, words).coverText, words) : 0,
    coverQuestions: f('coverQuestions'),
    altSim: f('altSim'),
    unknown: share(unknown, words.total),
    missingText: share(missingText, naming),
    missingEntity: share(missingEntity, naming),
    linked: retrieved.linked.length > 0 ? 1 : 0,
    onLinked: f('own') + f('refers') > 0 ? 1 : 0,
    typed: query.expects !== undefined ? 1 : 0,
    typeFit: f('typeFit'),
    near: f('near'),
  };
  return DECISION_FEATURES.map((name) => vector[name]);
}

/** Decides among the three outcomes. `model` defaults to the fitted one. */
export function decide(
  query: ParsedQuery,
  retrieved: Retrieved,
  words: WordWeights,
  ranked: readonly Scored[],
  model: { readonly weights: readonly number[]; readonly bias: number; readonly answer: number } = DECIDER,
  /** A thread or the console gives the entities the question is read against. */
  inContext = false,
): Decision {
  const features = decisionFeatures(query, retrieved, words, ranked);
  if (ranked.length === 0) return { outcome: 'none', confidence: 0, features };
  let z = model.bias;
  for (let i = 0; i < features.length; i++) z += features[i]! * (model.weights[i] ?? 0);
  const confidence = squash(z);
  // Whatever the fitted weights make of the rest, a question most of whose weight lies in words no fact holds asks
  // about something the sources lack: it is not answered (the closest facts may still be shown as such).
  const mostlyUnknown = features[DECISION_FEATURES.indexOf('unknown')]! > 0.5;
  // Nothing found means just that: no fact holds a word of the question and none is about an entity it names.
  const top = ranked[0]!.candidate;
  const nothing = top.matched.size === 0 && retrieved.linked.length === 0;
  // "When was it founded?" with nothing to say what "it" is: whatever fact comes first, it is a guess.
  const unresolved = query.refers && query.mentions.length === 0 && !inContext;
  // A question asked as one of the questions the best fact is curated to answer, about the entity it names, is the
  // question that fact answers.
  const curated = features[DECISION_FEATURES.indexOf('altSim')]! >= CURATED && (retrieved.linked.length === 0 || features[DECISION_FEATURES.indexOf('onLinked')] === 1);
  const confident = (confidence >= model.answer || curated) && !mostlyUnknown && !unresolved;
  const outcome: Outcome = nothing ? 'none' : confident ? 'answer' : 'unsure';
  return { outcome, confidence, features };
}

function rankIndex(name: string): number {
  return (RANK_FEATURES as readonly string[]).indexOf(name);
}
