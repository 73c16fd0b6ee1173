/**
 * Socket Mode end to end: the real app opens its connection through `apps.connections.open` on the fake Web API,
 * connects to a WebSocket server standing in for Slack's, and answers envelopes as Slack sends them.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { loadConfig } from '../../src/config.ts';
import { createSlackApp, type SlackApp } from '../../src/slack/app.ts';
import { createSeen } from '../../src/slack/dedupe.ts';
import { createLogger } from '../../src/slack/logger.ts';
import { BOT_USER_ID, commandPayload, startFakeSlack, type FakeSlack } from './fake-slack.ts';
import { BOT_TOKEN, displayedText, memoryJournal, realEngine, waitFor } from './harness.ts';

const APP_TOKEN = 'xapp-1-A0001-1111-0123456789abcdef';

let slack: FakeSlack;
let server: WebSocketServer;
let app: SlackApp;
let socket: WebSocket | undefined;
const received: Array<{ envelope_id: string; payload?: Record<string, any> }> = [];
const journal = memoryJournal();

/** Sends an envelope as Slack does and waits for the app's acknowledgement of it. */
async function deliver(envelope: Record<string, unknown>): Promise<{ envelope_id: string; payload?: Record<string, any> }> {
  socket!.send(JSON.stringify(envelope));
  return waitFor(() => received.find((m) => m.envelope_id === envelope.envelope_id));
}

beforeAll(async () => {
  slack = await startFakeSlack();
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => received.push(JSON.parse(String(data))));
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' }, debug_info: { host: 'fake' } }));
  });
  slack.socketUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;

  const loaded = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: slack.apiUrl });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  expect(loaded.config.mode).toBe('socket');
  const engine = await realEngine();
  const created = createSlackApp({
    config: loaded.config,
    deps: { engine: () => engine, journal, logger: createLogger({ level: 'error', write: () => undefined }), seen: createSeen() },
    clientOptions: { retryConfig: { retries: 0 } },
  });
  if (created instanceof Error) throw created;
  app = created;
  const started = await app.start();
  if (!started.ok) throw started.error;
});

afterAll(async () => {
  await app?.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await slack?.close();
});

describe('Socket Mode', () => {
  it('opens its connection with the app token through apps.connections.open', () => {
    expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
    expect(socket).toBeDefined();
  });

  it('answers /cluster in the acknowledgement of its envelope, ephemerally and with a citation', async () => {
    const ack = await deliver({
      envelope_id: 'env-command-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: commandPayload('when was KBIC founded?', { response_url: slack.responseUrl('socket-command'), trigger_id: 'trigger-socket' }),
    });
    expect(ack.payload?.response_type).toBe('ephemeral');
    const shown = displayedText(ack.payload?.blocks);
    expect(shown).toContain('1998');
    expect(shown).toMatch(/Dec 2018|Nov 2023|Oct 2023|Nov 2022/);
  });

  it('acknowledges an app_mention envelope and answers in the thread', async () => {
    const ts = '1700000123.000100';
    const ack = await deliver({
      envelope_id: 'env-event-1',
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
      payload: {
        token: 'legacy',
        team_id: 'T0001',
        api_app_id: 'A0001',
        type: 'event_callback',
        event_id: 'EvSocket1',
        event_time: 1700000123,
        authorizations: [{ team_id: 'T0001', user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
        event: { type: 'app_mention', user: 'U0000ALICE', text: `<@${BOT_USER_ID}> who launched the RIT programme?`, ts, channel: 'C0000GENERAL', event_ts: ts },
      },
    });
    expect(ack.envelope_id).toBe('env-event-1');
    const post = await waitFor(() => slack.callsTo('chat.postMessage').find((c) => c.args.thread_ts === ts));
    expect(post.args.channel).toBe('C0000GENERAL');
    expect(displayedText(post.args.blocks)).toContain('JETRO');
    await waitFor(() => journal.entries.some((e) => e.type === 'question' && e.channelType === 'mention'));
  });

  it('reads a DM escaped as Slack sends it ("R&amp;D") as the person typed it', async () => {
    const ts = '1700000124.000100';
    await deliver({
      envelope_id: 'env-event-2',
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
      payload: {
        token: 'legacy',
        team_id: 'T0001',
        api_app_id: 'A0001',
        type: 'event_callback',
        event_id: 'EvSocket2',
        event_time: 1700000124,
        authorizations: [{ team_id: 'T0001', user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
        event: {
          type: 'message',
          user: 'U0000ALICE',
          text: 'what is Keihanna R&amp;D Innovation Consortium?',
          ts,
          channel: 'D0000ALICE',
          event_ts: ts,
          channel_type: 'im',
        },
      },
    });
    const post = await waitFor(() => slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'D0000ALICE'));
    expect((post.args.metadata as { event_payload: { ids: string } }).event_payload.ids.split(',')[0]).toBe('keihanna-rd-innovation-consortium');
    expect(JSON.stringify(post.args)).not.toContain('&amp;amp;');
    const entry = await waitFor(() => journal.entries.find((e) => e.type === 'question' && e.channelType === 'dm'));
    expect(entry.question).toBe('what is Keihanna R&D Innovation Consortium?');
  });
});
