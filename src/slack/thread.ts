/**
 * Stateless conversation memory: each answer the bot posts carries its entity ids and the question's timestamp in
 * the message `metadata`; reading the thread back gives a follow-up its context and tells a retry it was answered.
 */
import type { webApi } from '@slack/bolt';
import type { AskResult } from '../search/types.ts';

export const ANSWER_EVENT_TYPE = 'cluster_answer';

/** How many of an answer's entities a follow-up is read against. */
const CONTEXT_IDS = 10;

/**
 * The entity ids a follow-up to this answer is read against: the first answer's entity, which "it" in the next
 * question stands for (none for help or an empty answer). Not every entity shown: one shown second ("not sure",
 * then "how many members does it have?") would otherwise take over the topic.
 */
export function followUpContext(result: AskResult | undefined): string[] {
  const first = result?.answers[0];
  return first ? [first.id] : [];
}

/** The metadata of a posted answer. Payload values are strings: Slack accepts no arrays of strings there. */
export function answerMetadata(result: AskResult | undefined, questionTs: string | undefined) {
  return {
    event_type: ANSWER_EVENT_TYPE,
    event_payload: {
      ids: followUpContext(result).join(','),
      question_ts: questionTs ?? '',
    },
  };
}

interface ThreadMessage {
  readonly ts?: string;
  readonly bot_id?: string;
  readonly metadata?: { readonly event_type?: string; readonly event_payload?: Record<string, unknown> };
}

/** Our answers in a list of messages, oldest first. */
function answers(messages: readonly ThreadMessage[], botId: string | undefined): ThreadMessage[] {
  return messages.filter((m) => m.metadata?.event_type === ANSWER_EVENT_TYPE && (!botId || !m.bot_id || m.bot_id === botId));
}

/** Entity ids of the last answer in the messages (the follow-up's context). */
export function lastAnswerIds(messages: readonly ThreadMessage[], botId?: string): string[] {
  const last = answers(messages, botId).at(-1);
  const ids = last?.metadata?.event_payload?.ids;
  return typeof ids === 'string' && ids
    ? ids
        .split(',')
        .filter((id) => /^[a-z0-9-]{1,80}$/.test(id))
        .slice(0, CONTEXT_IDS)
    : [];
}

/** True when one of the messages is our answer to the question posted at `questionTs`. */
export function answeredAlready(messages: readonly ThreadMessage[], questionTs: string, botId?: string): boolean {
  return answers(messages, botId).some((m) => m.metadata?.event_payload?.question_ts === questionTs);
}

/** The messages of a thread, with metadata; long threads are read to their end (at most 1,000 replies). */
export async function readThread(client: webApi.WebClient, channel: string, threadTs: string): Promise<ThreadMessage[]> {
  const out: ThreadMessage[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 5; page++) {
    const res = await client.conversations.replies({
      channel,
      ts: threadTs,
      include_all_metadata: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    out.push(...((res.messages ?? []) as ThreadMessage[]));
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return out;
}

/** Recent messages of a conversation since `oldest` (a retried direct message looks here for its answer). */
export async function readSince(client: webApi.WebClient, channel: string, oldest: string): Promise<ThreadMessage[]> {
  const res = await client.conversations.history({ channel, oldest, inclusive: true, include_all_metadata: true, limit: 50 });
  return (res.messages ?? []) as ThreadMessage[];
}
