/**
 * Block Kit as readable text, for the local console: the same messages Slack gets, read without Slack. Text goes
 * through `terminalSafe`, so nothing in a question or a knowledge file can drive the terminal.
 */
import type { KnownBlock } from '@slack/types';
import { ACTION } from './actions.ts';
import type { Message } from './blocks.ts';
import { terminalSafe } from './terminal.ts';
import { PLAIN, type TextStyle } from './text.ts';

/** A message as lines of text; buttons become hints (the console has nothing to click). */
export function renderConsole(message: Pick<Message, 'blocks'> & { readonly text?: string }, style: TextStyle = PLAIN): string {
  const lines: string[] = [];
  for (const block of message.blocks) lines.push(...blockLines(block, style));
  while (lines.at(-1) === '') lines.pop();
  if (lines.length === 0 && message.text) lines.push(mrkdwnToText(message.text, style));
  return `${lines.join('\n')}\n`;
}

function blockLines(block: KnownBlock, style: TextStyle): string[] {
  switch (block.type) {
    case 'header':
      return [terminalSafe(block.text.text), '='.repeat(Math.min(60, block.text.text.length)), ''];
    case 'section': {
      const out = block.text ? mrkdwnToText(block.text.text, style, block.text.type).split('\n') : [];
      for (const field of block.fields ?? []) out.push(mrkdwnToText(field.text, style, field.type));
      return out;
    }
    case 'context':
      return [
        `   ${block.elements
          .map((e) => ('text' in e && typeof e.text === 'string' ? mrkdwnToText(e.text, style, e.type) : ''))
          .filter(Boolean)
          .join(' · ')}`,
      ];
    case 'actions': {
      const related: string[] = [];
      const hints: string[] = [];
      for (const element of block.elements) {
        if (element.type !== 'button') continue;
        const id = element.action_id ?? '';
        if (id.startsWith(ACTION.related)) related.push(terminalSafe(element.text.text));
        else if (id === ACTION.more) hints.push(`${terminalSafe(element.text.text)}: type "more"`);
        else if (id.startsWith(ACTION.example)) hints.push(`Try: ${terminalSafe(element.text.text)}`);
      }
      const out: string[] = [];
      if (related.length > 0) out.push(`   Related: ${related.join(', ')}`);
      out.push(...hints.map((h) => `   ${h}`));
      return out;
    }
    case 'divider':
      return [''];
    default:
      return [];
  }
}

/** mrkdwn to terminal-safe text: links as "label (url)", bold through the style, entities decoded, word joiners removed. */
export function mrkdwnToText(text: string, style: TextStyle = PLAIN, type: string = 'mrkdwn'): string {
  if (type === 'plain_text') return terminalSafe(text, { lines: true });
  // Made safe first: decoding `&lt;` and the rest below cannot produce a control character, and the style's own
  // escape codes are added after.
  return terminalSafe(text, { lines: true })
    .replace(/<(https?:[^|>]+)\|([^>]*)>/g, (_m, url: string, label: string) => `${label} (${url})`)
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/(^|[\s(“"'])\*([^*\n]+)\*(?=$|[\s).,;:!?”"'])/g, (_m, pre: string, word: string) => pre + style.mark(word))
    .replace(/(^|\s)_([^_\n]+)_(?=$|[\s).,;:!?])/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\u2060/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
