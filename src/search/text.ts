/**
 * Text normalisation shared by indexing and querying, so both sides agree on what a term is.
 */
import { stemmer } from 'stemmer';

/** Text of printable ASCII and spaces only: nothing to decompose, no typographic dash or quote. */
const ASCII = /^[\x00-\x7f]*$/;

/** Lower case, accents removed, typographic dashes and quotes made plain. */
export function fold(text: string): string {
  if (ASCII.test(text)) return text.includes('`') ? text.toLowerCase().replace(/`/g, "'") : text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/[’‘`´]/g, "'");
}

const WORD = /[\p{L}\p{N}]+(?:[-'.&+][\p{L}\p{N}]+)*/gu;
const isLetterOrDigit = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
/** - ' . & + */
const isJoiner = (code: number) => code === 45 || code === 39 || code === 46 || code === 38 || code === 43;

/** `tokenize` for folded ASCII text, by scanning rather than by regular expression: the same tokens. */
function tokenizeAscii(folded: string, tokens: string[]): void {
  const n = folded.length;
  let i = 0;
  while (i < n) {
    if (!isLetterOrDigit(folded.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isLetterOrDigit(folded.charCodeAt(j))) j++;
    let joined = false;
    while (j + 1 < n && isJoiner(folded.charCodeAt(j)) && isLetterOrDigit(folded.charCodeAt(j + 1))) {
      joined = true;
      j += 2;
      while (j < n && isLetterOrDigit(folded.charCodeAt(j))) j++;
    }
    if (!joined) {
      tokens.push(folded.slice(i, j));
    } else {
      const word = folded.slice(i, j);
      pushWord(word.endsWith("'s") ? word.slice(0, -2) : word, tokens);
    }
    i = j;
  }
}

/**
 * Splits text into tokens. A hyphenated or dotted word ("LINK-J", "ESCP-4i", "C-AIR") yields its parts and the
 * joined form, so "link j", "link-j" and "linkj" all meet.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const folded = fold(text);
  if (ASCII.test(folded)) {
    tokenizeAscii(folded, tokens);
    return tokens;
  }
  for (const match of folded.matchAll(WORD)) pushWord(match[0].replace(/'s$/, ''), tokens);
  return tokens;
}

/** A word as tokens: itself, or, joined by hyphens, dots and the like, its parts and their joined form. */
function pushWord(word: string, tokens: string[]): void {
  const parts = word.split(/[-'.&+]/).filter(Boolean);
  if (parts.length > 1) {
    tokens.push(...parts);
    tokens.push(parts.join(''));
  } else {
    tokens.push(word);
  }
}

/**
 * Words that carry no content in a question or a fact. Kept short on purpose: words such as "founded", "members" or
 * "since" are what a question is about.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but of to in on at by for from with without into onto over under about as is are was were be ' +
    "been being am do does did done doing have has had having it its it's this that these those there here " +
    'what whats which who whom whose when where why how i me my we our us you your he she they them their his her ' +
    'can could would should will shall may might must any some all each every also just than then so such very ' +
    'please tell know show give find list let get want need like one ones thing things something anything ' +
    'info information details detail anyone someone much many more most other others s t ' +
    'per via within among across both either neither whether while during upon until toward towards else if'
  ).split(/\s+/),
);

/** Irregular forms the stemmer cannot join to their base ("began" → "begin"). */
const IRREGULAR: Readonly<Record<string, string>> = Object.fromEntries(
  (
    'began:begin begun:begin overtook:overtake overtaken:overtake gave:give given:give took:take taken:take ' +
    'became:become led:lead held:hold ran:run wrote:write written:write went:go gone:go made:make brought:bring ' +
    'bought:buy saw:see seen:see chose:choose chosen:choose grew:grow grown:grow sold:sell told:tell thought:think ' +
    'spoke:speak spoken:speak sent:send built:build spent:spend paid:pay won:win drew:draw drawn:draw got:get gotten:get'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** A word with no content, in any of its forms ("gave" is "give"). */
export function isStopWord(folded: string): boolean {
  return STOP_WORDS.has(folded) || STOP_WORDS.has(IRREGULAR[folded] ?? '');
}

/**
 * American spellings that the stemmer does not join to the British ones the sources use. The regular "-ize/-yze"
 * endings are handled by rule in `britishSpelling`; these are the words whose difference is elsewhere.
 */
const AMERICAN: Readonly<Record<string, string>> = Object.fromEntries(
  (
    'center:centre centers:centres centered:centred fiber:fibre fibers:fibres theater:theatre program:programme ' +
    'programs:programmes labor:labour color:colour colors:colours favor:favour behavior:behaviour neighbor:neighbour ' +
    'defense:defence catalog:catalogue dialog:dialogue enrollment:enrolment fulfill:fulfil traveled:travelled ' +
    'traveling:travelling modeling:modelling labeled:labelled canceled:cancelled aging:ageing'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** A folded word in British spelling: "organization" → "organisation", "center" → "centre", "analyze" → "analyse". */
export function britishSpelling(folded: string): string {
  const listed = AMERICAN[folded];
  if (listed) return listed;
  // "-ize" words keep three letters before the ending so "size", "prize" and "seize" stay as they are.
  return folded.replace(/^([a-z]{3,})iz(e|es|ed|er|ers|ing|ation|ations)$/, '$1is$2').replace(/^([a-z]{3,})yz(e|es|ed|ing)$/, '$1ys$2');
}

/**
 * Abbreviations people type in chat, each to the word the sources write out. Only abbreviations with one reading in
 * this field; "co" or "no" are left alone because they are also words.
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = Object.fromEntries(
  (
    'govt:government govts:governments gov:government univ:university uni:university approx:approximately ' +
    'intl:international natl:national dept:department depts:departments mgmt:management mgr:manager ' +
    'assoc:association assn:association org:organisation orgs:organisations corp:corporation tech:technology ' +
    'biz:business yr:year yrs:years num:number pct:percent dir:director mfg:manufacturing reps:representatives ' +
    'rep:representative dev:development mkt:market mktg:marketing jp:japan jpn:japan eur:euro euros:euro ' +
    'amt:amount'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** Stems already worked out: a knowledge base has a few thousand distinct words, and every fact repeats some. */
const stems = new Map<string, string>();
const MAX_STEMS = 200_000;

/** Stems a folded token; numbers and short acronyms are kept as they are. Spelling is made British first. */
export function stem(token: string): string {
  let stemmed = stems.get(token);
  if (stemmed === undefined) {
    if (/\d/.test(token)) stemmed = token;
    else {
      const base = IRREGULAR[token] ?? britishSpelling(token);
      stemmed = base.length <= 3 ? base : stemmer(base);
    }
    if (stems.size >= MAX_STEMS) stems.clear();
    stems.set(token, stemmed);
  }
  return stemmed;
}

const britishStems = new Map<string, string>();

/** `stem(britishSpelling(word))`, remembered. */
export function britishStem(folded: string): string {
  let stemmed = britishStems.get(folded);
  if (stemmed === undefined) {
    stemmed = stem(britishSpelling(folded));
    if (britishStems.size >= MAX_STEMS) britishStems.clear();
    britishStems.set(folded, stemmed);
  }
  return stemmed;
}

/** The term processor for MiniSearch: fold, drop stop words, stem. */
export function processTerm(term: string): string | null {
  const folded = fold(term);
  if (!folded || isStopWord(folded)) return null;
  return stem(folded);
}

/** The content terms of a text, stemmed, in order, without duplicates. */
export function contentTerms(text: string): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) seen.add(term);
  }
  return [...seen];
}

/** Collapses a name for exact comparison: "Clust-ER Health" and "clust er health" agree. */
export function nameKey(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a text as `nameKey` splits them, folded, with the same words as written beside them (for capitals). */
export function nameWords(text: string): { folded: string[]; original: string[] } {
  if (ASCII.test(text)) {
    const original: string[] = [];
    const folded: string[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      let code = text.charCodeAt(i);
      if (!(isLetterOrDigit(code) || (code >= 65 && code <= 90))) {
        i++;
        continue;
      }
      let upper = false;
      let j = i;
      while (j < n && (isLetterOrDigit((code = text.charCodeAt(j))) || (code >= 65 && code <= 90 && (upper = true)))) j++;
      const word = text.slice(i, j);
      original.push(word);
      folded.push(upper ? word.toLowerCase() : word);
      i = j;
    }
    return { folded, original };
  }
  const original = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  return { folded: original.map((w) => w.toLowerCase()), original };
}
