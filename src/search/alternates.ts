/**
 * Matching a question against the questions each fact is curated to answer (`questions:` in the knowledge), as
 * curated Q&A systems do (QnA Maker's alternate questions): cosine similarity of TF-IDF vectors over word stems, with
 * every name of an entity read as that entity ("KBIC" and "Kobe Biomedical Innovation Cluster" are one term). A
 * question close to a curated one is asked about the very thing that fact answers.
 *
 * The index keeps each curated question's terms and how many questions hold each term; a fact's vectors are weighed
 * when a question reaches it, so adding or removing one question never re-weighs the others.
 */
import { britishStem, isStopWord } from './text.ts';

/** A sparse TF-IDF vector and its length. */
export interface TermVector {
  readonly weights: ReadonlyMap<string, number>;
  readonly norm: number;
}

export interface AlternateIndex {
  /** Document slot → the terms of each of its curated questions (none: no entry). */
  readonly questions: ReadonlyArray<ReadonlyArray<readonly string[]> | undefined>;
  /** Term → how many curated questions hold it. */
  readonly df: ReadonlyMap<string, number>;
  /** How many curated questions there are. */
  readonly count: number;
}

/**
 * The terms of a text: stems of its content words, and `@id` for each entity it names. `spans` gives the entities
 * already linked (for a question, by the understanding stage) with the word positions they cover.
 */
export function termsOf(words: readonly string[], spans: ReadonlyArray<{ start: number; end: number; ids: readonly string[] }>): string[] {
  const terms: string[] = [];
  const covered = new Set<number>();
  for (const span of spans) {
    for (let i = span.start; i < span.end; i++) covered.add(i);
    terms.push(...span.ids.map((id) => `@${id}`));
  }
  words.forEach((w, i) => {
    if (!covered.has(i) && !isStopWord(w)) terms.push(britishStem(w));
  });
  return terms;
}

function vector(terms: readonly string[], idf: (term: string) => number): TermVector {
  const weights = new Map<string, number>();
  for (const t of terms) weights.set(t, (weights.get(t) ?? 0) + idf(t));
  let sum = 0;
  for (const w of weights.values()) sum += w * w;
  return { weights, norm: Math.sqrt(sum) };
}

/** IDF already worked out, per version of the curated questions (a version is never changed). */
const idfs = new WeakMap<AlternateIndex, Map<string, number>>();

/** Inverse document frequency of a term over the curated questions (a term none holds weighs the most). */
export function idfOf(alternates: AlternateIndex, term: string): number {
  let known = idfs.get(alternates);
  if (!known) idfs.set(alternates, (known = new Map()));
  let idf = known.get(term);
  if (idf === undefined) {
    const n = alternates.df.get(term);
    idf = n === undefined ? Math.log(1 + alternates.count) : Math.log(1 + alternates.count / n);
    if (known.size < 100_000) known.set(term, idf);
  }
  return idf;
}

/** Adds (+1) or takes away (-1) one document's curated questions from the question counts. */
export function countQuestions(df: Map<string, number>, questions: ReadonlyArray<readonly string[]>, sign: 1 | -1): number {
  for (const terms of questions) {
    for (const term of new Set(terms)) {
      const n = (df.get(term) ?? 0) + sign;
      if (n > 0) df.set(term, n);
      else df.delete(term);
    }
  }
  return sign * questions.length;
}

/** The vector of a question's terms under the curated questions' IDF. */
export function questionVector(terms: readonly string[], alternates: AlternateIndex): TermVector {
  return vector(terms, (t) => idfOf(alternates, t));
}

/** Cosine similarity, 0–1, of the question with the closest of a document's curated questions (0 when it has none). */
export function alternateSimilarity(question: TermVector, slot: number, alternates: AlternateIndex): number {
  let best = 0;
  const questions = alternates.questions[slot];
  if (!questions || question.norm === 0) return best;
  // Each curated question's vector, weighed as `vector` weighs it (the same sums in the same order), in two small
  // arrays rather than a Map: a question reaches a few hundred facts and each holds a few curated questions.
  const distinct: string[] = [];
  const weights: number[] = [];
  for (const terms of questions) {
    distinct.length = 0;
    weights.length = 0;
    for (const t of terms) {
      const at = distinct.indexOf(t);
      if (at < 0) {
        distinct.push(t);
        weights.push(0 + idfOf(alternates, t));
      } else {
        weights[at] = weights[at]! + idfOf(alternates, t);
      }
    }
    let sum = 0;
    for (const w of weights) sum += w * w;
    const norm = Math.sqrt(sum);
    if (norm === 0) continue;
    let dot = 0;
    for (const [t, w] of question.weights) {
      const at = distinct.indexOf(t);
      dot += w * (at < 0 ? 0 : weights[at]!);
    }
    best = Math.max(best, dot / (question.norm * norm));
  }
  return best;
}
