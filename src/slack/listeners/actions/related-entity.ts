/**
 * A related-entity button: that entity's answer — in the DM when clicked there, otherwise privately to the clicker
 * (a busy channel is not the place for everyone's side questions). A DM the bot cannot post to is a conversation
 * between people: the answer goes to the clicker alone, through the click's response_url.
 */
import { RelatedState } from '../../../render/actions.ts';
import { isDirectMessage } from '../../audience.ts';
import { respondPrivately, writeOrRespond } from '../../click.ts';
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
    const channel = click.channelId;
    const inDm = isDirectMessage(channel) && !click.ephemeral;
    const privately = () =>
      respondPrivately(respond, replyTo(engine, question, { audience: 'private', origin: 'slash', shareable: true }).message);
    const answered = replyTo(engine, question, { audience: 'private', origin: inDm ? 'dm' : 'slash', shareable: !inDm });
    if (inDm && channel) {
      const { text, blocks } = answered.message;
      await writeOrRespond(
        deps,
        'related entity',
        () =>
          deps.limits.call('chat.postMessage', channel, () =>
            client.chat.postMessage({
              channel,
              ...(click.threadTs ? { thread_ts: click.threadTs } : {}),
              text,
              blocks,
              metadata: answerMetadata(answered.result, undefined),
            }),
          ),
        privately,
      );
    } else {
      await privately();
    }
    await recordQuestion(deps.journal, question, answered.result, {
      channelType: inDm ? 'dm' : 'slash',
      userId: click.userId,
      channelId: click.channelId,
    });
  });
}
