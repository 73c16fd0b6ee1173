/**
 * Block Kit rendering of an answer. Pure functions: an `AskResult` in, a message (`text` fallback and `blocks`) out,
 * always within Slack's limits and with every piece of user or knowledge text escaped.
 */
import type { ActionsBlock, Button, ContextBlock, KnownBlock, MrkdwnElement, PlainTextElement, SectionBlock } from '@slack/types';
import type { AnswerItem, AskResult, Snippet } from '../search/types.ts';
import { ACTION, encodeValue, type Origin } from './actions.ts';
import { humanDate } from './dates.ts';
import {
  BOLD_CLOSE,
  BOLD_OPEN,
  clipMrkdwn,
  clipPlain,
  escapeEcho,
  escapeMrkdwn,
  escapeUserText,
  finishBold,
  link,
  redactEmails,
  sanitize,
} from './escape.ts';
import { LIMITS } from './limits.ts';
import { CONFLICT_LABEL, citationLine, markedText, OUTCOME_WORDS } from './text.ts';

/** Who will see a message: only the asker (ephemeral reply, DM) or a whole channel (e-mail addresses redacted). */
export type Audience = 'private' | 'channel';

/** A Slack message: the blocks and the plain-text fallback Slack shows in notifications. */
export interface Message {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

export interface AnswerOptions {
  readonly audience: Audience;
  readonly origin: Origin;
  /** Offer "Share in channel" (ephemeral replies only). */
  readonly shareable?: boolean;
  /** The command to run again for More results and Share (defaults to the question). */
  readonly command?: string;
  /** The question as shown to people (defaults to `result.query`). */
  readonly question?: string;
  /** Entity ids the question was read against (a thread's last answer), carried to the next page. */
  readonly context?: readonly string[];
  /** Slack user id of the person who shared the answer into a channel. */
  readonly sharedBy?: string;
}

// ——— text objects and blocks ———

/** A mrkdwn text object; `verbatim` so Slack adds no links, channel names or mentions of its own. */
export function mrkdwn(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: finishBold(clipMrkdwn(text || ' ', max)), verbatim: true };
}

/**
 * A plain-text object, clipped. Slack does not parse plain text, but angle brackets become look-alikes anyway so
 * no client can ever read a `<!channel>` out of a label.
 */
export function plain(text: string, max: number = LIMITS.sectionText): PlainTextElement {
  const safe = clipPlain(
    String(text ?? '')
      .replace(/</g, '\u2039')
      .replace(/>/g, '\u203A')
      .replace(/@(here|channel|everyone)/gi, '@\u2060$1'),
    max,
  );
  return { type: 'plain_text', text: safe || ' ', emoji: false };
}

export function section(text: string, blockId?: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text), ...(blockId ? { block_id: blockId } : {}) };
}

export function context(texts: readonly string[], blockId?: string): ContextBlock {
  return { type: 'context', elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t)), ...(blockId ? { block_id: blockId } : {}) };
}

export function button(actionId: string, label: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId.slice(0, LIMITS.actionId),
    text: plain(label, LIMITS.buttonText),
    value: value.slice(0, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

export function actions(blockId: string, elements: readonly Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId.slice(0, LIMITS.actionId), elements: elements.slice(0, LIMITS.actionsElements) };
}

/** Puts a message together: at most `maxBlocks` blocks (the last ones kept, the middle cut) and a clipped fallback. */
export function message(text: string, blocks: readonly KnownBlock[], maxBlocks: number = LIMITS.messageBlocks): Message {
  let kept = [...blocks];
  if (kept.length > maxBlocks) {
    kept = [...kept.slice(0, maxBlocks - 1), context(['Some of this was left out to fit in one message.'])];
  }
  const fallback = clipMrkdwn(escapeMrkdwn(clipPlain(text, LIMITS.fallbackText)), LIMITS.fallbackText);
  return { text: fallback || ' ', blocks: kept };
}

// ——— answers ———

const KIND_LABEL: Readonly<Record<string, string>> = {
  organisation: 'organisation',
  mission: 'mission',
  programme: 'programme',
  partnership: 'partnership',
  market: 'market',
  place: 'place',
  person: 'person',
};

/**
 * Renders an answer, answer first: when the engine answers, the fact that answers leads, marked as the answer, with
 * its entity and citation under it; further facts and the close alternatives follow. "Not sure" leads with saying
 * so and shows the closest facts; "nothing found" says that. The question asked and how it was read close the
 * message, above paging, sharing and feedback.
 */
export function renderAnswer(result: AskResult, options: AnswerOptions): Message {
  const redact = (text: string) => (options.audience === 'channel' ? redactEmails(text) : text);
  const question = redact(sanitize(options.question ?? result.query));
  const shown = escapeEcho(question);
  const command = redact(options.command ?? result.query);
  const blocks: KnownBlock[] = [];
  const fallback: string[] = [];

  if (options.sharedBy && /^[UW][A-Z0-9]{2,20}$/.test(options.sharedBy)) {
    blocks.push(context([`Shared by <@${options.sharedBy}>`]));
  }
  const leads = leadsWithAnswer(result);
  if (!leads) {
    const lead = leadLine(result, shown);
    blocks.push(section(lead.mrkdwn, 'answer_lead'));
    fallback.push(lead.plain(question));
  }

  const footer = footerBlocks(result, options, command, question);
  const tail: KnownBlock[] = [];
  if (!result.answered && result.suggestions.length > 0) {
    tail.push(context([`Did you mean: ${result.suggestions.map((s) => escapeMrkdwn(redact(sanitize(s)))).join(', ')}?`]));
  }
  const asked = askedLine(result, shown, redact);
  if (asked) tail.push(context([asked], 'answer_question'));
  const budget = LIMITS.messageBlocks - footer.length - tail.length;

  result.answers.forEach((answer, i) => {
    const n = result.offset + i + 1;
    const lead = leads && i === 0;
    const answerBlocks = lead ? renderLeadAnswer(answer, options.audience) : renderAnswerItem(answer, n, options.audience, leads);
    if (blocks.length + answerBlocks.length > budget) return;
    blocks.push(...answerBlocks);
    const cited = answer.citations[0] ? citationLine(answer.citations[0]) : '';
    fallback.push(
      redact(lead ? `${answer.text} (${answer.title}${cited ? `; ${cited}` : ''})` : `${n}. ${answer.title}: ${answer.text}${cited ? ` (${cited})` : ''}`),
    );
  });
  blocks.push(...tail, ...footer);
  return message(fallback.join('\n'), blocks);
}

/** Whether a result leads with its answer: the engine answered a question (not a listing), on its first page. */
export function leadsWithAnswer(result: AskResult): boolean {
  return result.outcome === 'answer' && !result.listing && result.offset === 0 && result.answers.length > 0;
}

/** "You asked: “…” · Read as: kind: mission · year: 2023": what was asked and how it was read, after the answer. */
function askedLine(result: AskResult, shown: string, redact: (text: string) => string): string | undefined {
  if (!result.query) return undefined;
  const filters = Object.entries(result.filters);
  const readAs =
    filters.length > 0 ? ` · Read as: ${filters.map(([k, v]) => `${escapeUserText(k)}: ${escapeUserText(redact(v))}`).join(' · ')}` : '';
  return `You asked: “${shown}”${readAs}`;
}

function leadLine(result: AskResult, shown: string): { mrkdwn: string; plain: (question: string) => string } {
  if (!result.query) {
    return {
      mrkdwn:
        'Ask me a question about EU–Japan cluster cooperation, for example _who launched the RIT programme?_ Type `/cluster help` for more.',
      plain: () => 'Ask me a question about EU–Japan cluster cooperation.',
    };
  }
  if (result.answers.length === 0) {
    return { mrkdwn: `${OUTCOME_WORDS.none}. Try other words, or \`/cluster help\`.`, plain: () => `${OUTCOME_WORDS.none}.` };
  }
  const first = result.offset + 1;
  const end = result.offset + result.answers.length;
  const range = result.offset === 0 ? '' : first === end ? ` (result ${first} of ${result.total})` : ` (results ${first}–${end} of ${result.total})`;
  if (!result.answered) return { mrkdwn: `${OUTCOME_WORDS.unsure}${range}:`, plain: () => `${OUTCOME_WORDS.unsure}:` };
  if (result.listing) return { mrkdwn: `*“${shown}”*: ${result.total} found${range}`, plain: (q) => `“${q}”: ${result.total} found` };
  return { mrkdwn: `*More for “${shown}”*${range}`, plain: (q) => `More for “${q}”` };
}

/** The answer itself: its first snippet marked as the answer, its entity and citation, its further snippets, its buttons. */
function renderLeadAnswer(answer: AnswerItem, audience: Audience): KnownBlock[] {
  const redact = (text: string) => (audience === 'channel' ? redactEmails(text) : text);
  const blocks: KnownBlock[] = [];
  const title = `*${escapeMrkdwn(redact(sanitize(answer.title)))}*  _${KIND_LABEL[answer.kind] ?? 'entry'}_`;
  answer.snippets.forEach((snippet, i) => {
    const body = snippetMrkdwn(snippet, audience);
    blocks.push(i === 0 ? section(`*${OUTCOME_WORDS.answer}:* ${body}`, 'answer_lead') : section(body));
    const cite = citationMrkdwn(snippet, audience);
    const conflict = conflictMrkdwn(snippet, audience);
    blocks.push(context([i === 0 ? `${title} · ${cite}` : cite, ...(conflict ? [conflict] : [])]));
  });
  blocks.push(...answerButtons(answer, 1, audience, true));
  blocks.push({ type: 'divider' });
  return blocks;
}

/** One answer: a section per cited snippet (the first under the title), each with its source, then its buttons. */
function renderAnswerItem(answer: AnswerItem, n: number, audience: Audience, alternative = false): KnownBlock[] {
  const redact = (text: string) => (audience === 'channel' ? redactEmails(text) : text);
  const blocks: KnownBlock[] = [];
  const name = escapeMrkdwn(redact(sanitize(answer.title)));
  const title = `*${alternative ? `Also: ${name}` : `${n}. ${name}`}*  _${KIND_LABEL[answer.kind] ?? 'entry'}_`;
  const snippets = answer.snippets.length > 0 ? answer.snippets : [];
  if (snippets.length === 0) blocks.push(section(`${title}\n${escapeMrkdwn(redact(sanitize(answer.text)))}`));
  snippets.forEach((snippet, i) => {
    const body = snippetMrkdwn(snippet, audience);
    blocks.push(section(i === 0 ? `${title}\n${body}` : body));
    const conflict = conflictMrkdwn(snippet, audience);
    blocks.push(context(conflict ? [citationMrkdwn(snippet, audience), conflict] : [citationMrkdwn(snippet, audience)]));
  });
  blocks.push(...answerButtons(answer, n, audience, false));
  blocks.push({ type: 'divider' });
  return blocks;
}

/** Show source, "More about" the entity (under the answer itself), and its related entities. */
function answerButtons(answer: AnswerItem, n: number, audience: Audience, moreAbout: boolean): KnownBlock[] {
  const redact = (text: string) => (audience === 'channel' ? redactEmails(text) : text);
  const buttons: Button[] = [];
  const refs = uniqueRefs(answer);
  if (refs.length > 0) buttons.push(button(ACTION.source, 'Show source', encodeValue({ s: refs })));
  const related = moreAbout ? [{ id: answer.id, title: `More about ${answer.title}` }, ...answer.related] : answer.related;
  related.slice(0, 5).forEach((r, j) => {
    buttons.push(button(`${ACTION.related}_${j}`, redact(r.title), encodeValue({ id: r.id })));
  });
  return buttons.length > 0 ? [actions(`answer_${n}`, buttons)] : [];
}

/** A snippet's text, escaped, with its matched words in bold (and e-mail addresses redacted for a channel). */
export function snippetMrkdwn(snippet: Snippet, audience: Audience): string {
  let text = markedText({ ...snippet, text: sanitize(snippet.text) }, (w) => `${BOLD_OPEN}${w}${BOLD_CLOSE}`);
  if (audience === 'channel') text = redactEmails(text);
  return escapeMrkdwn(text);
}

/** "<url|ECCP discussion paper on Japan, Dec 2018 — 3.1 …> · figures as of 2013". */
export function citationMrkdwn(snippet: Snippet, audience: Audience): string {
  const c = snippet.citation;
  const plainLine = sanitize(citationLine(c));
  const line = escapeMrkdwn(audience === 'channel' ? redactEmails(plainLine) : plainLine);
  const asOf = snippet.asOf ? ` · figures as of ${escapeMrkdwn(humanDate(snippet.asOf))}` : '';
  return `${link(c.url, line)}${asOf}`;
}

/** "Conflict: the paper also says 2017" when the sources disagree about a snippet, else undefined. */
export function conflictMrkdwn(snippet: Snippet, audience: Audience): string | undefined {
  if (!snippet.conflict) return undefined;
  const note = sanitize(snippet.conflict);
  return `${CONFLICT_LABEL} ${escapeMrkdwn(audience === 'channel' ? redactEmails(note) : note)}`;
}

function uniqueRefs(answer: AnswerItem): Array<[string, string]> {
  const refs: Array<[string, string]> = [];
  for (const c of answer.citations) {
    const pair: [string, string] = [c.source, c.sectionId ?? ''];
    if (!refs.some(([s, x]) => s === pair[0] && x === pair[1])) refs.push(pair);
  }
  return refs.slice(0, 10);
}

function footerBlocks(result: AskResult, options: AnswerOptions, command: string, question: string): KnownBlock[] {
  const buttons: Button[] = [];
  const ctx = [...(options.context ?? [])].slice(0, 10);
  const more = result.total - result.offset - result.answers.length;
  if (more > 0 && result.answers.length > 0) {
    const value = encodeValue({ q: command, o: result.offset + result.answers.length, c: ctx, k: options.origin });
    buttons.push(button(ACTION.more, `More results (${more})`, value));
  }
  if (options.shareable && result.answers.length > 0) {
    buttons.push(
      button(ACTION.share, 'Share in channel', encodeValue({ q: command, o: result.offset, c: ctx, k: options.origin }), 'primary'),
    );
  }
  if (result.answers.length > 0) {
    const feedback = encodeValue({ q: question, t: result.answers.slice(0, 3).map((a) => a.id), k: options.origin });
    buttons.push(button(ACTION.helpful, 'Helpful', feedback), button(ACTION.notHelpful, 'Not helpful', feedback));
  }
  return buttons.length > 0 ? [actions('answer_footer', buttons)] : [];
}
