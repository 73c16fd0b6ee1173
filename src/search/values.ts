/**
 * The kinds of value a fact holds — a number, a share, a sum of money, a date, a span of time, a person, a place —
 * read once when the index is built, so matching them against what a question asks ("how many", "when", "how long",
 * "who is the CEO", "where") costs nothing per question.
 */

export interface FactValues {
  /** A figure other than a bare year ("370 members", "15 projects", "twenty"). */
  readonly number: boolean;
  /** A share ("48.6%", "10 percent"). */
  readonly percent: boolean;
  /** A sum of money ("2.6757 trillion yen", "€200"). */
  readonly money: boolean;
  /** A year or a month. */
  readonly date: boolean;
  /** A span of time: a duration ("one to three years", "3-year") or a range of dates ("13–18 November"). */
  readonly duration: boolean;
  /** A person: the fact is a person's, about one, or names one. */
  readonly person: boolean;
  /** A place: the fact names one (a city, a prefecture, a country) or belongs to one. */
  readonly place: boolean;
}

/** Numbers written as words. Not "one": "one of the organisations" counts nothing. */
const NUMBER_WORDS =
  /\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozen)\b/i;
const MONEY = /(\byen\b|\beuros?\b|\bEUR\b|€|\$|£|\bUSD\b|\bdollars?\b|\bpounds?\b|\b(million|billion|trillion)\b)/i;
const MONTHS = /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(tember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;
const YEAR = /^(1[89]|20)\d\d$/;
const PERCENT = /\d\s*%|\bper ?cent\b/i;
const UNIT = '(years?|months?|weeks?|days?|decades?)';
const COUNT = '(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)';
const DURATION = new RegExp(
  [
    `\\b${COUNT}(\\s*(to|or|-|–)\\s*${COUNT})?[\\s-]+${UNIT}\\b`, // "one to three years", "3-year", "20 years"
    `\\b\\d{1,2}\\s*(-|–|to)\\s*\\d{1,2}\\s+${MONTHS.source.slice(2, -2)}`, // "13–18 November", "14 to 18 November"
    '\\b(19|20)\\d\\d\\s*(-|–|to)\\s*(19|20)?\\d\\d\\b', // "2014-2020", "2011–2020"
    '\\b(since|until|over the next|lasted|for the period)\\b',
  ].join('|'),
  'i',
);

/** Reads the values a fact text holds; `person` and `place` are decided by the caller, who knows the entities. */
export function valuesOf(text: string, years: readonly string[], person: boolean, place: boolean): FactValues {
  const figures = (text.match(/\d[\d.,]*/g) ?? []).filter((n) => !YEAR.test(n));
  const number = figures.length > 0 || NUMBER_WORDS.test(text);
  return {
    number,
    percent: PERCENT.test(text),
    money: number && MONEY.test(text),
    date: years.length > 0 || MONTHS.test(text),
    duration: DURATION.test(text),
    person,
    place,
  };
}

/** Where in a fact's words (`nameWords` positions) each kind of value stands, for the distance to the asked words. */
export type ValuePositions = Readonly<Partial<Record<'number' | 'money' | 'date' | 'duration' | 'person' | 'place', readonly number[]>>>;

const NUMBER_WORD = new RegExp(`^${NUMBER_WORDS.source.slice(2, -2)}$`, 'i');
const MONTH_WORD = new RegExp(`^${MONTHS.source.slice(2, -2)}$`, 'i');
const MONEY_WORD = /^(yen|euros?|eur|usd|dollars?|pounds?|million|billion|trillion)$/i;
const UNIT_WORD = /^(years?|months?|weeks?|days?|decades?)$/i;

const DATE = 1;
const NUMBER = 2;
const MONEY_KIND = 4;
const DURATION_KIND = 8;

/** The kinds of value a word may stand for, as bits; words repeat across facts, so each is read once. */
const kindsOfWord = new Map<string, number>();

function wordKinds(word: string): number {
  let kinds = kindsOfWord.get(word);
  if (kinds === undefined) {
    kinds = 0;
    if (YEAR.test(word) || MONTH_WORD.test(word)) kinds |= DATE;
    else if (/^\d/.test(word) || NUMBER_WORD.test(word)) kinds |= NUMBER;
    if (MONEY_WORD.test(word)) kinds |= MONEY_KIND;
    if (UNIT_WORD.test(word)) kinds |= DURATION_KIND;
    if (kindsOfWord.size >= 200_000) kindsOfWord.clear();
    kindsOfWord.set(word, kinds);
  }
  return kinds;
}

/**
 * Positions of values in a fact's words: figures, sums of money, years and months, spans of time, and the people
 * and places its linked names stand for (`named`: word spans with the kind of entity each names).
 */
export function valuePositions(words: readonly string[], named: ReadonlyArray<{ start: number; end: number; kind: string }>): ValuePositions {
  const at: Record<string, number[]> = {};
  const push = (key: string, i: number) => (at[key] ??= []).push(i);
  for (let i = 0; i < words.length; i++) {
    const kinds = wordKinds(words[i]!);
    if (kinds === 0) continue;
    if (kinds & DATE) push('date', i);
    else if (kinds & NUMBER) push('number', i);
    if (kinds & MONEY_KIND) push('money', i);
    if (kinds & DURATION_KIND) push('duration', i);
  }
  for (const span of named) {
    if (span.kind !== 'person' && span.kind !== 'place') continue;
    for (let i = span.start; i < span.end; i++) push(span.kind, i);
  }
  return at;
}
