import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../../src/slack/receiver.ts';
import { sendClick, sendCommand, sendEvent, sendSigned, settle, useHarness, waitFor, type Harness, type SendOptions } from './harness.ts';

let h: Harness;
useHarness((started) => {
  h = started;
});

const now = () => Math.floor(Date.now() / 1000);

async function expectNoSideEffect(): Promise<void> {
  await settle();
  expect(h.slack.calls).toHaveLength(0);
  expect(h.slack.responses).toHaveLength(0);
  expect(h.journal.entries).toHaveLength(0);
}

/** An App Home button that would post an answer to KBIC in the clicker's DM. */
const example = {
  action_id: 'example_question_0',
  value: JSON.stringify({ q: 'what is KBIC?', k: 'home', o: 0, c: [] }),
  text: 'What is KBIC?',
};

const mention = {
  type: 'app_mention',
  user: 'U0000ALICE',
  text: 'what is KBIC?',
  ts: '1800000900.000100',
  channel: 'C0000GENERAL',
  event_ts: '1800000900.000100',
};

/** Changes the question in a signed body (each request here asks about KBIC). */
function swapQuestion(body: string): string {
  const changed = body.replace('KBIC', 'HBC');
  if (changed === body) throw new Error('the body has no question to change');
  return changed;
}

/** Forged or replayed requests. */
const FORGERIES: Array<[string, SendOptions]> = [
  ['a bad signature', { secret: 'not-the-signing-secret' }],
  ['no signature header', { omitHeaders: ['x-slack-signature'] }],
  ['no timestamp header', { omitHeaders: ['x-slack-request-timestamp'] }],
  ['a timestamp more than five minutes old (a replay)', { timestamp: now() - 6 * 60 }],
  ['a timestamp more than five minutes ahead', { timestamp: now() + 6 * 60 }],
  ['a body changed after signing', { tamper: swapQuestion }],
];

describe('request verification', () => {
  it.each(FORGERIES)('rejects a command, an event and a click with %s with 401, and does nothing', async (_what, options) => {
    const { res } = await sendCommand(h, 'what is KBIC?', options);
    expect(res.status).toBe(401);
    expect((await sendEvent(h, mention, options)).status).toBe(401);
    expect((await sendClick(h, example, { home: true }, options)).res.status).toBe(401);
    await expectNoSideEffect();
  });

  it('acts on the same requests when they are signed (so the checks above can fail)', async () => {
    const { reply } = await sendCommand(h, 'what is KBIC?');
    expect(reply?.response_type).toBe('ephemeral');
    expect((await sendEvent(h, { ...mention, ts: '1800000901.000100', event_ts: '1800000901.000100' })).status).toBe(200);
    expect((await sendClick(h, example, { home: true })).res.status).toBe(200);
    await waitFor(() => h.slack.callsTo('chat.postMessage').length === 2);
    await waitFor(() => h.journal.entries.length === 3);
  });

  it('accepts a timestamp within the five minutes', async () => {
    const { res, reply } = await sendCommand(h, 'help', { timestamp: now() + 60 });
    expect(res.status).toBe(200);
    expect(reply?.response_type).toBe('ephemeral');
  });

  it('rejects a request without signature headers', async () => {
    const res = await fetch(`${h.base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'event_callback', event: mention }),
    });
    expect(res.status).toBe(401);
    await expectNoSideEffect();
  });

  it('refuses an oversized body', async () => {
    const res = await sendSigned(h, JSON.stringify({ type: 'event_callback', padding: 'x'.repeat(2 * 1024 * 1024) }), 'application/json');
    expect(res.status).toBe(413);
    await expectNoSideEffect();
  });

  it('refuses an oversized body sent without a length', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > BODY_LIMIT) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${h.base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    await expectNoSideEffect();
  });

  it('refuses a body declared over the limit at once, without waiting for it', async () => {
    const { port } = new URL(h.base);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(
        { port, method: 'POST', path: '/slack/events', headers: { 'content-type': 'application/json', 'content-length': BODY_LIMIT + 1 } },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on('error', reject);
      req.setTimeout(2000, () => reject(new Error('no answer while the body was still due')));
      req.write('{"type":"event_callback"');
    });
    expect(status).toBe(413);
    await expectNoSideEffect();
  });

  it('answers an unsigned ssl_check without acting on a payload smuggled into it', async () => {
    const body = new URLSearchParams({
      ssl_check: '1',
      command: '/cluster',
      text: 'what is KBIC?',
      response_url: h.slack.responseUrl('smuggled'),
    }).toString();
    const res = await fetch(`${h.base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await expectNoSideEffect();
  });

  it('never writes a token or the signing secret to the log', () => {
    const log = h.logs.join('');
    expect(log).not.toContain('xoxb-1111');
    expect(log).not.toContain('testsigningsecret');
  });
});
