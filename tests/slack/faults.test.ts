import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WEB_API_RETRY } from '../../src/slack/app.ts';
import { BOT_USER_ID, type ApiCall, type Fault } from './fake-slack.ts';
import { BOT_TOKEN, SIGNING_SECRET, sendCommand, sendEvent, useHarness, waitFor, type Harness } from './harness.ts';

/** Slack gives up on a request not acknowledged within three seconds. */
const ACK_LIMIT_MS = 3000;
const SLOW_MS = 600;

const FAILURES: Array<[string, Fault]> = [
  ['429 with Retry-After', { kind: 'rate-limited', retryAfter: 0 }],
  ['HTTP 500', { kind: 'server-error' }],
  ['a malformed JSON body', { kind: 'malformed-json' }],
  ['a closed connection', { kind: 'closed-connection' }],
];

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
});
afterEach(() => {
  expect(unhandled).toEqual([]);
});

let tsCounter = 1_850_000_000;
const nextTs = () => `${++tsCounter}.000300`;

function mention(h: Harness, text: string, threadTs?: string) {
  const ts = nextTs();
  const event = {
    type: 'app_mention',
    user: 'U0000ALICE',
    text: `<@${BOT_USER_ID}> ${text}`,
    ts,
    channel: 'C0000GENERAL',
    event_ts: ts,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  };
  h.slack.addUserMessage({
    channel: event.channel,
    ts,
    text: event.text,
    user: 'U0000ALICE',
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  return event;
}

function dm(text: string) {
  const ts = nextTs();
  return { type: 'message', user: 'U0000ALICE', text, ts, channel: 'D0000ALICE', event_ts: ts, channel_type: 'im' };
}

const homeOpened = () => ({ type: 'app_home_opened', user: 'U0000ALICE', channel: 'D0000ALICE', tab: 'home', event_ts: nextTs() });

/** Sends a request and measures how long its acknowledgement took. */
async function timed(send: () => Promise<Response>): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await send();
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

async function expectAcked(send: () => Promise<Response>, withinMs = ACK_LIMIT_MS): Promise<void> {
  const ack = await timed(send);
  expect(ack.status).toBe(200);
  expect(ack.ms).toBeLessThan(withinMs);
}

/** Log lines written since `mark` at the given level. */
const linesSince = (h: Harness, mark: number, level: 'ERROR' | 'WARN') => h.logs.slice(mark).filter((l) => l.includes(` ${level} [`));

function expectNoSecrets(text: string): void {
  expect(text).not.toContain(BOT_TOKEN);
  expect(text).not.toContain(SIGNING_SECRET);
}

const posts = (h: Harness) => h.slack.callsTo('chat.postMessage');
const isAnswer = (call: ApiCall | undefined) =>
  (call?.args.metadata as { event_type?: string } | undefined)?.event_type === 'cluster_answer';

/** The app is up: a mention, a DM and /cluster are each answered, with nothing logged as an error. */
async function expectStillAnswering(h: Harness): Promise<void> {
  const mark = h.logs.length;
  const before = posts(h).length;
  const event = mention(h, 'what is KBIC?');
  await expectAcked(() => sendEvent(h, event));
  await waitFor(() => posts(h).find((c, i) => i >= before && c.args.thread_ts === event.ts && isAnswer(c) && !c.fault));
  const message = dm('what is KBIC?');
  await expectAcked(() => sendEvent(h, message));
  await waitFor(() => posts(h).find((c, i) => i >= before && c.args.channel === 'D0000ALICE' && isAnswer(c) && !c.fault));
  const { res, reply } = await sendCommand(h, 'what is KBIC?');
  expect(res.status).toBe(200);
  expect(reply?.response_type).toBe('ephemeral');
  expect(linesSince(h, mark, 'ERROR')).toEqual([]);
}

describe('Web API faults, without retries', () => {
  let h: Harness;
  useHarness((started) => {
    h = started;
  });

  describe('chat.postMessage (mentions and direct messages)', () => {
    it.each(FAILURES)('%s: a mention is acknowledged at once, the failure logged once, the asker told', async (_what, fault) => {
      h.slack.fault('chat.postMessage', fault);
      const mark = h.logs.length;
      const event = mention(h, 'what is KBIC?');
      await expectAcked(() => sendEvent(h, event));
      const notice = await waitFor(() => posts(h)[1]);
      expect(posts(h)[0]?.fault).toBe(fault.kind);
      expect(notice.args.thread_ts).toBe(event.ts);
      expect(String(notice.args.text)).toMatch(/went wrong/);
      const errors = linesSince(h, mark, 'ERROR');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`answering C0000GENERAL:${event.ts} failed`);
      expectNoSecrets(h.logs.slice(mark).join(''));
      await expectStillAnswering(h);
    });

    it.each(FAILURES)('%s: a direct message is acknowledged at once, the failure logged once, the asker told', async (_what, fault) => {
      h.slack.fault('chat.postMessage', fault);
      const mark = h.logs.length;
      const event = dm('which missions went to Japan in 2023?');
      await expectAcked(() => sendEvent(h, event));
      const notice = await waitFor(() => posts(h)[1]);
      expect(notice.args.channel).toBe('D0000ALICE');
      expect(String(notice.args.text)).toMatch(/went wrong/);
      const errors = linesSince(h, mark, 'ERROR');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`answering D0000ALICE:${event.ts} failed`);
      expectNoSecrets(h.logs.slice(mark).join(''));
      await expectStillAnswering(h);
    });

    it('a slow answer does not delay the acknowledgement, nor a command sent meanwhile', async () => {
      h.slack.fault('chat.postMessage', { kind: 'slow', ms: SLOW_MS });
      const mark = h.logs.length;
      const event = mention(h, 'what is KBIC?');
      await expectAcked(() => sendEvent(h, event), SLOW_MS / 2);
      await waitFor(() => posts(h)[0]);
      const started = performance.now();
      const { reply } = await sendCommand(h, 'what is KBIC?');
      expect(reply?.response_type).toBe('ephemeral');
      expect(performance.now() - started).toBeLessThan(SLOW_MS / 2);
      await waitFor(() => h.slack.messages.find((m) => m.thread_ts === event.ts && m.metadata?.event_type === 'cluster_answer'));
      expect(posts(h)).toHaveLength(1);
      expect(linesSince(h, mark, 'ERROR')).toEqual([]);
    });
  });

  describe('views.publish (App Home)', () => {
    it.each(FAILURES)('%s: acknowledged at once, the failure logged once, the next opening published', async (_what, fault) => {
      h.slack.fault('views.publish', fault);
      const mark = h.logs.length;
      await expectAcked(() => sendEvent(h, homeOpened()));
      await waitFor(() => linesSince(h, mark, 'ERROR').length > 0);
      await expectAcked(() => sendEvent(h, homeOpened()));
      const published = await waitFor(() => h.slack.callsTo('views.publish')[1]);
      expect(published.fault).toBeUndefined();
      const errors = linesSince(h, mark, 'ERROR');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('publishing App Home failed');
      expectNoSecrets(h.logs.slice(mark).join(''));
    });

    it('a slow publish does not delay the acknowledgement', async () => {
      h.slack.fault('views.publish', { kind: 'slow', ms: SLOW_MS });
      await expectAcked(() => sendEvent(h, homeOpened()), SLOW_MS / 2);
      await waitFor(() => h.slack.callsTo('views.publish')[0]);
    });
  });

  describe('conversations.replies (thread follow-ups)', () => {
    /** A question answered at the root of a thread; returns the thread's timestamp. */
    async function answeredThread(): Promise<string> {
      const root = mention(h, 'what is KBIC?');
      await sendEvent(h, root);
      await waitFor(() => h.slack.messages.find((m) => m.thread_ts === root.ts && m.metadata));
      return root.ts;
    }

    it.each(FAILURES)('%s: the follow-up is answered without the thread, the failure logged once', async (_what, fault) => {
      const thread = await answeredThread();
      h.slack.fault('conversations.replies', fault);
      const mark = h.logs.length;
      const followUp = mention(h, 'when was it founded?', thread);
      await expectAcked(() => sendEvent(h, followUp));
      const answer = await waitFor(() =>
        posts(h).find(
          (c) => isAnswer(c) && (c.args.metadata as { event_payload: { question_ts: string } }).event_payload.question_ts === followUp.ts,
        ),
      );
      expect(answer.args.thread_ts).toBe(thread);
      expect(h.slack.callsTo('conversations.replies')[0]?.fault).toBe(fault.kind);
      // Answering without the thread's context is a degraded answer, not a failure: one warning, no error.
      expect(linesSince(h, mark, 'ERROR')).toEqual([]);
      expect(linesSince(h, mark, 'WARN').filter((l) => l.includes('reading the conversation failed'))).toHaveLength(1);
      expectNoSecrets(h.logs.slice(mark).join(''));

      const next = mention(h, 'when was it founded?', thread);
      await sendEvent(h, next);
      await waitFor(() =>
        posts(h).find(
          (c) => isAnswer(c) && (c.args.metadata as { event_payload: { question_ts: string } }).event_payload.question_ts === next.ts,
        ),
      );
      expect(h.slack.callsTo('conversations.replies')[1]?.fault).toBeUndefined();
    });

    it('a slow thread read does not delay the acknowledgement', async () => {
      const thread = await answeredThread();
      h.slack.fault('conversations.replies', { kind: 'slow', ms: SLOW_MS });
      const followUp = mention(h, 'when was it founded?', thread);
      await expectAcked(() => sendEvent(h, followUp), SLOW_MS / 2);
      await waitFor(
        () =>
          posts(h).find(
            (c) =>
              (c.args.metadata as { event_payload?: { question_ts?: string } } | undefined)?.event_payload?.question_ts === followUp.ts,
          ),
        SLOW_MS * 3,
      );
    });
  });
});

describe("Web API faults, with the app's retry policy", () => {
  let h: Harness;
  useHarness((started) => {
    h = started;
  }, { clientOptions: {} });

  it.each([
    ['HTTP 500 twice', { kind: 'server-error' } as Fault, 2],
    ['HTTP 503 once', { kind: 'server-error', status: 503 } as Fault, 1],
    ['a closed connection', { kind: 'closed-connection' } as Fault, 1],
  ])('retries %s and answers, logging no error', async (_what, fault, times) => {
    h.slack.fault('chat.postMessage', fault, times);
    const mark = h.logs.length;
    const event = mention(h, 'what is KBIC?');
    await expectAcked(() => sendEvent(h, event));
    const answer = await waitFor(() => posts(h)[times]);
    expect(
      posts(h)
        .slice(0, times)
        .map((c) => c.fault),
    ).toEqual(Array(times).fill(fault.kind));
    expect(answer.fault).toBeUndefined();
    expect(isAnswer(answer)).toBe(true);
    expect(linesSince(h, mark, 'ERROR')).toEqual([]);
  });

  it('waits out Retry-After before retrying a 429', async () => {
    h.slack.fault('chat.postMessage', { kind: 'rate-limited', retryAfter: 1 });
    const event = mention(h, 'what is KBIC?');
    await expectAcked(() => sendEvent(h, event));
    const [limited, retried] = await waitFor(() => posts(h).length >= 2 && posts(h));
    expect(limited?.fault).toBe('rate-limited');
    expect(isAnswer(retried)).toBe(true);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1000);
  });

  it('does not retry a malformed body (the SDK reads it as a failed call)', async () => {
    h.slack.fault('chat.postMessage', { kind: 'malformed-json' });
    const mark = h.logs.length;
    await expectAcked(() => sendEvent(h, mention(h, 'what is KBIC?')));
    const notice = await waitFor(() => posts(h)[1]);
    expect(String(notice.args.text)).toMatch(/went wrong/);
    expect(linesSince(h, mark, 'ERROR')).toHaveLength(1);
  });

  it(`gives up after ${WEB_API_RETRY.retries} retries within seconds, logs once and tells the asker`, async () => {
    const attempts = WEB_API_RETRY.retries! + 1;
    h.slack.fault('chat.postMessage', { kind: 'server-error' }, attempts);
    const mark = h.logs.length;
    const event = mention(h, 'what is KBIC?');
    await expectAcked(() => sendEvent(h, event));
    const notice = await waitFor(() => posts(h)[attempts], 8000);
    expect(String(notice.args.text)).toMatch(/went wrong/);
    expect(notice.at - posts(h)[0]!.at).toBeLessThan(5000);
    const errors = linesSince(h, mark, 'ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(event.ts);
    expectNoSecrets(h.logs.slice(mark).join(''));
    await expectStillAnswering(h);
  });
});

describe('Web API calls slower than the time limit', () => {
  let h: Harness;
  useHarness((started) => {
    h = started;
  }, { clientOptions: { retryConfig: { retries: 0 }, timeout: 200 } });

  it('are abandoned: logged once, the asker told, the app still answering', async () => {
    h.slack.fault('chat.postMessage', { kind: 'slow', ms: SLOW_MS });
    const mark = h.logs.length;
    const event = mention(h, 'what is KBIC?');
    await expectAcked(() => sendEvent(h, event));
    const notice = await waitFor(() => posts(h)[1]);
    expect(String(notice.args.text)).toMatch(/went wrong/);
    expect(notice.at - posts(h)[0]!.at).toBeLessThan(SLOW_MS);
    expect(linesSince(h, mark, 'ERROR')).toHaveLength(1);
    await expectStillAnswering(h);
  });
});
