/**
 * A related-entity button: that entity's answer — in the DM when clicked there, otherwise privately to the clicker
 * (a busy channel is not the place for everyone's side questions).
 */
import { RelatedState } from '../../../render/actions.ts';
import { isDirectMessage } from '../../audience.ts';
import { respondPrivately } from '../../click.ts';
import type { ListenerDeps } from '../../deps.ts';
import { recordQuestion } from '../../record.ts';
import { replyTo } from '../../replies/reply.ts';
import { answerMetadata } from '../../thread.ts';
import { buttonListener } from './button.ts';

/** The `related_entity_<n>` listener. */
export function relatedEntity(deps: ListenerDeps) {
  return buttonListener(deps, 'related entity', RelatedState, async (state, click, { respond, client }) => {
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
  });
}
