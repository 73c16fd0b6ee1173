/** Slash commands. */
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { clusterCommand } from './cluster.ts';

export function register(app: App, deps: ListenerDeps): void {
  app.command('/cluster', clusterCommand(deps));
}
