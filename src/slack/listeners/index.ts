/**
 * Registers every listener, grouped by kind. The entry point calls this once; listeners get their dependencies here.
 */
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import * as actions from './actions/index.ts';
import * as commands from './commands/index.ts';
import * as events from './events/index.ts';

export type { ListenerDeps } from '../deps.ts';

export function registerListeners(app: App, deps: ListenerDeps): void {
  commands.register(app, deps);
  events.register(app, deps);
  actions.register(app, deps);
}
