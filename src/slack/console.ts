/**
 * The local console: `/cluster` input read from a stream and answered as readable text, with the same parsing and
 * rendering as Slack. On a terminal it is a line editor with a prompt that behaves like node's REPL: `quit`, `exit`
 * and Ctrl-D end it, Ctrl-C clears the line being typed, and on an empty line says how to leave (a second Ctrl-C
 * leaves). Otherwise lines are answered one by one until the input ends. Follow-ups are read against the last
 * answer, as in a Slack thread.
 */
import { clearScreenDown, createInterface, cursorTo, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Journal } from '../journal/entry.ts';
import { renderConsole } from '../render/console.ts';
import { ANSI, PLAIN } from '../render/text.ts';
import type { Engine } from '../search/engine.ts';
import { recordQuestion } from './record.ts';
import { replyTo } from './replies/reply.ts';
import { followUpContext } from './thread.ts';

export interface ConsoleOptions {
  readonly engine: () => Engine;
  readonly journal: Journal;
  readonly input: NodeJS.ReadableStream;
  readonly write: (text: string) => void;
  /** A terminal: line editing, a prompt, Ctrl-C and Ctrl-D as in node's REPL, bold matched words. */
  readonly interactive: boolean;
  /** Where the line editor prompts and echoes (interactive only); by default a stream over `write`. */
  readonly output?: NodeJS.WritableStream;
  /** Ends the console at the next line (the process is asked to stop, or nobody reads the output any more). */
  readonly stop?: AbortSignal;
}

/**
 * The console's own words: they steer the console and are not questions, so they are never journaled. Their
 * spellings follow shells and node's REPL.
 */
export const CONSOLE_WORDS = {
  quit: ['quit', 'exit', ':q', '.exit'],
  clear: ['clear', 'cls', '.clear'],
  more: ['more'],
} as const;

const wordOf = (line: string): keyof typeof CONSOLE_WORDS | undefined => {
  const word = line.trim().toLowerCase();
  for (const [name, spellings] of Object.entries(CONSOLE_WORDS)) {
    if ((spellings as readonly string[]).includes(word)) return name as keyof typeof CONSOLE_WORDS;
  }
  return undefined;
};

export const PROMPT = 'cluster> ';
/** Said when Ctrl-C is pressed on an empty line (node's REPL says the same of its own keys). */
export const HOW_TO_LEAVE = '(To exit, press Ctrl-C again or Ctrl-D, or type quit)';

/** Answers lines until the input ends, a quit word, Ctrl-D, two Ctrl-C in a row or `stop`. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const style = options.interactive ? ANSI : PLAIN;
  const output =
    options.output ??
    new Writable({
      write(chunk, _encoding, done) {
        options.write(String(chunk));
        done();
      },
    });
  const lines = options.interactive
    ? createInterface({ input: options.input, output, terminal: true, prompt: PROMPT, historySize: 200 })
    : createInterface({ input: options.input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  let leftBy: 'word' | 'keys' | 'end' = 'end';
  if (options.interactive) handleInterrupt(lines, options.input, output, () => (leftBy = 'keys'));
  const onStop = () => lines.close();
  if (options.stop?.aborted) lines.close();
  options.stop?.addEventListener('abort', onStop, { once: true });

  // The topic, as a Slack thread keeps it: the entity ids of the last answer shown.
  let context: string[] = [];
  let last: { command: string; next: number; total: number } | undefined;
  // Whether anything was asked yet: "more" after a list or a last page has nothing further, which is not "ask first".
  let asked = false;
  const prompt = () => options.interactive && lines.prompt();
  prompt();
  try {
    for await (const raw of lines) {
      if (options.stop?.aborted) break;
      const line = raw.trim();
      const word = wordOf(line);
      if (word === 'quit') {
        leftBy = 'word';
        break;
      }
      if (!line) {
        prompt();
        continue;
      }
      if (word === 'clear') {
        // On a terminal the screen is cleared; in a pipe there is no screen, and the word is skipped.
        if (options.interactive) {
          cursorTo(output, 0, 0);
          clearScreenDown(output);
        }
        prompt();
        continue;
      }
      if (word === 'more' && (!last || last.next >= last.total)) {
        options.write(
          asked
            ? 'No more results: everything found for that was shown.\n\n'
            : 'Nothing to page yet: ask a question first, then "more" shows the next results.\n\n',
        );
        prompt();
        continue;
      }
      const paging = word === 'more' && last !== undefined;
      const command = paging && last ? last.command : line;
      const offset = paging && last ? last.next : 0;
      const reply = replyTo(options.engine(), command, { audience: 'private', origin: 'console', offset, context });
      options.write(renderConsole(reply.message, style));
      options.write('\n');
      last = reply.result ? { command, next: reply.result.offset + reply.result.answers.length, total: reply.result.total } : undefined;
      asked = true;
      if (!paging) {
        context = followUpContext(reply.result);
        if (reply.result) await recordQuestion(options.journal, command, reply.result, { channelType: 'console' });
      }
      prompt();
    }
  } finally {
    options.stop?.removeEventListener('abort', onStop);
    lines.close();
  }
  // Ctrl-D and Ctrl-C leave the cursor after the prompt: end the line so the shell's prompt starts afresh.
  if (options.interactive && leftBy !== 'word') output.write('\n');
}

/**
 * Ctrl-C as in node's REPL: with text typed, the line is cleared; on an empty line the first press says how to
 * leave and a second press in a row leaves. Any other key in between starts the count again.
 */
function handleInterrupt(lines: Interface, input: NodeJS.ReadableStream, output: NodeJS.WritableStream, onLeave: () => void): void {
  let armed = false;
  lines.on('SIGINT', () => {
    if (lines.line.length > 0) {
      armed = false;
      // Ctrl-E then Ctrl-U: to the end of the line, then delete everything before the cursor (documented keys).
      lines.write(null, { ctrl: true, name: 'e' });
      lines.write(null, { ctrl: true, name: 'u' });
      return;
    }
    if (armed) {
      onLeave();
      lines.close();
      return;
    }
    armed = true;
    output.write(`\n${HOW_TO_LEAVE}\n`);
    lines.prompt();
  });
  lines.on('line', () => {
    armed = false;
  });
  // A key typed after the first Ctrl-C disarms it, as in the REPL: a later Ctrl-C on an empty line warns again.
  input.on('keypress', (_s: string, key: { name?: string; ctrl?: boolean } | undefined) => {
    if (!(key?.ctrl && key.name === 'c')) armed = false;
  });
}
