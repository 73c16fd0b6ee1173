import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/knowledge/similar.ts';
import { sortedWords, within } from '../../src/search/fuzzy.ts';

/** Short words over a small alphabet, so near misses, swaps and shared prefixes are common. */
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', ' '), minLength: 0, maxLength: 9 });

describe('within', () => {
  it('finds exactly the words a scan with editDistance finds, with their distances', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), word, fc.integer({ min: 0, max: 3 }), (words, asked, max) => {
        const list = sortedWords(words);
        const scanned = list
          .map((w) => ({ word: w, distance: editDistance(asked, w, max) }))
          .filter((n) => n.distance <= max);
        expect(within(list, asked, max)).toEqual(scanned);
      }),
      { numRuns: 3000 },
    );
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(within(sortedWords(['japan', 'japna', 'jpaan', 'nagoya']), 'japna', 1)).toEqual([
      { word: 'japan', distance: 1 },
      { word: 'japna', distance: 0 },
    ]);
  });
});
