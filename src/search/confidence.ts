/**
 * Confidence: how much of the question the facts an answer shows really cover. Below the threshold the engine says
 * it does not know rather than give a wrong answer.
 */
import type { SearchTuning } from './defaults.ts';
import { structuredRefs } from './documents.ts';
import { keptHits, type Group } from './hits.ts';
import type { SearchIndex } from './index.ts';
import type { ParsedQuery } from './query.ts';

/** Inverse document frequency of each question word over facts; a word no fact holds weighs the most. */
export function tokenWeights(index: SearchIndex, words: readonly string[], df: ReadonlyMap<string, number>): Map<string, number> {
  const n = index.docs.size || 1;
  return new Map(words.map((w) => [w, Math.log(1 + n / ((df.get(w) ?? 0) + 0.5))]));
}

/** The weighted share of the question's words that the facts a group shows cover, lowered for gaps. */
export function coverage(
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
    const w = (weights.get(token.surface) ?? 0) * (token.frame ? tuning.confidenceFrameShare : 1);
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
  const typed =
    expects === undefined || best === undefined || shown.some((h) => h.fits && key.every((t) => (h.covered.get(t.surface) ?? 0) > 0));
  return share * (missing ? tuning.missingWordPenalty : 1) * (typed ? 1 : tuning.untypedPenalty);
}
