/**
 * "More results": the next page of the same question replaces the page shown — with chat.update where the bot can
 * write (it keeps the metadata in step), through the click's response_url where it cannot (an answer shared into a
 * conversation the bot is not in).
 */
import { AnswerState } from '../../../render/actions.ts';
import type { Audience } from '../../../render/blocks.ts';
import { writeOrRespond } from '../../click.ts';
import type { ListenerDeps } from '../../deps.ts';
import { replyTo } from '../../replies/reply.ts';
import { answerMetadata } from '../../thread.ts';
import { buttonListener } from './button.ts';

/** The `more_results` listener. */
export function moreResults(deps: ListenerDeps) {
  return buttonListener(deps, 'more results', AnswerState, async (state, click, { respond, client }) => {
    const page = (audience: Audience) =>
      replyTo(deps.engine(), state.q, { audience, origin: state.k, offset: state.o, context: state.c, shareable: click.ephemeral });
    const { channelId, messageTs } = click;
    if (click.ephemeral || !channelId || !messageTs) {
      const { text, blocks } = page(click.audience).message;
      await respond({ replace_original: true, text, blocks });
      return;
    }
    const reply = page(click.audience);
    await writeOrRespond(
      deps,
      'more results',
      // chat.update keeps the message's metadata in step with the page shown, so a follow-up reads this page.
      () =>
        deps.limits.call('chat.update', channelId, () =>
          client.chat.update({
            channel: channelId,
            ts: messageTs,
            text: reply.message.text,
            blocks: reply.message.blocks,
            metadata: answerMetadata(reply.result, click.questionTs),
          }),
        ),
      () => {
        // Not the bot's own DM: the message is in the open, so the page is rendered for the others who see it.
        const { text, blocks } = page('channel').message;
        return respond({ replace_original: true, text, blocks });
      },
    );
  });
}
