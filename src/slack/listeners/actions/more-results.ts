/**
 * "More results": the next page of the same question replaces the page shown.
 */
import { AnswerState } from '../../../render/actions.ts';
import type { ListenerDeps } from '../../deps.ts';
import { replyTo } from '../../replies/reply.ts';
import { answerMetadata } from '../../thread.ts';
import { buttonListener } from './button.ts';

/** The `more_results` listener. */
export function moreResults(deps: ListenerDeps) {
  return buttonListener(deps, 'more results', AnswerState, async (state, click, { respond, client }) => {
    const reply = replyTo(deps.engine(), state.q, {
      audience: click.audience,
      origin: state.k,
      offset: state.o,
      context: state.c,
      shareable: click.ephemeral,
    });
    const { text, blocks } = reply.message;
    if (click.ephemeral || !click.channelId || !click.messageTs) {
      await respond({ replace_original: true, text, blocks });
    } else {
      // chat.update keeps the message's metadata in step with the page shown, so a follow-up reads this page.
      await client.chat.update({
        channel: click.channelId,
        ts: click.messageTs,
        text,
        blocks,
        metadata: answerMetadata(reply.result, click.questionTs),
      });
    }
  });
}
