/**
 * Reading `/cluster` input (and console lines): a subcommand or a free question. Unknown or empty input is help.
 */

export type ListKind = 'mission' | 'partnership' | 'programme';

export type Request =
  | { readonly type: 'help' }
  | { readonly type: 'sources' }
  | { readonly type: 'list'; readonly of: ListKind; readonly filter?: string }
  | { readonly type: 'lookup'; readonly of: ListKind; readonly name: string; /** The subcommand as typed ("partner"). */ readonly word: string }
  | { readonly type: 'ask'; readonly question: string }
  /** Only a greeting or thanks ("hi", "thanks!", "ok thank you"): answered in kind, never searched or journaled. */
  | { readonly type: 'chat'; readonly thanks: boolean };

const LISTS: Readonly<Record<string, ListKind>> = {
  missions: 'mission',
  partners: 'partnership',
  partnerships: 'partnership',
  programmes: 'programme',
  programs: 'programme',
};

const LOOKUPS: Readonly<Record<string, ListKind>> = {
  mission: 'mission',
  partner: 'partnership',
  partnership: 'partnership',
  programme: 'programme',
  program: 'programme',
};

/** Parses the text after `/cluster` (a leading `/cluster` is accepted too, for the console). Never throws. */
export function parseCommand(input: string): Request {
  const text = String(input ?? '')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .replace(/^\/cluster(?:\s+|$)/i, '')
    .trim();
  if (!text) return { type: 'help' };
  const [first = '', ...restWords] = text.split(/\s+/);
  const word = first.toLowerCase();
  const rest = restWords.join(' ').trim();
  if (['help', '?', '-h', '--help'].includes(word)) return { type: 'help' };
  if (word === 'sources' && !rest) return { type: 'sources' };
  const list = LISTS[word];
  if (list) {
    if (!rest) return { type: 'list', of: list };
    // One filter word, perhaps after a preposition ("missions in 2023", "partners textiles"), is a list filter;
    // anything longer or typed ("missions year:2023", "partners in regenerative medicine") is a question.
    const filter = rest.replace(/^(in|from|of|at|for|since|during|with|about)\s+/i, '');
    return /^[^\s:]+$/.test(filter) ? { type: 'list', of: list, filter } : { type: 'ask', question: text };
  }
  const lookup = LOOKUPS[word];
  if (lookup) return rest ? { type: 'lookup', of: lookup, name: rest, word: first } : { type: 'list', of: lookup };
  const chat = pleasantry(text);
  if (chat) return chat;
  return { type: 'ask', question: text };
}

const GREETINGS = new Set(['hi', 'hello', 'hey', 'hiya', 'howdy', 'yo', 'morning', 'afternoon', 'evening', 'greetings']);
const THANKS = new Set(['thanks', 'thank', 'thx', 'ty', 'cheers', 'ta', 'thankyou', 'thanx']);
/** Words that may stand beside a greeting or thanks without asking anything. */
const COURTESY = new Set([
  'good', 'ok', 'okay', 'great', 'perfect', 'nice', 'cool', 'awesome', 'there', 'all', 'you', 'so', 'much', 'very',
  'a', 'lot', 'again', 'team', 'folks', 'everyone', 'bot', 'clusterbot', 'cluster', 'many', 'for', 'that', 'the', 'help',
]);

/**
 * A message that is only a greeting or thanks, in at most eight words of courtesy ("hi there", "thanks a lot!",
 * "good morning"): a person being polite, not a question, so it is not searched and not counted as unanswered.
 */
export function pleasantry(text: string): Request | undefined {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.length === 0 || words.length > 8) return undefined;
  if (!words.every((w) => GREETINGS.has(w) || THANKS.has(w) || COURTESY.has(w))) return undefined;
  const thanks = words.some((w) => THANKS.has(w));
  return thanks || words.some((w) => GREETINGS.has(w)) ? { type: 'chat', thanks } : undefined;
}
