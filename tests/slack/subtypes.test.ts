/**
 * Message subtypes, end to end: every subtype Slack documents is sent as Slack sends it, in a direct message and in
 * a mention, and the app answers, ignores or logs it as the table in src/slack/subtypes.ts (and docs/slack.md) says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGE_SUBTYPES, subtypeDecision } from '../../src/slack/subtypes.ts';
import { BOT_USER_ID, type ApiCall } from './fake-slack.ts';
import { displayedText, sendEvent, settle, useHarness, waitFor, type Harness } from './harness.ts';

let h: Harness;
useHarness((started) => {
  h = started;
});

let tsCounter = 1_880_000_000;
const nextTs = () => `${++tsCounter}.000500`;

const SCREENSHOT = [{ id: 'F0000SHOT', name: 'screenshot.png', mimetype: 'image/png', filetype: 'png' }];

const questionTsOf = (call: ApiCall) => (call.args.metadata as { event_payload?: { question_ts?: string } } | undefined)?.event_payload?.question_ts;
const idsOf = (call: ApiCall) => (call.args.metadata as { event_payload: { ids: string } }).event_payload.ids.split(',');
const answerTo = (ts: string) => h.slack.callsTo('chat.postMessage').find((c) => questionTsOf(c) === ts);

function dm(text: string, extra: Record<string, unknown> = {}) {
  const ts = nextTs();
  return { type: 'message', user: 'U0000ALICE', text, ts, channel: 'D0000ALICE', event_ts: ts, channel_type: 'im', ...extra };
}

function mention(text: string, extra: Record<string, unknown> = {}) {
  const ts = nextTs();
  const event = { type: 'app_mention', user: 'U0000ALICE', text: `<@${BOT_USER_ID}> ${text}`, ts, channel: 'C0000GENERAL', event_ts: ts, ...extra };
  h.slack.addUserMessage({
    channel: event.channel,
    ts,
    text: event.text,
    user: 'U0000ALICE',
    ...(extra.thread_ts ? { thread_ts: String(extra.thread_ts) } : {}),
  });
  return event;
}

/** Fields Slack sends with some subtypes, so each event looks as it would. */
function shapeOf(subtype: string, threadTs: string): Record<string, unknown> {
  switch (subtype) {
    case 'bot_message':
      return { bot_id: 'B0000OTHER', username: 'github' };
    case 'file_share':
      return { files: SCREENSHOT, upload: false, display_as_bot: false };
    case 'thread_broadcast':
    case 'reply_broadcast':
      return { thread_ts: threadTs, root: { type: 'message', user: 'U0000ALICE', text: 'earlier', ts: threadTs, thread_ts: threadTs } };
    case 'ekm_access_denied':
      return { user: 'UREVOKEDU', text: "Your admins have suspended everyone's access to this content." };
    case 'message_changed':
      return { hidden: true, message: { type: 'message', user: 'U0000ALICE', text: 'what is KBIC?', ts: threadTs } };
    case 'message_deleted':
      return { hidden: true, deleted_ts: threadTs };
    default:
      return {};
  }
}

describe('messages with files (file_share)', () => {
  it('answers a DM with a screenshot by its text, and journals it', async () => {
    const event = dm('what is KBIC?', { subtype: 'file_share', files: SCREENSHOT, upload: false });
    await sendEvent(h, event);
    const answer = await waitFor(() => answerTo(event.ts));
    expect(answer.args.channel).toBe('D0000ALICE');
    expect(idsOf(answer)[0]).toBe('kbic');
    await waitFor(() => h.journal.entries.find((e) => e.type === 'question' && e.channelType === 'dm' && e.question === 'what is KBIC?'));
  });

  it('answers a mention with a file in its thread', async () => {
    const event = mention('what is KBIC?', { subtype: 'file_share', files: SCREENSHOT, upload: false });
    await sendEvent(h, event);
    const answer = await waitFor(() => answerTo(event.ts));
    expect(answer.args.thread_ts).toBe(event.ts);
    expect(idsOf(answer)[0]).toBe('kbic');
  });

  it('leaves files with no words unanswered', async () => {
    await sendEvent(h, dm('', { subtype: 'file_share', files: SCREENSHOT, upload: false }));
    await settle();
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });
});

describe('thread replies also sent to the channel (thread_broadcast)', () => {
  it('answers a broadcast mention in the thread, in the context of the thread’s last answer', async () => {
    const first = mention('what is KBIC?');
    await sendEvent(h, first);
    await waitFor(() => answerTo(first.ts));
    const broadcast = mention('when was it founded?', {
      subtype: 'thread_broadcast',
      thread_ts: first.ts,
      root: { type: 'message', user: 'U0000ALICE', text: first.text, ts: first.ts, thread_ts: first.ts, reply_count: 1 },
    });
    await sendEvent(h, broadcast);
    const answer = await waitFor(() => answerTo(broadcast.ts));
    expect(answer.args.thread_ts).toBe(first.ts);
    expect(h.slack.callsTo('conversations.replies').at(-1)?.args).toMatchObject({ channel: 'C0000GENERAL', ts: first.ts });
    expect(idsOf(answer)[0]).toBe('kbic');
    expect(displayedText(answer.args.blocks)).toContain('1998');
    await waitFor(() => h.journal.entries.find((e) => e.type === 'question' && e.channelType === 'thread'));
  });

  it('answers a broadcast DM reply in its thread', async () => {
    const root = nextTs();
    const event = dm('what is KBIC?', { subtype: 'thread_broadcast', thread_ts: root });
    await sendEvent(h, event);
    const answer = await waitFor(() => answerTo(event.ts));
    expect(answer.args).toMatchObject({ channel: 'D0000ALICE', thread_ts: root });
  });
});

describe('every documented subtype', () => {
  const subtypes = [...Object.keys(MESSAGE_SUBTYPES), 'brand_new_subtype'];

  it.each([
    ['a direct message', 'dm'],
    ['a mention', 'mention'],
  ] as const)('in %s: answered, ignored or logged as the table says', async (_where, kind) => {
    const mark = h.logs.length;
    const sent = new Map<string, string>();
    for (const subtype of subtypes) {
      const threadTs = nextTs();
      const shape = { subtype, ...shapeOf(subtype, threadTs) };
      const event = kind === 'dm' ? dm('what is KBIC?', shape) : mention('what is KBIC?', shape);
      sent.set(subtype, event.ts);
      expect((await sendEvent(h, event)).status).toBe(200);
    }
    const answered = subtypes.filter((s) => subtypeDecision(s) === 'answer');
    await waitFor(() => answered.every((s) => answerTo(sent.get(s)!)));
    await settle();
    const replied = subtypes.filter((s) => h.slack.callsTo('chat.postMessage').some((c) => questionTsOf(c) === sent.get(s)));
    expect(replied).toEqual(answered);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(answered.length);

    const logs = h.logs.slice(mark);
    const warned = logs.filter((l) => l.includes(' WARN ') && l.includes('could not be answered'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toContain('ekm_access_denied');
    expect(warned[0]).not.toContain('suspended');
    const unknown = logs.filter((l) => l.includes(' INFO ') && l.includes('brand_new_subtype'));
    expect(unknown).toHaveLength(1);
    expect(logs.filter((l) => l.includes(' ERROR '))).toEqual([]);
  });
});

describe('docs/slack.md', () => {
  it('shows the subtype table the code follows', () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/slack.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z_]+)` \| (answer|ignore|log) \|/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(Object.entries(MESSAGE_SUBTYPES).map(([s, r]) => [s, r.decision])));
    expect(rows.length).toBe(Object.keys(MESSAGE_SUBTYPES).length);
  });
});
