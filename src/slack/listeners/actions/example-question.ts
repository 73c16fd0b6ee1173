/**
 * An example-question button in App Home: the question is asked for the user, and answered in their DM with the bot.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ActionValueError, AnswerState, decodeValue } from '../../../render/actions.ts';
import { clickFailed, clickOf } from '../../click.ts';
import type { ListenerDeps } from '../../deps.ts';
import { recordQuestion } from '../../record.ts';
import { replyTo } from '../../replies/reply.ts';
import { answerMetadata } from '../../thread.ts';

/** The `example_question_<n>` listener. */
export function exampleQuestion(deps: ListenerDeps) {
  return async function onExampleQuestion({
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
      const reply = replyTo(deps.engine(), state.q, { audience: 'private', origin: 'home' });
      // A user id as the channel posts into the user's conversation with the app (its Messages tab).
      await client.chat.postMessage({
        channel: click.userId,
        text: reply.message.text,
        blocks: reply.message.blocks,
        metadata: answerMetadata(reply.result, undefined),
      });
      await recordQuestion(deps.journal, state.q, reply.result, { channelType: 'home', userId: click.userId });
    } catch (error) {
      await clickFailed(deps, 'example question', error, { ...click, fromHome: true }, respond, client);
    }
  };
}
