/**
 * `@cluster-bot …` in a channel: answered in a thread of the mentioning message; in a thread where the bot answered
 * before, in the context of that answer.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { isDirectMessage } from '../../audience.ts';
import { answerQuestion } from '../../conversation.ts';
import type { ListenerDeps } from '../../deps.ts';

/** The `app_mention` listener. */
export function appMention(deps: ListenerDeps) {
  return async function onAppMention({
    event,
    context,
    client,
  }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>): Promise<void> {
    // Bots (ourselves included), edits and other subtypes are not questions; direct messages are answered as such.
    if (event.bot_id || event.subtype || isDirectMessage(event.channel) || 'edited' in event) return;
    await answerQuestion(client, deps, {
      channel: event.channel,
      ts: event.ts,
      threadTs: event.thread_ts,
      replyThreadTs: event.thread_ts ?? event.ts,
      text: event.text ?? '',
      user: event.user,
      origin: event.thread_ts && event.thread_ts !== event.ts ? 'thread' : 'mention',
      retryNum: context.retryNum,
      botId: context.botId,
    });
  };
}
