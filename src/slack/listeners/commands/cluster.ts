/**
 * `/cluster …`: answered ephemerally in the acknowledgement itself, with a Share button. The engine answers in
 * milliseconds, far inside Slack's three seconds, and an answer in the acknowledgement reaches the user with no
 * second round trip (and no response_url call that could fail).
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { renderFailure } from '../../../render/help.ts';
import type { ListenerDeps } from '../../deps.ts';
import { recordQuestion } from '../../record.ts';
import { replyTo } from '../../replies/reply.ts';
import { fromSlackText } from '../../text.ts';

/** The `/cluster` listener. */
export function clusterCommand(deps: ListenerDeps) {
  return async function cluster({ command, ack }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> {
    // Slack escapes the command text as it does messages: read it back once, here.
    const text = fromSlackText(command.text ?? '');
    let reply: ReturnType<typeof replyTo>;
    try {
      reply = replyTo(deps.engine(), text, { audience: 'private', origin: 'slash', shareable: true });
    } catch (error) {
      deps.logger.error('/cluster failed:', error);
      const notice = renderFailure();
      await ack({ response_type: 'ephemeral', text: notice.text, blocks: notice.blocks });
      return;
    }
    await ack({ response_type: 'ephemeral', text: reply.message.text, blocks: reply.message.blocks });
    if (reply.result) {
      await recordQuestion(deps.journal, text, reply.result, {
        channelType: 'slash',
        userId: command.user_id,
        channelId: command.channel_id,
      });
    }
  };
}
