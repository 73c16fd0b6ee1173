/**
 * A related-entity button: that entity's answer — in the DM when clicked there, otherwise privately to the clicker
 * (a busy channel is not the place for everyone's side questions).
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ActionValueError, decodeValue, RelatedState } from '../../../render/actions.ts';
import { isDirectMessage } from '../../audience.ts';
import { clickFailed, clickOf, respondPrivately } from '../../click.ts';
import type { ListenerDeps } from '../../deps.ts';
import { recordQuestion } from '../../record.ts';
import { replyTo } from '../../replies/reply.ts';
import { answerMetadata } from '../../thread.ts';

/** The `related_entity_<n>` listener. */
export function relatedEntity(deps: ListenerDeps) {
  return async function onRelatedEntity({
    ack,
    action,
    body,
    respond,
    client,
  }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> {
    await ack();
    const click = clickOf(body);
    try {
      const state = decodeValue(RelatedState, action.value);
      if (state instanceof ActionValueError) throw state;
      const engine = deps.engine();
      const entity = engine.knowledge.byId.get(state.id);
      const question = entity?.name ?? state.id;
      const inDm = isDirectMessage(click.channelId) && !click.ephemeral;
      const reply = replyTo(engine, question, { audience: 'private', origin: inDm ? 'dm' : 'slash', shareable: !inDm });
      if (inDm && click.channelId) {
        const { text, blocks } = reply.message;
        await client.chat.postMessage({
          channel: click.channelId,
          ...(click.threadTs ? { thread_ts: click.threadTs } : {}),
          text,
          blocks,
          metadata: answerMetadata(reply.result, undefined),
        });
      } else {
        await respondPrivately(respond, reply.message);
      }
      await recordQuestion(deps.journal, question, reply.result, {
        channelType: inDm ? 'dm' : 'slash',
        userId: click.userId,
        channelId: click.channelId,
      });
    } catch (error) {
      await clickFailed(deps, 'related entity', error, click, respond, client);
    }
  };
}
