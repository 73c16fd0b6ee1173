import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/slack/replies/command.ts';
import { replyTo } from '../../src/slack/replies/reply.ts';
import { fixtureEngine } from '../helpers/engine.ts';

describe('parseCommand', () => {
  it.each([
    ['', { type: 'help' }],
    ['/cluster missions in 2023', { type: 'list', of: 'mission', filter: '2023' }],
    ['partners textiles', { type: 'list', of: 'partnership', filter: 'textiles' }],
    ['missions in regenerative medicine', { type: 'ask', question: 'missions in regenerative medicine' }],
    ['partner Techtera', { type: 'lookup', of: 'partnership', name: 'Techtera', word: 'partner' }],
  ])('%j', (input, expected) => {
    expect(parseCommand(input)).toEqual(expected);
  });

  it.each([
    ['hi', false],
    ['Hello there!', false],
    ['good morning all', false],
    ['thanks!', true],
    ['ok thank you so much', true],
    ['cheers, great help', true],
  ])('reads %j as a pleasantry (thanks: %s), not a question', (input, thanks) => {
    expect(parseCommand(input)).toEqual({ type: 'chat', thanks });
  });

  it.each(['hi, when was HBC founded?', 'thanks — and who runs it?', 'ok', 'good', 'hi '.repeat(9)])('reads %j as a question', (input) => {
    expect(parseCommand(input).type).toBe('ask');
  });

  it('answers a pleasantry in kind, without searching or a result to journal', async () => {
    const engine = await fixtureEngine();
    const reply = replyTo(engine, 'thanks!', { audience: 'private', origin: 'dm' });
    expect(reply.result).toBeUndefined();
    expect(reply.message.text).toMatch(/welcome/i);
    expect(replyTo(engine, 'hi', { audience: 'private', origin: 'dm' }).message.text).toMatch(/^Hi! Ask me about/);
  });
});
