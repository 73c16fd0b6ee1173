/**
 * "Share in channel": posts the ephemeral answer for everyone (e-mail addresses redacted) and removes the private copy.
 * Where the bot cannot post (it is not a member, or the conversation is a DM between people), the click's
 * response_url posts it instead.
 */
import { AnswerState } from '../../../render/actions.ts';
import { writeOrRespond } from '../../click.ts';
import type { ListenerDeps } from '../../deps.ts';
import { replyTo } from '../../replies/reply.ts';
import { answerMetadata } from '../../thread.ts';
import { buttonListener } from './button.ts';

/** The `share_answer` listener. */
export function shareAnswer(deps: ListenerDeps) {
  return buttonListener(deps, 'share', AnswerState, async (state, click, { respond, client }) => {
    const channel = click.channelId;
    if (!channel) throw new Error('share clicked outside a conversation');
    // Shared means seen by others, in a channel or a DM between people alike: rendered again for them, not copied.
    const reply = replyTo(deps.engine(), state.q, {
      audience: 'channel',
      origin: state.k,
      offset: state.o,
      context: state.c,
      sharedBy: click.userId,
    });
    const { text, blocks } = reply.message;
    await writeOrRespond(
      deps,
      'share',
      () =>
        deps.limits.call('chat.postMessage', channel, () =>
          client.chat.postMessage({
            channel,
            text,
            blocks,
            metadata: answerMetadata(reply.result, undefined),
            unfurl_links: false,
            unfurl_media: false,
          }),
        ),
      () => respond({ response_type: 'in_channel', replace_original: false, text, blocks }),
    );
    await respond({ delete_original: true });
  });
}
