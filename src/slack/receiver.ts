/**
 * The HTTP receiver: Bolt's, with the check it lacks. Bolt rejects signed requests older than five minutes but accepts
 * any timestamp in the future, so a captured request dated ahead could be replayed until that time comes; such
 * requests are refused here. Bodies are capped well below Bolt's default of 4 MB; a body declared larger is refused
 * before it is read, and a refused body never keeps its connection open.
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
    if (req.method !== 'POST') return inner(req, res);
    if (declaredLength(req) > BODY_LIMIT) {
      options.logger.warn(`refused a request body of ${declaredLength(req)} bytes (limit: ${BODY_LIMIT} bytes)`);
      return refuse(req, res, 413);
    }
    if (isFutureDated(req, now())) {
      options.logger.warn('refused a request whose x-slack-request-timestamp lies more than five minutes ahead');
      return refuse(req, res, 401);
    }
    inner(req, res);
    // After Bolt, whose body reader is attached synchronously: a second 'data' listener must not start the flow first.
    closeWhenOversized(req, res);
  };
  return receiver;
}

/** Answers with no body and closes the connection, so an unread body does not hold it open. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number): void {
  req.resume();
  res.writeHead(status, { connection: 'close' });
  res.end();
}

/**
 * A body sent without a length is cut off by Bolt at the limit with 413, but the connection is kept alive, waiting
 * for the rest; counting alongside Bolt's reader lets that 413 close it instead.
 */
function closeWhenOversized(req: IncomingMessage, res: ServerResponse): void {
  let received = 0;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received <= BODY_LIMIT) return;
    req.off('data', count);
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  req.on('data', count);
}

function declaredLength(req: IncomingMessage): number {
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) ? length : 0;
}

function isFutureDated(req: IncomingMessage, nowMs: number): boolean {
  const header = req.headers['x-slack-request-timestamp'];
  const ts = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(ts) && ts > Math.floor(nowMs / 1000) + MAX_FUTURE_SECONDS;
}
