/**
 * Understanding a question, before any searching: the first stage of the answer pipeline. Reads typed filters
 * (`kind:partnership`), sets the chatter around a question aside ("hey, quick one — …"), links the names it holds to
 * entities (by name, alias or a near miss), and reads what it asks for: a kind of entity, a year, a place, and the
 * kind of value wanted (a date, a number, a span of time, a person, a place).
 */
import type { EntityKind } from '../knowledge/schema.ts';
import { KIND_WORDS } from './defaults.ts';
import { ROLE_WORDS, type SearchIndex } from './index.ts';
import { linkNames } from './names.ts';
import { correction, isEnglishWord, questionWordOf } from './spelling.ts';
import { ABBREVIATIONS, britishSpelling, britishStem, fold, isStopWord, nameWords, stem } from './text.ts';
import { hasStem, hasWord } from './vocabulary.ts';

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
  /** The word as typed, folded and in British spelling ("organization" → "organisation"). */
  readonly surface: string;
  readonly stem: string;
  /** The written-out word of an abbreviation ("govt" → "government"), searched beside it. */
  readonly expansion?: string;
  /** The word names a kind ("missions") and is read as intent. */
  readonly kindWord: boolean;
  /** The word is part of a named entity. */
  readonly inMention: boolean;
  /** Ids of the entities the name it is part of links to. */
  readonly mentionIds: readonly string[];
  /** The word frames the question ("role", "purpose") more than it names what is asked about. */
  readonly frame: boolean;
  /** The knowledge holds the word (as typed, as its stem, or as its written-out form). */
  readonly known: boolean;
}

/**
 * The kind of value a question wants: a date ("when"), a span of time ("how long"), a number ("how many"), a sum of
 * money ("how much funding"), a person ("who is the CEO"), a place ("where"), what a name stands for, or the role of
 * a person the question names ("what is Yasumasa Watanabe's position").
 */
export type AnswerType = 'date' | 'duration' | 'number' | 'amount' | 'person' | 'place' | 'definition' | 'role';

export interface ParsedQuery {
  /** The question as typed, cut to the maximum length: what an answer echoes. */
  readonly typed: string;
  /** The question as read (escape sequences and control characters removed, cut to the maximum length). */
  readonly raw: string;
  /** The part of it read as the question: `raw` without filters and without chatter around the question. */
  readonly focus: string;
  readonly filters: Filters;
  /** `key:value` pairs whose key is not a known filter (kept as words). */
  readonly unknownFilters: readonly string[];
  readonly mentions: readonly Mention[];
  readonly tokens: readonly QueryToken[];
  readonly intent: { readonly kinds: readonly EntityKind[]; readonly years: readonly string[]; readonly places: readonly string[] };
  readonly expects: AnswerType | undefined;
  /** The question as terms for matching curated questions: content-word stems and `@id` for each entity named. */
  readonly terms: readonly string[];
  /** It refers to something by a pronoun ("when was it founded?", "their members"): a follow-up. */
  readonly refers: boolean;
}

/**
 * Words that frame a question rather than name its subject. They are still searched, but weigh little when the
 * engine judges whether an answer covers the question.
 */
export const FRAME_WORDS: ReadonlySet<string> = new Set(
  (
    'role roles position job title purpose goal goals aim aims objective objectives reason reasons kind type sort ' +
    'name names called supposed last lasted take took taken place happen happened held hold involved work works working ' +
    'together main exactly currently still ever mean means about between describe explain say said does status ' +
    'much many number size share percentage big bigger biggest large larger largest small smaller long often year ' +
    'years date belong belongs cover covers concern concerns relate related regarding recently recent use uses used ' +
    'using include includes included including part exist exists stand short full first later ' +
    'compare compared versus vs difference go goes going went gone come comes came'
  ).split(' '),
);

/**
 * Words of conversation around a question in chat ("hey", "thanks", "quick question", "does anyone know"): they
 * carry nothing to search for, and a knowledge base that lacks them has not missed the point of the question.
 */
export const CHAT_WORDS: ReadonlySet<string> = new Set(
  (
    'hey hi hello hiya yo morning afternoon evening thanks thank thx ty cheers ok okay pls plz btw lol haha guys folks ' +
    'team everyone everybody anyone anybody someone somebody quick question q sorry dumb silly stupid obvious ' +
    'wondering wonder curious remind reminder help asking ask wanted trying try figure idea clue sure think maybe ' +
    'actually basically honestly again remember recall'
  ).split(' '),
);

const WH = /^(what|whats|which|who|whom|whose|when|where|why|how)$/;
/** Pronouns that stand for something named before: a question with one is a follow-up. */
const REFERRING: ReadonlySet<string> = new Set(['it', 'its', 'they', 'them', 'their', 'theirs', 'he', 'him', 'his', 'she', 'her', 'hers']);
const NUMBER_QUESTION =
  /\b(how (many|much|big|large|old)|what (share|percentage|proportion|number|size|percent)|market share|(share|percentage|proportion|number|size|count) of|figures?|headcount|count|number|size|total)\b/;
const MONEY_WORDS = /\b(funding|funds?|budget|cost|costs|price|spend|spent|pay|paid|money|grant|investment|worth|value|revenue|turnover)\b/;
const DATE_QUESTION = /\b(when|since when|what year|which year|what date|which date|what month|how long ago|in what year)\b/;
const DURATION_QUESTION = /\b(how long|how many (years|months|weeks|days)|for what period|duration|what period)\b/;
const WHO = /\b(who|whom|whose)\b/;
const PLACE_QUESTION = /\b(where|(which|what|in which|in what) (city|cities|region|regions|prefecture|prefectures|country|countries|town|place|places|island))\b/;
const DEFINITION_QUESTION = /\b(stand for|stands for|short for|acronym|abbreviation|full name|meaning of|what does .+ mean)\b/;

/**
 * The kind of value a question wants, read from its wording. "Who" asks for a person when it asks after a role
 * (`isRole`: "who is the CEO…", "whom did they meet"); "who runs RIT?" may be answered by an organisation.
 */
export function expectedAnswer(question: string, isRole: (word: string) => boolean = () => false): AnswerType | undefined {
  const q = fold(question);
  if (DEFINITION_QUESTION.test(q)) return 'definition';
  if (/\bhow long\b/.test(q) && !/\bhow long ago\b/.test(q)) return 'duration';
  if (DURATION_QUESTION.test(q)) return 'duration';
  if (NUMBER_QUESTION.test(q)) return MONEY_WORDS.test(q) ? 'amount' : 'number';
  if (DATE_QUESTION.test(q)) return 'date';
  if (/\bwhom\b/.test(q) || (WHO.test(q) && q.split(/[^a-z]+/).some((w) => w.length > 2 && isRole(w)))) return 'person';
  if (PLACE_QUESTION.test(q)) return 'place';
  return undefined;
}

const FILTER = /(?<![\p{L}\p{N}])([a-z]+):\s?("([^"]*)"|[^\s"]+)/giu;
const YEAR = /^(19[5-9]\d|20[0-4]\d)$/;
/** Slack markup (`<@U123>`, `<!channel>`, `<https://…|label>`), emoji codes, addressees and links. */
const MARKUP = /<[^>]*>|:[a-z0-9_+-]+:|(^|\s)@\S+|\bhttps?:\/\/\S+/giu;
/** Where chat splits into clauses: sentence ends, commas, dashes between words, "but". */
const CLAUSE_BREAK = /[.!?;:,]+(?=\s|$)|\s[—–-]+\s|[—–]|\s+but\s+|\n/u;
/** Time words of conversation ("who runs it these days?"): they say when the asker is, not what is asked. */
const CHAT_TIME = /\b(these days|nowadays|right now|at the moment|at present|as of now)\b/giu;

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

/**
 * The question as read: terminal escape sequences (`ESC [ 31 m`) and other control characters become spaces, so
 * "\u001b[31mKBIC" reads "KBIC"; cut to the longest question read.
 */
function readable(input: string, index: SearchIndex): string {
  const cleaned = asTypedQuestion(input, index)
    .replace(/\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-_])/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .trim();
  return cutAt(cleaned, index.tuning.maxQueryLength);
}

/** The question as typed, cut to the longest question read: what answers echo (renderers make it safe to show). */
function asTypedQuestion(input: string, index: SearchIndex): string {
  return cutAt(String(input ?? '').trim(), index.tuning.maxQueryLength);
}

function splitFilters(raw: string): TypedFilters {
  const filters: Filters = {};
  const unknownFilters: string[] = [];
  const rest = raw.replace(FILTER, (whole, key: string, value: string, quoted: string | undefined) => {
    const k = key.toLowerCase();
    const v = (quoted ?? value).trim();
    if ((FILTER_KEYS as readonly string[]).includes(k) && v) {
      filters[k as FilterKey] = v;
      return ' ';
    }
    // "http://…" and "10:30" are not filters; an unknown key is kept as words.
    if (!/^https?$/i.test(k)) unknownFilters.push(whole);
    return ` ${key} ${v} `;
  });
  return { filters, unknownFilters, rest };
}

/** Reads a question. Never throws, whatever the input. */
export function parseQuery(input: string, index: SearchIndex): ParsedQuery {
  const raw = readable(input, index);
  const { filters, unknownFilters, rest } = splitFilters(raw);
  const asTyped = asTypedQuestion(input, index);

  const focus = questionFocus(rest.replace(MARKUP, ' ').replace(CHAT_TIME, ' '), index);
  const { folded, original } = nameWords(focus);
  // Misspelt words are read as the words the knowledge holds ("japna" → "japan", "wich" → "which").
  const words = folded.map((w) => readAs(w, index));
  const known = { has: (w: string) => hasWord(index.vocabulary, w) };
  const spans = linkNames(words, index.names, { fuzzy: true, known, original });
  const mentionWords = new Map<number, readonly string[]>();
  for (const s of spans) for (let i = s.start; i < s.end; i++) mentionWords.set(i, s.ids);
  const mentions: Mention[] = spans.flatMap((s) => s.ids.map((id) => ({ id, words: s.words, fuzzy: s.fuzzy })));

  const tokens: QueryToken[] = [];
  const seen = new Set<string>();
  const kinds: EntityKind[] = [];
  const years: string[] = [];
  words.forEach((read, i) => {
    const mentionIds = mentionWords.get(i) ?? [];
    const inMention = mentionIds.length > 0;
    if (isStopWord(read) || seen.has(read) || (!inMention && CHAT_WORDS.has(read))) return;
    seen.add(read);
    const word = britishSpelling(read);
    // "how many companies" counts companies: after "many" a kind word is what is asked about, not a filter.
    const counted = words[i - 1] === 'many' || (words[i - 1] === 'of' && words[i - 2] === 'number');
    const kind = inMention || counted ? undefined : KIND_WORDS[word];
    if (kind && !kinds.includes(kind)) kinds.push(kind);
    if (YEAR.test(word) && !years.includes(word)) years.push(word);
    const expansion = ABBREVIATIONS[word];
    const stemmed = stem(word);
    tokens.push({
      surface: word,
      stem: stemmed,
      ...(expansion ? { expansion } : {}),
      kindWord: kind !== undefined,
      inMention,
      mentionIds,
      frame: !inMention && FRAME_WORDS.has(word),
      known: inMention || isKnown(word, stemmed, index) || (expansion !== undefined && isKnown(expansion, stem(expansion), index)),
    });
  });

  const places = mentions.map((m) => m.id).filter((id) => index.knowledge.byId.get(id)?.kind === 'place');

  return {
    typed: asTyped,
    raw,
    focus,
    filters,
    unknownFilters,
    mentions,
    tokens,
    intent: { kinds, years, places },
    expects: asksRole(focus, mentions, index) ? 'role' : expectedAnswer(focus, (w) => ROLE_WORDS.has(britishStem(w))),
    terms: [...new Set(mentions.map((m) => `@${m.id}`)), ...tokens.filter((t) => !t.inMention).map((t) => t.stem)],
    refers: words.some((w) => REFERRING.has(w)),
  };
}

/**
 * A typed word as read: a misspelt question word as the question word, a word that is neither in the knowledge nor
 * English as the knowledge's word it misspells; anything else as typed.
 */
function readAs(word: string, index: SearchIndex): string {
  if (isStopWord(word) || CHAT_WORDS.has(word) || isKnown(word, britishStem(word), index)) return word;
  const question = questionWordOf(word);
  if (question) return question;
  if (isEnglishWord(word)) return word;
  return correction(word, index.vocabulary, index.rank) ?? word;
}

const ROLE_QUESTION = /\b(role|roles|position|job|title|what does .+ do|what did .+ do|who is)\b/;

/** Whether a question asks what a person it names does: "Yasumasa Watanabe's position", "what does Dr Kato do". */
function asksRole(focus: string, mentions: readonly Mention[], index: SearchIndex): boolean {
  return mentions.some((m) => index.knowledge.byId.get(m.id)?.kind === 'person') && ROLE_QUESTION.test(fold(focus));
}

/** Whether the knowledge holds a word, as typed or as its stem. */
function isKnown(word: string, stemmed: string, index: SearchIndex): boolean {
  return hasWord(index.vocabulary, word) || hasStem(index.vocabulary, stemmed);
}

/**
 * The question inside a chat message. Clauses that hold no name, no question word and no word the knowledge holds
 * ("morning all!", "sorry if this is a dumb one") are chatter and set aside; inside the question clause, words
 * before an embedded question word ("does anyone know | who runs KBIC") are dropped when they hold nothing the
 * knowledge knows. When nothing is left, the whole text is the question.
 */
function questionFocus(text: string, index: SearchIndex): string {
  const clauses = text
    .split(CLAUSE_BREAK)
    .map((c) => (c ?? '').trim())
    .filter(Boolean);
  const informative = (words: readonly string[]) =>
    words.some((w) => !isStopWord(w) && !CHAT_WORDS.has(w) && (isKnown(w, britishStem(w), index) || index.names.names.has(w)));
  const kept = clauses.filter((clause) => {
    const words = nameWords(clause).folded;
    return informative(words) || words.some((w) => WH.test(w));
  });
  const focus = (kept.length > 0 ? kept : clauses).map((clause) => {
    const words = clause.split(/\s+/);
    const at = words.findIndex((w, i) => i > 0 && WH.test(fold(w).replace(/[^a-z]/g, '')));
    if (at <= 0) return clause;
    const before = nameWords(words.slice(0, at).join(' ')).folded;
    return informative(before) ? clause : words.slice(at).join(' ');
  });
  const joined = focus.join(' ').trim();
  return joined || text.trim();
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
