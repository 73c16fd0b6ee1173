/**
 * `/cluster …`: acknowledged at once, answered ephemerally through the response URL with a Share button.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { renderFailure } from '../../../render/help.ts';
import type { ListenerDeps } from '../../deps.ts';
import { recordQuestion } from '../../record.ts';
import { replyTo } from '../../replies/reply.ts';

/** The `/cluster` listener. */
export function clusterCommand(deps: ListenerDeps) {
  return async function cluster({ command, ack, respond }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> {
    await ack();
    try {
      const reply = replyTo(deps.engine(), command.text ?? '', { audience: 'private', origin: 'slash', shareable: true });
      await respond({ response_type: 'ephemeral', text: reply.message.text, blocks: reply.message.blocks });
      if (reply.result) {
        await recordQuestion(deps.journal, command.text ?? '', reply.result, { channelType: 'slash', userId: command.user_id, channelId: command.channel_id });
      }
    } catch (error) {
      deps.logger.error('/cluster failed:', error);
      const notice = renderFailure();
      await respond({ response_type: 'ephemeral', text: notice.text, blocks: notice.blocks }).catch(() => undefined);
    }
  };
}
