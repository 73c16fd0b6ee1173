/**
 * An example-question button in App Home: the question is asked for the user, and answered in their DM with the bot.
 */
import { AnswerState } from '../../../render/actions.ts';
import type { ListenerDeps } from '../../deps.ts';
import { recordQuestion } from '../../record.ts';
import { replyTo } from '../../replies/reply.ts';
import { answerMetadata } from '../../thread.ts';
import { buttonListener } from './button.ts';

/** The `example_question_<n>` listener. */
export function exampleQuestion(deps: ListenerDeps) {
  return buttonListener(deps, 'example question', AnswerState, async (state, click, { client }) => {
    const reply = replyTo(deps.engine(), state.q, { audience: 'private', origin: 'home' });
    // A user id as the channel posts into the user's conversation with the app (its Messages tab).
    await deps.limits.call('chat.postMessage', click.userId, () =>
      client.chat.postMessage({
        channel: click.userId,
        text: reply.message.text,
        blocks: reply.message.blocks,
        metadata: answerMetadata(reply.result, undefined),
      }),
    );
    await recordQuestion(deps.journal, state.q, reply.result, { channelType: 'home', userId: click.userId });
  });
}
