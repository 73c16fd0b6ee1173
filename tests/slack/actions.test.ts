import { firstAnswerTitle } from '../helpers/answers.ts';
import { describe, expect, it } from 'vitest';
import { BOT_USER_ID } from './fake-slack.ts';
import { EMAIL, buttonsOf, displayedText, sendClick, sendCommand, sendEvent, useHarness, waitFor, type Harness } from './harness.ts';

let h: Harness;
useHarness((started) => {
  h = started;
});

type Reply = {
  response_type?: string;
  replace_original?: boolean;
  delete_original?: boolean;
  text: string;
  blocks: Array<Record<string, any>>;
};

async function slash(text: string, channel = 'C0000GENERAL'): Promise<Reply> {
  const { reply } = await sendCommand(h, text, { channel });
  return reply as unknown as Reply;
}

const button = (reply: { blocks?: unknown }, id: string | RegExp) => {
  const found = buttonsOf(reply).find((b) => (typeof id === 'string' ? b.action_id === id : id.test(b.action_id)));
  if (!found) throw new Error(`no ${String(id)} button`);
  return found;
};

const responsesTo = (id: string) => h.slack.responses.filter((r) => r.id === id).map((r) => r.body as unknown as Reply);

describe('Share in channel', () => {
  it('posts the answer to the channel for everyone (no e-mail) and removes the private copy', async () => {
    const person = h.knowledge.entities.find((e) => e.kind === 'person' && e.facts.some((f) => EMAIL.test(f.text)))!;
    const reply = await slash(`who is ${person.name}?`);
    expect(displayedText(reply.blocks)).toMatch(EMAIL);
    const { responseId } = await sendClick(h, button(reply, 'share_answer'));
    const post = await waitFor(() => h.slack.callsTo('chat.postMessage')[0]);
    expect(post.args.channel).toBe('C0000GENERAL');
    expect(JSON.stringify(post.args)).not.toMatch(EMAIL);
    expect(displayedText(post.args.blocks)).toContain('Shared by <@U0000ALICE>');
    expect(buttonsOf(post.args).map((b) => b.action_id)).not.toContain('share_answer');
    await waitFor(() => responsesTo(responseId).find((r) => r.delete_original === true));
  });

  it('posts through the response URL where the bot is not a member', async () => {
    const reply = await slash('what is KBIC?');
    h.slack.failNext('chat.postMessage', 'not_in_channel');
    const { responseId } = await sendClick(h, button(reply, 'share_answer'));
    const shared = await waitFor(() => responsesTo(responseId).find((r) => r.response_type === 'in_channel'));
    expect(shared.blocks.length).toBeGreaterThan(0);
    await waitFor(() => responsesTo(responseId).find((r) => r.delete_original === true));
  });
});

describe('More results', () => {
  it('replaces an ephemeral page with the next one', async () => {
    const reply = await slash('cluster cooperation in life science');
    const more = button(reply, 'more_results');
    const { responseId } = await sendClick(h, more);
    const next = await waitFor(() => responsesTo(responseId)[0]);
    expect(next.replace_original).toBe(true);
    expect(displayedText(next.blocks)).toMatch(/results 4–6 of \d+/);
    expect(displayedText(next.blocks)).toContain('*4. ');
  });

  it('updates a channel message in place, with metadata for the page shown', async () => {
    const ts = '1800000500.000100';
    h.slack.addUserMessage({
      channel: 'C0000GENERAL',
      ts,
      text: `<@${BOT_USER_ID}> cluster cooperation in life science`,
      user: 'U0000ALICE',
    });
    await sendEvent(h, {
      type: 'app_mention',
      user: 'U0000ALICE',
      text: `<@${BOT_USER_ID}> cluster cooperation in life science`,
      ts,
      channel: 'C0000GENERAL',
      event_ts: ts,
    });
    const post = await waitFor(() => h.slack.callsTo('chat.postMessage')[0]);
    const stored = h.slack.messages.find((m) => m.bot_id && m.thread_ts === ts)!;
    await sendClick(h, button(post.args, 'more_results'), { message: stored });
    const update = await waitFor(() => h.slack.callsTo('chat.update')[0]);
    expect(update.args).toMatchObject({ channel: 'C0000GENERAL', ts: stored.ts });
    expect((update.args.metadata as { event_type: string }).event_type).toBe('cluster_answer');
    expect(JSON.stringify(update.args)).not.toMatch(EMAIL);
  });
});

describe('feedback, sources and related entities', () => {
  it.each([
    ['feedback_helpful', true],
    ['feedback_not_helpful', false],
  ] as const)('%s is recorded and thanked privately', async (id, helpful) => {
    const reply = await slash('what is KBIC?');
    const { responseId } = await sendClick(h, button(reply, id));
    const thanks = await waitFor(() => responsesTo(responseId)[0]);
    expect(thanks.response_type).toBe('ephemeral');
    expect(thanks.replace_original).toBe(false);
    const entry = await waitFor(() => h.journal.entries.find((e) => e.type === 'feedback'));
    expect(entry).toMatchObject({ type: 'feedback', helpful, question: 'what is KBIC?', channelType: 'slash' });
    expect(entry.top.length).toBeGreaterThan(0);
  });

  it('Show source gives the source title, publisher and date', async () => {
    const reply = await slash('what is KBIC?');
    const { responseId } = await sendClick(h, button(reply, 'show_source'));
    const details = await waitFor(() => responsesTo(responseId)[0]);
    const text = displayedText(details.blocks);
    expect([...h.knowledge.sources.values()].some((s) => text.includes(s.publisher))).toBe(true);
    expect(text).toMatch(/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}|\d{4}/);
  });

  it('a related-entity button answers about that entity', async () => {
    const reply = await slash('what is KBIC?');
    const related = button(reply, /^related_entity_\d+$/);
    const { responseId } = await sendClick(h, related);
    const answer = await waitFor(() => responsesTo(responseId)[0]);
    const entity = related.text.replace(/^More about /, '');
    expect(firstAnswerTitle(answer.blocks)).toContain(entity.slice(0, 20).replace(/&/g, '&amp;'));
  });

  it('an App Home example question is answered in the DM', async () => {
    await sendEvent(h, { type: 'app_home_opened', user: 'U0000ALICE', channel: 'D0000ALICE', tab: 'home', event_ts: '1800000600.000100' });
    const publish = await waitFor(() => h.slack.callsTo('views.publish')[0]);
    const example = button(publish.args.view as { blocks: unknown }, /^example_question_\d+$/);
    await sendClick(h, example, { home: true });
    const post = await waitFor(() => h.slack.callsTo('chat.postMessage')[0]);
    expect(post.args.channel).toBe('U0000ALICE');
    await waitFor(() => h.journal.entries.find((e) => e.type === 'question' && e.channelType === 'home'));
  });

  it('a tampered button value gets a short private reply, not silence', async () => {
    const { responseId } = await sendClick(h, { action_id: 'more_results', value: '{"not":"ours"', text: 'More results' });
    const notice = await waitFor(() => responsesTo(responseId)[0]);
    expect(notice.text).toMatch(/went wrong/);
  });
});
