/**
 * The inverted index under the search: for every term, the documents that hold it in each field and how often, each
 * field's length in every document, and the terms in a radix tree (MiniSearch's `SearchableMap`) for prefix and
 * fuzzy expansion. A question is scored with BM25 exactly as MiniSearch scores it: the same formula and parameters,
 * the same average field lengths, the same terms reached by prefix and edit distance with the same weights, and the
 * same order of additions, so the figures are MiniSearch's to the last bit.
 *
 * It is not MiniSearch's own index because that one holds each posting in nested Maps (about 45 bytes a posting,
 * 375 MB at a hundred times today's knowledge), allocates a result object for every document a question reaches,
 * and, after a document is discarded, scores with stale document frequencies until it is vacuumed. Here postings
 * are typed arrays (6 bytes a posting), a question touches only numbers, and a version is never changed: an update
 * copies what it changes (copy-on-write), so the previous version keeps answering, unchanged, until the new one is
 * swapped in.
 *
 * Documents live in slots (small integers); their order in the knowledge (`rank`) is given by the caller, and is
 * what ties are broken by and what the average field lengths and the term tree are built in, so the same documents
 * give the same index whatever order updates came in.
 */
import SearchableMap from 'minisearch/SearchableMap';

/** MiniSearch's BM25 parameters (its defaults): term frequency saturation, length normalisation, and the floor. */
const K = 1.2;
const B = 0.7;
const D = 0.5;

/** BM25 of one term in one field of one document, written as MiniSearch writes it so the floats agree. */
function bm25(termFreq: number, matchingCount: number, totalCount: number, fieldLength: number, avgFieldLength: number): number {
  const invDocFreq = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return invDocFreq * (D + (termFreq * (K + 1)) / (termFreq + K * (1 - B + (B * fieldLength) / avgFieldLength)));
}

/** A token as the index reads it: its own id, the lexicon ids of its index terms, and of its folded word. */
export interface TokenEntry {
  readonly token: number;
  readonly terms: Int32Array | null;
  readonly word: number;
}

/**
 * Strings and their ids, shared by every version of an index and only ever added to; and the tokens read so far,
 * each turned into ids once (`termsOf` and `wordOf` must be pure).
 */
export class Lexicon {
  readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly tokens = new Map<string, TokenEntry>();

  constructor(
    private readonly termsOf: (token: string) => readonly string[] | null,
    private readonly wordOf: (token: string) => string,
  ) {}

  /** The id of a string, given one if it has none. */
  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.ids.set(text, id);
    }
    return id;
  }

  /** The id of a string, if it has one. */
  find(text: string): number | undefined {
    return this.ids.get(text);
  }

  /** A token's ids. */
  entry(token: string): TokenEntry {
    let entry = this.tokens.get(token);
    if (!entry) {
      const terms = this.termsOf(token);
      entry = {
        token: this.tokens.size,
        terms: terms ? Int32Array.from(terms, (t) => this.id(t)) : null,
        word: this.id(this.wordOf(token)),
      };
      this.tokens.set(token, entry);
    }
    return entry;
  }

  /** How many distinct tokens have been read. */
  get tokenCount(): number {
    return this.tokens.size;
  }

  /** What a lexicon holds, as plain data (see `Lexicon.restore`). */
  save(): { strings: readonly string[]; tokens: ReadonlyArray<readonly [string, TokenEntry]> } {
    return { strings: this.strings, tokens: [...this.tokens] };
  }

  /** A lexicon from what `save` gave: the same strings under the same ids, the same tokens. */
  static restore(
    saved: { strings: readonly string[]; tokens: ReadonlyArray<readonly [string, TokenEntry]> },
    termsOf: (token: string) => readonly string[] | null,
    wordOf: (token: string) => string,
  ): Lexicon {
    const lexicon = new Lexicon(termsOf, wordOf);
    for (const text of saved.strings) lexicon.id(text);
    for (const [token, entry] of saved.tokens) lexicon.tokens.set(token, entry);
    return lexicon;
  }

  get size(): number {
    return this.strings.length;
  }
}

/** The documents holding one term in one field, with how often each holds it. */
export interface Posting {
  readonly slots: Int32Array;
  readonly freqs: Uint16Array;
}

/** The terms of one document: lexicon ids, ascending, and for each a bit per field that holds it. */
export interface Forward {
  readonly ids: Int32Array;
  readonly masks: Uint8Array;
}

/** One version of the index. Never changed once built. */
export interface Postings {
  readonly lexicon: Lexicon;
  readonly fieldCount: number;
  /** `id * fieldCount + field` → the posting of that term in that field. */
  readonly lists: ReadonlyArray<Posting | undefined>;
  /** Per lexicon id: the slot of the first document (in knowledge order) holding the term, -1 when none does. */
  readonly first: Int32Array;
  /** …and where in that document it first stands (field, token, and which of a token's terms). */
  readonly firstAt: Float64Array;
  /** Every term (→ its lexicon id), inserted in order of first appearance, as MiniSearch inserts them. */
  readonly tree: SearchableMap<number>;
  /** `slot * fieldCount + field` → the field's length in distinct tokens. */
  readonly lengths: Int32Array;
  readonly average: readonly number[];
  readonly count: number;
  readonly forward: ReadonlyArray<Forward | undefined>;
  /** Slots available: every slot is below this. */
  readonly capacity: number;
}

/** A document's tokens, field by field (as tokenized, before term processing). */
export type FieldTokens = ReadonlyArray<readonly TokenEntry[]>;

const POSITION_FIELD = 2 ** 24;

/** Where a term stands in a document, as a number that orders like MiniSearch's insertion order within it. */
function positionOf(field: number, token: number, sub: number): number {
  return (field * POSITION_FIELD + token) * 2 + sub;
}

interface Pending {
  slots: number[];
  freqs: number[];
}

/** Per-term and per-token working arrays for indexing one document, reused (stamped) from one document to the next. */
class TermScratch {
  freq = new Int32Array(0);
  inField = new Int32Array(0);
  inDoc = new Int32Array(0);
  mask = new Uint8Array(0);
  at = new Float64Array(0);
  token = new Int32Array(0);
  stamp = 0;

  fit(terms: number, tokens: number): void {
    if (this.freq.length >= terms && this.token.length >= tokens) return;
    const n = Math.max(terms, this.freq.length * 2, 256);
    this.freq = new Int32Array(n);
    this.inField = new Int32Array(n);
    this.inDoc = new Int32Array(n);
    this.mask = new Uint8Array(n);
    this.at = new Float64Array(n);
    this.token = new Int32Array(Math.max(tokens, this.token.length * 2, 256));
    this.stamp = 0;
  }
}

/**
 * Builds a version: from nothing, or from a previous version whose documents are removed and added one by one.
 * The previous version is only read.
 */
export class PostingsBuilder {
  private readonly lists: Array<Posting | undefined>;
  private readonly first: number[];
  private readonly firstAt: number[];
  private readonly forward: Array<Forward | undefined>;
  private lengths: Int32Array;
  private readonly removed = new Set<number>();
  private readonly added = new Set<number>();
  /** `id * fieldCount + field` → additions to that posting. */
  private readonly pending: Array<Pending | undefined> = [];
  private readonly pendingKeys: number[] = [];
  /** Terms whose first document was removed: their first appearance is searched again. */
  private readonly lostFirst = new Set<number>();
  private readonly scratch = new TermScratch();

  constructor(
    readonly lexicon: Lexicon,
    readonly fieldCount: number,
    private readonly from?: Postings,
  ) {
    this.lists = from ? [...from.lists] : [];
    this.first = from ? Array.from(from.first) : [];
    this.firstAt = from ? Array.from(from.firstAt) : [];
    this.forward = from ? [...from.forward] : [];
    this.lengths = from ? from.lengths.slice() : new Int32Array(0);
  }

  /** Takes a document out of the index. */
  remove(slot: number): void {
    const doc = this.forward[slot];
    if (!doc || this.removed.has(slot)) throw new Error(`postings: slot ${slot} holds no document`);
    this.removed.add(slot);
    for (let i = 0; i < doc.ids.length; i++) {
      const id = doc.ids[i]!;
      if (this.first[id] === slot) this.lostFirst.add(id);
    }
    this.forward[slot] = undefined;
  }

  /** Adds a document in a slot that is free (never used, or removed in an earlier version). */
  add(slot: number, fields: FieldTokens): void {
    if (this.forward[slot] || this.added.has(slot) || this.removed.has(slot)) throw new Error(`postings: slot ${slot} is taken`);
    this.added.add(slot);
    const F = this.fieldCount;
    this.ensureSlots(slot + 1);
    const s = this.scratch;
    s.fit(this.lexicon.size, this.lexicon.tokenCount);
    const docStamp = ++s.stamp;
    const docIds: number[] = [];
    const fieldIds: number[] = [];
    for (let f = 0; f < F; f++) {
      const tokens = fields[f] ?? [];
      const fieldStamp = ++s.stamp;
      fieldIds.length = 0;
      let distinct = 0;
      for (let k = 0; k < tokens.length; k++) {
        const entry = tokens[k]!;
        if (s.token[entry.token] !== fieldStamp) {
          s.token[entry.token] = fieldStamp;
          distinct++;
        }
        const terms = entry.terms;
        if (!terms) continue;
        for (let sub = 0; sub < terms.length; sub++) {
          const id = terms[sub]!;
          if (s.inField[id] !== fieldStamp) {
            s.inField[id] = fieldStamp;
            s.freq[id] = 1;
            fieldIds.push(id);
          } else {
            s.freq[id]!++;
          }
          if (s.inDoc[id] !== docStamp) {
            s.inDoc[id] = docStamp;
            s.mask[id] = 0;
            s.at[id] = positionOf(f, k, sub);
            docIds.push(id);
          }
          s.mask[id]! |= 1 << f;
        }
      }
      this.lengths[slot * F + f] = distinct;
      if (!this.from) {
        // A first build: every posting in one growing buffer of (key, slot, frequency), laid out by key in `finish`.
        for (const id of fieldIds) this.append(id * F + f, slot, s.freq[id]!);
        continue;
      }
      for (const id of fieldIds) {
        const key = id * F + f;
        let list = this.pending[key];
        if (!list) {
          this.pending[key] = list = { slots: [], freqs: [] };
          this.pendingKeys.push(key);
        }
        list.slots.push(slot);
        list.freqs.push(s.freq[id]!);
      }
    }
    if (!this.from) {
      // A first build adds documents in knowledge order: the first to hold a term is where it first appears. Its
      // documents' terms go into one growing buffer, each document's a view of its part (see `finish`), sorted in
      // place (a typed array sorts numerically, natively).
      const at = this.forwardAppend(slot, docIds.length);
      const sorted = this.forwardIds.subarray(at, at + docIds.length);
      sorted.set(docIds);
      sorted.sort();
      for (let i = 0; i < sorted.length; i++) {
        const id = sorted[i]!;
        this.forwardMasks[at + i] = s.mask[id]!;
        if (!(this.first[id]! >= 0)) {
          this.first[id] = slot;
          this.firstAt[id] = s.at[id]!;
        }
      }
      return;
    }
    const ids = Int32Array.from(docIds).sort();
    const masks = new Uint8Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      masks[i] = s.mask[id]!;
      // The first appearance is settled in `finish`, once every document's place in the knowledge is known.
      this.candidates.push(id, slot, s.at[id]!);
    }
    this.forward[slot] = { ids, masks };
  }

  private readonly candidates: number[] = [];
  private forwardIds = new Int32Array(0);
  private forwardMasks = new Uint8Array(0);
  private forwardUsed = 0;
  /** Per slot of a first build: where its terms start in the buffer, and how many. */
  private readonly forwardAt: number[] = [];

  private forwardAppend(slot: number, count: number): number {
    if (this.forwardUsed + count > this.forwardIds.length) {
      const size = Math.max(this.forwardUsed + count, this.forwardIds.length * 2, 4096);
      const ids = new Int32Array(size);
      ids.set(this.forwardIds.subarray(0, this.forwardUsed));
      const masks = new Uint8Array(size);
      masks.set(this.forwardMasks.subarray(0, this.forwardUsed));
      this.forwardIds = ids;
      this.forwardMasks = masks;
    }
    const at = this.forwardUsed;
    this.forwardUsed += count;
    this.forwardAt[slot * 2] = at;
    this.forwardAt[slot * 2 + 1] = count;
    return at;
  }

  private triples = new Int32Array(0);
  private tripleCount = 0;
  private keyCounts = new Int32Array(0);

  private append(key: number, slot: number, freq: number): void {
    if (this.tripleCount * 3 + 3 > this.triples.length) {
      const grown = new Int32Array(Math.max(3 * 4096, this.triples.length * 2));
      grown.set(this.triples);
      this.triples = grown;
    }
    if (key >= this.keyCounts.length) {
      const grown = new Int32Array(Math.max(key + 1, this.keyCounts.length * 2, 1024));
      grown.set(this.keyCounts);
      this.keyCounts = grown;
    }
    const at = this.tripleCount++ * 3;
    this.triples[at] = key;
    this.triples[at + 1] = slot;
    this.triples[at + 2] = freq;
    this.keyCounts[key]!++;
  }

  /** The postings of a first build, from the buffer of (key, slot, frequency): one pair of arrays, a view per posting. */
  private layOut(): Set<number> {
    const counts = this.keyCounts;
    const total = this.tripleCount;
    const slots = new Int32Array(total);
    const freqs = new Uint16Array(total);
    const start = new Int32Array(counts.length + 1);
    for (let key = 0; key < counts.length; key++) start[key + 1] = start[key]! + counts[key]!;
    const next = start.slice(0, counts.length);
    for (let i = 0; i < total; i++) {
      const key = this.triples[i * 3]!;
      const at = next[key]!++;
      slots[at] = this.triples[i * 3 + 1]!;
      freqs[at] = Math.min(this.triples[i * 3 + 2]!, 0xffff);
    }
    const terms = new Set<number>();
    for (let key = 0; key < counts.length; key++) {
      if (counts[key] === 0) continue;
      this.lists[key] = { slots: slots.subarray(start[key]!, start[key + 1]!), freqs: freqs.subarray(start[key]!, start[key + 1]!) };
      terms.add(Math.floor(key / this.fieldCount));
    }
    this.triples = new Int32Array(0);
    return terms;
  }

  private ensureSlots(count: number): void {
    const needed = count * this.fieldCount;
    if (this.lengths.length >= needed) return;
    const grown = new Int32Array(Math.max(needed, this.lengths.length * 2));
    grown.set(this.lengths);
    this.lengths = grown;
  }

  /**
   * The new version. `order` lists the slots of every document in knowledge order; `rank` maps a slot to its place
   * in it. `positionIn(slot, id)` gives where a term first stands in a document that was already indexed (it is
   * asked only for a term whose first document was removed and whose next one was not added in this version).
   */
  finish(order: Int32Array, rank: Int32Array, positionIn: (slot: number, id: number) => number): Postings {
    const F = this.fieldCount;
    const lexiconSize = this.lexicon.size;
    for (let id = 0; id < lexiconSize; id++) {
      if (this.first[id] === undefined) this.first[id] = -1;
      if (this.firstAt[id] === undefined) this.firstAt[id] = 0;
    }
    // Postings: what was there, less the removed documents, then the added ones.
    const touched = new Set<number>(this.pendingKeys);
    for (const slot of this.removed) {
      const doc = this.from!.forward[slot]!;
      for (let i = 0; i < doc.ids.length; i++) {
        const mask = doc.masks[i]!;
        for (let f = 0; f < F; f++) if (mask & (1 << f)) touched.add(doc.ids[i]! * F + f);
      }
    }
    const termsTouched = this.from ? new Set<number>() : this.layOut();
    if (!this.from) {
      const ids = this.forwardIds.slice(0, this.forwardUsed);
      const masks = this.forwardMasks.slice(0, this.forwardUsed);
      for (let slot = 0; slot * 2 < this.forwardAt.length; slot++) {
        const at = this.forwardAt[slot * 2];
        if (at === undefined) continue;
        const count = this.forwardAt[slot * 2 + 1]!;
        this.forward[slot] = { ids: ids.subarray(at, at + count), masks: masks.subarray(at, at + count) };
      }
    }
    const gone = new Uint8Array(this.forward.length);
    for (const slot of this.removed) gone[slot] = 1;
    for (const key of touched) {
      const before = this.lists[key];
      const extra = this.pending[key];
      let kept = 0;
      if (before) for (let i = 0; i < before.slots.length; i++) if (!gone[before.slots[i]!]) kept++;
      const size = kept + (extra?.slots.length ?? 0);
      termsTouched.add(Math.floor(key / F));
      if (size === 0) {
        this.lists[key] = undefined;
        continue;
      }
      const slots = new Int32Array(size);
      const freqs = new Uint16Array(size);
      let n = 0;
      if (before) {
        for (let i = 0; i < before.slots.length; i++) {
          if (gone[before.slots[i]!]) continue;
          slots[n] = before.slots[i]!;
          freqs[n++] = before.freqs[i]!;
        }
      }
      if (extra) {
        for (let i = 0; i < extra.slots.length; i++) {
          slots[n] = extra.slots[i]!;
          freqs[n++] = Math.min(extra.freqs[i]!, 0xffff);
        }
      }
      this.lists[key] = { slots, freqs };
    }
    // First appearances: a term whose first document went is searched again among its postings; the added documents
    // compete with what is left.
    const changed = new Set<number>();
    const note = (id: number, slot: number, at: number) => {
      if (this.first[id] !== slot || this.firstAt[id] !== at) changed.add(id);
      this.first[id] = slot;
      this.firstAt[id] = at;
    };
    for (const id of this.lostFirst) {
      changed.add(id);
      this.first[id] = -1;
      let best = -1;
      for (let f = 0; f < F; f++) {
        const list = this.lists[id * F + f];
        if (!list) continue;
        for (let i = 0; i < list.slots.length; i++) {
          const slot = list.slots[i]!;
          if (!this.added.has(slot) && (best < 0 || rank[slot]! < rank[best]!)) best = slot;
        }
      }
      if (best >= 0) {
        this.first[id] = best;
        this.firstAt[id] = positionIn(best, id);
      }
    }
    takeEarlierFirsts(this.first, this.firstAt, this.candidates, rank, changed);
    for (const id of termsTouched) {
      let any = false;
      for (let f = 0; f < F && !any; f++) any = this.lists[id * F + f] !== undefined;
      if (!any && this.first[id]! >= 0) note(id, -1, 0);
    }
    while (this.lists.length < lexiconSize * F) this.lists.push(undefined);

    // The term tree, as MiniSearch builds it: every term inserted in order of first appearance.
    // Terms whose first document did not change keep their order among themselves (a version keeps the order of the
    // documents it keeps), so the tree is rebuilt only when a term came, went or moved.
    let tree = this.from?.tree;
    if (!tree || changed.size > 0) tree = termTree(this.lexicon, this.first, this.firstAt, rank);

    // Average field lengths, as MiniSearch keeps them: a running mean over the documents in the order they were added.
    const average = new Array<number>(F).fill(0);
    for (let n = 0; n < order.length; n++) {
      const slot = order[n]!;
      for (let f = 0; f < F; f++) average[f] = (average[f]! * n + this.lengths[slot * F + f]!) / (n + 1);
    }
    for (const slot of this.removed) if (!this.added.has(slot)) this.lengths.fill(0, slot * F, slot * F + F);

    return Object.freeze({
      lexicon: this.lexicon,
      fieldCount: F,
      lists: this.lists,
      first: Int32Array.from(this.first),
      firstAt: Float64Array.from(this.firstAt),
      tree,
      lengths: this.lengths,
      average,
      count: order.length,
      forward: this.forward,
      capacity: Math.max(this.forward.length, this.lengths.length / F),
    });
  }
}

/** The term tree: every term that has a first document, inserted in order of first appearance, as MiniSearch does. */
export function termTree(
  lexicon: Lexicon,
  first: ArrayLike<number>,
  firstAt: ArrayLike<number>,
  rank: Int32Array,
): SearchableMap<number> {
  const ids: number[] = [];
  for (let id = 0; id < lexicon.size; id++) if (first[id]! >= 0) ids.push(id);
  ids.sort((a, b) => rank[first[a]!]! - rank[first[b]!]! || firstAt[a]! - firstAt[b]!);
  const tree = new SearchableMap<number>();
  for (const id of ids) tree.set(lexicon.strings[id]!, id);
  return tree;
}

/** One term a question searches, as MiniSearch's query spec: prefix and fuzzy expansion, and its boost. */
export interface TermSpec {
  readonly term: string;
  readonly prefix: boolean;
  /** Fraction of the term's length (below 1) or number of edits; `false` or 0 for none. */
  readonly fuzzy: number | false;
  readonly boost: number;
}

export interface SearchOptions {
  /** Boost of each field, in field order. */
  readonly boosts: readonly number[];
  /** How much a prefix and a fuzzy expansion count beside the term itself. */
  readonly weights: { readonly prefix: number; readonly fuzzy: number };
}

/** A term a question reached: the term itself, or one it is a prefix or a near miss of. */
export interface Reached {
  readonly id: number;
  readonly term: string;
  readonly weight: number;
}

/** What a question's terms reached. Valid until the next search (its arrays are reused). */
export interface Hits {
  /** Every document reached, in the order first reached. */
  readonly slots: readonly number[];
  /** Slot → BM25 score, times the number of the question's terms the document holds (MiniSearch's score). */
  readonly score: Float64Array;
  /** Per spec: the terms it reached, and the documents it reached. */
  readonly reached: ReadonlyArray<readonly Reached[]>;
  readonly bySpec: ReadonlyArray<readonly number[]>;
}

/** Working arrays, reused from one search to the next: a question allocates only its lists. */
const scratch = { total: new Float64Array(0), spec: new Float64Array(0), seen: new Int32Array(0), specSeen: new Int32Array(0), quality: new Uint16Array(0), stamp: 0 };

function grow(capacity: number): void {
  if (scratch.stamp > 2 ** 30) {
    scratch.seen.fill(0);
    scratch.specSeen.fill(0);
    scratch.stamp = 0;
  }
  if (scratch.total.length >= capacity) return;
  const size = Math.max(capacity, scratch.total.length * 2, 64);
  scratch.total = new Float64Array(size);
  scratch.spec = new Float64Array(size);
  scratch.seen = new Int32Array(size);
  scratch.specSeen = new Int32Array(size);
  scratch.quality = new Uint16Array(size);
  scratch.stamp = 0;
}

const MAX_FUZZY = 6;

/** The terms one spec reaches, in MiniSearch's order: the term, its prefix expansions, then its near misses. */
export function expand(p: Postings, spec: TermSpec, options: SearchOptions): Reached[] {
  const out: Reached[] = [];
  const exact = p.tree.get(spec.term);
  if (exact !== undefined) out.push({ id: exact, term: spec.term, weight: 1 });
  const prefixMatches = spec.prefix ? p.tree.atPrefix(spec.term) : undefined;
  let fuzzyMatches: Map<string, [number, number]> | undefined;
  if (spec.fuzzy) {
    const maxDistance = spec.fuzzy < 1 ? Math.min(MAX_FUZZY, Math.round(spec.term.length * spec.fuzzy)) : spec.fuzzy;
    if (maxDistance) fuzzyMatches = p.tree.fuzzyGet(spec.term, maxDistance);
  }
  if (prefixMatches) {
    for (const [term, id] of prefixMatches) {
      const distance = term.length - spec.term.length;
      if (!distance) continue;
      fuzzyMatches?.delete(term);
      out.push({ id, term, weight: (options.weights.prefix * term.length) / (term.length + 0.3 * distance) });
    }
  }
  if (fuzzyMatches) {
    for (const [term, [id, distance]] of fuzzyMatches) {
      if (!distance) continue;
      out.push({ id, term, weight: (options.weights.fuzzy * term.length) / (term.length + distance) });
    }
  }
  return out;
}

/**
 * Scores every document a question's terms reach, as MiniSearch's `search` with `combineWith: 'OR'` does: per term,
 * the sum over the terms it reaches and the fields; over terms, their sums in order; times how many terms matched.
 */
export function searchTerms(p: Postings, specs: readonly TermSpec[], options: SearchOptions): Hits {
  grow(p.capacity);
  const F = p.fieldCount;
  const { total, spec: specScore, seen, specSeen, quality } = scratch;
  const stamp = ++scratch.stamp;
  const slots: number[] = [];
  const reached: Reached[][] = [];
  const bySpec: number[][] = [];
  for (const spec of specs) {
    const terms = expand(p, spec, options);
    reached.push(terms);
    const specStamp = ++scratch.stamp;
    const local: number[] = [];
    for (const term of terms) {
      for (let f = 0; f < F; f++) {
        const list = p.lists[term.id * F + f];
        if (!list) continue;
        const matching = list.slots.length;
        const avg = p.average[f]!;
        const factor = term.weight * spec.boost * options.boosts[f]! * 1;
        for (let i = 0; i < matching; i++) {
          const slot = list.slots[i]!;
          const weighted = factor * bm25(list.freqs[i]!, matching, p.count, p.lengths[slot * F + f]!, avg);
          if (specSeen[slot] !== specStamp) {
            specSeen[slot] = specStamp;
            specScore[slot] = weighted;
            local.push(slot);
          } else {
            specScore[slot] = specScore[slot]! + weighted;
          }
        }
      }
    }
    for (const slot of local) {
      if (seen[slot] !== stamp) {
        seen[slot] = stamp;
        total[slot] = specScore[slot]!;
        quality[slot] = 1;
        slots.push(slot);
      } else {
        total[slot] = total[slot]! + specScore[slot]!;
        quality[slot]!++;
      }
    }
    bySpec.push(local);
  }
  for (const slot of slots) total[slot] = total[slot]! * quality[slot]!;
  return { slots, score: total, reached, bySpec };
}

/**
 * The reached terms one document holds, with the fields each is in: `marks` tells a reached term (by lexicon id) and
 * its index in the caller's list of reached terms. In the caller's order.
 */
export function heldBy(
  p: Postings,
  slot: number,
  marks: { readonly mark: Int32Array; readonly at: Int32Array; readonly stamp: number },
): Array<{ index: number; mask: number }> {
  const doc = p.forward[slot];
  const out: Array<{ index: number; mask: number }> = [];
  if (!doc) return out;
  for (let i = 0; i < doc.ids.length; i++) {
    const id = doc.ids[i]!;
    if (marks.mark[id] === marks.stamp) out.push({ index: marks.at[id]!, mask: doc.masks[i]! });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Whether a document holds a term (by lexicon id), in any field. */
export function holdsTerm(p: Postings, slot: number, id: number): boolean {
  const doc = p.forward[slot];
  if (!doc) return false;
  let lo = 0;
  let hi = doc.ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (doc.ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < doc.ids.length && doc.ids[lo] === id;
}

/**
 * Moves each term's first appearance to a candidate that comes earlier: `candidates` holds (term id, slot, position)
 * triples, ordered by the slots' place in knowledge order (`rank`), then by position within a document; a term with no
 * first appearance (-1) takes its candidate. The ids whose first appearance moved are added to `changed`.
 */
export function takeEarlierFirsts(
  first: { [id: number]: number },
  firstAt: { [id: number]: number },
  candidates: readonly number[],
  rank: Int32Array,
  changed?: Set<number>,
): void {
  for (let i = 0; i < candidates.length; i += 3) {
    const id = candidates[i]!;
    const slot = candidates[i + 1]!;
    const at = candidates[i + 2]!;
    const current = first[id]!;
    if (current >= 0 && !(rank[slot]! < rank[current]! || (slot === current && at < firstAt[id]!))) continue;
    if (current !== slot || firstAt[id] !== at) changed?.add(id);
    first[id] = slot;
    firstAt[id] = at;
  }
}

/** Where a term (by lexicon id) first stands in a document's tokens (see `positionOf`), or -1 when it does not. */
export function firstPosition(fields: FieldTokens, id: number): number {
  for (let f = 0; f < fields.length; f++) {
    const tokens = fields[f]!;
    for (let k = 0; k < tokens.length; k++) {
      const sub = tokens[k]!.terms?.indexOf(id) ?? -1;
      if (sub >= 0) return positionOf(f, k, sub);
    }
  }
  return -1;
}
