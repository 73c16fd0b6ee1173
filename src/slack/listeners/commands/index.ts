/** Slash commands, routed ahead of the listener chain (see `route.ts`). */
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { clusterCommand } from './cluster.ts';
import { commandRoute } from './route.ts';

export function register(app: App, deps: ListenerDeps): void {
  app.use(commandRoute('/cluster', clusterCommand(deps)));
}
