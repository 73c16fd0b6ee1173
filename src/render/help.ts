/**
 * Short fixed messages: help, typed filters that cannot be applied, a failure notice, thanks for feedback.
 */
import type { KnownBlock } from '@slack/types';
import type { FilterProblem } from '../search/filters.ts';
import { context, message, section, type Message } from './blocks.ts';
import { escapeEcho, escapeMrkdwn, escapeUserText, sanitize } from './escape.ts';

/** The subcommands of `/cluster`, as shown in help (and in the manifest's usage hint). */
export const COMMAND_HELP: ReadonlyArray<readonly [string, string]> = [
  ['/cluster <question>', 'ask anything, e.g. `/cluster who launched the RIT programme?`'],
  ['/cluster missions', 'missions, fairs and visits'],
  ['/cluster mission <name>', 'one mission'],
  ['/cluster partners [sector or country]', 'partnerships, e.g. `/cluster partners life-science`'],
  ['/cluster partner <name>', 'one partnership'],
  ['/cluster programmes', 'funding and cooperation programmes'],
  ['/cluster programme <name>', 'one programme'],
  ['/cluster sources', 'the documents I know, with their dates'],
  ['/cluster help', 'this help'],
];

export interface HelpOptions {
  /** What the user typed that is not a command or a name I know (echoed, escaped). */
  readonly unknown?: string;
  readonly suggestions?: readonly string[];
}

/** The reply to a greeting or thanks: one line in kind, with how to ask (for a greeting). */
export function renderPleasantry(thanks: boolean): Message {
  const text = thanks
    ? "You're welcome! Ask again any time."
    : 'Hi! Ask me about EU–Japan cluster cooperation — for example `when was KBIC founded?` — or see `/cluster help`.';
  return message(text.replace(/`/g, ''), [section(text, 'pleasantry')]);
}

/** How to use the bot; with a note when the input was not understood. */
export function renderHelp(options: HelpOptions = {}): Message {
  const blocks: KnownBlock[] = [];
  if (options.unknown !== undefined) {
    blocks.push(section(`I don't know “${escapeEcho(options.unknown)}” — neither a command nor a name in my sources.`, 'help_unknown'));
    if (options.suggestions && options.suggestions.length > 0) {
      blocks.push(context([`Did you mean: ${options.suggestions.map((s) => escapeMrkdwn(sanitize(s))).join(', ')}?`]));
    }
  }
  blocks.push(
    section(
      '*I answer questions about EU–Japan cluster cooperation* — clusters, missions, partnerships and programmes — with facts from my sources, each cited with its date.',
      'help_intro',
    ),
    section(
      COMMAND_HELP.map(([usage, what]) => `• \`${usage.replace(/</g, '&lt;').replace(/>/g, '&gt;')}\` — ${what}`).join('\n'),
      'help_commands',
    ),
    context([
      'Mention me in a channel and I answer in a thread; mention me again in that thread to follow up. Or send me a direct message.',
    ]),
  );
  const intro = options.unknown !== undefined ? `I don't know “${sanitize(options.unknown)}”. ` : '';
  return message(
    `${intro}Ask me about EU–Japan cluster cooperation: /cluster <question>, /cluster missions, /cluster partners, /cluster programmes, /cluster sources.`,
    blocks,
  );
}

/** Valid values shown at most; the rest are counted (a did-you-mean names the near one). */
const VALID_SHOWN = 20;

/**
 * Why a question was not answered: each typed filter that selects nothing (`source:nope`) or is not a filter
 * (`sorce:eccp`), with the values that would work and the nearest of them.
 */
export function renderFilterProblems(problems: readonly FilterProblem[]): Message {
  const lines = problems.map((p) => {
    const typed = `\`${escapeUserText(p.key)}:${escapeUserText(p.value)}\``;
    const shown = p.valid.slice(0, VALID_SHOWN).map((v) => `\`${escapeMrkdwn(v)}\``);
    const more = p.valid.length > VALID_SHOWN ? ` and ${p.valid.length - VALID_SHOWN} more` : '';
    // An unknown filter name is suggested with a value that filter has, never with one that would select nothing.
    const meant =
      p.code === 'unknown-key'
        ? p.suggestedValue === undefined
          ? escapeMrkdwn(p.suggestion ?? '')
          : `${escapeMrkdwn(p.suggestion ?? '')}:${escapeUserText(p.suggestedValue)}`
        : `${escapeUserText(p.key)}:${escapeMrkdwn(p.suggestion ?? '')}`;
    const mean = p.suggestion === undefined ? '' : ` Did you mean \`${meant}\`?`;
    return p.code === 'unknown-key'
      ? `${typed}: \`${escapeUserText(p.key)}\` is not a filter. Filters: ${shown.join(', ')}.${mean}`
      : `${typed} matches no fact I know. Valid values of \`${escapeUserText(p.key)}\`: ${shown.join(', ')}${more}.${mean}`;
  });
  const blocks: KnownBlock[] = [
    section(lines.join('\n'), 'filter_problems'),
    context([
      'I answer only with the filters as typed, never from other values instead. Filters are typed as `key:value`, e.g. `kind:mission year:2023`; leave one out to search everywhere.',
    ]),
  ];
  const plain = problems.map((p) => `${sanitize(p.key)}:${sanitize(p.value)} ${p.code === 'unknown-key' ? 'is not a filter' : 'matches nothing'}`).join('; ');
  return message(`${plain}.`, blocks);
}

/** A short reply when answering failed: the failure is logged, the user is never left without a word. */
export function renderFailure(): Message {
  return message('Sorry, something went wrong while answering. It has been logged; please try again in a moment.', [
    section(':warning: Sorry, something went wrong while answering. It has been logged; please try again in a moment.', 'failure'),
  ]);
}

/** Thanks for a feedback click. */
export function renderThanks(helpful: boolean): Message {
  const text = helpful
    ? 'Thanks — glad it helped. Your feedback is recorded.'
    : 'Thanks — your feedback is recorded and helps improve the answers.';
  return message(text, [context([text])]);
}
