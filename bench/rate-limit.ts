/**
 * `npm run rate-limit`: how long a rate limit in one channel delays answers elsewhere. The app runs in HTTP mode
 * against the fake Slack Web API on 127.0.0.1, with its own Web API client settings. The fake answers the first
 * chat.postMessage to channel A with HTTP 429 and `Retry-After` (default 15 s); a second later a mention arrives in
 * channel B and App Home is opened. Prints how long B's answer and the App Home view took, and when A's answer came.
 * Options: --retry-after <seconds> (default 15), --gap <seconds> (default 1), --sdk-queue (let the Web API client
 * handle the 429 itself, as the SDK does by default: it pauses its whole queue; the comparison).
 */
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { createEngine } from '../src/search/engine.ts';
import { createSlackApp } from '../src/slack/app.ts';
import { createSeen } from '../src/slack/dedupe.ts';
import { createLogger } from '../src/slack/logger.ts';
import { BOT_USER_ID, startFakeSlack, type ApiCall } from '../tests/slack/fake-slack.ts';

const SECRET = '0123456789abcdef0123456789abcdef';
const TOKEN = 'xoxb-0000-0000-rate-limit-token';
const CHANNEL_A = 'C000000000A';
const CHANNEL_B = 'C000000000B';

const { values } = parseArgs({
  options: {
    'retry-after': { type: 'string', default: '15' },
    gap: { type: 'string', default: '1' },
    'sdk-queue': { type: 'boolean', default: false },
  },
});
const retryAfter = Number(values['retry-after']);
const gapMs = Number(values.gap) * 1000;

const loaded = await loadKnowledge(path.join(import.meta.dirname, '..', 'knowledge'));
if (!loaded.ok) throw new Error('the knowledge does not load; run `npx cluster-bot lint`');
const engine = createEngine(loaded.knowledge);
const slack = await startFakeSlack();
const config = loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' });
if (!config.ok) throw new Error(JSON.stringify(config.problems));
const app = createSlackApp({
  config: config.config,
  deps: {
    engine: () => engine,
    journal: { record: async () => undefined },
    logger: createLogger({ level: 'error', write: () => undefined }),
    seen: createSeen(),
  },
  ...(values['sdk-queue'] ? { clientOptions: { rejectRateLimitedCalls: false } } : {}),
});
if (app instanceof Error) throw app;
const started = await app.start();
if (!started.ok) throw started.error;
const base = `http://127.0.0.1:${started.port}`;

let counter = 0;
async function sendEvent(event: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify({
    token: 'legacy',
    team_id: 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: `EvRate${++counter}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0001', user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    event,
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
    body,
  });
  await res.arrayBuffer();
}

function mention(channel: string): Record<string, unknown> {
  const ts = `${1_800_000_000 + ++counter}.000100`;
  slack.addUserMessage({ channel, ts, text: `<@${BOT_USER_ID}> what is KBIC?`, user: 'U0000ALICE' });
  return { type: 'app_mention', user: 'U0000ALICE', text: `<@${BOT_USER_ID}> what is KBIC?`, ts, channel, event_ts: ts };
}

async function until<T>(check: () => T | undefined, limitMs = (retryAfter + 30) * 1000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const answerIn = (channel: string): ApiCall | undefined =>
  slack.callsTo('chat.postMessage').find((c) => c.args.channel === channel && !c.fault && !c.refused);

slack.fault('chat.postMessage', { kind: 'rate-limited', retryAfter }, 1, CHANNEL_A);
const startA = Date.now();
await sendEvent(mention(CHANNEL_A));
await until(() => slack.callsTo('chat.postMessage').find((c) => c.fault === 'rate-limited'));
await new Promise((r) => setTimeout(r, gapMs));
const startB = Date.now();
await sendEvent(mention(CHANNEL_B));
await sendEvent({ type: 'app_home_opened', user: 'U0000ALICE', channel: 'D0000ALICE', tab: 'home', event_ts: `${startB / 1000}` });
const [b, home, a] = await Promise.all([
  until(() => answerIn(CHANNEL_B)),
  until(() => slack.callsTo('views.publish')[0]),
  until(() => answerIn(CHANNEL_A)),
]);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
process.stdout.write(
  [
    `client: ${values['sdk-queue'] ? "the SDK's own 429 handling (pauses the whole queue)" : "cluster-bot's (the rate-limited call waits alone)"}`,
    `429 with Retry-After: ${retryAfter} s on chat.postMessage in channel A; channel B asked ${seconds(startB - startA)} later`,
    `channel B answered after ${seconds(b.at - startB)}`,
    `App Home published after ${seconds(home.at - startB)}`,
    `channel A answered after ${seconds(a.at - startA)}`,
    `order: ${[
      ['B', b.at],
      ['App Home', home.at],
      ['A', a.at],
    ]
      .sort((x, y) => Number(x[1]) - Number(y[1]))
      .map(([name]) => name)
      .join(', ')}`,
    '',
  ].join('\n'),
);
await app.stop();
await slack.close();
