/**
 * Entity linking: the table of every entity's name and aliases, and the matching of a text's words against it.
 * Used twice with the same rules: when the index is built, to find which entities each fact names (so a fact that
 * says "KBIC" is found by "Kobe Biomedical Innovation Cluster"), and when a question is read, to find the entities
 * it names (exactly, or by a near miss for a misspelt name).
 */
import type { Entity } from '../knowledge/schema.ts';
import { sortedWords, within } from './fuzzy.ts';
import { nameKey, nameWords, STOP_WORDS } from './text.ts';

export interface NameTable {
  /** `nameKey(name or alias)` → ids of the entities bearing it. */
  readonly names: ReadonlyMap<string, readonly string[]>;
  /** The same keys without spaces ("linkj" for "LINK-J"), so a name typed without its hyphen still meets. */
  readonly compact: ReadonlyMap<string, readonly string[]>;
  /** The compact keys sorted (`byCodeUnits`), to tell whether a run of words can still grow into a name. */
  readonly compactSorted: readonly string[];
  /** Single words already looked up: the names that begin with the word, and the entities it names alone. */
  readonly words: Map<string, WordInfo>;
  /** Which first one, two and three letters or digits (a–z, 0–9) some compact key begins with (see `startsOf`). */
  readonly starts: Uint8Array;
  /**
   * Names that, written as one word, are also ordinary words in the facts ("ClustERs" and "clusters", "Clust-ER" and
   * "cluster", "Frontier"), with the spellings that name the entity: such a word names it only when written that way.
   */
  readonly cased: ReadonlyMap<string, ReadonlySet<string>>;
  /** Names written as one word → how many times the facts write them in lower case (what `cased` is decided from). */
  readonly lower: ReadonlyMap<string, number>;
  /** Every name written as one word (its key without spaces). */
  readonly oneWord: ReadonlySet<string>;
  /** Names written as one word → how they are written in names and aliases, without spaces. */
  readonly spellings: ReadonlyMap<string, ReadonlySet<string>>;
  /** Names without digits by word count, sorted, for near-miss matching of a phrase against names of its length. */
  readonly byWords: ReadonlyMap<number, readonly string[]>;
  /** Longest name, in words: bounds the spans a text is scanned for. */
  readonly longest: number;
}

/** One linked span: words `[start, end)` of the text name the entities `ids`. */
export interface NameSpan {
  readonly start: number;
  readonly end: number;
  readonly ids: readonly string[];
  /** The words as written (folded). */
  readonly words: string;
  /** True when matched within an edit distance rather than exactly. */
  readonly fuzzy: boolean;
}

/** What the name table says of one word: which names begin with it, and what it names alone (exactly). */
interface WordInfo {
  readonly stop: boolean;
  readonly begins: boolean;
  /** The compact keys beginning with the word: `compactSorted[from, to)`. */
  readonly from: number;
  readonly to: number;
  readonly ids: readonly string[] | undefined;
  readonly spelt: ReadonlySet<string> | undefined;
}

/** A fact word written in lower case this many times is an ordinary word, whatever an alias says. */
const ORDINARY = 2;

/** An entity's names and aliases as keys, each with its key and its spelling written as one word ("ClustER"). */
interface EntityNames {
  readonly keys: ReadonlyArray<{ readonly key: string; readonly joined: string; readonly spelling: string }>;
}

/** Entities are frozen and reused across knowledge versions that do not change them: their keys are worked out once. */
const keysOf = new WeakMap<Entity, EntityNames>();

function entityNames(entity: Entity): EntityNames {
  let known = keysOf.get(entity);
  if (!known) {
    const keys: Array<{ key: string; joined: string; spelling: string }> = [];
    for (const n of [entity.name, ...entity.aliases]) {
      const key = nameKey(n);
      // Keyed by the name without spaces too, as a one-word phrase meets it either way ("clusters", "cluster" for "Clust-ER").
      if (key) keys.push({ key, joined: key.replace(/ /g, ''), spelling: nameWords(n).original.join('') });
    }
    known = { keys };
    keysOf.set(entity, known);
  }
  return known;
}

/** Whether two versions of an entity have the same names and aliases, written the same way. */
export function sameNames(a: Entity, b: Entity): boolean {
  const x = entityNames(a).keys;
  const y = entityNames(b).keys;
  return x.length === y.length && x.every((k, i) => k.key === y[i]!.key && k.spelling === y[i]!.spelling);
}

/** The names of a set of entities written as one word, stop words aside (they never link): what `lower` counts. */
export function oneWordNames(entities: readonly Entity[]): Set<string> {
  const words = new Set<string>();
  for (const entity of entities) for (const { joined } of entityNames(entity).keys) if (!STOP_WORDS.has(joined)) words.add(joined);
  return words;
}

/** Addresses are not prose: "techtera" in cfarace@techtera.org does not make the name an ordinary word. */
const ADDRESS = /\S+@\S+|\bhttps?:\/\/\S+|\bwww\.\S+/giu;
/** A quick test before `ADDRESS`: most facts hold no address at all. */
const MAYBE_ADDRESS = /https?:\/\/|www\./i;

/**
 * Adds (`sign` 1) or takes away (-1) the lower-case occurrences in one text of the words in `words`. O(words of the
 * text).
 */
export function countLowerCase(
  text: string,
  words: ReadonlySet<string>,
  into: Map<string, number>,
  sign: 1 | -1 = 1,
  starts?: Uint8Array,
): void {
  const prose = text.includes('@') || MAYBE_ADDRESS.test(text) ? text.replace(ADDRESS, ' ') : text;
  if (ASCII_TEXT.test(prose)) {
    countLowerCaseAscii(prose, words, into, sign, starts);
    return;
  }
  for (const w of nameWords(prose).original) {
    if (w === w.toLowerCase() && words.has(w)) {
      const n = (into.get(w) ?? 0) + sign;
      if (n !== 0) into.set(w, n);
      else into.delete(w);
    }
  }
}

const ASCII_TEXT = /^[\x00-\x7f]*$/;

/**
 * `countLowerCase` for ASCII text: the words `nameWords` finds (runs of letters and digits), where a word with a
 * capital is passed over at once and, with `starts` (see `startsOf`), so is one no word of `words` begins like.
 */
function countLowerCaseAscii(text: string, words: ReadonlySet<string>, into: Map<string, number>, sign: 1 | -1, starts?: Uint8Array): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let code = text.charCodeAt(i);
    const lower = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
    if (!lower && !(code >= 65 && code <= 90)) {
      i++;
      continue;
    }
    let upper = !lower;
    let j = i + 1;
    while (j < n) {
      code = text.charCodeAt(j);
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) j++;
      else if (code >= 65 && code <= 90) {
        upper = true;
        j++;
      } else break;
    }
    if (!upper && (!starts || starts[startIndex(text, Math.min(3, j - i), i)] === 1)) {
      const w = text.slice(i, j);
      if (words.has(w)) {
        const count = (into.get(w) ?? 0) + sign;
        if (count !== 0) into.set(w, count);
        else into.delete(w);
      }
    }
    i = j;
  }
}

/** How often every fact writes each one-word name in lower case: one pass over the facts. */
export function lowerCaseCounts(entities: readonly Entity[], words: ReadonlySet<string> = oneWordNames(entities)): Map<string, number> {
  const lower = new Map<string, number>();
  const starts = startsOf(words);
  for (const entity of entities) for (const fact of entity.facts) countLowerCase(fact.text, words, lower, 1, starts);
  return lower;
}

/**
 * Builds the name table of a knowledge base: O(names), given how often the facts write each one-word name in lower
 * case (`lowerCaseCounts`, one pass over the facts, unless a previous table's counts are carried over). With `same`, a
 * table of the very same names and aliases, its maps are kept and only what the lower-case counts decide is redone.
 */
export function buildNameTable(
  entities: readonly Entity[],
  lower: ReadonlyMap<string, number> = lowerCaseCounts(entities),
  same?: NameTable,
): NameTable {
  if (same) {
    const cased = casedNames(lower, same.spellings);
    const unchanged = cased.size === same.cased.size && [...cased].every(([k, v]) => sameSet(v, same.cased.get(k)));
    return {
      ...same,
      cased: unchanged ? same.cased : cased,
      lower: new Map([...lower].filter(([key]) => same.oneWord.has(key))),
      words: unchanged ? same.words : new Map(),
    };
  }
  const names = new Map<string, string[]>();
  const spellings = new Map<string, Set<string>>();
  let longest = 1;
  for (const entity of entities) {
    for (const { key, joined, spelling } of entityNames(entity).keys) {
      const ids = names.get(key);
      if (!ids) names.set(key, [entity.id]);
      else if (!ids.includes(entity.id)) ids.push(entity.id);
      if (key.includes(' ')) longest = Math.max(longest, key.split(' ').length);
      (spellings.get(joined) ?? spellings.set(joined, new Set()).get(joined)!).add(spelling);
    }
  }
  const compact = new Map<string, string[]>();
  const byWords = new Map<number, string[]>();
  for (const [key, ids] of names) {
    const joined = key.replace(/ /g, '');
    const list = compact.get(joined);
    if (!list) compact.set(joined, [...ids]);
    else for (const id of ids) if (!list.includes(id)) list.push(id);
    if (/\d/.test(key)) continue;
    const n = key.split(' ').length;
    const same = byWords.get(n);
    if (same) same.push(key);
    else byWords.set(n, [key]);
  }
  // The default order of `sort`: by UTF-16 code units (`byCodeUnits`), compared natively.
  for (const list of byWords.values()) list.sort();
  const oneWord = new Set([...spellings.keys()].filter((key) => !STOP_WORDS.has(key)));
  return {
    names,
    compact,
    compactSorted: sortedWords(compact.keys()),
    words: new Map(),
    starts: startsOf(compact.keys()),
    cased: casedNames(lower, spellings),
    lower: new Map([...lower].filter(([key]) => oneWord.has(key))),
    oneWord,
    spellings,
    byWords,
    longest,
  };
}

/** One-word names written in lower case often enough to be ordinary words, with the spellings that name. */
function casedNames(lower: ReadonlyMap<string, number>, spellings: ReadonlyMap<string, ReadonlySet<string>>): Map<string, ReadonlySet<string>> {
  const cased = new Map<string, ReadonlySet<string>>();
  for (const [key, count] of lower) {
    const spelt = spellings.get(key);
    if (count < ORDINARY || !spelt || STOP_WORDS.has(key)) continue;
    // Only a spelling with a capital tells the name from the word: a lower-case alias never links.
    cased.set(key, new Set([...spelt].filter((w) => w !== w.toLowerCase())));
  }
  return cased;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string> | undefined): boolean {
  return b !== undefined && a.size === b.size && [...a].every((x) => b.has(x));
}

export interface LinkOptions {
  /** Allow a near miss (one edit, two for long phrases) for a phrase with a word `known` does not hold. */
  readonly fuzzy?: boolean;
  /** Words the knowledge holds: only a phrase with an unknown word can be a misspelt name. */
  readonly known?: { has(word: string): boolean };
  /** The text's words as written, parallel to `words`, to tell "ClustERs" from "clusters". */
  readonly original?: readonly string[];
}

/**
 * Finds the names in a list of folded words, longest first and without overlap. A span matches a name or alias
 * exactly (spaces optional: "linkj" is "LINK-J"), or, with `fuzzy`, within a small edit distance. Exact matches are
 * found by growing runs of words only while their letters begin some name, so a text costs about one lookup a word.
 */
export function linkNames(words: readonly string[], table: NameTable, options: LinkOptions = {}): NameSpan[] {
  const longest = Math.min(table.longest, 10, words.length);
  const exact = exactMatches(words, table, options, longest);
  const fuzzy = options.fuzzy === true && words.length <= 40;
  if (exact.size === 0 && !fuzzy) return [];
  const spans: NameSpan[] = [];
  const taken = new Uint8Array(words.length);
  const free = (start: number, n: number) => {
    for (let i = start; i < start + n; i++) if (taken[i]) return false;
    return true;
  };
  const take = (start: number, n: number, ids: readonly string[], fuzzy: boolean) => {
    for (let i = start; i < start + n; i++) taken[i] = 1;
    spans.push({ start, end: start + n, ids, words: words.slice(start, start + n).join(' '), fuzzy });
  };
  if (fuzzy) {
    for (let n = longest; n >= 1; n--) {
      for (let start = 0; start + n <= words.length; start++) {
        if (!free(start, n)) continue;
        if (STOP_WORDS.has(words[start]!) || STOP_WORDS.has(words[start + n - 1]!)) continue;
        const ids = exact.get(start * 16 + n);
        if (ids) {
          take(start, n, ids, false);
          continue;
        }
        const slice = words.slice(start, start + n);
        const phrase = slice.join(' ');
        if (phrase.length < 6 || (options.known && !slice.some((w) => !options.known!.has(w)))) continue;
        const match = nearestName(phrase, n, table);
        const matched = match === undefined ? undefined : table.names.get(match);
        if (matched && matched.length > 0) take(start, n, matched, true);
      }
    }
  } else {
    // Without near misses only the exact matches can be taken: longest first, then leftmost.
    const order = [...exact.keys()].sort((a, b) => (b % 16) - (a % 16) || a - b);
    for (const at of order) {
      const start = Math.floor(at / 16);
      const n = at % 16;
      if (free(start, n)) take(start, n, exact.get(at)!, false);
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** A letter or digit a–z, 0–9 as 0–35; -1 for any other character. */
function alnum(code: number): number {
  return code >= 97 && code <= 122 ? code - 87 : code >= 48 && code <= 57 ? code - 48 : -1;
}

/**
 * Where the first one, two or three characters of a text (from `at`) stand in `starts`; -1 when one of them is not
 * a–z, 0–9.
 */
function startIndex(text: string, length: number, at = 0): number {
  let index = 0;
  for (let i = 0; i < length; i++) {
    const c = alnum(text.charCodeAt(at + i));
    if (c < 0) return -1;
    index = index * 36 + c;
  }
  return index + (length === 1 ? 0 : length === 2 ? 36 : 36 + 36 * 36);
}

/** Marks the beginnings (one, two and three characters) of the keys. */
function startsOf(keys: Iterable<string>): Uint8Array {
  const starts = new Uint8Array(36 + 36 * 36 + 36 * 36 * 36);
  for (const key of keys) {
    for (let length = 1; length <= Math.min(3, key.length); length++) {
      const at = startIndex(key, length);
      if (at >= 0) starts[at] = 1;
    }
  }
  return starts;
}

/**
 * Whether some compact key may begin with the word: false only when none begins with its first (up to three)
 * characters. Most words of a text begin no name, and are passed over without a lookup by their text.
 */
function mayBeginName(table: NameTable, word: string): boolean {
  if (word.length === 0) return true;
  const at = startIndex(word, Math.min(3, word.length));
  return at < 0 || table.starts[at] === 1;
}

/**
 * Every exact match in the words, as `start * 16 + length` → ids: a name or alias, or one written without spaces.
 * A run of words grows while some compact key begins with its letters: the keys that do are a range of the sorted
 * keys, narrowed word by word by comparing characters in place, so growing a run builds no string.
 */
function exactMatches(words: readonly string[], table: NameTable, options: LinkOptions, longest: number): Map<number, readonly string[]> {
  const found = new Map<number, readonly string[]>();
  const sorted = table.compactSorted;
  for (let start = 0; start < words.length; start++) {
    const word = words[start]!;
    if (!mayBeginName(table, word)) continue;
    const info = wordInfo(table, word);
    if (info.stop || !info.begins) continue;
    let ids = info.ids;
    if (ids && info.spelt && !info.spelt.has(options.original?.[start] ?? word)) ids = undefined;
    if (ids && ids.length > 0) found.set(start * 16 + 1, ids);
    let lo = info.from;
    let hi = info.to;
    let length = word.length;
    for (let n = 2; n <= longest && start + n <= words.length; n++) {
      const last = words[start + n - 1]!;
      lo = firstAtLeast(sorted, lo, hi, length, last, false);
      hi = firstAtLeast(sorted, lo, hi, length, last, true);
      length += last.length;
      if (lo >= hi) break;
      if (STOP_WORDS.has(last)) continue;
      // The run's letters are a compact key when the first key of the range is no longer than they are.
      if (sorted[lo]!.length !== length) continue;
      const named = table.names.get(words.slice(start, start + n).join(' ')) ?? table.compact.get(sorted[lo]!);
      if (named && named.length > 0) found.set(start * 16 + n, named);
    }
  }
  return found;
}

/**
 * In `sorted[lo, hi)`, keys that agree up to `offset`: the first whose characters from `offset` on come at or after
 * `part` (`after`: after every key holding `part` there), by UTF-16 code units as `byCodeUnits` orders them.
 */
function firstAtLeast(sorted: readonly string[], lo: number, hi: number, offset: number, part: string, after: boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareAt(sorted[mid]!, offset, part);
    if (c < 0 || (after && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `key` from `offset`, cut to the length of `part`, against `part`: negative, 0 (it holds `part` there) or positive. */
function compareAt(key: string, offset: number, part: string): number {
  for (let i = 0; i < part.length; i++) {
    if (offset + i >= key.length) return -1;
    const d = key.charCodeAt(offset + i) - part.charCodeAt(i);
    if (d !== 0) return d;
  }
  return 0;
}

/** What the table says of a single word, looked up once per word. */
function wordInfo(table: NameTable, word: string): WordInfo {
  let info = table.words.get(word);
  if (!info) {
    const stop = STOP_WORDS.has(word);
    const sorted = table.compactSorted;
    const from = stop ? 0 : firstAtLeast(sorted, 0, sorted.length, 0, word, false);
    const to = stop ? 0 : firstAtLeast(sorted, from, sorted.length, 0, word, true);
    const begins = from < to;
    info = { stop, begins, from, to, ids: begins ? (table.names.get(word) ?? table.compact.get(word)) : undefined, spelt: table.cased.get(word) };
    if (table.words.size >= 100_000) table.words.clear();
    table.words.set(word, info);
  }
  return info;
}

/** A name of the same word count within one edit (two for long names) of the phrase, if exactly one is nearest. */
function nearestName(phrase: string, wordCount: number, table: NameTable): string | undefined {
  const max = phrase.length >= 8 ? 2 : 1;
  // Numbers must match exactly: "expo 2025" is not "expo 2020".
  if (/\d/.test(phrase)) return undefined;
  let best: string | undefined;
  let bestDistance = max + 1;
  let tie = false;
  for (const { word, distance } of within(table.byWords.get(wordCount) ?? [], phrase, max)) {
    if (distance < bestDistance) {
      best = word;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}
