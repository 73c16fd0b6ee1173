/**
 * Retrieval, the second stage of the answer pipeline: the facts worth scoring for a question. The question's words
 * are searched in MiniSearch (BM25 over the fact documents' fields) as their stems (exact or prefix), their surface
 * forms (fuzzy, for typos), their written-out forms and their domain synonyms; the facts of the entities the question
 * names, and the facts that name those entities, join the candidates whether or not they share a word with it.
 * The set is bounded: the best `candidateLimit` matches plus the named entities' facts, never every fact.
 */
import { editDistance } from '../knowledge/similar.ts';
import { docFilter, hasFilters } from './filters.ts';
import { INDEXED_FIELDS, type IndexedDocument, type SearchIndex } from './index.ts';
import { heldBy, searchTerms, type TermSpec } from './postings.ts';
import type { ParsedQuery, QueryToken } from './query.ts';
import { isEnglishWord } from './spelling.ts';
import { stem } from './text.ts';
import { hasWord } from './vocabulary.ts';

/** How a question word met a fact: as itself (exactly, by prefix or by a near miss) or through a synonym. */
export type MatchRole = 'exact' | 'near' | 'synonym';

/** What a question word matched in one fact, with the credit it earns (an exact match 1, a synonym less). */
export interface WordMatch {
  readonly credit: number;
  /** True when it matched the fact's own words (its text or its curated questions), not only its entity's fields. */
  readonly inText: boolean;
  /** True when it matched one of the questions the fact is curated to answer. */
  readonly inQuestions: boolean;
}

/** A fact worth scoring, with how it met the question. */
export interface Candidate {
  readonly doc: IndexedDocument;
  /** MiniSearch's BM25 score for the question's words (0 when the fact joined as a named entity's fact). */
  readonly bm25: number;
  /** Question words (surface forms) this fact matched. */
  readonly matched: ReadonlyMap<string, WordMatch>;
  /** Index terms that matched, for marking words in the snippet. */
  readonly terms: readonly string[];
}

export interface Retrieved {
  readonly candidates: readonly Candidate[];
  /** How many facts each question word matched: its document frequency for this question. */
  readonly df: ReadonlyMap<string, number>;
  /** Ids of the entities the question is read against (named, or a thread's context). */
  readonly linked: readonly string[];
}

/** Field bits of a fact's own words: its text and its curated questions. */
const QUESTIONS = 1 << INDEXED_FIELDS.indexOf('questions');
const TEXT_FIELDS = (1 << INDEXED_FIELDS.indexOf('text')) | QUESTIONS;

/** Searches the question's words and gathers the candidates. `context` stands in for names when the question has none. */
export function retrieve(index: SearchIndex, query: ParsedQuery, context: readonly string[] = []): Retrieved {
  const { tuning } = index;
  // An entity that a large share of the facts name ("Japan", "EU") says little about which fact is meant: its words
  // are searched like any others instead.
  const specific = (id: string) =>
    (index.docsByEntity.get(id)?.length ?? 0) + (index.docsMentioning.get(id)?.length ?? 0) <= tuning.linkedLimit;
  const named = [...new Set(query.mentions.map((m) => m.id))].filter(specific);
  const linked = named.length > 0 ? named : context.filter((id) => index.knowledge.byId.has(id) && specific(id));

  // Each word is searched as its stem (exact or prefix) and its surface form (fuzzy, so typos whose stem drifted still
  // meet), its written-out form and its synonyms (exact only); `origin` maps each term back to the word it serves.
  const origin = new Map<string, Array<{ word: string; role: MatchRole }>>();
  const weight = new Map<string, number>();
  const add = (term: string, token: QueryToken, role: MatchRole, w: number) => {
    if (!term) return;
    const from = origin.get(term) ?? [];
    if (from.some((f) => f.word === token.surface)) return;
    from.push({ word: token.surface, role });
    origin.set(term, from);
    weight.set(term, Math.max(weight.get(term) ?? 0, w));
  };
  // A linked name is matched through its entity, not its words; unlinked, its words still find a partial name.
  const words = query.tokens.filter((t) => !t.mentionIds.some((id) => named.includes(id)));
  for (const token of words) {
    const w = token.kindWord ? tuning.termWeights.kindWord : token.frame ? tuning.termWeights.frameWord : 1;
    add(token.stem, token, 'exact', w);
    add(token.surface, token, 'exact', w);
    if (token.expansion) {
      add(stem(token.expansion), token, 'exact', w);
      add(token.expansion, token, 'exact', w);
    }
  }
  for (const token of words) {
    for (const group of tuning.synonyms) {
      if (group.some((member) => sameStem(member, token.stem))) for (const syn of group) add(syn, token, 'synonym', tuning.termWeights.synonym);
    }
  }
  const isNumber = (t: string) => /\d/.test(t);
  const filter = docFilter(index, query.filters);
  const filtered = hasFilters(query.filters);

  // The terms as MiniSearch query specs: fuzzy matching is for typos the spelling stage left, not for a word the
  // index holds, nor for an English word it lacks ("mayor" is not a misspelt "major").
  const specs: TermSpec[] = [...origin.keys()].map((term) => {
    const exact = origin.get(term)![0]!.role === 'exact';
    return {
      term,
      prefix: exact && !isNumber(term) && term.length >= tuning.prefixMinLength,
      fuzzy:
        exact && !isNumber(term) && term.length >= tuning.fuzzyMinLength && !hasWord(index.vocabulary, term) && !isEnglishWord(term)
          ? tuning.fuzzy
          : false,
      boost: weight.get(term) ?? 1,
    };
  });
  const boosts = INDEXED_FIELDS.map((field) => (Object.hasOwn(tuning.boost, field) ? tuning.boost[field] : undefined) || 1);
  const hits = specs.length === 0 ? undefined : searchTerms(index.postings, specs, { boosts, weights: tuning.weights });

  // Every fact reached (and allowed by the filters), best first: ties in knowledge order.
  const passes = (slot: number) => !filtered || filter(index.docs[slot]!);
  const results = hits ? hits.slots.filter(passes) : [];
  const score = hits?.score;
  const top = best(results, score!, index.rank, tuning.candidateLimit);

  // How many facts each question word matched: its document frequency for this question.
  const df = new Map<string, number>();
  if (hits) {
    const allowed = filtered ? new Set(results) : undefined;
    const wordSpecs = new Map<string, number[]>();
    specs.forEach((spec, i) => {
      for (const from of origin.get(spec.term)!) (wordSpecs.get(from.word) ?? wordSpecs.set(from.word, []).get(from.word)!).push(i);
    });
    for (const [word, indexes] of wordSpecs) {
      const seen = indexes.length === 1 ? undefined : new Set<number>();
      let count = 0;
      for (const i of indexes) {
        for (const slot of hits.bySpec[i]!) {
          if (allowed && !allowed.has(slot)) continue;
          if (seen) {
            if (seen.has(slot)) continue;
            seen.add(slot);
          }
          count++;
        }
      }
      if (count > 0) df.set(word, count);
    }
  }

  // What each candidate matched, read from its own terms: every term the question reached (once, with the specs
  // that reached it), marked by lexicon id for the look-up in each candidate's terms.
  const reachedTerms: string[] = [];
  const specsOf: number[][] = [];
  const marks = hits ? reachedMarks(index.postings.lexicon.size) : undefined;
  /** Per spec: the index of its own term among the reached terms (-1 when the index does not hold it). */
  const own = specs.map(() => -1);
  hits?.reached.forEach((terms, s) => {
    for (const term of terms) {
      let at = marks!.mark[term.id] === marks!.stamp ? marks!.at[term.id]! : -1;
      if (at < 0) {
        at = reachedTerms.length;
        marks!.mark[term.id] = marks!.stamp;
        marks!.at[term.id] = at;
        reachedTerms.push(term.term);
        specsOf.push([]);
      }
      if (!specsOf[at]!.includes(s)) specsOf[at]!.push(s);
      if (term.term === specs[s]!.term) own[s] = at;
    }
  });
  const heldMask = new Int32Array(reachedTerms.length);
  const specHit = new Uint8Array(specs.length);
  const candidate = (doc: IndexedDocument, reached: boolean): Candidate => {
    if (!reached || !hits) return { doc, bm25: 0, matched: new Map(), terms: [] };
    const held = heldBy(index.postings, doc.slot, marks!);
    const terms = held.map((h) => reachedTerms[h.index]!);
    heldMask.fill(0);
    specHit.fill(0);
    for (const h of held) {
      heldMask[h.index] = h.mask;
      for (const s of specsOf[h.index]!) specHit[s] = 1;
    }
    const matched = new Map<string, WordMatch>();
    for (let s = 0; s < specs.length; s++) {
      if (!specHit[s]) continue;
      const queryTerm = specs[s]!.term;
      const exact = own[s]! >= 0 && heldMask[own[s]!] !== 0;
      // The terms this query term reached in the fact: itself, or the words it is a prefix or a near miss of.
      let fields = 0;
      if (exact) fields = heldMask[own[s]!]!;
      else for (const h of held) if (reachedTerms[h.index]!.startsWith(queryTerm) || editDistance(reachedTerms[h.index]!, queryTerm, 2) <= 2) fields |= h.mask;
      const inText = (fields & TEXT_FIELDS) !== 0;
      const inQuestions = (fields & QUESTIONS) !== 0;
      for (const from of origin.get(queryTerm) ?? []) {
        const credit = from.role === 'synonym' ? tuning.synonymCredit : exact ? 1 : 0.8;
        const previous = matched.get(from.word);
        matched.set(from.word, {
          credit: Math.max(credit, previous?.credit ?? 0),
          inText: inText || (previous?.inText ?? false),
          inQuestions: inQuestions || (previous?.inQuestions ?? false),
        });
      }
    }
    return { doc, bm25: score![doc.slot]!, matched, terms };
  };

  const byId = new Map<string, Candidate>();
  for (const slot of top) {
    const doc = index.docs[slot]!;
    byId.set(doc.id, candidate(doc, true));
  }
  // The named entities' facts and the facts naming them are candidates even without a shared word.
  const reachedSet = hits && linked.length > 0 ? new Set(results) : undefined;
  for (const id of linked) {
    const docs = [...(index.docsByEntity.get(id) ?? []), ...(index.docsMentioning.get(id) ?? [])];
    for (const doc of docs) {
      if (byId.has(doc.id) || !filter(doc)) continue;
      byId.set(doc.id, candidate(doc, reachedSet?.has(doc.slot) === true));
    }
  }
  return { candidates: [...byId.values()], df, linked };
}

/** Marks of the terms a question reached, by lexicon id, reused from one question to the next. */
const marksScratch = { mark: new Int32Array(0), at: new Int32Array(0), stamp: 0 };

function reachedMarks(size: number): { mark: Int32Array; at: Int32Array; stamp: number } {
  if (marksScratch.mark.length < size || marksScratch.stamp > 2 ** 30) {
    marksScratch.mark = new Int32Array(Math.max(size, marksScratch.mark.length * 2, 256));
    marksScratch.at = new Int32Array(marksScratch.mark.length);
    marksScratch.stamp = 0;
  }
  marksScratch.stamp++;
  return marksScratch;
}

/** The `limit` best slots by score, ties in knowledge order (`rank`), best first: a bounded heap, O(n log limit). */
function best(slots: readonly number[], score: Float64Array, rank: Int32Array, limit: number): number[] {
  // `worse(a, b)`: a ranks below b.
  const worse = (a: number, b: number) => score[a]! < score[b]! || (score[a] === score[b] && rank[a]! > rank[b]!);
  if (slots.length <= limit) return [...slots].sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  const heap: number[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const slot of slots) {
    if (heap.length < limit) {
      heap.push(slot);
      up(heap.length - 1);
    } else if (worse(heap[0]!, slot)) {
      heap[0] = slot;
      down(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}

/** Stems that are equal, or one edit apart when long enough that a typo is the likely cause ("forcast"). */
function sameStem(a: string, b: string): boolean {
  return a === b || (a.length >= 6 && b.length >= 6 && editDistance(a, b, 1) <= 1);
}
