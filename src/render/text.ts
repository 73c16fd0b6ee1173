/**
 * Plain-text rendering of an answer, for the command line (`cluster-bot ask`). Every piece of text goes through
 * `terminalSafe`: a question or a fact with an escape sequence in it prints the sequence, it does not run it.
 */
import type { AskResult, CitationView, Snippet } from '../search/types.ts';
import { humanDate } from './dates.ts';
import { terminalSafe } from './terminal.ts';

export interface TextStyle {
  /** Wraps a matched word (ANSI bold on a terminal, nothing in a pipe). */
  readonly mark: (word: string) => string;
}

export const PLAIN: TextStyle = { mark: (w) => w };
export const ANSI: TextStyle = { mark: (w) => `\u001b[1m${w}\u001b[22m` };

/** How each outcome of the engine is worded, the same in Slack, the console and `cluster-bot ask`. */
export const OUTCOME_WORDS = {
  answer: 'Answer',
  unsure: "I'm not sure I have the answer. These are the closest facts in my sources",
  none: 'I found nothing about that in my sources',
} as const;

/** Introduces a conflict note wherever an answer shows one: "Conflict: the paper also says 2017". */
export const CONFLICT_LABEL = 'Conflict:';

/** "ECCP discussion paper on Japan, Dec 2018 — 3.1 EU-Japan cluster cooperation …". */
export function citationLine(c: CitationView): string {
  const date = humanDate(c.date);
  const head = date ? `${c.short}, ${date}` : c.short;
  return c.section ? `${head} — ${c.section}` : head;
}

/** A snippet's text with its matched words passed through `mark`, whole tokens only (see `tokenMarks`). */
export function markedText(snippet: Snippet, mark: (word: string) => string): string {
  let out = '';
  let at = 0;
  for (const [start, end] of tokenMarks(snippet.text, snippet.marks)) {
    out += snippet.text.slice(at, start) + mark(snippet.text.slice(start, end));
    at = end;
  }
  return out + snippet.text.slice(at);
}

// Punctuation that may stand before or after a highlighted token and stays outside the mark: Slack's mrkdwn reads
// `*` as bold only at a word's edge, so `(*KBIC*),` is bold where `*LINK*-*J*` or `cfarace@*techtera*.org` is not.
const OPENING = new Set(['(', '[', '{', '"', "'", '“', '‘', '«', '‹', '¿', '¡']);
const CLOSING = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', '"', "'", '”', '’', '»', '›', '…']);

/** Addresses keep their form: a mark inside one breaks it, and around one it is not what was matched. */
function isAddress(token: string): boolean {
  return token.includes('@') || token.includes('://') || /^www\./i.test(token);
}

/**
 * The marks to show, as character ranges of `text`, sorted and apart: each whole token (a run between whitespace,
 * without the punctuation around it) that a matched range touches — the hyphenated name, the version number, the
 * word with its apostrophe — or nothing where the token is an e-mail address or a link. A mark never starts or ends
 * inside a token, so Slack always reads it as formatting.
 */
export function tokenMarks(text: string, marks: readonly (readonly [number, number])[]): Array<[number, number]> {
  if (marks.length === 0) return [];
  const out: Array<[number, number]> = [];
  for (const match of text.matchAll(/\S+/gu)) {
    let start = match.index;
    let end = start + match[0].length;
    while (start < end && OPENING.has(text[start]!)) start++;
    while (end > start && CLOSING.has(text[end - 1]!)) end--;
    if (start === end || !marks.some(([a, b]) => a < end && b > start && b > a)) continue;
    if (!isAddress(text.slice(start, end))) out.push([start, end]);
  }
  return out;
}

/** A snippet for a terminal: its text made safe piece by piece, so the style's own escape codes survive. */
function safeMarkedText(snippet: Snippet, style: TextStyle): string {
  let out = '';
  let at = 0;
  for (const [start, end] of tokenMarks(snippet.text, snippet.marks)) {
    out += terminalSafe(snippet.text.slice(at, start)) + style.mark(terminalSafe(snippet.text.slice(start, end)));
    at = end;
  }
  return out + terminalSafe(snippet.text.slice(at));
}

/** The whole answer as readable lines, in the order Slack shows it: the answer first, then what else is close. */
export function renderAnswerText(result: AskResult, style: TextStyle = PLAIN): string {
  const lines: string[] = [];
  if (!result.query) {
    lines.push('Ask a question about EU–Japan cluster cooperation, e.g. "who launched the RIT programme?"');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`Q: ${terminalSafe(result.query)}`);
  const leads = result.outcome === 'answer' && !result.listing && result.offset === 0 && result.answers.length > 0;
  if (result.answers.length === 0) lines.push(`${OUTCOME_WORDS.none}.`);
  else if (!result.answered) lines.push(`${OUTCOME_WORDS.unsure}:`);
  else if (result.listing) lines.push(`${result.total} found:`);
  const snippetLines = (snippet: Snippet, indent: string) => {
    lines.push(`${indent}${safeMarkedText(snippet, style)}`);
    lines.push(`${indent}— ${terminalSafe(citationLine(snippet.citation))}`);
    if (snippet.conflict) lines.push(`${indent}  ${CONFLICT_LABEL} ${terminalSafe(snippet.conflict)}`);
  };
  result.answers.forEach((answer, i) => {
    lines.push('');
    if (leads && i === 0) {
      const [first, ...rest] = answer.snippets;
      if (first) {
        lines.push(`${OUTCOME_WORDS.answer}: ${safeMarkedText(first, style)}`);
        lines.push(`   — ${terminalSafe(answer.title)} (${answer.kind}); ${terminalSafe(citationLine(first.citation))}`);
        if (first.conflict) lines.push(`     ${CONFLICT_LABEL} ${terminalSafe(first.conflict)}`);
      }
      for (const snippet of rest) snippetLines(snippet, '   ');
    } else {
      lines.push(`${leads ? 'Also: ' : `${result.offset + i + 1}. `}${terminalSafe(answer.title)} (${answer.kind})`);
      for (const snippet of answer.snippets) snippetLines(snippet, '   ');
    }
    if (answer.related.length > 0) lines.push(`   Related: ${answer.related.map((r) => terminalSafe(r.title)).join(', ')}`);
  });
  const more = result.total - result.offset - result.answers.length;
  if (more > 0) lines.push('', `${more} more result${more === 1 ? '' : 's'}.`);
  if (result.suggestions.length > 0) lines.push('', `Did you mean: ${result.suggestions.map((s) => terminalSafe(s)).join(', ')}?`);
  return `${lines.join('\n')}\n`;
}
