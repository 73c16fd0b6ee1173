/**
 * Query understanding: what a question asks, before any searching. Reads typed filters (`kind:partnership`), finds
 * the entities it names (by name, alias or a near miss), and the intent its plain words carry (a kind, a year, a
 * place).
 */
import type { EntityKind } from '../knowledge/schema.ts';
import { editDistance } from '../knowledge/similar.ts';
import { KIND_WORDS } from './defaults.ts';
import type { SearchIndex } from './index.ts';
import { fold, isStopWord, nameKey, stem, STOP_WORDS } from './text.ts';

export const FILTER_KEYS = ['kind', 'type', 'country', 'year', 'sector', 'place', 'source'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** An entity the question names. */
export interface Mention {
  readonly id: string;
  /** The words as the user typed them (folded). */
  readonly words: string;
  /** True when matched by edit distance rather than exactly. */
  readonly fuzzy: boolean;
}

/** A content word of the question. */
export interface QueryToken {
  readonly surface: string;
  readonly stem: string;
  /** The word names a kind ("missions") and is read as intent. */
  readonly kindWord: boolean;
  /** The word is part of a named entity. */
  readonly inMention: boolean;
  /** The word frames the question ("role", "purpose") more than it names what is asked about. */
  readonly frame: boolean;
}

/** What kind of value the question wants: a sum of money, a number ("how many"), a date ("when"), a person ("who is the CEO"). */
export type AnswerType = 'amount' | 'number' | 'date' | 'person';

export interface ParsedQuery {
  /** The question as read (trimmed, cut to the maximum length). */
  readonly raw: string;
  readonly filters: Filters;
  /** `key:value` pairs whose key is not a known filter (kept as words). */
  readonly unknownFilters: readonly string[];
  readonly mentions: readonly Mention[];
  readonly tokens: readonly QueryToken[];
  readonly intent: { readonly kinds: readonly EntityKind[]; readonly years: readonly string[]; readonly places: readonly string[] };
  readonly expects: AnswerType | undefined;
}

/**
 * Words that frame a question rather than name its subject. They are still searched, but weigh little when the
 * engine judges whether an answer covers the question.
 */
export const FRAME_WORDS: ReadonlySet<string> = new Set(
  (
    'role roles position job title purpose goal goals aim aims objective objectives reason reasons kind type sort ' +
    'name names called supposed last take took taken place happen happened held hold involved work works working ' +
    'together main exactly currently still ever mean means about between describe explain say said does status ' +
    'much many number size share percentage big large long often year years date belong belongs cover covers ' +
    'concern concerns relate related regarding recently recent use uses used using'
  ).split(' '),
);

const NUMBER_QUESTION =
  /\b(how (many|much|big|large|long)|what (share|percentage|proportion|number|size)|market share|(share|percentage|proportion|number) of|figure)\b/;
const MONEY_WORDS = /\b(funding|funds?|budget|cost|costs|price|spend|spent|pay|paid|money|grant|investment|worth|value)\b/;
const DATE_QUESTION = /\b(when|since when|what year|which year|what date|which date|how long ago)\b/;
const PERSON_QUESTION = /\bwho (is|was) (the|a|an) (?!.*\b(organi[sz]ation|cluster|company|agency|ministry|programme|program)\b)/;

/** The kind of value a question wants, read from its wording. */
export function expectedAnswer(question: string): AnswerType | undefined {
  const q = fold(question);
  if (NUMBER_QUESTION.test(q)) return MONEY_WORDS.test(q) ? 'amount' : 'number';
  if (DATE_QUESTION.test(q)) return 'date';
  if (PERSON_QUESTION.test(q)) return 'person';
  return undefined;
}

const FILTER = /(?<![\p{L}\p{N}])([a-z]+):\s?("([^"]*)"|[^\s"]+)/giu;
const YEAR = /^(19[5-9]\d|20[0-4]\d)$/;

/** The typed `key:value` filters of a question: known ones, the others as typed, and the words left. */
export interface TypedFilters {
  readonly filters: Filters;
  readonly unknownFilters: readonly string[];
  readonly rest: string;
}

/** Reads only the typed filters of a question, as `parseQuery` reads them (cleaned, cut to the same length). */
export function typedFilters(input: string, index: SearchIndex): TypedFilters {
  return splitFilters(readable(input, index));
}

function readable(input: string, index: SearchIndex): string {
  const cleaned = String(input ?? '')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  return cutAt(cleaned, index.tuning.maxQueryLength);
}

function splitFilters(raw: string): TypedFilters {
  const filters: Filters = {};
  const unknownFilters: string[] = [];
  const rest = raw.replace(FILTER, (whole, key: string, _value: string, quoted: string | undefined) => {
    const k = key.toLowerCase();
    const value = (quoted ?? _value).trim();
    if ((FILTER_KEYS as readonly string[]).includes(k) && value) {
      filters[k as FilterKey] = value;
      return ' ';
    }
    unknownFilters.push(whole);
    return ` ${key} ${value} `;
  });
  return { filters, unknownFilters, rest };
}

/** Reads a question. Never throws, whatever the input. */
export function parseQuery(input: string, index: SearchIndex): ParsedQuery {
  const raw = readable(input, index);
  const { filters, unknownFilters, rest } = splitFilters(raw);

  const words = nameKey(rest.replace(/<[^>]*>/g, ' '))
    .split(' ')
    .filter(Boolean);
  const mentions = findMentions(words, index);
  const mentionWords = new Set<number>();
  for (const m of mentions) for (let i = m.start; i < m.end; i++) mentionWords.add(i);

  const tokens: QueryToken[] = [];
  const seen = new Set<string>();
  const kinds: EntityKind[] = [];
  const years: string[] = [];
  words.forEach((word, i) => {
    if (isStopWord(word) || seen.has(word)) return;
    seen.add(word);
    const inMention = mentionWords.has(i);
    // "how many companies" counts companies: after "many" a kind word is what is asked about, not a filter.
    const counted = words[i - 1] === 'many' || (words[i - 1] === 'of' && words[i - 2] === 'number');
    const kind = inMention || counted ? undefined : KIND_WORDS[word];
    if (kind && !kinds.includes(kind)) kinds.push(kind);
    if (YEAR.test(word) && !years.includes(word)) years.push(word);
    tokens.push({ surface: word, stem: stem(word), kindWord: kind !== undefined, inMention, frame: !inMention && FRAME_WORDS.has(word) });
  });

  const places = mentions.map((m) => m.mention.id).filter((id) => index.knowledge.byId.get(id)?.kind === 'place');

  return {
    raw,
    filters,
    unknownFilters,
    mentions: mentions.map((m) => m.mention),
    tokens,
    intent: { kinds, years, places },
    expects: expectedAnswer(rest),
  };
}

interface Span {
  start: number;
  end: number;
  mention: Mention;
}

/**
 * Finds named entities, longest first and without overlap. A span matches a name or alias exactly (spaces
 * optional: "linkj" is "LINK-J"), or within a small edit distance when it is long enough for that to be safe.
 */
function findMentions(words: readonly string[], index: SearchIndex): Span[] {
  const spans: Span[] = [];
  const taken = new Array<boolean>(words.length).fill(false);
  const maxN = Math.min(index.longestName, 10);
  const compactNames = compactNameTable(index);
  const fuzzyWords = words.length <= 40;

  for (let n = Math.min(maxN, words.length); n >= 1; n--) {
    for (let start = 0; start + n <= words.length; start++) {
      if (taken.slice(start, start + n).some(Boolean)) continue;
      const slice = words.slice(start, start + n);
      if (slice.every((w) => STOP_WORDS.has(w))) continue;
      if (STOP_WORDS.has(slice[0]!) || STOP_WORDS.has(slice[n - 1]!)) continue;
      const phrase = slice.join(' ');
      let ids = index.names.get(phrase) ?? compactNames.get(phrase.replace(/ /g, ''));
      let fuzzy = false;
      // Only a phrase with a word the knowledge does not hold can be a misspelt name.
      if (!ids && fuzzyWords && phrase.length >= 6 && slice.some((w) => !index.vocabulary.has(w))) {
        const match = nearestName(phrase, n, index);
        if (match) {
          ids = index.names.get(match);
          fuzzy = true;
        }
      }
      if (!ids || ids.length === 0) continue;
      for (let i = start; i < start + n; i++) taken[i] = true;
      for (const id of ids) spans.push({ start, end: start + n, mention: { id, words: phrase, fuzzy } });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

const compactCache = new WeakMap<SearchIndex, Map<string, readonly string[]>>();

function compactNameTable(index: SearchIndex): Map<string, readonly string[]> {
  let table = compactCache.get(index);
  if (!table) {
    table = new Map();
    for (const [key, ids] of index.names) table.set(key.replace(/ /g, ''), ids);
    compactCache.set(index, table);
  }
  return table;
}

/** A name of the same word count within one edit (two for long names) of the phrase, if exactly one is nearest. */
function nearestName(phrase: string, wordCount: number, index: SearchIndex): string | undefined {
  const max = phrase.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = max + 1;
  let tie = false;
  for (const key of index.names.keys()) {
    if (Math.abs(key.length - phrase.length) > max) continue;
    if (key.split(' ').length !== wordCount) continue;
    // Numbers must match exactly: "expo 2025" is not "expo 2020".
    if (/\d/.test(key) || /\d/.test(phrase)) continue;
    const d = editDistance(phrase, key, max);
    if (d < bestDistance) {
      best = key;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}

/** The first `max` UTF-16 units of a text, one fewer when the cut would split a surrogate pair (an emoji). */
function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Folds a filter value for comparison. */
export function filterValue(value: string): string {
  return fold(value).trim();
}
