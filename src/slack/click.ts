/**
 * What a button click tells us about where it happened, and the fallback reply when handling it fails.
 */
import type { BlockAction, RespondFn, webApi } from '@slack/bolt';
import type { Message } from '../render/blocks.ts';
import { renderFailure } from '../render/help.ts';
import { audienceOf } from './audience.ts';
import type { Audience } from '../render/blocks.ts';
import type { ListenerDeps } from './deps.ts';

export interface Click {
  readonly userId: string;
  readonly channelId?: string;
  /** The clicked message was ephemeral (a `/cluster` reply). */
  readonly ephemeral: boolean;
  readonly messageTs?: string;
  readonly threadTs?: string;
  /** The click came from the App Home tab (no message, no response URL). */
  readonly fromHome: boolean;
  readonly audience: Audience;
  /** The question timestamp stored in the clicked answer's metadata, when Slack sent it along. */
  readonly questionTs?: string;
}

/** Reads the container of a block action. */
export function clickOf(body: BlockAction): Click {
  const container = (body.container ?? {}) as Record<string, unknown>;
  const ephemeral = container.is_ephemeral === true;
  const channelId = body.channel?.id ?? (typeof container.channel_id === 'string' ? container.channel_id : undefined);
  const messageTs = body.message?.ts ?? (typeof container.message_ts === 'string' ? container.message_ts : undefined);
  const threadTs =
    typeof body.message?.thread_ts === 'string'
      ? body.message.thread_ts
      : typeof container.thread_ts === 'string'
        ? container.thread_ts
        : undefined;
  const questionTs = body.message?.metadata?.event_payload?.question_ts;
  return {
    userId: body.user.id,
    ...(channelId ? { channelId } : {}),
    ephemeral,
    ...(messageTs ? { messageTs } : {}),
    ...(threadTs ? { threadTs } : {}),
    fromHome: container.type === 'view' || body.view?.type === 'home',
    audience: audienceOf(channelId, ephemeral),
    ...(typeof questionTs === 'string' && questionTs ? { questionTs } : {}),
  };
}

/** Sends a message only the clicker sees, as a new message under the clicked one. */
export async function respondPrivately(respond: RespondFn, message: Message): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
}

/** Logs a failed click once and tells the clicker, in the DM for App Home clicks. */
export async function clickFailed(
  deps: ListenerDeps,
  what: string,
  error: unknown,
  click: Click,
  respond: RespondFn,
  client: webApi.WebClient,
): Promise<void> {
  deps.logger.error(`${what} failed:`, error);
  const notice = renderFailure();
  const sent = click.fromHome
    ? client.chat.postMessage({ channel: click.userId, text: notice.text, blocks: notice.blocks })
    : respondPrivately(respond, notice);
  await Promise.resolve(sent).catch(() => undefined);
}

/** True when a Web API call failed because the bot is not in the channel. */
export function notInChannel(error: unknown): boolean {
  const data = (error as { data?: { error?: string } } | undefined)?.data;
  return data?.error === 'not_in_channel' || data?.error === 'channel_not_found';
}
