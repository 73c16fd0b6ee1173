import { expect } from 'vitest';

/** Asserts a message or view stays within Slack's Block Kit limits. */
export function expectWithinLimits(message: { text?: string; blocks: readonly unknown[] }, maxBlocks = 50): void {
  if (message.text !== undefined) {
    expect(message.text.length).toBeGreaterThan(0);
    expect(message.text.length).toBeLessThanOrEqual(3000);
  }
  expect(message.blocks.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(maxBlocks);
  for (const block of message.blocks as unknown as Array<Record<string, any>>) {
    if (block.block_id !== undefined) expect(block.block_id.length).toBeLessThanOrEqual(255);
    if (block.type === 'section') {
      expect(block.text.text.length).toBeGreaterThan(0);
      expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'context') {
      expect(block.elements.length).toBeLessThanOrEqual(10);
      for (const e of block.elements) expect(e.text.length).toBeLessThanOrEqual(3000);
    }
    if (block.type === 'actions') {
      expect(block.elements.length).toBeLessThanOrEqual(25);
      const ids = block.elements.map((e: { action_id: string }) => e.action_id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const e of block.elements) {
        expect(e.action_id.length).toBeLessThanOrEqual(255);
        expect(e.text.text.length).toBeGreaterThan(0);
        expect(e.text.text.length).toBeLessThanOrEqual(75);
        expect(e.value.length).toBeLessThanOrEqual(2000);
      }
    }
  }
}

/** The text Slack displays (text objects only). */
export function displayed(blocks: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') out.push(o.text);
    for (const [k, v] of Object.entries(o)) if (k !== 'value') walk(v);
  };
  walk(blocks);
  return out;
}
