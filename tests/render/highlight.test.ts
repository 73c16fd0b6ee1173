/**
 * Highlighting whole tokens: the engine marks matched words; the renderer widens each mark to the whole token it
 * touches (a hyphenated name, a version, a word with its apostrophe), keeps punctuation around a token outside the
 * mark, and marks no e-mail address or link at all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderAnswer, snippetMrkdwn } from '../../src/render/blocks.ts';
import { finishBold } from '../../src/render/escape.ts';
import { tokenMarks } from '../../src/render/text.ts';
import type { Engine } from '../../src/search/engine.ts';
import { markWords } from '../../src/search/shape.ts';
import type { Snippet } from '../../src/search/types.ts';
import { realEngine } from '../helpers/engine.ts';

const CITATION = { source: 'src', title: 'Source', section: '', short: 'Source', date: '2018-12' };

/** The snippet with `terms` matched by the engine's marker, as Slack would receive it. */
function highlighted(text: string, terms: string[], audience: 'private' | 'channel' = 'private'): string {
  const snippet: Snippet = { text, marks: markWords(text, terms), citation: CITATION };
  return finishBold(snippetMrkdwn(snippet, audience));
}

describe('tokenMarks', () => {
  it.each([
    ["collaborates with Japan's LINK-J network.", ['link', 'j'], "collaborates with Japan's *LINK-J* network."],
    ["Japan's tailor-made medicine market", ['made'], "Japan's *tailor-made* medicine market"],
    ['the Techtera cluster (cfarace@techtera.org).', ['techtera'], 'the *Techtera* cluster (cfarace@techtera.org).'],
    ['see https://www.techtera.org/en for Techtera', ['techtera'], 'see https://www.techtera.org/en for *Techtera*'],
    ['or www.kbic.or.jp and KBIC.', ['kbic'], 'or www.kbic.or.jp and *KBIC*.'],
    ['version 2.0.1 of it', ['2'], 'version *2.0.1* of it'],
    ['founded (in 1998), in Kobe.', ['1998', 'kobe'], 'founded (in *1998*), in *Kobe*.'],
    ['“Techtera”, said', ['techtera'], '“*Techtera*”, said'],
    ['R&D in EU–Japan work', ['r', 'japan'], '*R&amp;D* in *EU–Japan* work'],
  ])('%j with %j reads %j', (text, terms, expected) => {
    expect(highlighted(text, terms)).toBe(expected);
  });

  it('merges several matches in one token into one mark, and ignores empty ranges', () => {
    expect(tokenMarks('LINK-J network', [[0, 4], [5, 6], [8, 8]])).toEqual([[0, 6]]);
    expect(tokenMarks('a b', [])).toEqual([]);
    expect(tokenMarks('( ) ...', [[0, 7]])).toEqual([]);
  });

  it('leaves e-mail addresses whole in a DM and redactable in a channel', () => {
    const text = 'write to hauck@lifesciencenord.de now';
    expect(highlighted(text, ['hauck', 'lifesciencenord'])).toBe(text);
    expect(highlighted(text, ['hauck', 'lifesciencenord', 'now'], 'channel')).toBe('write to [e-mail: ask me in a DM] *now*');
  });
});

describe('answers from the real knowledge', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await realEngine();
  });

  const bodyOf = (question: string, audience: 'private' | 'channel' = 'private') =>
    renderAnswer(engine.ask(question), { audience, origin: 'slash' })
      .blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []))
      .join('\n');

  it.each([
    ['which clusters collaborate with LINK-J?', '*LINK-J*', /\*LINK\*|\*J\*/],
    ['tailor made medicine drugs', '*tailor-made*', /-\*made\*|\*tailor\*-/],
    ['who is the techtera contact?', '(cfarace@techtera.org)', /@\*|\*@|\*\.org/],
  ])('%j shows %j and never %s', (question, shown, broken) => {
    const body = bodyOf(question);
    expect(body).toContain(shown);
    expect(body).not.toMatch(broken);
  });
});
