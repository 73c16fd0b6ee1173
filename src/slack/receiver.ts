/**
 * The HTTP receiver: Bolt's, with the check it lacks. Bolt rejects signed requests older than five minutes but accepts
 * any timestamp in the future, so a captured request dated ahead could be replayed until that time comes; such
 * requests are refused here. Bodies are capped well below Bolt's default of 4 MB.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPReceiver, type CustomRoute, type Logger } from '@slack/bolt';

/** Largest request body accepted (Slack's payloads are a few kilobytes; an interaction carries its message). */
export const BODY_LIMIT = 1024 * 1024;

/** How far a request timestamp may lie ahead of our clock. */
export const MAX_FUTURE_SECONDS = 5 * 60;

export interface ReceiverOptions {
  readonly signingSecret: string;
  readonly logger: Logger;
  readonly customRoutes: CustomRoute[];
  readonly now?: () => number;
}

/** Bolt's HTTPReceiver at `POST /slack/events`, refusing future-dated requests with 401 before any parsing. */
export function createReceiver(options: ReceiverOptions): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: ['/slack/events'],
    customRoutes: options.customRoutes,
    logger: options.logger,
    bodyLimit: BODY_LIMIT,
  });
  const now = options.now ?? Date.now;
  const inner = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && isFutureDated(req, now())) {
      options.logger.warn('refused a request whose x-slack-request-timestamp lies more than five minutes ahead');
      req.resume();
      res.writeHead(401);
      res.end();
      return;
    }
    inner(req, res);
  };
  return receiver;
}

function isFutureDated(req: IncomingMessage, nowMs: number): boolean {
  const header = req.headers['x-slack-request-timestamp'];
  const ts = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(ts) && ts > Math.floor(nowMs / 1000) + MAX_FUTURE_SECONDS;
}
