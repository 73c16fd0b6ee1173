/**
 * `cluster-bot <command>`: the command-line entry. Each command lives in its own module and returns an exit code.
 */
import { askCommand } from './ask.ts';
import { benchCommand } from './bench.ts';
import { evalCommand } from './eval.ts';
import { fitCommand } from './fit.ts';
import { lintCommand } from './lint.ts';
import { feedbackCommand, gapsCommand } from './reports.ts';
import { schemaCommand } from './schema.ts';
import { startCommand } from './start.ts';
import { statsCommand } from './stats.ts';
import { terminalSafe } from '../render/terminal.ts';
import { closest } from '../knowledge/similar.ts';
import { redactSecrets } from '../slack/logger.ts';
import { processIo, type Io } from './io.ts';

type Command = (args: string[], io: Io) => Promise<number>;

interface CommandHelp {
  readonly run: Command;
  /** One line per way to call it, with every option it takes. */
  readonly usage: readonly string[];
  readonly what: string;
}

const COMMANDS: Record<string, CommandHelp> = {
  ask: {
    run: askCommand,
    usage: ['ask "question" [--json] [--limit N] [--dir DIR]', 'ask --stdin [--limit N] [--dir DIR] < questions.txt'],
    what: 'answer questions from the knowledge; --stdin: one JSON line per question read',
  },
  bench: {
    run: benchCommand,
    usage: ['bench [--rounds N] [--scale 1,10,100] [--dir DIR]'],
    what: 'time loading, indexing, answering and reloading, and the heap, beside plain MiniSearch; --scale: the knowledge copied N times',
  },
  eval: {
    run: evalCommand,
    usage: ['eval [questions.yml] [--json] [--quick] [--dir DIR]', 'eval --blind [set …] [--json] [--dir DIR]'],
    what: 'answer quality by kind of question, beside a plain MiniSearch; --blind: figures only, for the sealed sets',
  },
  fit: {
    run: fitCommand,
    usage: ['fit [questions.yml] [--write] [--dir DIR]'],
    what: 'fit the scoring and decision weights on the tuning questions; --write: save them to src/search/model.ts',
  },
  feedback: { run: feedbackCommand, usage: ['feedback [--since 7d] [--data DIR] [--json]'], what: 'answers users marked not helpful' },
  gaps: { run: gapsCommand, usage: ['gaps [--since 7d] [--data DIR] [--json]'], what: 'questions that found no answer, grouped by wording' },
  lint: {
    run: lintCommand,
    usage: ['lint [dir | --dir DIR] [--strict] [--json] [--source-texts DIR] [--changed REF] [--questions FILE]'],
    what: 'check the knowledge YAML and its figures against the sources (exit 1 on errors); --changed: evaluation questions whose top answer changes since REF',
  },
  schema: { run: schemaCommand, usage: ['schema'], what: 'print the JSON Schema for knowledge files' },
  start: { run: startCommand, usage: ['start'], what: 'run the bot: Socket Mode, HTTP mode or the local console, as the environment says' },
  stats: { run: statsCommand, usage: ['stats [dir | --dir DIR] [--json]'], what: 'entities by kind and facts by source' },
};

function commandHelp(command: CommandHelp): string {
  return `${command.usage.map((u) => `  cluster-bot ${u}`).join('\n')}\n      ${command.what}\n`;
}

/** The whole usage text: every command with every option, as `--help` prints it. */
export const USAGE = `usage: cluster-bot <command> [options]     (cluster-bot <command> --help for one)\n\n${Object.values(COMMANDS)
  .map((c) => commandHelp(c))
  .join('\n')}
Environment: KNOWLEDGE_DIR (default ./knowledge), DATA_DIR (default ./data); for start also the Slack variables,
PORT, LOG_LEVEL, LOG_USER_IDS and SLACK_API_URL (docs/slack.md).
In the repository: npm run eval and npm run bench run eval and bench (options after --);
npm run load -- [--duration 60] [--connections 10] [--events 15] [--pipelining 1] [--reloads 0] [--reloads-only]
puts the app under signed Slack requests beside a minimal Bolt app (--reloads N: also p99 with a knowledge file edited
every N seconds against steady p99); npm run cold-start times start-up.
`;

/**
 * A mistyped option, as node's argument parser reports it, said in one line with the option meant:
 * "unknown option --jsn (did you mean --json?)". Undefined for any other error.
 */
function usageProblem(error: unknown, command: CommandHelp): string | undefined {
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'(-[^']*)'/.exec(message)?.[1] ?? '';
    const known = [...new Set(command.usage.join(' ').match(/--[a-z-]+/g) ?? [])];
    const meant = closest(option, known, 2)[0];
    return `unknown option ${option}${meant ? ` (did you mean ${meant}?)` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // Node's message runs over several lines ("…is ambiguous.\nDid you forget…"): one line is enough.
    const option = /'(-[^']*)'/.exec(message)?.[1];
    if (option && /ambiguous/.test(message)) return `option ${option} needs a value (one starting with "-" is written ${option}=-…)`;
    return message.split('\n')[0]!.replace(/\.$/, '').replace(/^Option '([^']*)'.*argument missing$/, 'option $1 needs a value');
  }
  return undefined;
}

/** Runs one command; returns the exit code. Unexpected failures are reported, never thrown. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return 0;
  }
  // No command is a usage error, as for git or npm: the usage goes to standard error.
  if (name === undefined) {
    io.err(USAGE);
    return 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`cluster-bot: unknown command '${terminalSafe(name)}'\n${USAGE}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`usage:\n${commandHelp(command)}`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    // An error may quote an option, a request or a URL: never let a token or the signing secret through.
    const secrets = [io.env.SLACK_BOT_TOKEN, io.env.SLACK_APP_TOKEN, io.env.SLACK_SIGNING_SECRET].filter((x): x is string => Boolean(x));
    const usage = usageProblem(error, command);
    if (usage) {
      io.err(`cluster-bot ${name}: ${terminalSafe(redactSecrets(usage, secrets))}; see cluster-bot ${name} --help\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`cluster-bot ${name}: ${terminalSafe(redactSecrets(message, secrets))}\n`);
    return 2;
  }
}
