/**
 * Search settings in one place: how words are matched (field boosts, fuzzy and prefix matching, synonyms), how many
 * candidates are scored, and how answers are paged. The weights that score and decide are not here: they are fitted
 * to the tuning questions by `cluster-bot fit` and kept in `model.ts`. The numbers here are set by what they mean
 * (one edit in five letters, a page of three answers), not by what one question needs.
 */
import type { EntityKind } from '../knowledge/schema.ts';

export interface SearchTuning {
  /** Field boosts for MiniSearch: names and aliases count most, a fact's curated questions as much as its text. */
  readonly boost: Readonly<Record<string, number>>;
  /** Fuzzy matching as a fraction of the term length (0.2: one edit in five letters); terms shorter than `fuzzyMinLength` are exact. */
  readonly fuzzy: number;
  readonly fuzzyMinLength: number;
  /** Prefix matching for terms at least this long ("regen" finds "regenerative"). */
  readonly prefixMinLength: number;
  /** How much a fuzzy or prefix match counts next to an exact one (1). */
  readonly weights: { readonly fuzzy: number; readonly prefix: number };
  /** Facts scored per question: the best matches by BM25, plus the facts of and about the entities it names. */
  readonly candidateLimit: number;
  /** An entity named by more facts than this ("Japan") is too general to gather its facts; its words are searched. */
  readonly linkedLimit: number;
  /** Answers per page; the first shows up to `factsPerAnswer` facts when they add to what was asked, the others one. */
  readonly factsPerAnswer: number;
  readonly answersPerPage: number;
  /** Answers whose score is more than this many logits below the best (under 1% as likely) are not worth a page. */
  readonly relevanceGap: number;
  /** Longest question read, in characters; the rest is ignored. */
  readonly maxQueryLength: number;
  /** Weights of question words by role in the search: kind words ("missions") and frame words ("role") count less. */
  readonly termWeights: { readonly kindWord: number; readonly frameWord: number; readonly synonym: number };
  /** How much a match through a synonym counts towards covering its question word (an exact match counts 1). */
  readonly synonymCredit: number;
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
  ['fund', 'financ', 'grant'],
  ['mou', 'memorandum'],
  ['head', 'director', 'chief', 'lead'],
  ['member', 'compani', 'particip'],
  ['run', 'manag', 'organis', 'organ', 'led', 'handl', 'coordin', 'lead'],
  ['attend', 'particip', 'gather', 'join', 'present', 'took'],
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

/** The settings the engine uses unless told otherwise. */
export const SEARCH_DEFAULTS: SearchTuning = {
  boost: { name: 3, aliases: 3, about: 1.5, text: 1, questions: 1, context: 0.6, places: 1, tags: 0.5 },
  fuzzy: 0.2,
  fuzzyMinLength: 5,
  prefixMinLength: 4,
  weights: { fuzzy: 0.45, prefix: 0.35 },
  candidateLimit: 150,
  linkedLimit: 150,
  factsPerAnswer: 3,
  answersPerPage: 3,
  relevanceGap: Math.log(100),
  maxQueryLength: 500,
  termWeights: { kindWord: 0.35, frameWord: 0.5, synonym: 0.4 },
  synonymCredit: 0.5,
  synonyms: SYNONYMS,
};
