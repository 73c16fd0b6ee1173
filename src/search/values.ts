/**
 * The kinds of value a fact holds — a number, a sum of money, a date, a person — read once when the index is
 * built, so matching them against what a question wants ("how many", "when", "who is the CEO") costs nothing.
 */

export interface FactValues {
  /** A figure other than a bare year ("370 members", "15 projects", "twenty"). */
  readonly number: boolean;
  /** A sum of money ("2.6757 trillion yen", "€200"). */
  readonly money: boolean;
  /** A year or a month. */
  readonly date: boolean;
  /** A person: the fact is a person's, about one, or names one. */
  readonly person: boolean;
}

const NUMBER_WORDS =
  /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozen|half)\b/i;
const MONEY = /(\byen\b|\beuros?\b|\bEUR\b|€|\$|£|\bUSD\b|\bdollars?\b|\bpounds?\b|\b(million|billion|trillion)\b)/i;
const MONTHS = /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(tember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;
const YEAR = /^(1[89]|20)\d\d$/;

/** Reads the values a fact text holds; `person` is decided by the caller, who knows the people. */
export function valuesOf(text: string, years: readonly string[], person: boolean): FactValues {
  const figures = (text.match(/\d[\d.,]*/g) ?? []).filter((n) => !YEAR.test(n));
  const number = figures.length > 0 || NUMBER_WORDS.test(text);
  return { number, money: number && MONEY.test(text), date: years.length > 0 || MONTHS.test(text), person };
}
