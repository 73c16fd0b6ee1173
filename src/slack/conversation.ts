/**
 * Answering a message in a conversation (a mention in a channel or thread, a direct message): once per message
 * however often Slack delivers it, in the context of the thread's last answer, never silently.
 */
import type { webApi } from '@slack/bolt';
import type { Origin } from '../render/actions.ts';
import { renderFailure } from '../render/help.ts';
import { audienceOf } from './audience.ts';
import type { ListenerDeps } from './deps.ts';
import { RateLimitError } from './rate-limits.ts';
import { recordQuestion } from './record.ts';
import { replyTo } from './replies/reply.ts';
import { questionText } from './text.ts';
import { answeredAlready, answerMetadata, lastAnswerIds, readSince, readThread } from './thread.ts';

export interface IncomingQuestion {
  readonly channel: string;
  /** The question message's timestamp. */
  readonly ts: string;
  /** The thread the message is in, if any. */
  readonly threadTs?: string | undefined;
  /** Where to answer: the thread to reply in, or none to answer in the conversation itself. */
  readonly replyThreadTs?: string | undefined;
  /** The message text as Slack sent it (escaped, with markup); read back here, once. */
  readonly text: string;
  readonly user?: string | undefined;
  readonly origin: Extract<Origin, 'mention' | 'thread' | 'dm'>;
  readonly retryNum?: number | undefined;
  readonly botId?: string | undefined;
}

/** Answers one message. Never throws: a failure is logged once and the asker gets a short notice. */
export async function answerQuestion(client: webApi.WebClient, deps: ListenerDeps, q: IncomingQuestion): Promise<void> {
  // A retry that reaches this process again is dropped here; one that reaches another replica is caught by the
  // thread check below, once the first answer is posted.
  if (!deps.seen.claim(`${q.channel}:${q.ts}`)) {
    deps.logger.debug(`already answering ${q.channel}:${q.ts}; delivery ${q.retryNum ?? 0} ignored`);
    return;
  }
  const target = { channel: q.channel, ...(q.replyThreadTs ? { thread_ts: q.replyThreadTs } : {}) };
  try {
    const inThread = Boolean(q.threadTs && q.threadTs !== q.ts);
    const readReplies = () => deps.limits.call('conversations.replies', q.channel, () => readThread(client, q.channel, q.threadTs ?? q.ts));
    const readHistory = () => deps.limits.call('conversations.history', q.channel, () => readSince(client, q.channel, q.ts));
    const thread = inThread || (q.retryNum && q.replyThreadTs) ? await readOrNothing(deps, readReplies) : [];
    if (q.retryNum) {
      const around = q.replyThreadTs ? thread : await readOrNothing(deps, readHistory);
      if (answeredAlready(around, q.ts, q.botId)) {
        deps.logger.debug(`${q.channel}:${q.ts} was answered before; retry ${q.retryNum} ignored`);
        return;
      }
    }
    const context = inThread ? lastAnswerIds(thread, q.botId) : [];
    const question = questionText(q.text);
    const reply = replyTo(deps.engine(), question, { audience: audienceOf(q.channel), origin: q.origin, context });
    await deps.limits.call('chat.postMessage', q.channel, () =>
      client.chat.postMessage({
        ...target,
        text: reply.message.text,
        blocks: reply.message.blocks,
        metadata: answerMetadata(reply.result, q.ts),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    if (reply.result)
      await recordQuestion(deps.journal, question, reply.result, { channelType: q.origin, userId: q.user, channelId: q.channel });
  } catch (error) {
    if (error instanceof RateLimitError && error.code === 'stopped') {
      deps.logger.info(`${q.channel}:${q.ts} was not answered: the app stopped while waiting out a rate limit`);
      return;
    }
    deps.logger.error(`answering ${q.channel}:${q.ts} failed:`, error);
    const notice = renderFailure();
    await deps.limits
      .call('chat.postMessage', q.channel, () => client.chat.postMessage({ ...target, text: notice.text, blocks: notice.blocks }))
      .catch(() => undefined);
  }
}

/** Reading history is a help, not a must: without it the question is answered without context. */
async function readOrNothing<T>(deps: ListenerDeps, read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read();
  } catch (error) {
    deps.logger.warn('reading the conversation failed; answering without its context:', error);
    return [];
  }
}
