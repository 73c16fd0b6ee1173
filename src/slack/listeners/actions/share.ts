/**
 * "Share in channel": posts the ephemeral answer for everyone (e-mail addresses redacted) and removes the private copy.
 */
import { AnswerState } from '../../../render/actions.ts';
import { audienceOf } from '../../audience.ts';
import { notInChannel } from '../../click.ts';
import type { ListenerDeps } from '../../deps.ts';
import { replyTo } from '../../replies/reply.ts';
import { answerMetadata } from '../../thread.ts';
import { buttonListener } from './button.ts';

/** The `share_answer` listener. */
export function shareAnswer(deps: ListenerDeps) {
  return buttonListener(deps, 'share', AnswerState, async (state, click, { respond, client }) => {
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
  });
}
