/**
 * Retrieval, the second stage of the answer pipeline: the facts worth scoring for a question. The question's words
 * are searched in MiniSearch (BM25 over the fact documents' fields) as their stems (exact or prefix), their surface
 * forms (fuzzy, for typos), their written-out forms and their domain synonyms; the facts of the entities the question
 * names, and the facts that name those entities, join the candidates whether or not they share a word with it.
 * The set is bounded: the best `candidateLimit` matches plus the named entities' facts, never every fact.
 */
import type { SearchResult } from 'minisearch';
import { editDistance } from '../knowledge/similar.ts';
import type { FactDocument } from './documents.ts';
import { docFilter } from './filters.ts';
import type { SearchIndex } from './index.ts';
import type { ParsedQuery, QueryToken } from './query.ts';
import { isEnglishWord } from './spelling.ts';
import { stem } from './text.ts';

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
  readonly doc: FactDocument;
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

/** Fields that hold a fact's own words. */
const TEXT_FIELDS = new Set(['text', 'questions']);

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
  const firstRole = (t: string) => origin.get(t)?.[0]?.role;
  const isNumber = (t: string) => /\d/.test(t);
  const filter = docFilter(index, query.filters);

  const results: SearchResult[] =
    origin.size === 0
      ? []
      : index.search.search([...origin.keys()].join(' '), {
          tokenize: (text) => text.split(' '),
          processTerm: (term) => term,
          boost: { ...tuning.boost },
          weights: { ...tuning.weights },
          // Fuzzy matching is for typos the spelling stage left: not for a word the index holds, nor for an English word
          // it lacks ("mayor" is not a misspelt "major").
          fuzzy: (term) =>
            firstRole(term) === 'exact' &&
            !isNumber(term) &&
            term.length >= tuning.fuzzyMinLength &&
            !index.vocabulary.has(term) &&
            !isEnglishWord(term)
              ? tuning.fuzzy
              : false,
          prefix: (term) => firstRole(term) === 'exact' && !isNumber(term) && term.length >= tuning.prefixMinLength,
          boostTerm: (term) => weight.get(term) ?? 1,
          combineWith: 'OR',
          filter: (result) => filter(index.docs.get(result.id as string)!),
        });

  const df = new Map<string, number>();
  const byId = new Map<string, Candidate>();
  results.forEach((result, rank) => {
    const matched = wordMatches(result, origin, tuning.synonymCredit);
    for (const word of matched.keys()) df.set(word, (df.get(word) ?? 0) + 1);
    if (rank < tuning.candidateLimit) {
      byId.set(result.id as string, { doc: index.docs.get(result.id as string)!, bm25: result.score, matched, terms: result.terms });
    }
  });
  // The named entities' facts and the facts naming them are candidates even without a shared word.
  const scored = new Map(results.map((r) => [r.id as string, r]));
  for (const id of linked) {
    const docs = [...(index.docsByEntity.get(id) ?? []), ...(index.docsMentioning.get(id) ?? [])];
    for (const doc of docs) {
      if (byId.has(doc.id) || !filter(doc)) continue;
      const result = scored.get(doc.id);
      byId.set(doc.id, {
        doc,
        bm25: result?.score ?? 0,
        matched: result ? wordMatches(result, origin, tuning.synonymCredit) : new Map(),
        terms: result?.terms ?? [],
      });
    }
  }
  return { candidates: [...byId.values()], df, linked };
}

/** The question words a search result matched, with their credit and whether they met the fact's own words. */
function wordMatches(result: SearchResult, origin: ReadonlyMap<string, ReadonlyArray<{ word: string; role: MatchRole }>>, synonymCredit: number) {
  const matched = new Map<string, WordMatch>();
  const docTerms = Object.keys(result.match);
  for (const queryTerm of result.queryTerms) {
    // The document terms this query term reached: itself, or the words it is a prefix or a near miss of.
    const reached = result.match[queryTerm] ? [queryTerm] : docTerms.filter((t) => t.startsWith(queryTerm) || editDistance(t, queryTerm, 2) <= 2);
    const fields = new Set(reached.flatMap((t) => result.match[t] ?? []));
    const inText = [...fields].some((field) => TEXT_FIELDS.has(field));
    const inQuestions = fields.has('questions');
    const near = !result.match[queryTerm];
    for (const from of origin.get(queryTerm) ?? []) {
      const credit = from.role === 'synonym' ? synonymCredit : near ? 0.8 : 1;
      const previous = matched.get(from.word);
      matched.set(from.word, {
        credit: Math.max(credit, previous?.credit ?? 0),
        inText: inText || (previous?.inText ?? false),
        inQuestions: inQuestions || (previous?.inQuestions ?? false),
      });
    }
  }
  return matched;
}

/** Stems that are equal, or one edit apart when long enough that a typo is the likely cause ("forcast"). */
function sameStem(a: string, b: string): boolean {
  return a === b || (a.length >= 6 && b.length >= 6 && editDistance(a, b, 1) <= 1);
}
