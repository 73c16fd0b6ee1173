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

/** "ECCP discussion paper on Japan, Dec 2018 — 3.1 EU-Japan cluster cooperation …". */
export function citationLine(c: CitationView): string {
  const date = humanDate(c.date);
  const head = date ? `${c.short}, ${date}` : c.short;
  return c.section ? `${head} — ${c.section}` : head;
}

/** A snippet's text with its matched words passed through `mark`. */
export function markedText(snippet: Snippet, mark: (word: string) => string): string {
  let out = '';
  let at = 0;
  for (const [start, end] of snippet.marks) {
    out += snippet.text.slice(at, start) + mark(snippet.text.slice(start, end));
    at = end;
  }
  return out + snippet.text.slice(at);
}

/** A snippet for a terminal: its text made safe piece by piece, so the style's own escape codes survive. */
function safeMarkedText(snippet: Snippet, style: TextStyle): string {
  let out = '';
  let at = 0;
  for (const [start, end] of snippet.marks) {
    out += terminalSafe(snippet.text.slice(at, start)) + style.mark(terminalSafe(snippet.text.slice(start, end)));
    at = end;
  }
  return out + terminalSafe(snippet.text.slice(at));
}

/** The whole answer as readable lines. */
export function renderAnswerText(result: AskResult, style: TextStyle = PLAIN): string {
  const lines: string[] = [];
  if (!result.query) {
    lines.push('Ask a question about EU–Japan cluster cooperation, e.g. "who runs the RIT programme?"');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`Q: ${terminalSafe(result.query)}`);
  if (!result.answered) {
    lines.push("I don't know that from the sources I have.");
    if (result.answers.length > 0) lines.push('Closest matches:');
  }
  result.answers.forEach((answer, i) => {
    lines.push('');
    lines.push(`${result.offset + i + 1}. ${terminalSafe(answer.title)} (${answer.kind})`);
    for (const snippet of answer.snippets.slice(0, 2)) {
      lines.push(`   ${safeMarkedText(snippet, style)}`);
      lines.push(`   — ${terminalSafe(citationLine(snippet.citation))}`);
    }
    if (answer.related.length > 0) lines.push(`   Related: ${answer.related.map((r) => terminalSafe(r.title)).join(', ')}`);
  });
  const more = result.total - result.offset - result.answers.length;
  if (more > 0) lines.push('', `${more} more result${more === 1 ? '' : 's'}.`);
  if (result.suggestions.length > 0) lines.push('', `Did you mean: ${result.suggestions.map((s) => terminalSafe(s)).join(', ')}?`);
  return `${lines.join('\n')}\n`;
}
