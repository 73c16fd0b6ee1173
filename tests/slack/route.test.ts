import { describe, expect, it } from 'vitest';
import { commandRoute } from '../../src/slack/listeners/commands/route.ts';

/** Runs the route on a request body; says whether the listener or the rest of the chain got it. */
async function route(body: Record<string, unknown>): Promise<'listener' | 'next'> {
  let reached: 'listener' | 'next' | undefined;
  const middleware = commandRoute('/cluster', async () => {
    reached = 'listener';
  });
  await middleware({ body, next: async () => void (reached = 'next') } as never);
  return reached!;
}

describe('commandRoute', () => {
  it('hands its own command to the listener and nothing else', async () => {
    expect(await route({ command: '/cluster', text: 'KBIC' })).toBe('listener');
    expect(await route({ command: '/other', text: 'KBIC' })).toBe('next');
    expect(await route({ type: 'event_callback', event: { type: 'app_mention' } })).toBe('next');
    expect(await route({ type: 'block_actions', actions: [] })).toBe('next');
  });
});
