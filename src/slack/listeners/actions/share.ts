/**
 * "Share in channel": posts the ephemeral answer for everyone (e-mail addresses redacted) and removes the private copy.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ActionValueError, AnswerState, decodeValue } from '../../../render/actions.ts';
import { audienceOf } from '../../audience.ts';
import { clickFailed, clickOf, notInChannel } from '../../click.ts';
import type { ListenerDeps } from '../../deps.ts';
import { replyTo } from '../../replies/reply.ts';
import { answerMetadata } from '../../thread.ts';

/** The `share_answer` listener. */
export function shareAnswer(deps: ListenerDeps) {
  return async function onShare({
    ack,
    action,
    body,
    respond,
    client,
  }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> {
    await ack();
    const click = clickOf(body);
    try {
      const state = decodeValue(AnswerState, action.value);
      if (state instanceof ActionValueError) throw state;
      if (!click.channelId) throw new Error('share clicked outside a conversation');
      // Shared means seen by the channel: rendered again for that audience rather than copied.
      const reply = replyTo(deps.engine(), state.q, {
        audience: audienceOf(click.channelId),
        origin: state.k,
        offset: state.o,
        context: state.c,
        sharedBy: click.userId,
      });
      const { text, blocks } = reply.message;
      try {
        await client.chat.postMessage({
          channel: click.channelId,
          text,
          blocks,
          metadata: answerMetadata(reply.result, undefined),
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (error) {
        // The bot need not be a member of every channel /cluster is used in; the response URL can post there.
        if (!notInChannel(error)) throw error;
        await respond({ response_type: 'in_channel', replace_original: false, text, blocks });
      }
      await respond({ delete_original: true });
    } catch (error) {
      await clickFailed(deps, 'share', error, click, respond, client);
    }
  };
}
