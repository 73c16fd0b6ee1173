/**
 * Starts the real app in HTTP mode on a free port against the fake Web API, and sends it requests signed exactly as
 * Slack signs them.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import type { Journal, JournalEntry } from '../../src/journal/entry.ts';
import type { Knowledge } from '../../src/knowledge/knowledge.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { createEngine, type Engine } from '../../src/search/engine.ts';
import type { webApi } from '@slack/bolt';
import { createSlackApp, type SlackApp } from '../../src/slack/app.ts';
import { createSeen } from '../../src/slack/dedupe.ts';
import { RATE_LIMIT_POLICY, type RateLimitPolicy } from '../../src/slack/rate-limits.ts';
import { createLogger } from '../../src/slack/logger.ts';
import { displayed } from '../render/limits.ts';
import { BOT_USER_ID, commandPayload, startFakeSlack, type FakeSlack, type StoredMessage } from './fake-slack.ts';

export const SIGNING_SECRET = 'testsigningsecret0123456789abcdef';
export const BOT_TOKEN = 'xoxb-1111-2222-testtoken';

let engine: Engine | undefined;

/** The real knowledge, loaded once per test file. */
export async function realEngine(): Promise<Engine> {
  if (engine) return engine;
  const loaded = await loadKnowledge(path.resolve(import.meta.dirname, '../../knowledge'));
  if (!loaded.ok) throw new Error(`knowledge does not load: ${loaded.problems.map((p) => p.message).join('; ')}`);
  engine = createEngine(loaded.knowledge);
  return engine;
}

export interface MemoryJournal extends Journal {
  readonly entries: JournalEntry[];
}

export function memoryJournal(): MemoryJournal {
  const entries: JournalEntry[] = [];
  return {
    entries,
    record: async (entry) => {
      entries.push(entry);
    },
  };
}

export interface Harness {
  readonly slack: FakeSlack;
  readonly app: SlackApp;
  readonly base: string;
  readonly journal: MemoryJournal;
  readonly knowledge: Knowledge;
  readonly logs: string[];
  /** A second replica of the app on its own port, sharing the fake Slack (for cross-replica retries). */
  replica(): Promise<{ base: string; stop(): Promise<void> }>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Web API client options over the app's own; default `{ retryConfig: { retries: 0 } }`, `{}` for the app's policy. */
  readonly clientOptions?: webApi.WebClientOptions;
  /** How rate-limited calls wait; default: not tried again when `clientOptions` is the default, the app's policy otherwise. */
  readonly rateLimitPolicy?: RateLimitPolicy;
}

const NO_RETRIES: webApi.WebClientOptions = { retryConfig: { retries: 0 } };
const NO_RATE_LIMIT_RETRIES: RateLimitPolicy = { ...RATE_LIMIT_POLICY, retries: 0 };

async function startOne(
  slack: FakeSlack,
  journal: Journal,
  logs: string[],
  clientOptions: webApi.WebClientOptions,
  rateLimitPolicy: RateLimitPolicy | undefined,
): Promise<{ app: SlackApp; base: string }> {
  const loaded = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const eng = await realEngine();
  const logger = createLogger({ level: 'debug', secrets: [BOT_TOKEN, SIGNING_SECRET], write: (line) => logs.push(line) });
  const app = createSlackApp({
    config: loaded.config,
    deps: { engine: () => eng, journal, logger, seen: createSeen() },
    clientOptions,
    ...(rateLimitPolicy ? { rateLimitPolicy } : {}),
  });
  if (app instanceof Error) throw app;
  const started = await app.start();
  if (!started.ok) throw started.error;
  return { app, base: `http://127.0.0.1:${started.port}` };
}

/**
 * Starts the app before the tests of the enclosing block and stops it after; before each test the fake Slack's
 * record and the journal are cleared. `onStart` receives the running harness.
 */
export function useHarness(onStart: (h: Harness) => void, options: HarnessOptions = {}): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness(options);
    onStart(h);
  });
  afterAll(async () => {
    await h?.stop();
  });
  beforeEach(() => {
    h?.slack.reset();
    if (h) h.journal.entries.length = 0;
  });
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clientOptions = options.clientOptions ?? NO_RETRIES;
  const rateLimitPolicy = options.rateLimitPolicy ?? (options.clientOptions ? undefined : NO_RATE_LIMIT_RETRIES);
  const slack = await startFakeSlack();
  const journal = memoryJournal();
  const logs: string[] = [];
  const { app, base } = await startOne(slack, journal, logs, clientOptions, rateLimitPolicy);
  const eng = await realEngine();
  return {
    slack,
    app,
    base,
    journal,
    knowledge: eng.knowledge,
    logs,
    replica: async () => {
      const other = await startOne(slack, journal, logs, clientOptions, rateLimitPolicy);
      return { base: other.base, stop: () => other.app.stop() };
    },
    stop: async () => {
      await app.stop();
      await slack.close();
    },
  };
}

export function signature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  readonly timestamp?: number;
  readonly secret?: string;
  readonly headers?: Record<string, string>;
  /** Signature headers to leave out. */
  readonly omitHeaders?: readonly string[];
  /** Changes the body after it was signed. */
  readonly tamper?: (body: string) => string;
  readonly base?: string;
}

/** POSTs a body to /slack/events with Slack's signature headers. */
export async function sendSigned(
  h: Pick<Harness, 'base'>,
  body: string,
  contentType: string,
  options: SendOptions = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature(body, timestamp, options.secret),
    ...options.headers,
  };
  for (const name of options.omitHeaders ?? []) delete headers[name];
  return fetch(`${options.base ?? h.base}/slack/events`, { method: 'POST', headers, body: options.tamper ? options.tamper(body) : body });
}

let counter = 0;

/** The ephemeral reply a slash command was acknowledged with. */
export interface CommandReply {
  readonly response_type: string;
  readonly text: string;
  readonly blocks: Array<Record<string, any>>;
}

/**
 * A slash command, form-encoded as Slack sends it; returns the response, the reply it was acknowledged with (when
 * the acknowledgement carried one) and the response id its response_url points at.
 */
export async function sendCommand(
  h: Pick<Harness, 'base' | 'slack'>,
  text: string,
  options: SendOptions & { channel?: string; user?: string } = {},
): Promise<{ res: Response; responseId: string; reply?: CommandReply }> {
  const responseId = `cmd-${++counter}`;
  const body = new URLSearchParams(
    commandPayload(text, {
      ...(options.channel ? { channel_id: options.channel } : {}),
      ...(options.user ? { user_id: options.user } : {}),
      response_url: h.slack.responseUrl(responseId),
      trigger_id: `trigger-${counter}`,
    }),
  ).toString();
  const res = await sendSigned(h, body, 'application/x-www-form-urlencoded', options);
  const raw = res.status === 200 ? await res.clone().text() : '';
  const reply = raw.startsWith('{') ? (JSON.parse(raw) as CommandReply) : undefined;
  return { res, responseId, ...(reply ? { reply } : {}) };
}

/** An Events API callback, as JSON. */
export async function sendEvent(
  h: Harness,
  event: Record<string, unknown>,
  options: SendOptions & { eventId?: string; retryNum?: number; retryReason?: string } = {},
): Promise<Response> {
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0001',
    api_app_id: 'A0001',
    event,
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${++counter}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0001', user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
  });
  const headers: Record<string, string> = { ...options.headers };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
  }
  return sendSigned(h, body, 'application/json', { ...options, headers });
}

export interface Clicked {
  readonly action_id: string;
  readonly value: string;
  readonly text: string;
  readonly block_id?: string;
}

/** The buttons of a message, in order. */
export function buttonsOf(message: { blocks?: unknown }): Clicked[] {
  const out: Clicked[] = [];
  for (const block of (message.blocks ?? []) as Array<Record<string, any>>) {
    if (block.type !== 'actions') continue;
    for (const el of block.elements ?? []) {
      if (el.type === 'button') out.push({ action_id: el.action_id, value: el.value, text: el.text?.text, block_id: block.block_id });
    }
  }
  return out;
}

/** A block_actions interaction, form-encoded with its `payload` as Slack sends it. */
export async function sendClick(
  h: Harness,
  button: Clicked,
  where: { channel?: string; user?: string; ephemeral?: boolean; message?: StoredMessage; home?: boolean } = {},
  options: SendOptions = {},
): Promise<{ res: Response; responseId: string }> {
  const responseId = `act-${++counter}`;
  const user = where.user ?? 'U0000ALICE';
  const channel = where.channel ?? where.message?.channel ?? 'C0000GENERAL';
  const container = where.home
    ? { type: 'view', view_id: 'V0001' }
    : {
        type: 'message',
        message_ts: where.message?.ts ?? '1700000000.000001',
        channel_id: channel,
        is_ephemeral: where.ephemeral ?? !where.message,
      };
  const payload = {
    type: 'block_actions',
    user: { id: user, username: 'alice', name: 'alice', team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'legacy-verification-token',
    container,
    trigger_id: `trigger-${counter}`,
    team: { id: 'T0001', domain: 'example' },
    enterprise: null,
    is_enterprise_install: false,
    ...(where.home
      ? { view: { id: 'V0001', type: 'home' } }
      : { channel: { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'general' } }),
    ...(where.message ? { message: { type: 'message', ...where.message } } : {}),
    ...(where.home ? {} : { response_url: h.slack.responseUrl(responseId) }),
    actions: [
      {
        action_id: button.action_id,
        block_id: button.block_id ?? 'b',
        text: { type: 'plain_text', text: button.text, emoji: true },
        value: button.value,
        type: 'button',
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const res = await sendSigned(h, body, 'application/x-www-form-urlencoded', options);
  return { res, responseId };
}

/** Waits until `check` returns a value (not undefined/false), or fails after `ms`. */
export async function waitFor<T>(check: () => T | undefined | false, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Lets any side effect of a request happen before asserting there was none. */
export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

export const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

/** Every text Slack would display in blocks (text objects), joined; button values are not displayed. */
export function displayedText(blocks: unknown): string {
  return displayed(blocks).join('\n');
}
