/**
 * A direct message to the bot (the App's Messages tab): answered in the conversation, or in the thread it was
 * written in. Which messages are questions is decided by their subtype (`subtypes.ts`): a person's new message, one
 * with files (a screenshot with the question), a `/me` message or a thread reply sent to the conversation too.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { answerQuestion } from '../../conversation.ts';
import type { ListenerDeps } from '../../deps.ts';
import { isQuestion } from '../../subtypes.ts';
import { questionText } from '../../text.ts';

/** The fields of a `message` event this listener reads; which are present depends on the subtype. */
interface MessageFields {
  readonly subtype?: string;
  readonly channel: string;
  readonly channel_type?: string;
  readonly ts: string;
  readonly thread_ts?: string;
  readonly text?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly edited?: unknown;
  readonly files?: readonly unknown[];
}

/** The `message` listener; only `message.im` is subscribed, and only a person's question is answered. */
export function directMessage(deps: ListenerDeps) {
  return async function onDirectMessage({
    event,
    context,
    client,
  }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> {
    const message = event as unknown as MessageFields;
    if (message.channel_type !== 'im' || message.bot_id || message.edited) return;
    if (context.botUserId && message.user === context.botUserId) return;
    if (!isQuestion(message.subtype, `${message.channel}:${message.ts}`, deps.logger)) return;
    // Files alone ask nothing: a screenshot with no words is left for the person to add their question.
    if (message.files?.length && !questionText(message.text ?? '')) {
      deps.logger.debug(`${message.channel}:${message.ts}: files without text; nothing to answer`);
      return;
    }
    await answerQuestion(client, deps, {
      channel: message.channel,
      ts: message.ts,
      threadTs: message.thread_ts,
      replyThreadTs: message.thread_ts,
      text: message.text ?? '',
      user: message.user,
      origin: 'dm',
      retryNum: context.retryNum,
      botId: context.botId,
    });
  };
}
