/**
 * Search tuning in one place: field boosts, fuzzy and prefix matching, limits and the confidence threshold.
 * Every number here is measured by `npm run eval`; change one, run it, and keep the change only if the figures rise.
 */
import type { EntityKind } from '../knowledge/schema.ts';

export interface SearchTuning {
  /** Field boosts for MiniSearch: names and aliases count most. */
  readonly boost: Readonly<Record<string, number>>;
  /** Fuzzy matching as a fraction of the term length (0.2: one edit in five letters); terms shorter than `fuzzyMinLength` are exact. */
  readonly fuzzy: number;
  readonly fuzzyMinLength: number;
  /** Prefix matching for terms at least this long ("regen" finds "regenerative"). */
  readonly prefixMinLength: number;
  /** How much a fuzzy or prefix match counts next to an exact one (1). */
  readonly weights: { readonly fuzzy: number; readonly prefix: number };
  /** Score multiplier for facts of an entity the question names, and for facts about it. */
  readonly mentionBoost: number;
  readonly aboutBoost: number;
  /** Score multiplier for results matching an intent read from plain words (a kind, a year, a place). */
  readonly intentBoost: number;
  /** Facts shown per entity group, and groups per page. */
  readonly factsPerAnswer: number;
  readonly answersPerPage: number;
  /** A group's further facts are kept only when they score at least this share of the group's best. */
  readonly groupKeepRatio: number;
  /** Answers scoring below this share of the best one are dropped, so "More results" pages through real matches. */
  readonly relevanceFloor: number;
  /** Share of the question's weighted content terms the best answer must cover to count as an answer. */
  readonly confidence: number;
  /** Longest question read, in characters; the rest is ignored. */
  readonly maxQueryLength: number;
  /** Weights of question words by role in the search: kind words ("missions") and frame words ("role") count less. */
  readonly termWeights: { readonly kindWord: number; readonly frameWord: number; readonly synonym: number };
  /** How much a match through a synonym counts towards covering its question word (an exact match counts 1). */
  readonly synonymCredit: number;
  /** Score multiplier for a fact lacking the value the question wants (a number, a date, a person). */
  readonly misfit: number;
  /** Word pairs held side by side: multiplier added per pair, and how many top candidates are checked. */
  readonly phraseBonus: number;
  readonly phraseWindow: number;
  /** Confidence: a frame word's share of weight, and the multipliers for a content word no shown fact holds and for a
   * wanted value no shown fact gives. */
  readonly confidenceFrameShare: number;
  readonly missingWordPenalty: number;
  readonly untypedPenalty: number;
  /** Groups of stems that mean the same here, searched at a lower weight (see `SYNONYMS`). */
  readonly synonyms: ReadonlyArray<readonly string[]>;
}

/** Plain words that say which kind of entity a question is after ("missions in 2023", "partners in Osaka"). */
export const KIND_WORDS: Readonly<Record<string, EntityKind>> = {
  mission: 'mission',
  missions: 'mission',
  visit: 'mission',
  visits: 'mission',
  trip: 'mission',
  trips: 'mission',
  delegation: 'mission',
  delegations: 'mission',
  event: 'mission',
  events: 'mission',
  fair: 'mission',
  fairs: 'mission',
  conference: 'mission',
  conferences: 'mission',
  partner: 'partnership',
  partners: 'partnership',
  partnership: 'partnership',
  partnerships: 'partnership',
  cooperation: 'partnership',
  cooperations: 'partnership',
  collaboration: 'partnership',
  collaborations: 'partnership',
  programme: 'programme',
  programmes: 'programme',
  program: 'programme',
  programs: 'programme',
  scheme: 'programme',
  schemes: 'programme',
  policy: 'programme',
  policies: 'programme',
  organisation: 'organisation',
  organisations: 'organisation',
  organization: 'organisation',
  organizations: 'organisation',
  cluster: 'organisation',
  clusters: 'organisation',
  company: 'organisation',
  companies: 'organisation',
  market: 'market',
  markets: 'market',
  people: 'person',
  person: 'person',
  persons: 'person',
  contact: 'person',
  contacts: 'person',
};

/**
 * Words that mean the same in this domain, expanded at query time (stems on both sides).
 * Kept to equivalences a reader would accept anywhere in the field, never tied to one question.
 */
export const SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['found', 'establish', 'creat', 'set', 'launch', 'born', 'start'],
  ['partner', 'partnership', 'cooper', 'collabor'],
  ['meet', 'met', 'visit'],
  ['fund', 'financ', 'grant', 'support'],
  ['mou', 'memorandum'],
  ['ceo', 'head', 'director', 'manag'],
  ['member', 'compani', 'particip'],
  ['run', 'manag', 'organis', 'organ', 'led', 'handl', 'coordin', 'lead'],
  ['attend', 'particip', 'gather', 'join', 'present', 'took'],
  ['programm', 'program'],
  ['organis', 'organiz'],
  ['ai', 'artifici', 'intellig'],
  ['japanes', 'japan'],
  ['european', 'europ', 'eu'],
  ['make', 'produc', 'manufactur', 'maker', 'build'],
  ['topic', 'theme', 'issu', 'subject', 'field', 'area', 'sector', 'focu'],
  ['begin', 'start', 'launch', 'initi', 'open'],
  ['locat', 'base', 'situat', 'site', 'held'],
  ['player', 'compani', 'maker', 'manufactur', 'supplier', 'firm'],
  ['forecast', 'project', 'expect', 'predict', 'outlook'],
  ['pay', 'cost', 'cover', 'fund'],
  ['period', 'durat', 'year'],
  ['goal', 'aim', 'object', 'purpos', 'target'],
  ['grow', 'growth', 'expand', 'increas', 'rise'],
  ['declin', 'decreas', 'fall', 'drop', 'shrink'],
  ['bodi', 'organis', 'institut', 'agenc'],
  ['consist', 'compos', 'member', 'gather', 'made', 'includ'],
  ['contact', 'email', 'mail', 'address'],
];

/** The tuning the engine uses unless told otherwise. */
export const SEARCH_DEFAULTS: SearchTuning = {
  boost: { name: 4, aliases: 4, about: 1.5, text: 1, context: 0.6, places: 1.2, tags: 0.8 },
  fuzzy: 0.2,
  fuzzyMinLength: 5,
  prefixMinLength: 4,
  weights: { fuzzy: 0.45, prefix: 0.35 },
  mentionBoost: 2.5,
  aboutBoost: 1.6,
  intentBoost: 1.6,
  factsPerAnswer: 3,
  answersPerPage: 3,
  groupKeepRatio: 0.45,
  relevanceFloor: 0.1,
  confidence: 0.52,
  maxQueryLength: 500,
  termWeights: { kindWord: 0.35, frameWord: 0.5, synonym: 0.4 },
  synonymCredit: 0.5,
  misfit: 0.35,
  phraseBonus: 0.3,
  phraseWindow: 40,
  confidenceFrameShare: 0.2,
  missingWordPenalty: 0.75,
  untypedPenalty: 0.5,
  synonyms: SYNONYMS,
};
