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
    ? deps.limits.call('chat.postMessage', click.userId, () =>
        client.chat.postMessage({ channel: click.userId, text: notice.text, blocks: notice.blocks }),
      )
    : respondPrivately(respond, notice);
  await Promise.resolve(sent).catch(() => undefined);
}

/**
 * Web API errors that mean the bot cannot write to that conversation or message: not a member, someone else's
 * direct message (`channel_not_found`), an archived or restricted channel, a message it may not edit. The click's
 * response_url can still answer there.
 */
const CANNOT_WRITE = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'restricted_action',
  'cant_update_message',
  'message_not_found',
  'edit_window_closed',
  'access_denied',
  'team_access_not_granted',
  'ekm_access_denied',
  'messages_tab_disabled',
]);

/** True when a Web API call failed because the bot cannot write there (see `CANNOT_WRITE`). */
export function cannotWriteHere(error: unknown): boolean {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' && CANNOT_WRITE.has(data.error);
}

/**
 * Writes with the Web API and, where the bot cannot write, answers through the click's response_url instead (one
 * info line says so). Other failures are thrown. A conversation the bot cannot write to is not its own DM: what
 * `fallback` puts there in the open is seen by others.
 */
export async function writeOrRespond(
  deps: ListenerDeps,
  what: string,
  write: () => Promise<unknown>,
  fallback: () => Promise<unknown>,
): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!cannotWriteHere(error)) throw error;
    const code = (error as { data: { error: string } }).data.error;
    deps.logger.info(`${what}: Slack refused the conversation (${code}); answering through the response URL`);
    await fallback();
  }
}
