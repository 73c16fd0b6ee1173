/**
 * Routes one slash command ahead of Bolt's listener chain. Bolt offers every request to each registered listener
 * in turn, and under load that routing costs more than answering a command from the cache: taking the command off
 * the front of the middleware chain is what lets `/cluster` keep pace with a minimal Bolt app (`npm run load`).
 */
import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';

type CommandListener = (args: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => Promise<void>;

/** A global middleware that hands requests for `name` to `listener` and passes everything else on. */
export function commandRoute(name: string, listener: CommandListener): Middleware<AnyMiddlewareArgs> {
  return async function routeCommand(args) {
    const body = args.body as { command?: unknown };
    if (body.command !== name) {
      await args.next();
      return;
    }
    await listener(args as unknown as AllMiddlewareArgs & SlackCommandMiddlewareArgs);
  };
}
