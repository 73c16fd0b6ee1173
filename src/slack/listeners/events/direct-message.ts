/**
 * A direct message to the bot (the App's Messages tab): answered in the conversation, or in the thread it was
 * written in.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { answerQuestion } from '../../conversation.ts';
import type { ListenerDeps } from '../../deps.ts';

/** The `message` listener; only `message.im` is subscribed, and anything but a person's new message is ignored. */
export function directMessage(deps: ListenerDeps) {
  return async function onDirectMessage({
    event,
    context,
    client,
  }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> {
    if (event.channel_type !== 'im' || event.subtype !== undefined || event.bot_id || event.edited) return;
    if (context.botUserId && event.user === context.botUserId) return;
    await answerQuestion(client, deps, {
      channel: event.channel,
      ts: event.ts,
      threadTs: event.thread_ts,
      replyThreadTs: event.thread_ts,
      text: event.text ?? '',
      user: event.user,
      origin: 'dm',
      retryNum: context.retryNum,
      botId: context.botId,
    });
  };
}
