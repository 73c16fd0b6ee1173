/**
 * Opening the App Home tab publishes the home view: what the bot knows, how to ask, example questions.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { renderHome } from '../../../render/home.ts';
import type { ListenerDeps } from '../../deps.ts';

/** The `app_home_opened` listener. */
export function appHomeOpened(deps: ListenerDeps) {
  return async function onAppHomeOpened({ event, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> {
    if (event.tab !== undefined && event.tab !== 'home') return;
    try {
      const view = renderHome(deps.engine().knowledge, deps.knowledgeStatus?.());
      await deps.limits.call('views.publish', undefined, () => client.views.publish({ user_id: event.user, view }));
    } catch (error) {
      deps.logger.error('publishing App Home failed:', error);
    }
  };
}
