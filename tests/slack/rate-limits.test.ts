/**
 * A 429 in one place must not delay answers elsewhere. Slack limits each Web API method per workspace, and
 * chat.postMessage per channel; the app waits out a Retry-After for that call (and later calls of the same method and
 * channel) alone. Asserted by the order of events, never by durations: the other channel's answer and App Home arrive
 * while the rate-limited call is still waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { createLogger } from '../../src/slack/logger.ts';
import { RATE_LIMIT_POLICY, RateLimitError, createRateLimits } from '../../src/slack/rate-limits.ts';
import { BOT_USER_ID, type ApiCall } from './fake-slack.ts';
import { sendEvent, useHarness, waitFor, type Harness } from './harness.ts';

/** Channel B is always free; each test rate-limits a channel A of its own (an earlier one may still be waiting). */
const CHANNEL_B = 'C00000000BB';
let channels = 0;
const nextChannelA = () => `C0000000A${String(++channels).padStart(2, '0')}`;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

let h: Harness;
useHarness(
  (started) => {
    h = started;
  },
  { clientOptions: { retryConfig: { retries: 0 } }, rateLimitPolicy: RATE_LIMIT_POLICY },
);

let tsCounter = 1_895_000_000;
const nextTs = () => `${++tsCounter}.000700`;

function mention(channel: string, text = 'what is KBIC?') {
  const ts = nextTs();
  const event = { type: 'app_mention', user: 'U0000ALICE', text: `<@${BOT_USER_ID}> ${text}`, ts, channel, event_ts: ts };
  h.slack.addUserMessage({ channel, ts, text: event.text, user: 'U0000ALICE' });
  return event;
}

const homeOpened = () => ({ type: 'app_home_opened', user: 'U0000ALICE', channel: 'D0000ALICE', tab: 'home', event_ts: nextTs() });
const postsIn = (channel: string) => h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
const answered = (calls: ApiCall[]) => calls.filter((c) => !c.fault && !c.refused);

describe('a 429 with Retry-After: 15 on chat.postMessage in one channel', () => {
  it('delays neither a mention in another channel nor App Home: both arrive while that call still waits', async () => {
    const CHANNEL_A = nextChannelA();
    h.slack.fault('chat.postMessage', { kind: 'rate-limited', retryAfter: 15 }, 1, CHANNEL_A);
    await sendEvent(h, mention(CHANNEL_A));
    await waitFor(() => postsIn(CHANNEL_A).find((c) => c.fault === 'rate-limited'));
    await waitFor(() => h.logs.find((l) => l.includes(' WARN ') && l.includes(`chat.postMessage ${CHANNEL_A}`)));

    // A second question in the rate-limited channel waits behind the first instead of meeting Slack's limit again.
    await sendEvent(h, mention(CHANNEL_A, 'who launched the RIT programme?'));
    await sendEvent(h, mention(CHANNEL_B));
    await sendEvent(h, homeOpened());
    const answerB = await waitFor(() => answered(postsIn(CHANNEL_B))[0]);
    const home = await waitFor(() => h.slack.callsTo('views.publish')[0]);

    // Channel A's call is still waiting out its 15 seconds: nothing more has been sent there.
    expect(postsIn(CHANNEL_A)).toHaveLength(1);
    expect(answered(postsIn(CHANNEL_A))).toEqual([]);
    expect((answerB.args.metadata as { event_type: string }).event_type).toBe('cluster_answer');
    expect(home.fault).toBeUndefined();
    expect(h.logs.filter((l) => l.includes(' ERROR '))).toEqual([]);
  });
});

describe('the rate-limited call alone is tried again', () => {
  it('after Retry-After, in its own channel, after the other channel was answered', async () => {
    const CHANNEL_A = nextChannelA();
    h.slack.fault('chat.postMessage', { kind: 'rate-limited', retryAfter: 1 }, 1, CHANNEL_A);
    const a = mention(CHANNEL_A);
    await sendEvent(h, a);
    await waitFor(() => postsIn(CHANNEL_A).find((c) => c.fault === 'rate-limited'));
    await sendEvent(h, mention(CHANNEL_B));
    const answerA = await waitFor(() => answered(postsIn(CHANNEL_A))[0], 10_000);
    const answerB = answered(postsIn(CHANNEL_B))[0];
    expect(answerB).toBeDefined();
    const order = h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === CHANNEL_A || c.args.channel === CHANNEL_B)
      .map((c) => `${c.args.channel === CHANNEL_A ? 'A' : 'B'}${c.fault ? ' 429' : ''}`);
    expect(order).toEqual(['A 429', 'B', 'A']);
    expect(answerA.args.thread_ts).toBe(a.ts);
    expect(h.logs.filter((l) => l.includes(' ERROR '))).toEqual([]);
  });

  it('a Retry-After longer than the app waits fails that call at once: logged once, other channels answered', async () => {
    const CHANNEL_A = nextChannelA();
    h.slack.fault('chat.postMessage', { kind: 'rate-limited', retryAfter: 3600 }, 1, CHANNEL_A);
    const mark = h.logs.length;
    const a = mention(CHANNEL_A);
    await sendEvent(h, a);
    const error = await waitFor(() => h.logs.slice(mark).find((l) => l.includes(' ERROR ')));
    expect(error).toContain(`answering ${CHANNEL_A}:${a.ts} failed`);
    // The failure notice would meet the same limit: it is not sent, rather than queued for an hour.
    expect(postsIn(CHANNEL_A)).toHaveLength(1);
    await sendEvent(h, mention(CHANNEL_B));
    await waitFor(() => answered(postsIn(CHANNEL_B))[0]);
    expect(h.logs.slice(mark).filter((l) => l.includes(' ERROR '))).toHaveLength(1);
  });
});

describe('limits are per method', () => {
  it('a rate-limited views.publish delays no answer', async () => {
    h.slack.fault('views.publish', { kind: 'rate-limited', retryAfter: 15 });
    await sendEvent(h, homeOpened());
    await waitFor(() => h.slack.callsTo('views.publish').find((c) => c.fault === 'rate-limited'));
    await sendEvent(h, mention(CHANNEL_B));
    await waitFor(() => answered(postsIn(CHANNEL_B))[0]);
    expect(h.slack.callsTo('views.publish')).toHaveLength(1);
  });

  it('a rate-limited thread read delays no other conversation', async () => {
    const CHANNEL_A = nextChannelA();
    const root = mention(CHANNEL_A);
    await sendEvent(h, root);
    await waitFor(() => answered(postsIn(CHANNEL_A))[0]);
    h.slack.fault('conversations.replies', { kind: 'rate-limited', retryAfter: 15 });
    const followUp = { ...mention(CHANNEL_A, 'when was it founded?'), thread_ts: root.ts };
    await sendEvent(h, followUp);
    await waitFor(() => h.slack.callsTo('conversations.replies').find((c) => c.fault === 'rate-limited'));
    await sendEvent(h, mention(CHANNEL_B));
    await waitFor(() => answered(postsIn(CHANNEL_B))[0]);
    expect(answered(postsIn(CHANNEL_A))).toHaveLength(1);
  });
});

describe('createRateLimits', () => {
  const logger = createLogger({ level: 'error', write: () => undefined });
  const limitedFor = (seconds: number) => Object.assign(new Error('rate limited'), { code: webApi.ErrorCode.RateLimitedError, retryAfter: seconds });

  it('keys chat.postMessage by channel and other methods by method', async () => {
    const limits = createRateLimits({ logger });
    const events: string[] = [];
    let first = true;
    const slow = limits.call('chat.postMessage', 'A', async () => {
      if (first) {
        first = false;
        events.push('A 429');
        throw limitedFor(0.2);
      }
      events.push('A');
      return 'a';
    });
    await waitFor(() => events.includes('A 429'));
    const others = await Promise.all([
      limits.call('chat.postMessage', 'B', async () => events.push('B')),
      limits.call('views.publish', undefined, async () => events.push('home')),
      limits.call('chat.update', 'A', async () => events.push('update A')),
    ]);
    expect(others).toHaveLength(3);
    expect(await slow).toBe('a');
    expect(events).toEqual(['A 429', 'B', 'home', 'update A', 'A']);
    limits.close();
  });

  it('gives up after its retries, passes other errors through, and stops waiting when closed', async () => {
    const limits = createRateLimits({ logger, policy: { maxWaitMs: 60_000, retries: 1 } });
    let tries = 0;
    await expect(
      limits.call('chat.update', 'C', async () => {
        tries++;
        throw limitedFor(0);
      }),
    ).rejects.toMatchObject({ code: webApi.ErrorCode.RateLimitedError });
    expect(tries).toBe(2);
    await expect(limits.call('chat.update', 'C', async () => Promise.reject(new Error('invalid_blocks')))).rejects.toThrow('invalid_blocks');

    const waiting = limits.call('views.publish', undefined, async () => {
      throw limitedFor(30);
    });
    const stopped = expect(waiting).rejects.toBeInstanceOf(RateLimitError);
    await new Promise((r) => setTimeout(r, 20));
    limits.close();
    await stopped;
    await expect(limits.call('views.publish', undefined, async () => 'late')).rejects.toMatchObject({ code: 'stopped' });
  });
});
