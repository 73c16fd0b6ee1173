import { describe, expect, it } from 'vitest';
import { BOT_ID, BOT_USER_ID } from './fake-slack.ts';
import { EMAIL, displayedText, sendEvent, settle, useHarness, waitFor, type Harness } from './harness.ts';

let h: Harness;
useHarness((started) => {
  h = started;
});

let tsCounter = 1_800_000_000;
const nextTs = () => `${++tsCounter}.000200`;

function mention(text: string, extra: Record<string, unknown> = {}) {
  const ts = nextTs();
  const event = {
    type: 'app_mention',
    user: 'U0000ALICE',
    text: `<@${BOT_USER_ID}> ${text}`,
    ts,
    channel: 'C0000GENERAL',
    event_ts: ts,
    ...extra,
  };
  h.slack.addUserMessage({
    channel: event.channel,
    ts,
    text: event.text,
    user: 'U0000ALICE',
    ...(extra.thread_ts ? { thread_ts: String(extra.thread_ts) } : {}),
  });
  return event;
}

function dm(text: string, extra: Record<string, unknown> = {}) {
  const ts = nextTs();
  return { type: 'message', user: 'U0000ALICE', text, ts, channel: 'D0000ALICE', event_ts: ts, channel_type: 'im', ...extra };
}

const posts = () => h.slack.callsTo('chat.postMessage');

describe('mentions', () => {
  it('answers a mention in a thread of the mentioning message, with the answer ids in metadata', async () => {
    const event = mention('what is KBIC?');
    expect((await sendEvent(h, event)).status).toBe(200);
    const post = await waitFor(() => posts()[0]);
    expect(post.args.channel).toBe('C0000GENERAL');
    expect(post.args.thread_ts).toBe(event.ts);
    const metadata = post.args.metadata as { event_type: string; event_payload: { ids: string; question_ts: string } };
    expect(metadata.event_type).toBe('cluster_answer');
    expect(metadata.event_payload.question_ts).toBe(event.ts);
    expect(metadata.event_payload.ids.split(',').length).toBeGreaterThan(0);
    expect(displayedText(post.args.blocks)).not.toContain(BOT_USER_ID);
    await waitFor(() => h.journal.entries.find((e) => e.type === 'question' && e.channelType === 'mention'));
  });

  it('answers a retried delivery once, in this process and on another replica', async () => {
    const event = mention('what is KBIC?');
    await sendEvent(h, event, { eventId: 'EvRETRY1' });
    await waitFor(() => posts().length === 1);
    await sendEvent(h, event, { eventId: 'EvRETRY1', retryNum: 1, retryReason: 'http_timeout' });
    const replica = await h.replica();
    try {
      await sendEvent(h, event, { eventId: 'EvRETRY1', retryNum: 2, retryReason: 'http_timeout', base: replica.base });
      await waitFor(() => h.slack.callsTo('conversations.replies').length > 0);
      await settle();
      expect(posts()).toHaveLength(1);
    } finally {
      await replica.stop();
    }
  });

  it('reads a follow-up in a thread in the context of the last answer there', async () => {
    const org = h.knowledge.entities.find((e) => e.kind === 'organisation' && e.facts.some((f) => /founded/i.test(f.text)) && e.founded)!;
    const first = mention(org.name);
    await sendEvent(h, first);
    const answer = await waitFor(() => posts()[0]);
    const shown = (answer.args.metadata as { event_payload: { ids: string } }).event_payload.ids.split(',');
    expect(shown[0]).toBe(org.id);

    const followUp = mention('when was it founded?', { thread_ts: first.ts });
    await sendEvent(h, followUp);
    const second = await waitFor(() => posts()[1]);
    const replies = h.slack.callsTo('conversations.replies');
    expect(replies.at(-1)?.args).toMatchObject({ channel: 'C0000GENERAL', ts: first.ts });
    expect(String(replies.at(-1)?.args.include_all_metadata)).toBe('true');
    expect(second.args.thread_ts).toBe(first.ts);
    const ids = (second.args.metadata as { event_payload: { ids: string } }).event_payload.ids.split(',');
    expect(ids[0]).toBe(org.id);
  });

  it('never posts an e-mail address to a channel, though a DM shows it', async () => {
    const person = h.knowledge.entities.find((e) => e.kind === 'person' && e.facts.some((f) => EMAIL.test(f.text)))!;
    await sendEvent(h, mention(`who is ${person.name}? contact e-mail`));
    const inChannel = await waitFor(() => posts()[0]);
    expect(JSON.stringify(inChannel.args)).not.toMatch(EMAIL);
    expect(displayedText(inChannel.args.blocks)).toContain('[e-mail: ask me in a DM]');

    await sendEvent(h, dm(`who is ${person.name}? contact e-mail`));
    const inDm = await waitFor(() => posts()[1]);
    expect(inDm.args.channel).toBe('D0000ALICE');
    expect(displayedText(inDm.args.blocks)).toMatch(EMAIL);
  });

  it('ignores bots, edits and its own messages', async () => {
    await sendEvent(h, mention('what is KBIC?', { bot_id: 'B0000OTHER' }));
    await sendEvent(h, dm('what is KBIC?', { bot_id: 'B0000OTHER' }));
    await sendEvent(h, dm('what is KBIC?', { user: BOT_USER_ID, bot_id: BOT_ID }));
    await sendEvent(h, dm('what is KBIC?', { subtype: 'message_changed' }));
    await sendEvent(h, dm('what is KBIC?', { subtype: 'bot_message', bot_id: 'B0000OTHER' }));
    await sendEvent(h, dm('what is KBIC?', { edited: { user: 'U0000ALICE', ts: '1.2' } }));
    await sendEvent(h, dm('what is KBIC?', { channel_type: 'channel', channel: 'C0000GENERAL' }));
    await settle();
    expect(posts()).toHaveLength(0);
  });

  it('still replies, shortly, when answering fails', async () => {
    h.slack.failNext('chat.postMessage', 'invalid_blocks');
    const event = mention('what is KBIC?');
    await sendEvent(h, event);
    const notice = await waitFor(() => posts()[1]);
    expect(notice.args.thread_ts).toBe(event.ts);
    expect(String(notice.args.text)).toMatch(/went wrong/);
    expect(h.logs.filter((l) => l.includes('ERROR') && l.includes(event.ts))).toHaveLength(1);
  });
});

describe('direct messages', () => {
  it('answers in the conversation, not in a thread', async () => {
    const event = dm('which missions went to Japan in 2023?');
    await sendEvent(h, event);
    const post = await waitFor(() => posts()[0]);
    expect(post.args.channel).toBe('D0000ALICE');
    expect(post.args.thread_ts).toBeUndefined();
    await waitFor(() => h.journal.entries.find((e) => e.type === 'question' && e.channelType === 'dm'));
  });

  it('answers a retried DM once on another replica (the conversation shows it was answered)', async () => {
    const event = dm('what is KBIC?');
    await sendEvent(h, event, { eventId: 'EvDM1' });
    await waitFor(() => posts().length === 1);
    const replica = await h.replica();
    try {
      await sendEvent(h, event, { eventId: 'EvDM1', retryNum: 1, base: replica.base });
      await waitFor(() => h.slack.callsTo('conversations.history').length > 0);
      await settle();
      expect(posts()).toHaveLength(1);
    } finally {
      await replica.stop();
    }
  });
});

describe('App Home', () => {
  it('publishes the home view on app_home_opened', async () => {
    await sendEvent(h, { type: 'app_home_opened', user: 'U0000ALICE', channel: 'D0000ALICE', tab: 'home', event_ts: nextTs() });
    const publish = await waitFor(() => h.slack.callsTo('views.publish')[0]);
    expect(publish.args.user_id).toBe('U0000ALICE');
    const view = publish.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = displayedText(view.blocks);
    for (const source of h.knowledge.sources.values()) expect(text).toContain(source.publisher);
    expect(JSON.stringify(view.blocks)).toContain('example_question_0');
  });

  it('does not publish for the Messages tab', async () => {
    await sendEvent(h, { type: 'app_home_opened', user: 'U0000ALICE', channel: 'D0000ALICE', tab: 'messages', event_ts: nextTs() });
    await settle();
    expect(h.slack.callsTo('views.publish')).toHaveLength(0);
  });
});
