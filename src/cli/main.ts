/**
 * `cluster-bot <command>`: the command-line entry. Each command lives in its own module and returns an exit code.
 */
import { askCommand } from './ask.ts';
import { benchCommand } from './bench.ts';
import { evalCommand } from './eval.ts';
import { lintCommand } from './lint.ts';
import { feedbackCommand, gapsCommand } from './reports.ts';
import { schemaCommand } from './schema.ts';
import { startCommand } from './start.ts';
import { statsCommand } from './stats.ts';
import { terminalSafe } from '../render/terminal.ts';
import { redactSecrets } from '../slack/logger.ts';
import { processIo, type Io } from './io.ts';

type Command = (args: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  ask: { run: askCommand, help: 'ask "question" [--json] [--limit N] | ask --stdin   answer questions from the knowledge' },
  bench: { run: benchCommand, help: 'bench [--rounds N]              time loading, indexing and answering; memory' },
  eval: { run: evalCommand, help: 'eval [questions.yml] [--json]   answer quality: hit@1, hit@3, MRR, declined' },
  feedback: { run: feedbackCommand, help: 'feedback [--since 7d] [--data DIR] [--json]   answers marked not helpful' },
  gaps: { run: gapsCommand, help: 'gaps [--since 7d] [--data DIR] [--json]   unanswered questions, grouped' },
  lint: { run: lintCommand, help: 'lint [dir] [--strict] [--json]   check the knowledge YAML; exit 1 on errors' },
  schema: { run: schemaCommand, help: 'schema                          print the JSON Schema for knowledge files' },
  start: { run: startCommand, help: 'start                           run the bot: Socket Mode, HTTP mode or the local console' },
  stats: { run: statsCommand, help: 'stats [dir] [--json]            entities by kind and facts by source' },
};

const USAGE = `usage: cluster-bot <command>\n\n${Object.values(COMMANDS)
  .map((c) => `  ${c.help}`)
  .join('\n')}\n`;

/** Runs one command; returns the exit code. Unexpected failures are reported, never thrown. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`cluster-bot: unknown command '${terminalSafe(name)}'\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // An unexpected error may quote a request or a URL: never let a token or the signing secret through.
    const secrets = [io.env.SLACK_BOT_TOKEN, io.env.SLACK_APP_TOKEN, io.env.SLACK_SIGNING_SECRET].filter((x): x is string => Boolean(x));
    io.err(`cluster-bot ${name}: ${terminalSafe(redactSecrets(message, secrets))}\n`);
    return 2;
  }
}
