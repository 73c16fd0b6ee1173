/**
 * "Did you mean …?" suggestions by edit distance, shared by the linter and the answer engine.
 */

/** Damerau–Levenshtein (optimal string alignment) distance, stopping early once `max` is exceeded. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, prevPrev[j - 2]! + 1);
      }
      row[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[cols - 1]!;
}

/**
 * The candidates closest to `word` (case-insensitive), best first. A candidate qualifies when its distance is at most
 * a third of the word's length (at least 1), so short ids need a near-exact match; or when one of the two begins with
 * the other, four letters or more ("alias" for `aliases`, "introduction" for `intro`, "eccp" for
 * `eccp-discussion-paper`), ranked after the near misses, the nearer first.
 */
export function closest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = word.toLowerCase();
  const max = Math.max(1, Math.floor(needle.length / 3));
  const scored: Array<{ candidate: string; distance: number }> = [];
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    const distance = editDistance(needle, other, max);
    if (distance <= max) scored.push({ candidate, distance });
    else if (Math.min(needle.length, other.length) >= 4 && (other.startsWith(needle) || needle.startsWith(other))) {
      scored.push({ candidate, distance: max + Math.abs(other.length - needle.length) });
    }
  }
  scored.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, limit).map((s) => s.candidate);
}

/** ` — did you mean 'x'?` or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const [best] = closest(word, candidates, 1);
  return best === undefined ? '' : ` — did you mean '${best}'?`;
}
