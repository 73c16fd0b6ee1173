/**
 * Slack sends user text HTML-escaped (`&amp;`, `&lt;`, `&gt;`) and with `<…>` markup, in events and in slash
 * commands. It is read back once where it enters the app: the engine and the journal see what the person typed, and
 * the answer echoes it escaped exactly once.
 */
import { describe, expect, it } from 'vitest';
import { fromSlackText, questionText } from '../../src/slack/text.ts';
import { BOT_USER_ID } from './fake-slack.ts';
import { buttonsOf, displayedText, sendClick, sendCommand, sendEvent, useHarness, waitFor, type Harness } from './harness.ts';

describe('fromSlackText', () => {
  it.each([
    ['R&amp;D', 'R&D'],
    ['a &lt;b&gt; c', 'a <b> c'],
    // Decoded once: what the person typed as "&lt;" stays "&lt;".
    ['&amp;lt; and &amp;amp;', '&lt; and &amp;'],
    ['5 &gt; 3 &amp;&amp; 2 &lt; 4', '5 > 3 && 2 < 4'],
    ['no entities here; & alone stays', 'no entities here; & alone stays'],
    [`<@${BOT_USER_ID}> what is KBIC?`, '  what is KBIC?'],
    ['hi<@U0000BOB>there', 'hi there'],
    ['<@U0000BOB|bob> and <@W0000ENT>', '  and  '],
    ['in <#C0000GEN|general>, and <#C0000GEN>', 'in #general, and '],
    ['<!here> <!channel> <!everyone>', '@here @channel @everyone'],
    ['ask <!subteam^S0001|@cluster-team>', 'ask @cluster-team'],
    ['on <!date^1392734382^{date_num}|2014-02-18>', 'on 2014-02-18'],
    ['see <https://www.kbic.or.jp/en/|kbic.or.jp> and <https://example.org/a?b=1&amp;c=2>', 'see kbic.or.jp and https://example.org/a?b=1&c=2'],
    ['write <mailto:cfarace@techtera.org|cfarace@techtera.org> or <mailto:x@y.org>', 'write cfarace@techtera.org or x@y.org'],
    ['a link label <https://x.example|R&amp;D &lt;3&gt;>', 'a link label R&D <3>'],
    ['a lone < or > is kept', 'a lone < or > is kept'],
  ])('%j reads as %j', (slack, typed) => {
    expect(fromSlackText(slack)).toBe(typed);
  });

  it('questionText collapses the whitespace mentions leave', () => {
    expect(questionText(`<@${BOT_USER_ID}>   what is   R&amp;D? `)).toBe('what is R&D?');
  });
});

let h: Harness;
useHarness((started) => {
  h = started;
});

let tsCounter = 1_870_000_000;
const nextTs = () => `${++tsCounter}.000400`;

const ESCAPED_QUESTION = 'what is Keihanna R&amp;D Innovation Consortium?';
const TYPED_QUESTION = 'what is Keihanna R&D Innovation Consortium?';
const CONSORTIUM = 'keihanna-rd-innovation-consortium';

function dm(text: string) {
  const ts = nextTs();
  return { type: 'message', user: 'U0000ALICE', text, ts, channel: 'D0000ALICE', event_ts: ts, channel_type: 'im' };
}

function mention(text: string) {
  const ts = nextTs();
  const event = { type: 'app_mention', user: 'U0000ALICE', text: `<@${BOT_USER_ID}> ${text}`, ts, channel: 'C0000GENERAL', event_ts: ts };
  h.slack.addUserMessage({ channel: event.channel, ts, text: event.text, user: 'U0000ALICE' });
  return event;
}

const idsOf = (call: { args: Record<string, unknown> }) =>
  (call.args.metadata as { event_payload: { ids: string } }).event_payload.ids.split(',');

/** The lead line of an answer, as mrkdwn. */
const leadOf = (blocks: unknown) =>
  ((blocks as Array<{ block_id?: string; text?: { text: string } }>).find((b) => b.block_id === 'answer_lead')?.text?.text ?? '');
/** The line that echoes the question ("You asked: “…”"), as mrkdwn. */
const echoOf = (blocks: unknown) =>
  (blocks as Array<{ block_id?: string; elements?: Array<{ text?: string }> }>).find((b) => b.block_id === 'answer_question')?.elements?.[0]?.text ??
  '';

describe('escaped text from Slack, end to end', () => {
  it('a DM "R&amp;D" is answered as "R&D": echoed escaped once, searched and journaled as typed', async () => {
    await sendEvent(h, dm(ESCAPED_QUESTION));
    const post = await waitFor(() => h.slack.callsTo('chat.postMessage')[0]);
    expect(idsOf(post)[0]).toBe(CONSORTIUM);
    const lead = leadOf(post.args.blocks);
    expect(echoOf(post.args.blocks)).toContain('R&amp;D Innovation');
    expect(JSON.stringify(post.args)).not.toContain('&amp;amp;');
    expect(lead).not.toMatch(/I don't know|found nothing/);
    const entry = await waitFor(() => h.journal.entries.find((e) => e.type === 'question'));
    expect(entry).toMatchObject({ question: TYPED_QUESTION, answered: true, channelType: 'dm' });
  });

  it('answers the escaped form exactly as the raw one', async () => {
    await sendEvent(h, dm(ESCAPED_QUESTION));
    await sendEvent(h, dm(TYPED_QUESTION.replace('&', '&amp;')));
    const [escaped, again] = await waitFor(() => h.slack.callsTo('chat.postMessage').length >= 2 && h.slack.callsTo('chat.postMessage'));
    expect(displayedText(escaped!.args.blocks)).toBe(displayedText(again!.args.blocks));
  });

  it('a mention with < and > reads them as typed', async () => {
    const event = mention('KBIC &lt;Kobe&gt; &amp; partners');
    await sendEvent(h, event);
    const post = await waitFor(() => h.slack.callsTo('chat.postMessage')[0]);
    expect(echoOf(post.args.blocks)).toContain('KBIC &lt;Kobe&gt; &amp; partners');
    expect(JSON.stringify(post.args)).not.toMatch(/&amp;(?:amp|lt|gt);/);
    const entry = await waitFor(() => h.journal.entries.find((e) => e.type === 'question'));
    expect(entry.question).toBe('KBIC <Kobe> & partners');
  });

  it('/cluster text is read back once too, and its buttons carry the typed question', async () => {
    const { reply } = await sendCommand(h, ESCAPED_QUESTION);
    expect(reply).toBeDefined();
    expect(echoOf(reply!.blocks)).toContain('R&amp;D Innovation');
    expect(JSON.stringify(reply)).not.toContain('&amp;amp;');
    const entry = h.journal.entries.find((e) => e.type === 'question');
    expect(entry).toMatchObject({ question: TYPED_QUESTION, answered: true, channelType: 'slash' });

    const helpful = buttonsOf(reply!).find((b) => b.action_id === 'feedback_helpful')!;
    expect(JSON.parse(helpful.value).q).toBe(TYPED_QUESTION);
    await sendClick(h, helpful);
    const feedback = await waitFor(() => h.journal.entries.find((e) => e.type === 'feedback'));
    expect(feedback.question).toBe(TYPED_QUESTION);
  });

  it.each(['R&amp;D', 'partners R&amp;D', 'mission R&amp;D &lt;x&gt;', 'kind:organisation R&amp;D'])(
    '/cluster %s: every echo (help, list heading, lead, filters) escapes once',
    async (text) => {
      const { reply } = await sendCommand(h, text);
      const raw = JSON.stringify(reply);
      expect(raw).not.toMatch(/&amp;(?:amp|lt|gt);/);
      expect(displayedText(reply!.blocks)).toContain('R&amp;D');
    },
  );

  it('a link in a question reads as its label', async () => {
    await sendEvent(h, dm('what is <https://www.kbic.or.jp/en/|KBIC>?'));
    const post = await waitFor(() => h.slack.callsTo('chat.postMessage')[0]);
    expect(idsOf(post)[0]).toBe('kbic');
    const entry = await waitFor(() => h.journal.entries.find((e) => e.type === 'question'));
    expect(entry.question).toBe('what is KBIC?');
  });
});
