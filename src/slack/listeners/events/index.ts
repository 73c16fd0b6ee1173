/** Events API subscriptions: `app_mention`, `message.im`, `app_home_opened`. */
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { appHomeOpened } from './app-home-opened.ts';
import { appMention } from './app-mention.ts';
import { directMessage } from './direct-message.ts';

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_mention', appMention(deps));
  app.event('message', directMessage(deps));
  app.event('app_home_opened', appHomeOpened(deps));
}
