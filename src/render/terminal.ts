/**
 * Text for a terminal. What users type in Slack reaches a maintainer's terminal through the reports, the console and
 * the logs; knowledge files can hold anything a pull request put there. A terminal obeys the escape sequences and
 * control bytes in such text (colours, a window title, a cleared screen, a hyperlink, a reordered line), so every
 * command prints it through here, where each one becomes a visible escape such as `\x1b` or `\u202e`.
 */

// C0 controls, DEL and C1 controls (U+009B is read as ESC [ by some terminals); the bidirectional embeddings,
// overrides and isolates and the marks that reorder a line ("Trojan Source"); the line and paragraph separators;
// and half a surrogate pair, which a terminal shows as nothing or as garbage.
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const UNSAFE_KEEP_LINES =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const SHORT: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function visible(char: string): string {
  const short = SHORT[char];
  if (short) return short;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text safe to print on a terminal: control characters, escape sequences, direction marks and line separators shown
 * as visible escapes (`\x1b[31m` prints as those seven characters, a newline as `\n`). With `lines`, newlines are
 * kept as line breaks (for text of several lines whose breaks are ours). Printable text is unchanged.
 */
export function terminalSafe(text: string, options: { readonly lines?: boolean } = {}): string {
  return String(text ?? '').replace(options.lines ? UNSAFE_KEEP_LINES : UNSAFE, visible);
}

/**
 * One value as a line of JSON that is also safe on a terminal: the characters `terminalSafe` escapes are written as
 * `\uXXXX` (JSON.stringify leaves DEL, C1 controls and direction marks raw), so the line parses to the same value.
 */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
