/**
 * The knowledge's own words: every word its fact documents hold (folded, stop words included), how many documents
 * hold each, where each first appears (the order corrections prefer among equals), the words sorted for near-miss
 * lookup, and their stems. Kept by document, like the postings, so an update changes only what its documents change.
 */
import { takeEarlierFirsts, type FieldTokens, type Lexicon } from './postings.ts';
import { britishStem } from './text.ts';

export interface Vocabulary {
  readonly lexicon: Lexicon;
  /** Lexicon id → how many documents hold the word (0: not a word of the knowledge). */
  readonly counts: Int32Array;
  /** Lexicon id → the slot of the first document (in knowledge order) holding it, and where in it. */
  readonly first: Int32Array;
  readonly firstAt: Float64Array;
  /** The words without digits, sorted (`byCodeUnits`): what a misspelt word may be corrected to. */
  readonly sorted: readonly string[];
  /** Stem (of the British spelling) → how many words have it. */
  readonly stems: ReadonlyMap<string, number>;
  /** Slot → the ids of the words its document holds, ascending. */
  readonly forward: ReadonlyArray<Int32Array | undefined>;
}

/** Whether the knowledge holds a (folded) word. */
export function hasWord(vocabulary: Vocabulary, word: string): boolean {
  const id = vocabulary.lexicon.find(word);
  return id !== undefined && (vocabulary.counts[id] ?? 0) > 0;
}

/** How many documents hold a word. */
export function wordCount(vocabulary: Vocabulary, word: string): number {
  const id = vocabulary.lexicon.find(word);
  return id === undefined ? 0 : (vocabulary.counts[id] ?? 0);
}

/** Whether some word of the knowledge has this stem. */
export function hasStem(vocabulary: Vocabulary, stemmed: string): boolean {
  return vocabulary.stems.has(stemmed);
}

/** Orders words by where they first appear in the knowledge (earlier first). */
export function firstAppearance(vocabulary: Vocabulary, rank: Int32Array): (a: string, b: string) => number {
  return (a, b) => {
    const x = vocabulary.lexicon.find(a)!;
    const y = vocabulary.lexicon.find(b)!;
    return rank[vocabulary.first[x]!]! - rank[vocabulary.first[y]!]! || vocabulary.firstAt[x]! - vocabulary.firstAt[y]!;
  };
}

const stemOf = britishStem;

/** Where a word first stands in a document: field, then token. */
function positionOf(field: number, token: number): number {
  return field * 2 ** 24 + token;
}

/** Where a word (by lexicon id) first stands in a document's tokens, or -1. */
export function wordPosition(fields: FieldTokens, id: number): number {
  for (let f = 0; f < fields.length; f++) {
    const tokens = fields[f]!;
    for (let k = 0; k < tokens.length; k++) if (tokens[k]!.word === id) return positionOf(f, k);
  }
  return -1;
}

/** Builds a version of the vocabulary from nothing or from a previous one, by document. */
export class VocabularyBuilder {
  private counts: Int32Array;
  private first: Int32Array;
  private firstAt: Float64Array;
  private readonly forward: Array<Int32Array | undefined>;
  private readonly removed = new Set<number>();
  private readonly added = new Set<number>();
  private readonly lost = new Set<number>();
  private readonly candidates: number[] = [];

  constructor(
    readonly lexicon: Lexicon,
    private readonly from?: Vocabulary,
  ) {
    this.counts = from ? from.counts.slice() : new Int32Array(0);
    this.first = from ? from.first.slice() : new Int32Array(0);
    this.firstAt = from ? from.firstAt.slice() : new Float64Array(0);
    this.forward = from ? [...from.forward] : [];
  }

  private ensure(size: number): void {
    if (this.counts.length >= size) return;
    const n = Math.max(size, this.counts.length * 2, 64);
    const counts = new Int32Array(n);
    counts.set(this.counts);
    const first = new Int32Array(n).fill(-1);
    first.set(this.first);
    const firstAt = new Float64Array(n);
    firstAt.set(this.firstAt);
    this.counts = counts;
    this.first = first;
    this.firstAt = firstAt;
  }

  remove(slot: number): void {
    const ids = this.forward[slot];
    if (!ids) throw new Error(`vocabulary: slot ${slot} holds no document`);
    this.removed.add(slot);
    for (const id of ids) {
      this.counts[id]!--;
      if (this.first[id] === slot) this.lost.add(id);
    }
    this.forward[slot] = undefined;
  }

  add(slot: number, fields: FieldTokens): void {
    this.ensure(this.lexicon.size);
    if (this.seen.length < this.lexicon.size) this.seen = new Int32Array(Math.max(this.lexicon.size, this.seen.length * 2));
    const stamp = ++this.stamp;
    const words: number[] = [];
    for (let f = 0; f < fields.length; f++) {
      const tokens = fields[f]!;
      for (let k = 0; k < tokens.length; k++) {
        const id = tokens[k]!.word;
        if (this.seen[id] === stamp) continue;
        this.seen[id] = stamp;
        words.push(id);
        if (!this.from) {
          // A first build adds documents in knowledge order: the first to hold a word is where it first appears.
          if (this.first[id]! < 0) {
            this.first[id] = slot;
            this.firstAt[id] = positionOf(f, k);
          }
        } else {
          this.candidates.push(id, slot, positionOf(f, k));
        }
      }
    }
    for (const id of words) this.counts[id]!++;
    this.added.add(slot);
    if (!this.from) {
      // A first build: every document's words in one growing buffer, each a view of its part (see `finish`), sorted
      // in place (a typed array sorts numerically, natively).
      if (this.bufferUsed + words.length > this.buffer.length) {
        const grown = new Int32Array(Math.max(this.bufferUsed + words.length, this.buffer.length * 2, 4096));
        grown.set(this.buffer.subarray(0, this.bufferUsed));
        this.buffer = grown;
      }
      this.buffer.set(words, this.bufferUsed);
      this.buffer.subarray(this.bufferUsed, this.bufferUsed + words.length).sort();
      this.bufferAt[slot * 2] = this.bufferUsed;
      this.bufferAt[slot * 2 + 1] = words.length;
      this.bufferUsed += words.length;
      return;
    }
    this.forward[slot] = Int32Array.from(words).sort();
  }

  private buffer = new Int32Array(0);
  private bufferUsed = 0;
  private readonly bufferAt: number[] = [];

  private seen = new Int32Array(0);
  private stamp = 0;

  /**
   * The new version. `order` lists every document's slot in knowledge order and `rank` maps a slot to its place;
   * `positionIn(slot, word)` gives where a word first stands in a document indexed before, and `holding(word)` the
   * slots of documents that may hold it (a superset: the postings of the same term), or undefined for a stop word.
   * Both are asked only for a word whose first document was removed.
   */
  finish(
    order: Int32Array,
    rank: Int32Array,
    positionIn: (slot: number, id: number) => number,
    holding: (word: string) => Iterable<number> | undefined,
  ): Vocabulary {
    this.ensure(this.lexicon.size);
    if (!this.from) {
      const buffer = this.buffer.slice(0, this.bufferUsed);
      for (let slot = 0; slot * 2 < this.bufferAt.length; slot++) {
        const at = this.bufferAt[slot * 2];
        if (at !== undefined) this.forward[slot] = buffer.subarray(at, at + this.bufferAt[slot * 2 + 1]!);
      }
    }
    const words = this.lexicon.strings;
    const appeared: string[] = [];
    const gone = new Set<string>();
    // A word whose first document went: the first (in knowledge order) of the documents left that hold it; the added
    // documents compete with it below.
    for (const id of this.lost) {
      this.first[id] = -1;
      if (this.counts[id]! <= 0) continue;
      let best = -1;
      const slots = holding(words[id]!);
      if (slots) {
        for (const slot of slots) {
          if (!this.added.has(slot) && (best < 0 || rank[slot]! < rank[best]!) && holds(this.forward[slot], id)) best = slot;
        }
      } else {
        for (const slot of order) {
          if (!this.added.has(slot) && holds(this.forward[slot], id)) {
            best = slot;
            break;
          }
        }
      }
      if (best >= 0) {
        this.first[id] = best;
        this.firstAt[id] = positionIn(best, id);
      }
    }
    takeEarlierFirsts(this.first, this.firstAt, this.candidates, rank);
    const stems = new Map(this.from?.stems ?? []);
    const shift = (word: string, by: 1 | -1) => {
      const s = stemOf(word);
      const n = (stems.get(s) ?? 0) + by;
      if (n > 0) stems.set(s, n);
      else stems.delete(s);
    };
    const seen = new Set<number>();
    for (const slot of [...this.removed, ...this.added]) {
      for (const id of (this.added.has(slot) ? this.forward[slot] : this.from?.forward[slot]) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const before = (this.from?.counts[id] ?? 0) > 0;
        const now = this.counts[id]! > 0;
        if (before === now) continue;
        if (now) {
          shift(words[id]!, 1);
          if (!/\d/.test(words[id]!)) appeared.push(words[id]!);
        } else {
          shift(words[id]!, -1);
          gone.add(words[id]!);
          this.first[id] = -1;
        }
      }
    }
    let sorted = this.from?.sorted ?? [];
    if (appeared.length > 0 || gone.size > 0) {
      // The default order of `sort`: by UTF-16 code units (`byCodeUnits`), compared natively.
      sorted = [...sorted.filter((w) => !gone.has(w)), ...appeared].sort();
    }
    return Object.freeze({
      lexicon: this.lexicon,
      counts: this.counts,
      first: this.first,
      firstAt: this.firstAt,
      sorted,
      stems,
      forward: this.forward,
    });
  }
}

function holds(ids: Int32Array | undefined, id: number): boolean {
  if (!ids) return false;
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < ids.length && ids[lo] === id;
}
