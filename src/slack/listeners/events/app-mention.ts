/**
 * `@cluster-bot …` in a channel: answered in a thread of the mentioning message; in a thread where the bot answered
 * before, in the context of that answer. A mention in a thread reply also sent to the channel (`thread_broadcast`)
 * is answered in that thread too; a mention with files is answered by its text.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { isDirectMessage } from '../../audience.ts';
import { answerQuestion } from '../../conversation.ts';
import type { ListenerDeps } from '../../deps.ts';
import { isQuestion } from '../../subtypes.ts';

/** The `app_mention` listener. */
export function appMention(deps: ListenerDeps) {
  return async function onAppMention({
    event,
    context,
    client,
  }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>): Promise<void> {
    // Bots (ourselves included) and edits are not questions; direct messages are answered as such.
    if (event.bot_id || isDirectMessage(event.channel) || 'edited' in event) return;
    if (!isQuestion(event.subtype, `${event.channel}:${event.ts}`, deps.logger)) return;
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
