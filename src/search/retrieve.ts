/**
 * Retrieval: the question's words (stems, surface forms, synonyms) searched in MiniSearch with the boosts that named
 * entities and plain-word intents earn, and each fact found scored down when it lacks the value the question wants.
 */
import type { SearchResult } from 'minisearch';
import { editDistance } from '../knowledge/similar.ts';
import type { SearchTuning } from './defaults.ts';
import type { FactDocument } from './documents.ts';
import { docFilter } from './filters.ts';
import type { Hit } from './hits.ts';
import type { SearchIndex } from './index.ts';
import type { ParsedQuery } from './query.ts';
import { nameKey, stem } from './text.ts';

type TermRole = 'stem' | 'surface' | 'synonym';

/** Searches the question's words and scores each fact found; `df` counts the facts each question word matched. */
export function retrieve(index: SearchIndex, query: ParsedQuery, mentions: readonly string[]): { hits: Hit[]; df: Map<string, number> } {
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
    const w = token.kindWord ? tuning.termWeights.kindWord : token.frame ? tuning.termWeights.frameWord : 1;
    add(token.stem, token.surface, 'stem', w);
    add(token.surface, token.surface, 'surface', w);
  }
  for (const token of query.tokens) {
    for (const group of tuning.synonyms) {
      if (group.some((member) => sameStem(member, token.stem))) for (const syn of group) add(syn, token.surface, 'synonym', tuning.termWeights.synonym);
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
      if (mentionSet.has(doc.entityId))
        boost *= intentKinds.size > 0 && !intentKinds.has(doc.kind) ? tuning.aboutBoost : tuning.mentionBoost;
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
        const credit = from.role === 'synonym' ? tuning.synonymCredit : 1;
        covered.set(from.word, Math.max(covered.get(from.word) ?? 0, credit));
      }
    }
    for (const word of covered.keys()) df.set(word, (df.get(word) ?? 0) + 1);
    const doc = index.docs.get(result.id as string)!;
    const fits = fitsExpected(query, doc);
    return { doc, score: fits ? result.score : result.score * tuning.misfit, covered, terms: result.terms, fits };
  });
  rewardPhrases(hits, query, tuning);
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


/**
 * MiniSearch scores words, not their order. Among the best candidates, a fact that holds two of the question's
 * words side by side, as the question has them, is closer to what was asked.
 */
function rewardPhrases(hits: Hit[], query: ParsedQuery, tuning: SearchTuning): void {
  // Stems on both sides, so "medical device market" meets "medical devices market".
  const words = query.tokens.filter((t) => !t.kindWord).map((t) => t.stem);
  const pairs: string[] = [];
  for (let i = 1; i < words.length; i++) pairs.push(` ${words[i - 1]} ${words[i]} `);
  if (pairs.length === 0) return;
  const top = [...hits].sort((a, b) => b.score - a.score).slice(0, tuning.phraseWindow);
  for (const hit of top) {
    const text = ` ${nameKey(hit.doc.text).split(' ').map(stem).join(' ')} `;
    const held = pairs.filter((p) => text.includes(p)).length;
    if (held > 0) (hit as { score: number }).score *= 1 + tuning.phraseBonus * held;
  }
}
