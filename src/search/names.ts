/**
 * Entity linking: the table of every entity's name and aliases, and the matching of a text's words against it.
 * Used twice with the same rules: when the index is built, to find which entities each fact names (so a fact that
 * says "KBIC" is found by "Kobe Biomedical Innovation Cluster"), and when a question is read, to find the entities
 * it names (exactly, or by a near miss for a misspelt name).
 */
import type { Entity } from '../knowledge/schema.ts';
import { editDistance } from '../knowledge/similar.ts';
import { nameKey, nameWords, STOP_WORDS } from './text.ts';

export interface NameTable {
  /** `nameKey(name or alias)` → ids of the entities bearing it. */
  readonly names: ReadonlyMap<string, readonly string[]>;
  /** The same keys without spaces ("linkj" for "LINK-J"), so a name typed without its hyphen still meets. */
  readonly compact: ReadonlyMap<string, readonly string[]>;
  /**
   * Names that, written as one word, are also ordinary words in the facts ("ClustERs" and "clusters", "Clust-ER" and
   * "cluster", "Frontier"), with the spellings that name the entity: such a word names it only when written that way.
   */
  readonly cased: ReadonlyMap<string, ReadonlySet<string>>;
  /** Names by word count, for near-miss matching of a phrase against names of its length. */
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

/** A fact word written in lower case this many times is an ordinary word, whatever an alias says. */
const ORDINARY = 2;

/** Builds the name table of a knowledge base: O(names + words of the facts), the facts read to tell names from words. */
export function buildNameTable(entities: readonly Entity[]): NameTable {
  const names = new Map<string, string[]>();
  const spellings = new Map<string, Set<string>>();
  let longest = 1;
  for (const entity of entities) {
    for (const n of [entity.name, ...entity.aliases]) {
      const key = nameKey(n);
      if (!key) continue;
      const ids = names.get(key) ?? [];
      if (!ids.includes(entity.id)) ids.push(entity.id);
      names.set(key, ids);
      longest = Math.max(longest, key.split(' ').length);
      // Keyed by the name without spaces, as a one-word phrase meets it either way ("clusters", "cluster" for "Clust-ER").
      const joined = key.replace(/ /g, '');
      (spellings.get(joined) ?? spellings.set(joined, new Set()).get(joined)!).add(nameWords(n).original.join(''));
    }
  }
  const lower = new Map<string, number>();
  for (const entity of entities) {
    for (const fact of entity.facts) {
      // Addresses are not prose: "techtera" in cfarace@techtera.org does not make the name an ordinary word.
      const prose = fact.text.replace(/\S+@\S+|\bhttps?:\/\/\S+|\bwww\.\S+/giu, ' ');
      for (const w of nameWords(prose).original) if (w === w.toLowerCase() && spellings.has(w)) lower.set(w, (lower.get(w) ?? 0) + 1);
    }
  }
  const cased = new Map<string, ReadonlySet<string>>();
  for (const [key, count] of lower) {
    if (count < ORDINARY) continue;
    // Only a spelling with a capital tells the name from the word: a lower-case alias never links.
    cased.set(key, new Set([...spellings.get(key)!].filter((w) => w !== w.toLowerCase())));
  }
  const compact = new Map<string, string[]>();
  const byWords = new Map<number, string[]>();
  for (const [key, ids] of names) {
    const joined = key.replace(/ /g, '');
    const list = compact.get(joined) ?? [];
    for (const id of ids) if (!list.includes(id)) list.push(id);
    compact.set(joined, list);
    const n = key.split(' ').length;
    byWords.set(n, [...(byWords.get(n) ?? []), key]);
  }
  return { names, compact, cased, byWords, longest };
}

export interface LinkOptions {
  /** Allow a near miss (one edit, two for long phrases) for a phrase with a word `known` does not hold. */
  readonly fuzzy?: boolean;
  /** Words the knowledge holds: only a phrase with an unknown word can be a misspelt name. */
  readonly known?: ReadonlySet<string>;
  /** The text's words as written, parallel to `words`, to tell "ClustERs" from "clusters". */
  readonly original?: readonly string[];
}

/**
 * Finds the names in a list of folded words, longest first and without overlap. A span matches a name or alias
 * exactly (spaces optional: "linkj" is "LINK-J"), or, with `fuzzy`, within a small edit distance.
 */
export function linkNames(words: readonly string[], table: NameTable, options: LinkOptions = {}): NameSpan[] {
  const spans: NameSpan[] = [];
  const taken = new Array<boolean>(words.length).fill(false);
  const fuzzyAllowed = options.fuzzy === true && words.length <= 40;
  for (let n = Math.min(table.longest, 10, words.length); n >= 1; n--) {
    for (let start = 0; start + n <= words.length; start++) {
      if (taken.slice(start, start + n).some(Boolean)) continue;
      const slice = words.slice(start, start + n);
      if (STOP_WORDS.has(slice[0]!) || STOP_WORDS.has(slice[n - 1]!)) continue;
      const phrase = slice.join(' ');
      let ids = table.names.get(phrase) ?? table.compact.get(phrase.replace(/ /g, ''));
      const spelt = n === 1 ? table.cased.get(phrase) : undefined;
      if (ids && spelt && !spelt.has(options.original?.[start] ?? phrase)) ids = undefined;
      let fuzzy = false;
      if (!ids && fuzzyAllowed && phrase.length >= 6 && (!options.known || slice.some((w) => !options.known!.has(w)))) {
        const match = nearestName(phrase, n, table);
        if (match) {
          ids = table.names.get(match);
          fuzzy = true;
        }
      }
      if (!ids || ids.length === 0) continue;
      for (let i = start; i < start + n; i++) taken[i] = true;
      spans.push({ start, end: start + n, ids, words: phrase, fuzzy });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** A name of the same word count within one edit (two for long names) of the phrase, if exactly one is nearest. */
function nearestName(phrase: string, wordCount: number, table: NameTable): string | undefined {
  const max = phrase.length >= 8 ? 2 : 1;
  // Numbers must match exactly: "expo 2025" is not "expo 2020".
  if (/\d/.test(phrase)) return undefined;
  let best: string | undefined;
  let bestDistance = max + 1;
  let tie = false;
  for (const key of table.byWords.get(wordCount) ?? []) {
    if (Math.abs(key.length - phrase.length) > max || /\d/.test(key)) continue;
    const d = editDistance(phrase, key, max);
    if (d < bestDistance) {
      best = key;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance && d <= max) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}
