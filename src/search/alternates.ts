/**
 * Matching a question against the questions each fact is curated to answer (`questions:` in the knowledge), as
 * curated Q&A systems do (QnA Maker's alternate questions): cosine similarity of TF-IDF vectors over word stems, with
 * every name of an entity read as that entity ("KBIC" and "Kobe Biomedical Innovation Cluster" are one term). A
 * question close to a curated one is asked about the very thing that fact answers.
 */
import type { FactDocument } from './documents.ts';
import { linkNames, type NameTable } from './names.ts';
import { britishSpelling, isStopWord, nameWords, stem } from './text.ts';

/** A sparse TF-IDF vector and its length. */
export interface TermVector {
  readonly weights: ReadonlyMap<string, number>;
  readonly norm: number;
}

export interface AlternateIndex {
  /** Fact id → the vectors of its curated questions. */
  readonly byDoc: ReadonlyMap<string, readonly TermVector[]>;
  /** Inverse document frequency of each term over all curated questions; `unseen` for a term none holds. */
  readonly idf: ReadonlyMap<string, number>;
  readonly unseen: number;
}

/**
 * The terms of a text: stems of its content words, and `@id` for each entity it names. `linked` gives the entities
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
    if (!covered.has(i) && !isStopWord(w)) terms.push(stem(britishSpelling(w)));
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

/** Builds the vectors of every fact's curated questions: O(words of the questions). */
export function buildAlternates(docs: readonly FactDocument[], questionsOf: (doc: FactDocument) => readonly string[], names: NameTable): AlternateIndex {
  const parsed: Array<{ id: string; terms: string[][] }> = [];
  const df = new Map<string, number>();
  let count = 0;
  for (const doc of docs) {
    const terms = questionsOf(doc).map((q) => {
      const { folded, original } = nameWords(q);
      return termsOf(folded, linkNames(folded, names, { original }));
    });
    for (const t of terms) {
      count++;
      for (const term of new Set(t)) df.set(term, (df.get(term) ?? 0) + 1);
    }
    if (terms.length > 0) parsed.push({ id: doc.id, terms });
  }
  const idf = new Map<string, number>();
  for (const [term, n] of df) idf.set(term, Math.log(1 + count / n));
  const unseen = Math.log(1 + count);
  const weight = (t: string) => idf.get(t) ?? unseen;
  return { byDoc: new Map(parsed.map((p) => [p.id, p.terms.map((t) => vector(t, weight))])), idf, unseen };
}

/** The vector of a question's terms under the curated questions' IDF. */
export function questionVector(terms: readonly string[], alternates: AlternateIndex): TermVector {
  return vector(terms, (t) => alternates.idf.get(t) ?? alternates.unseen);
}

/** Cosine similarity, 0–1, of the question with the closest of a fact's curated questions (0 when it has none). */
export function alternateSimilarity(question: TermVector, docId: string, alternates: AlternateIndex): number {
  let best = 0;
  for (const alt of alternates.byDoc.get(docId) ?? []) {
    if (alt.norm === 0 || question.norm === 0) continue;
    let dot = 0;
    for (const [t, w] of question.weights) dot += w * (alt.weights.get(t) ?? 0);
    best = Math.max(best, dot / (question.norm * alt.norm));
  }
  return best;
}
