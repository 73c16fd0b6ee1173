/**
 * The local console: `/cluster` input read from a stream and answered as readable text, with the same parsing and
 * rendering as Slack. Interactive on a terminal (a prompt, "more" for the next page); line by line otherwise,
 * ending at the end of input.
 */
import { createInterface } from 'node:readline';
import type { Journal } from '../journal/entry.ts';
import { renderConsole } from '../render/console.ts';
import { ANSI, PLAIN } from '../render/text.ts';
import type { Engine } from '../search/engine.ts';
import { recordQuestion } from './record.ts';
import { replyTo } from './replies/reply.ts';

export interface ConsoleOptions {
  readonly engine: () => Engine;
  readonly journal: Journal;
  readonly input: NodeJS.ReadableStream;
  readonly write: (text: string) => void;
  /** A terminal: show a prompt and bold matched words. */
  readonly interactive: boolean;
}

/** Answers lines until the input ends (or "quit" on a terminal). */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const style = options.interactive ? ANSI : PLAIN;
  const lines = createInterface({ input: options.input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  const prompt = () => options.interactive && options.write('cluster> ');
  let last: { command: string; next: number } | undefined;
  prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (options.interactive && /^(quit|exit|:q)$/i.test(line)) break;
    if (!line) {
      prompt();
      continue;
    }
    const paging = /^more$/i.test(line) && last !== undefined;
    const command = paging && last ? last.command : line;
    const offset = paging && last ? last.next : 0;
    const reply = replyTo(options.engine(), command, { audience: 'private', origin: 'console', offset });
    options.write(renderConsole(reply.message, style));
    options.write('\n');
    last = reply.result ? { command, next: reply.result.offset + reply.result.answers.length } : undefined;
    if (reply.result && !paging) await recordQuestion(options.journal, command, reply.result, { channelType: 'console' });
    prompt();
  }
}
