import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from '../../src/knowledge/similar.ts';

describe('did-you-mean suggestions', () => {
  it('suggests a near miss within a third of the word', () => {
    expect(closest('rol', ['role', 'sectors'])).toEqual(['role']);
    expect(closest('sorce', ['source', 'section'], 1)).toEqual(['source']);
    expect(closest('xyz', ['role', 'sectors'])).toEqual([]);
  });

  it('suggests a word that begins with the other, four letters or more, after the near misses', () => {
    expect(closest('alias', ['aliases', 'about'])).toEqual(['aliases']);
    expect(closest('introduction', ['intro', 'market'])).toEqual(['intro']);
    expect(closest('eccp', ['eccp-discussion-paper-japan', 'clust-er-news'])).toEqual(['eccp-discussion-paper-japan']);
    expect(closest('role', ['roles', 'role-of-the-state'])).toEqual(['roles', 'role-of-the-state']);
    // Three letters are too few to say one word is short for another.
    expect(closest('abo', ['about-the-paper'])).toEqual([]);
  });

  it('words the suggestion for a message, or gives nothing', () => {
    expect(didYouMean('alias', ['aliases'])).toBe(" — did you mean 'aliases'?");
    expect(didYouMean('zzz', ['aliases'])).toBe('');
  });
});
