/**
 * Figures and years in prose: what the figure check compares between a fact and its cited section. A figure is a
 * number written in digits ("370", "3,300", "48.6%", "2014-2020" gives two) or a count in words from two to twenty
 * ("nine" is 9). "One" is left out: it is a pronoun as often as a number.
 */

/** One figure: its value as the check compares it ("3300", "48.6", "9") and where it stands in the text. */
export interface Figure {
  readonly value: string;
  /** The figure as written ("3,300", "nine"). */
  readonly raw: string;
  readonly index: number;
}

const WORDS: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
};

const FIGURE = new RegExp(`\\d+(?:[.,]\\d+)*|\\b(?:${Object.keys(WORDS).join('|')})\\b`, 'gi');

/** Every figure in `text`, in order. Thousands separators are dropped ("3,300" is 3300); decimals are kept. */
export function figuresIn(text: string): Figure[] {
  const out: Figure[] = [];
  for (const match of text.matchAll(FIGURE)) {
    const raw = match[0];
    out.push({ value: figureValue(raw), raw, index: match.index });
  }
  return out;
}

/** The set of figure values in `text`. */
export function figureSet(text: string): Set<string> {
  return new Set(figuresIn(text).map((f) => f.value));
}

function figureValue(raw: string): string {
  const word = WORDS[raw.toLowerCase()];
  if (word !== undefined) return String(word);
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(raw)) return raw.replace(/,/g, '');
  // "2,3" is not a thousands figure: compare it as written, with a point.
  return raw.replace(/,/g, '.');
}
