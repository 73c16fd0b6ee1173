import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendCommand, sendEvent, sendSigned, settle, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => {
  h.slack.reset();
  h.journal.entries.length = 0;
});

const now = () => Math.floor(Date.now() / 1000);

async function expectNoSideEffect(): Promise<void> {
  await settle();
  expect(h.slack.calls).toHaveLength(0);
  expect(h.slack.responses).toHaveLength(0);
  expect(h.journal.entries).toHaveLength(0);
}

const mention = { type: 'app_mention', user: 'U0000ALICE', text: 'what is KBIC?', ts: '1800000900.000100', channel: 'C0000GENERAL', event_ts: '1800000900.000100' };

describe('request verification', () => {
  it.each([
    ['a bad signature', { secret: 'not-the-signing-secret' }],
    ['a timestamp more than five minutes old', { timestamp: now() - 6 * 60 }],
    ['a timestamp more than five minutes ahead', { timestamp: now() + 6 * 60 }],
  ])('rejects a command with %s with 401 and does nothing', async (_what, options) => {
    const { res } = await sendCommand(h, 'what is KBIC?', options);
    expect(res.status).toBe(401);
    await expectNoSideEffect();
  });

  it.each([
    ['a bad signature', { secret: 'not-the-signing-secret' }],
    ['a timestamp more than five minutes old', { timestamp: now() - 6 * 60 }],
    ['a timestamp more than five minutes ahead', { timestamp: now() + 6 * 60 }],
  ])('rejects an event with %s with 401 and does nothing', async (_what, options) => {
    const res = await sendEvent(h, mention, options);
    expect(res.status).toBe(401);
    await expectNoSideEffect();
  });

  it('accepts a timestamp within the five minutes', async () => {
    const { res, reply } = await sendCommand(h, 'help', { timestamp: now() + 60 });
    expect(res.status).toBe(200);
    expect(reply?.response_type).toBe('ephemeral');
  });

  it('rejects a request without signature headers', async () => {
    const res = await fetch(`${h.base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'event_callback', event: mention }) });
    expect(res.status).toBe(401);
    await expectNoSideEffect();
  });

  it('refuses an oversized body', async () => {
    const res = await sendSigned(h, JSON.stringify({ type: 'event_callback', padding: 'x'.repeat(2 * 1024 * 1024) }), 'application/json');
    expect(res.status).toBe(413);
    await expectNoSideEffect();
  });

  it('never writes a token or the signing secret to the log', () => {
    const log = h.logs.join('');
    expect(log).not.toContain('xoxb-1111');
    expect(log).not.toContain('testsigningsecret');
  });
});
