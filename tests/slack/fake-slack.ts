/**
 * A small fake of the Slack Web API on 127.0.0.1: records every call, keeps posted messages (with metadata) so
 * conversations.replies and conversations.history can return them, and receives response_url posts. Faults can be
 * scripted per method: rate limiting, server errors, unreadable bodies, slow answers and dropped connections.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  /** When the call arrived (ms since the epoch). */
  readonly at: number;
  /** The fault it was answered with, if any. */
  readonly fault?: Fault['kind'];
  /** The error a refused channel was answered with, if any. */
  readonly refused?: string;
}

/** How a faulty call is answered. */
export type Fault =
  | { readonly kind: 'rate-limited'; readonly retryAfter: number }
  | { readonly kind: 'server-error'; readonly status?: number }
  | { readonly kind: 'malformed-json' }
  /** Answered normally (side effects included) after a delay. */
  | { readonly kind: 'slow'; readonly ms: number }
  | { readonly kind: 'closed-connection' };

export interface ResponsePost {
  readonly id: string;
  readonly body: Record<string, unknown>;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  user?: string;
  bot_id?: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export const BOT_USER_ID = 'UBOT0001';

/** The fields of a `/cluster` slash command as Slack sends them (form-encoded over HTTP, JSON in Socket Mode). */
export function commandPayload(text: string, fields: Record<string, string> = {}): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: 'T0001',
    team_domain: 'example',
    channel_id: 'C0000GENERAL',
    channel_name: 'general',
    user_id: 'U0000ALICE',
    user_name: 'alice',
    command: '/cluster',
    text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/response/unused',
    trigger_id: 'trigger',
    ...fields,
  };
}
export const BOT_ID = 'BBOT0001';

export interface FakeSlack {
  readonly url: string;
  readonly apiUrl: string;
  readonly calls: ApiCall[];
  readonly responses: ResponsePost[];
  readonly messages: StoredMessage[];
  /** Makes the next call of `method` answer `{ ok: false, error }`. */
  failNext(method: string, error: string): void;
  /**
   * Refuses every `chat.*` and `conversations.*` call naming `channel` with `{ ok: false, error }`, as Slack answers
   * an app that is not in a conversation (`channel_not_found` for someone else's DM, `not_in_channel`, `is_archived`).
   */
  refuseChannel(channel: string, error?: string): void;
  /**
   * Answers the next `times` calls of `method` (default 1; `Infinity` until cleared) with a fault; with `channel`,
   * only calls naming that channel (Slack limits chat.postMessage per channel).
   */
  fault(method: string, fault: Fault, times?: number, channel?: string): void;
  /** Ends the scripted faults of one method, or of all. */
  clearFaults(method?: string): void;
  /** Adds a message people wrote (a question) so threads read back as Slack would. */
  addUserMessage(message: StoredMessage): void;
  /** The WebSocket URL `apps.connections.open` hands out (Socket Mode). */
  socketUrl: string | undefined;
  responseUrl(id: string): string;
  callsTo(method: string): ApiCall[];
  reset(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Web API arguments arrive form-encoded with nested values as JSON strings, or as JSON. */
function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    out[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return out;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const responses: ResponsePost[] = [];
  const messages: StoredMessage[] = [];
  const failures = new Map<string, string>();
  const refusals = new Map<string, string>();
  const faults = new Map<string, { fault: Fault; left: number; channel?: string }>();
  const takeFault = (method: string, channel: unknown): Fault | undefined => {
    const scripted = faults.get(method);
    if (!scripted) return undefined;
    if (scripted.channel !== undefined && scripted.channel !== channel) return undefined;
    if (--scripted.left <= 0) faults.delete(method);
    return scripted.fault;
  };
  let clock = 1_900_000_000; // later than any question the tests send, as a reply is in Slack
  const nextTs = () => `${++clock}.000100`;

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (url.pathname.startsWith('/response/')) {
      responses.push({ id: url.pathname.slice('/response/'.length), body: safeJson(body) as Record<string, unknown> });
      return send(200, { ok: true });
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const args = parseArgs(body, req.headers['content-type']);
    const refused = /^(chat|conversations)\./.test(method) ? refusals.get(String(args.channel ?? '')) : undefined;
    if (refused) {
      calls.push({ method, args, at: Date.now(), refused });
      return send(200, { ok: false, error: refused });
    }
    const fault = takeFault(method, args.channel);
    calls.push({ method, args, at: Date.now(), ...(fault ? { fault: fault.kind } : {}) });
    switch (fault?.kind) {
      case 'rate-limited':
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(fault.retryAfter) });
        return res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      case 'server-error':
        res.writeHead(fault.status ?? 500, { 'content-type': 'text/html' });
        return res.end('<html><body>Internal Server Error</body></html>');
      case 'malformed-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"ok": true, "channel": "C0000GEN');
      case 'closed-connection':
        return req.socket.destroy();
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        if (res.destroyed) return;
        break;
    }
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      return send(200, { ok: false, error: failure });
    }
    switch (method) {
      case 'apps.connections.open':
        return fake.socketUrl ? send(200, { ok: true, url: fake.socketUrl }) : send(200, { ok: false, error: 'socket_mode_not_set_up' });
      case 'auth.test':
        return send(200, {
          ok: true,
          url: 'https://example.slack.com/',
          team: 'Example',
          user: 'cluster-bot',
          team_id: 'T0001',
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
        });
      case 'chat.postMessage': {
        const channel = String(args.channel);
        const ts = nextTs();
        const stored: StoredMessage = {
          channel: channel.startsWith('U') ? `D${channel.slice(1)}` : channel,
          ts,
          ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
          text: String(args.text ?? ''),
          user: BOT_USER_ID,
          bot_id: BOT_ID,
          ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
          ...(args.metadata ? { metadata: args.metadata as StoredMessage['metadata'] } : {}),
        };
        messages.push(stored);
        return send(200, { ok: true, channel: stored.channel, ts, message: stored });
      }
      case 'chat.update':
        return send(200, { ok: true, channel: args.channel, ts: args.ts });
      case 'views.publish':
        return send(200, { ok: true, view: { id: 'V0001' } });
      case 'conversations.replies': {
        const root = String(args.ts);
        const found = messages
          .filter((m) => m.channel === args.channel && (m.ts === root || m.thread_ts === root))
          .map((m) => (args.include_all_metadata ? m : { ...m, metadata: undefined }));
        return send(200, { ok: true, messages: found, has_more: false });
      }
      case 'conversations.history': {
        const oldest = Number(args.oldest ?? 0);
        const found = messages.filter((m) => m.channel === args.channel && !m.thread_ts && Number(m.ts) >= oldest).reverse();
        return send(200, { ok: true, messages: found, has_more: false });
      }
      default:
        return send(200, { ok: false, error: 'unknown_method' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const fake: FakeSlack = {
    url,
    apiUrl: `${url}/api/`,
    calls,
    responses,
    messages,
    failNext: (method, error) => failures.set(method, error),
    refuseChannel: (channel, error = 'channel_not_found') => void refusals.set(channel, error),
    fault: (method, fault, times = 1, channel) => void faults.set(method, { fault, left: times, ...(channel ? { channel } : {}) }),
    clearFaults: (method) => (method ? faults.delete(method) : faults.clear()),
    addUserMessage: (message) => messages.push(message),
    responseUrl: (id) => `${url}/response/${id}`,
    callsTo: (method) => calls.filter((c) => c.method === method),
    reset: () => {
      calls.length = 0;
      responses.length = 0;
      messages.length = 0;
      failures.clear();
      refusals.clear();
      faults.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    socketUrl: undefined,
  };
  return fake;
}
