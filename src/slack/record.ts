/**
 * Journal entries for what happens in Slack. The journal decides whether user and channel ids are kept.
 */
import type { ChannelType, Journal } from '../journal/entry.ts';
import type { FeedbackState } from '../render/actions.ts';
import type { AskResult } from '../search/types.ts';

export interface Where {
  readonly channelType: ChannelType;
  readonly userId?: string | undefined;
  readonly channelId?: string | undefined;
}

function ids(where: Where): { userId?: string; channelId?: string } {
  return { ...(where.userId ? { userId: where.userId } : {}), ...(where.channelId ? { channelId: where.channelId } : {}) };
}

/** Records a question and how it was answered. */
export function recordQuestion(journal: Journal, question: string, result: AskResult | undefined, where: Where): Promise<void> {
  const top = result?.answers[0];
  return journal.record({
    type: 'question',
    time: new Date().toISOString(),
    channelType: where.channelType,
    question,
    answered: result?.answered ?? false,
    top: (result?.answers ?? []).slice(0, 3).map((a) => a.id),
    score: top?.score ?? 0,
    confidence: result?.confidence ?? 0,
    ...ids(where),
  });
}

/** Records a Helpful / Not helpful click. */
export function recordFeedback(journal: Journal, helpful: boolean, state: FeedbackState, where: Where): Promise<void> {
  return journal.record({
    type: 'feedback',
    time: new Date().toISOString(),
    channelType: where.channelType,
    helpful,
    question: state.q,
    top: state.t,
    ...ids(where),
  });
}
