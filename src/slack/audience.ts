/**
 * Who sees a reply. Ephemeral replies and direct messages (channel ids starting with `D`) are private; anything
 * else is posted to a channel, where e-mail addresses are redacted.
 */
import type { Audience } from '../render/blocks.ts';

export function audienceOf(channelId: string | undefined, ephemeral = false): Audience {
  return ephemeral || isDirectMessage(channelId) ? 'private' : 'channel';
}

/** True for a one-to-one conversation with the bot. */
export function isDirectMessage(channelId: string | undefined): boolean {
  return typeof channelId === 'string' && channelId.startsWith('D');
}
