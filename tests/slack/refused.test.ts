/**
 * Buttons on a message in a conversation the bot cannot write to: an answer shared into a DM between two people, a
 * channel the bot is not in or one since archived. The Web API refuses the channel there (the fake answers every
 * `chat.*` and `conversations.*` call for it with `{ ok: false, error }`), and every button falls back to the
 * click's response_url: the page is replaced, or the clicker answered privately. Nothing says "something went wrong".
 */
import { describe, expect, it } from 'vitest';
import { encodeValue } from '../../src/render/actions.ts';
import { BOT_ID, type StoredMessage } from './fake-slack.ts';
import { EMAIL, buttonsOf, displayedText, sendClick, sendCommand, useHarness, waitFor, type Clicked, type Harness } from './harness.ts';

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

/** A DM between Alice and Bob: the bot is not in it. */
const ALICE_BOB = 'D0000ALICEBOB';

const responsesTo = (id: string) => h.slack.responses.filter((r) => r.id === id).map((r) => r.body as unknown as Reply);
const errorsIn = (lines: readonly string[]) => lines.filter((l) => l.includes(' ERROR '));

function button(message: { blocks?: unknown }, id: string | RegExp): Clicked {
  const found = buttonsOf(message).find((b) => (typeof id === 'string' ? b.action_id === id : id.test(b.action_id)));
  if (!found) throw new Error(`no ${String(id)} button`);
  return found;
}

let tsCounter = 1_890_000_000;

/**
 * `/cluster <question>` in a conversation the bot cannot write to, then Share: Slack refuses chat.postMessage there,
 * so the answer is shared through the response URL. Returns the shared copy as Slack would show it to a click.
 */
async function sharedCopy(question: string, channel = ALICE_BOB): Promise<StoredMessage> {
  const { reply } = await sendCommand(h, question, { channel });
  const { responseId } = await sendClick(h, button(reply!, 'share_answer'), { channel, ephemeral: true });
  const shared = await waitFor(() => responsesTo(responseId).find((r) => r.response_type === 'in_channel'));
  await waitFor(() => responsesTo(responseId).find((r) => r.delete_original === true));
  return { channel, ts: `${++tsCounter}.000600`, text: shared.text, blocks: shared.blocks, bot_id: BOT_ID };
}

describe('an answer shared into a DM between two people', () => {
  it('is shared through the response URL when chat.postMessage is refused, e-mail addresses redacted', async () => {
    h.slack.refuseChannel(ALICE_BOB, 'channel_not_found');
    const person = h.knowledge.entities.find((e) => e.kind === 'person' && e.facts.some((f) => EMAIL.test(f.text)))!;
    const { reply } = await sendCommand(h, `who is ${person.name}?`, { channel: ALICE_BOB });
    expect(displayedText(reply!.blocks)).toMatch(EMAIL);
    const mark = h.logs.length;
    const { responseId } = await sendClick(h, button(reply!, 'share_answer'), { channel: ALICE_BOB, ephemeral: true });
    const shared = await waitFor(() => responsesTo(responseId).find((r) => r.response_type === 'in_channel'));
    expect(h.slack.callsTo('chat.postMessage')[0]?.refused).toBe('channel_not_found');
    expect(JSON.stringify(shared)).not.toMatch(EMAIL);
    expect(displayedText(shared.blocks)).toContain('Shared by <@U0000ALICE>');
    expect(errorsIn(h.logs.slice(mark))).toEqual([]);
  });

  it('More results on the shared copy replaces the page through the response URL (chat.update refused)', async () => {
    h.slack.refuseChannel(ALICE_BOB, 'channel_not_found');
    const copy = await sharedCopy('regenerative medicine');
    const mark = h.logs.length;
    const { responseId } = await sendClick(h, button(copy, 'more_results'), { message: copy, ephemeral: false });
    const next = await waitFor(() => responsesTo(responseId)[0]);
    expect(h.slack.callsTo('chat.update')[0]).toMatchObject({ refused: 'channel_not_found', args: { channel: ALICE_BOB, ts: copy.ts } });
    expect(next.replace_original).toBe(true);
    expect(displayedText(next.blocks)).toMatch(/results 4–6 of \d+/);
    expect(next.text).not.toMatch(/went wrong/);
    expect(responsesTo(responseId)).toHaveLength(1);
    expect(errorsIn(h.logs.slice(mark))).toEqual([]);
    expect(h.logs.slice(mark).some((l) => l.includes(' INFO ') && l.includes('more results') && l.includes('channel_not_found'))).toBe(true);
  });

  it('a page replaced through the response URL is rendered for everyone there: no e-mail address', async () => {
    h.slack.refuseChannel(ALICE_BOB, 'channel_not_found');
    const person = h.knowledge.entities.find((e) => e.kind === 'person' && e.facts.some((f) => EMAIL.test(f.text)))!;
    const more = { action_id: 'more_results', value: encodeValue({ q: `who is ${person.name}?`, o: 0, c: [], k: 'slash' }), text: 'More results' };
    const message: StoredMessage = { channel: ALICE_BOB, ts: `${++tsCounter}.000600`, text: 'shared', bot_id: BOT_ID };
    const { responseId } = await sendClick(h, more, { message, ephemeral: false });
    const page = await waitFor(() => responsesTo(responseId)[0]);
    expect(page.replace_original).toBe(true);
    expect(displayedText(page.blocks)).toContain('[e-mail: ask me in a DM]');
    expect(JSON.stringify(page)).not.toMatch(EMAIL);

    // The same click in the bot's own DM, where chat.update works, shows the address to the one person there.
    const own: StoredMessage = { channel: 'D0000ALICE', ts: `${++tsCounter}.000600`, text: 'answer', bot_id: BOT_ID };
    await sendClick(h, more, { message: own, ephemeral: false });
    const update = await waitFor(() => h.slack.callsTo('chat.update').find((c) => c.args.channel === 'D0000ALICE'));
    expect(displayedText(update.args.blocks)).toMatch(EMAIL);
  });

  it.each([
    ['Show source', 'show_source'],
    ['Helpful', 'feedback_helpful'],
    ['a related entity', /^related_entity_\d+$/],
  ] as const)('%s on the shared copy answers the clicker privately', async (_what, id) => {
    h.slack.refuseChannel(ALICE_BOB, 'channel_not_found');
    const copy = await sharedCopy('what is KBIC?');
    const mark = h.logs.length;
    const { responseId } = await sendClick(h, button(copy, id), { message: copy, ephemeral: false });
    const answer = await waitFor(() => responsesTo(responseId)[0]);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(answer.text).not.toMatch(/went wrong/);
    expect(h.slack.callsTo('chat.postMessage').filter((c) => !c.refused)).toEqual([]);
    expect(errorsIn(h.logs.slice(mark))).toEqual([]);
  });
});

describe('More results where Slack refuses the channel', () => {
  it.each(['not_in_channel', 'channel_not_found', 'is_archived', 'cant_update_message'])(
    '%s: the page is replaced through the response URL',
    async (error) => {
      const channel = 'C0000NOTMEMBER';
      h.slack.refuseChannel(channel, error);
      const copy = await sharedCopy('regenerative medicine', channel);
      const { responseId } = await sendClick(h, button(copy, 'more_results'), { message: copy, ephemeral: false });
      const next = await waitFor(() => responsesTo(responseId)[0]);
      expect(h.slack.callsTo('chat.update')[0]?.refused).toBe(error);
      expect(next.replace_original).toBe(true);
      expect(displayedText(next.blocks)).toMatch(/results 4–6 of \d+/);
    },
  );

  it('other failures still tell the clicker, once', async () => {
    const copy: StoredMessage = { channel: 'C0000GENERAL', ts: `${++tsCounter}.000600`, text: 'answer', bot_id: BOT_ID };
    const more = { action_id: 'more_results', value: encodeValue({ q: 'regenerative medicine', o: 3, c: [], k: 'mention' }), text: 'More results' };
    h.slack.failNext('chat.update', 'invalid_blocks');
    const mark = h.logs.length;
    const { responseId } = await sendClick(h, more, { message: copy, ephemeral: false });
    const notice = await waitFor(() => responsesTo(responseId)[0]);
    expect(notice.text).toMatch(/went wrong/);
    expect(errorsIn(h.logs.slice(mark))).toHaveLength(1);
  });
});
