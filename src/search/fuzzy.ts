/**
 * Near-miss lookup: the words of a sorted list within a small edit distance of a word, found by walking the list as
 * the trie it implicitly is (words sharing a prefix are neighbours) and carrying the edit-distance rows down the
 * prefixes, pruning a prefix as soon as every cell of its row exceeds the bound. The distance is the one
 * `editDistance` computes (optimal string alignment: a swap of neighbours counts one), so a lookup finds exactly the
 * words a scan of the whole list with `editDistance(word, candidate, max) <= max` would find, at the cost of the
 * prefixes near the word rather than of the list.
 */

/** A word of the list within the bound, and its distance. */
export interface Near {
  readonly word: string;
  readonly distance: number;
}

/** Sorts words as `within` needs them: by UTF-16 code units, duplicates removed. */
export function sortedWords(words: Iterable<string>): string[] {
  // The default order of `sort` is by UTF-16 code units: `byCodeUnits`, compared natively.
  return [...new Set(words)].sort();
}

/** Compares two strings by UTF-16 code units, the order `within` walks. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every word of `sorted` (sorted by `byCodeUnits`, no duplicates) at optimal-string-alignment distance `max` or less
 * from `word`, in list order. O(prefixes of the list within the bound × word length).
 */
export function within(sorted: readonly string[], word: string, max: number): Near[] {
  const out: Near[] = [];
  if (sorted.length === 0 || max < 0) return out;
  const width = word.length + 1;
  const first = new Array<number>(width);
  for (let j = 0; j < width; j++) first[j] = j;
  walk(sorted, word, max, 0, sorted.length, 0, first, undefined, '', out);
  return out;
}

function walk(
  sorted: readonly string[],
  word: string,
  max: number,
  lo: number,
  hi: number,
  depth: number,
  row: readonly number[],
  above: readonly number[] | undefined,
  last: string,
  out: Near[],
): void {
  let i = lo;
  // Every word in [lo, hi) starts with the same `depth` characters; the one that ends here sorts first.
  if (sorted[i]!.length === depth) {
    const distance = row[word.length]!;
    if (distance <= max) out.push({ word: sorted[i]!, distance });
    i++;
  }
  while (i < hi) {
    const code = sorted[i]!.charCodeAt(depth);
    const end = endOfRun(sorted, i, hi, depth, code);
    const char = sorted[i]![depth]!;
    const next = new Array<number>(row.length);
    next[0] = depth + 1;
    let least = next[0];
    for (let j = 1; j < row.length; j++) {
      const cost = word[j - 1] === char ? 0 : 1;
      let value = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + cost);
      if (above !== undefined && j > 1 && word[j - 1] === last && word[j - 2] === char) value = Math.min(value, above[j - 2]! + 1);
      next[j] = value;
      if (value < least) least = value;
    }
    if (least <= max) walk(sorted, word, max, i, end, depth + 1, next, row, char, out);
    i = end;
  }
}

/** The end of the run of words in [from, hi) whose character at `depth` is `code` (they are sorted, so it is a run). */
function endOfRun(sorted: readonly string[], from: number, hi: number, depth: number, code: number): number {
  let lo = from + 1;
  let up = hi;
  while (lo < up) {
    const mid = (lo + up) >>> 1;
    if (sorted[mid]!.charCodeAt(depth) === code) lo = mid + 1;
    else up = mid;
  }
  return lo;
}

/**
 * The word of `sorted` nearest to `word`, as `closest(word, words, 1)` picks it: within a third of its length in
 * edits (at least one), the nearest, then the first by `localeCompare`.
 */
export function nearest(sorted: readonly string[], word: string): string | undefined {
  const needle = word.toLowerCase();
  const max = Math.max(1, Math.floor(needle.length / 3));
  let best: Near | undefined;
  for (const near of within(sorted, needle, max)) {
    if (!best || near.distance < best.distance || (near.distance === best.distance && near.word.localeCompare(best.word) < 0)) best = near;
  }
  return best?.word;
}
